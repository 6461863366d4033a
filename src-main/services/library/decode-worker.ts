// A library decode worker: runs the tape analysis (without the waveform) over one recording per job, off the
// main event loop, and sends back the bytes with their confidence and sample spans.
import { parentPort } from 'node:worker_threads';
import { TapeAnalysis } from '../tapes/tape-analysis.ts';
import type { AudioDecode, DecodeJob, DecodeReply } from './decode-protocol.ts';

const port = parentPort;
if (port === null) throw new Error('decode-worker.ts runs as a worker thread only');

async function decode(path: string): Promise<AudioDecode> {
  const analysis = new TapeAnalysis(path, { waveform: false });
  try {
    await analysis.run();
    const results = analysis.results;
    const count = results.byteCount;
    const starts = new Float64Array(count);
    const ends = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const span = results.byte(i);
      starts[i] = span?.start ?? 0;
      ends[i] = span?.end ?? 0;
    }
    const format = analysis.format;
    if (format === null) throw new Error('no audio');
    return {
      container: format.container,
      sampleRate: format.sampleRate,
      channels: format.channels,
      channel: format.channel,
      durationSeconds: analysis.durationSeconds,
      summary: results.summary(),
      warnings: analysis.warnings.slice(0, 20),
      bytes: results.bytes(),
      confidence: results.byteConfidence(),
      starts,
      ends,
    };
  } finally {
    await analysis.close();
  }
}

port.on('message', (job: DecodeJob) => {
  decode(job.path).then(
    (result) => {
      const reply: DecodeReply = { id: job.id, ok: true, decode: result };
      port.postMessage(reply, [
        result.bytes.buffer as ArrayBuffer,
        result.confidence.buffer as ArrayBuffer,
        result.starts.buffer as ArrayBuffer,
        result.ends.buffer as ArrayBuffer,
      ]);
    },
    (error: unknown) => {
      const reply: DecodeReply = {
        id: job.id,
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      };
      port.postMessage(reply);
    },
  );
});
