// A tape worker: analyses one tape off the main event loop, then answers the Waveform area's queries from
// the compact results until the TapeService terminates it.
import { parentPort, workerData } from 'node:worker_threads';
import type { TapeSummary } from '../../ipc/contract.ts';
import { GrowingFile } from '../growing-file.ts';
import { TapeAnalysis, TapeAnalysisError } from './tape-analysis.ts';
import { writeTapeExport } from './tape-export.ts';
import type { TapeQuery, TapeRequestMessage, TapeWorkerData, TapeWorkerMessage } from './tape-protocol.ts';

const MAX_ERROR_INDICES = 10000;
const PROGRESS_EVERY_MS = 200;

const port = parentPort;
if (port === null) throw new Error('tape-worker.ts runs as a worker thread only');
const data = workerData as TapeWorkerData;
const post = (message: TapeWorkerMessage): void => port.postMessage(message);

let lastProgress = 0;
const analysis = new TapeAnalysis(data.path, {
  ...(data.channel === undefined ? {} : { channel: data.channel }),
  name: data.name,
  spillFiles: data.spillFiles,
  ...(data.growing ? { growing: new GrowingFile(data.growing) } : {}),
  // The decoder gets a thread of its own beside this one (the built file is .js, the source .ts).
  decodeWorker: new URL(
    import.meta.url.endsWith('.ts') ? './decode-worker.ts' : './decode-worker.js',
    import.meta.url,
  ),
  onFormat: (format) => post({ type: 'format', format }),
  onProgress: (frames) => {
    const now = Date.now();
    if (now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    post({ type: 'progress', frames, summary: summary() });
  },
});

function summary(): TapeSummary {
  return {
    ...analysis.liveSummary(),
    frames: analysis.frames,
    durationSeconds: analysis.durationSeconds,
    warnings: analysis.warnings.slice(0, 20),
  };
}

async function answer(query: TapeQuery): Promise<unknown> {
  const results = analysis.results;
  switch (query.op) {
    case 'peaks':
      return analysis.peaks(query.start, query.end, query.columns);
    case 'annotations':
      return results.annotations(query.start, query.end, query.maxBits, query.maxBytes);
    case 'content': {
      const { indices, framing, truncated } = results.errorIndices(MAX_ERROR_INDICES);
      return {
        bytes: results.bytes(),
        errorIndices: indices,
        framingErrorIndices: framing,
        errorsTruncated: truncated,
      };
    }
    case 'locate':
      return 'byte' in query ? results.byte(query.byte) : results.byteAt(query.sample);
    case 'findError':
      return results.findError(query.from, query.direction);
    case 'export': {
      if (!analysis.done)
        throw new TapeAnalysisError('The tape is still being analysed; export it when done.');
      const rate = analysis.format?.sampleRate ?? 1;
      return { bytes: await writeTapeExport(results, rate, query.kind, query.path) };
    }
    case 'summary':
      return summary();
    case 'close':
      await analysis.close();
      return null;
  }
}

port.on('message', (message: TapeRequestMessage) => {
  answer(message).then(
    (value) => post({ type: 'reply', id: message.id, ok: true, value }),
    (error: unknown) =>
      post({
        type: 'reply',
        id: message.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});

analysis.run().then(
  () => post({ type: 'done', format: analysis.format!, summary: summary() }),
  (error: unknown) => {
    const message =
      error instanceof TapeAnalysisError
        ? error.message
        : `Analysis failed: ${error instanceof Error ? error.message : String(error)}`;
    post({ type: 'failed', message });
  },
);
