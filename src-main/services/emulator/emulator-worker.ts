// The emulator's worker thread: the machine runs here so emulation never blocks IPC on the main thread.
import { closeSync, openSync, writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { WavWriter } from '../../core/formats/wav.ts';
import { DecodedTapeSource } from '../../core/modem/kcs-tape.ts';
import { decodeTapeFile } from '../tape-decode.ts';
import { EmulatorRunner } from './emulator-runner.ts';
import type { EmulatorMessage, EmulatorRequest } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('emulator-worker must run as a worker thread');

const post = (message: EmulatorMessage): void => port.postMessage(message);

const runner = new EmulatorRunner(() => performance.now(), {
  frame: (frame, video) => post({ kind: 'frame', frame, video }),
  status: (status) => post({ kind: 'status', status }),
  snapshot: (snapshot) => post({ kind: 'snapshot', snapshot }),
  serial: (bytes) => post({ kind: 'serial', bytes }),
});

let timer: NodeJS.Timeout | null = null;
function schedule(delay: number): void {
  timer = setTimeout(loop, delay);
}
function loop(): void {
  timer = null;
  schedule(runner.tick());
}

const RECORDING_RATE = 44_100;
let recording: { fd: number; writer: WavWriter; path: string } | null = null;

/** Runs one request; the tape commands that touch files are handled here, the rest by the runner. */
async function handle(request: EmulatorRequest): Promise<unknown> {
  switch (request.kind) {
    case 'configure':
      return runner.configure(request.config);
    case 'tapePlayAudio': {
      const tape = await decodeTapeFile(request.path, request.name);
      if (tape.bytes.length === 0)
        throw new Error(`No Kansas City Standard data was found in ${request.name}.`);
      runner.playTape(request.name, new DecodedTapeSource(tape.bytes, tape.sampleRate), request.speed);
      return { name: request.name, bytes: tape.bytes.length, audio: true, warnings: tape.warnings };
    }
    case 'tapeRecordStart': {
      if (recording) throw new Error('A recording is already running.');
      const writer = new WavWriter({ sampleRate: RECORDING_RATE, channels: 1, encoding: 'pcm16' });
      const fd = openSync(request.path, 'wx');
      writeSync(fd, writer.start());
      const target = { fd, writer, path: request.path };
      recording = target;
      runner.startRecording(RECORDING_RATE, (samples) =>
        writeSync(target.fd, target.writer.write([samples])),
      );
      return { path: request.path };
    }
    case 'tapeRecordStop': {
      const target = recording;
      if (!target) throw new Error('No recording is running.');
      const bytes = runner.stopRecording();
      const { header, trailer } = target.writer.finalize();
      if (trailer.length > 0) writeSync(target.fd, trailer);
      writeSync(target.fd, header, 0, header.length, 0);
      closeSync(target.fd);
      recording = null;
      return { path: target.path, bytes };
    }
    default:
      return runner.command(request);
  }
}

port.on('message', (request: EmulatorRequest) => {
  handle(request).then(
    (value) => {
      post({ kind: 'reply', id: request.id, ok: true, value });
      if (timer === null) schedule(0);
    },
    (error: unknown) =>
      post({
        kind: 'reply',
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
});
