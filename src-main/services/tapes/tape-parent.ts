// The tape process's side of its link to the TapeService (tape-process.ts is the other): what to open, the
// queries coming in, the messages going out, and an upload's progress relayed into a GrowingFile of its own,
// since memory cannot be shared between processes.
import { GrowingFile } from '../growing-file.ts';
import type { TapeRequestMessage, TapeWorkerData, TapeWorkerMessage } from './tape-protocol.ts';

/** What the service passes to a tape process (as its one argument, JSON). */
export type TapeProcessData = TapeWorkerData & {
  /** The file is an upload still arriving, this many bytes long once whole; `UploadProgress` follows. */
  growingTotal?: number;
};

/** Service to tape process: how much of a growing file is on disk, and whether its writing ended. */
export interface UploadProgress {
  type: 'upload';
  written: number;
  state: 'growing' | 'complete' | 'failed';
}

export type TapeParentMessage = TapeRequestMessage | UploadProgress;

export interface TapeParent {
  readonly data: TapeWorkerData & { growing?: GrowingFile };
  post(message: TapeWorkerMessage): void;
  onQuery(listener: (query: TapeRequestMessage) => void): void;
}

/** The link of this process (started by tape-process.ts) to the service; throws anywhere else. */
export function tapeParent(): TapeParent {
  const send = process.send?.bind(process);
  const argument = process.argv[2];
  if (send === undefined || argument === undefined)
    throw new Error('tape-worker runs as a process started by the tape service only');
  const { growingTotal, ...data } = JSON.parse(argument) as TapeProcessData;
  const growing = growingTotal === undefined ? undefined : new GrowingFile({ total: growingTotal });
  const queries: ((query: TapeRequestMessage) => void)[] = [];
  process.on('message', (message: TapeParentMessage) => {
    if ('type' in message) {
      growing?.grew(message.written);
      if (message.state !== 'growing') growing?.end(message.state === 'complete');
    } else for (const listener of queries) listener(message);
  });
  // The service is gone (it ended or crashed): nothing is left to answer.
  process.on('disconnect', () => process.exit(0));
  return {
    data: { ...data, ...(growing ? { growing } : {}) },
    post: (message) => void send(message),
    onQuery: (listener) => void queries.push(listener),
  };
}
