// Decodes a tape in a thread of its own, beside the thread that reads the file and builds its peaks, and
// keeps the results; when the tape ends it hands them back as typed arrays (moved, not copied).
import { parentPort } from 'node:worker_threads';
import type { DecodeReply, DecodeRequest } from './decode-thread.ts';
import { tapeDecoder, type TapeDecoder } from './tape-decoder.ts';
import { TapeResults } from './tape-results.ts';

const port = parentPort;
if (port === null) throw new Error('decode-worker.ts runs as a worker thread only');

const results = new TapeResults();
let decoder: TapeDecoder | null = null;
const post = (reply: DecodeReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);

port.on('message', (request: DecodeRequest) => {
  try {
    if (request.type === 'init') {
      decoder = tapeDecoder(request.settings);
      post({ type: 'ready' });
    } else if (request.type === 'push') {
      results.add(decoder!.push(request.channels));
      const { channels } = request;
      post(
        { type: 'progress', summary: results.summary(), channels },
        channels.map((samples) => samples.buffer as ArrayBuffer),
      );
    } else {
      results.add(decoder!.finish());
      results.trim();
      const state = results.exportState();
      post(
        { type: 'done', state, channel: decoder!.channel(), format: decoder!.format() },
        state.columns.map((column) => column.buffer as ArrayBuffer),
      );
    }
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
