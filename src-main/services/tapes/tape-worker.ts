// A tape worker: analyses one tape in a process of its own (started by tape-process.ts), then answers the
// Waveform area's queries from the compact results until the TapeService ends it. Ending the process gives
// everything the tape held back to the system, which ending a thread did not (see docs/waveform.md).
import type { TapeSummary } from '../../ipc/contract.ts';
import { TapeAnalysis, TapeAnalysisError } from './tape-analysis.ts';
import { writeTapeExport } from './tape-export.ts';
import { tapeParent } from './tape-parent.ts';
import type { TapeQuery, TapeWorkerMessage } from './tape-protocol.ts';

const MAX_ERROR_INDICES = 10000;
const PROGRESS_EVERY_MS = 200;

const parent = tapeParent();
const data = parent.data;
const post = (message: TapeWorkerMessage): void => parent.post(message);

let lastProgress = 0;
const analysis = new TapeAnalysis(data.path, {
  ...(data.channel === undefined ? {} : { channel: data.channel }),
  name: data.name,
  spillFiles: data.spillFiles,
  ...(data.growing ? { growing: data.growing } : {}),
  // The decoder gets a thread of its own beside this one, except for a mono 16-bit WAV, which is decoded
  // here from its words (the built file is .js, the source .ts).
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

parent.onQuery((message) => {
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
  () => {
    // A tape closed while it was analysed stops early, with nothing to report: the service has let it go.
    if (analysis.done && analysis.format !== null)
      post({ type: 'done', format: analysis.format, summary: summary() });
  },
  (error: unknown) => {
    const message =
      error instanceof TapeAnalysisError
        ? error.message
        : `Analysis failed: ${error instanceof Error ? error.message : String(error)}`;
    post({ type: 'failed', message });
  },
);
