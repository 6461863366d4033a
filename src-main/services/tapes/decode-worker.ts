// Decodes a tape in a thread of its own, beside the thread that reads the file and builds its peaks, and
// keeps the results; when the tape ends it hands them back as typed arrays (moved, not copied).
import { parentPort } from 'node:worker_threads';
import type { KcsEvent } from '../../core/modem/kcs-decoder.ts';
import { KcsFormatDecoder } from '../../core/modem/kcs-format-decoder.ts';
import { KcsStereoDecoder } from '../../core/modem/kcs-stereo-decoder.ts';
import type { DecodeReply, DecodeRequest } from './decode-thread.ts';
import { TapeResults } from './tape-results.ts';

const port = parentPort;
if (port === null) throw new Error('decode-worker.ts runs as a worker thread only');

const results = new TapeResults();
let decoder: { push(channels: Float32Array[]): KcsEvent[]; finish(): KcsEvent[] } | null = null;
let stereo: KcsStereoDecoder | null = null;
const post = (reply: DecodeReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);

port.on('message', (request: DecodeRequest) => {
  try {
    if (request.type === 'init') {
      if (request.stereo) {
        const both = new KcsStereoDecoder({ sampleRate: request.sampleRate, channel: 'auto' });
        stereo = both;
        decoder = { push: ([left, right]) => both.push(left!, right!), finish: () => both.finish() };
      } else {
        // The baud rate and stop bits are detected, as the command line does.
        const one = new KcsFormatDecoder({ sampleRate: request.sampleRate });
        decoder = { push: ([samples]) => one.push(samples!), finish: () => one.finish() };
      }
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
      const channel = stereo ? (stereo.channel === 'right' ? 1 : 0) : null;
      post(
        { type: 'done', state, channel },
        state.columns.map((column) => column.buffer as ArrayBuffer),
      );
    }
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
