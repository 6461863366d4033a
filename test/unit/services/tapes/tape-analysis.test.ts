// A mono 16-bit WAV (what owners record) is analysed from its words, without a float copy and without a
// decode thread: its results, peaks and raw samples must be those of the same samples read as floats.
import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../../../../src-main/core/formats/wav.ts';
import { impair } from '../../../../src-main/core/modem/impairments.ts';
import { encodeKcs } from '../../../../src-main/core/modem/kcs-encoder.ts';
import { GrowingFile } from '../../../../src-main/services/growing-file.ts';
import { TapeAnalysis } from '../../../../src-main/services/tapes/tape-analysis.ts';
import { testBytes } from '../../../support/byte-errors.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const DECODE_WORKER = new URL('../../../../src-main/services/tapes/decode-worker.ts', import.meta.url);
/** A worker script that does not exist: a decode thread started from it fails the analysis. */
const NO_WORKER = new URL('./no-such-decode-worker.ts', import.meta.url);
const RATE = 22_050;

/** A noisy tape as 16-bit values (floats that are exact words / 32768), ending mid-bucket of the peaks. */
function tape(): Float32Array {
  const clean = encodeKcs(testBytes(400, 3), { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 });
  const noisy = impair(clean, RATE, { seed: 8, snrDb: 0, speed: { speed: 0.97 } });
  const words = Float32Array.from(noisy.subarray(0, noisy.length - 77), (x) => {
    const v = Math.round(Math.max(-1, Math.min(1, x)) * 32768);
    return Math.min(32767, v) / 32768;
  });
  // Whole buckets of the peaks at full scale both ways and barely off zero, where the scaling of the
  // extremes shows.
  words.fill(-1, 5000, 6000);
  words.fill(32767 / 32768, 6000, 7000);
  words.fill(-3 / 32768, 7000, 8000);
  words.fill(5 / 32768, 8000, 9000);
  return words;
}

async function analyse(file: string, decodeWorker: URL, growing?: GrowingFile): Promise<TapeAnalysis> {
  const analysis = new TapeAnalysis(file, { decodeWorker, ...(growing ? { growing } : {}) });
  await analysis.run();
  return analysis;
}

async function expectSame(words: TapeAnalysis, floats: TapeAnalysis): Promise<void> {
  expect(words.results.summary()).toEqual(floats.results.summary());
  expect(words.results.bytes()).toEqual(floats.results.bytes());
  expect(words.results.segments).toEqual(floats.results.segments);
  const end = Number.MAX_SAFE_INTEGER;
  expect(words.results.annotations(0, end, 1e6, 1e6)).toEqual(floats.results.annotations(0, end, 1e6, 1e6));
  expect(words.frames).toBe(floats.frames);
  expect(words.results.byteCount).toBeGreaterThan(300);
  const n = floats.frames;
  // The overview, levels of the pyramid, the incomplete end, exact columns and raw samples.
  for (const [start, stop, columns] of [
    [0, n, 1],
    [0, n, 997],
    [0, n, 40_000],
    [n - 1000, n, 3],
    [4000, 6000 + 20_000, 1600],
    [4900, 9100, 400],
    [4900, 9100, 4200],
  ] as const) {
    expect(await words.peaks(start, stop, columns)).toEqual(await floats.peaks(start, stop, columns));
  }
  expect(await words.readRaw(4990, 9010)).toEqual(await floats.readRaw(4990, 9010));
}

describe('a mono 16-bit WAV analysed from its words', () => {
  it('gives the results, peaks and raw samples of the same samples read as floats', async () => {
    const { dir, remove } = await tempDir();
    const samples = tape();
    const pcm16 = path.join(dir, 'tape16.wav');
    await writeFile(pcm16, encodeWav([samples], { sampleRate: RATE, channels: 1, encoding: 'pcm16' }));
    const float = path.join(dir, 'tapef.wav');
    await writeFile(float, encodeWav([samples], { sampleRate: RATE, channels: 1, encoding: 'float32' }));
    // The words are decoded in this thread: a decode thread could not even start.
    const words = await analyse(pcm16, NO_WORKER);
    const floats = await analyse(float, DECODE_WORKER);
    await expectSame(words, floats);
    expect(words.format).toEqual({ ...floats.format, bitsPerSample: 16 });
    await words.close();
    await floats.close();
    await remove();
  });

  it('gives the same while the file is still arriving', async () => {
    const { dir, remove } = await tempDir();
    const samples = tape();
    const bytes = encodeWav([samples], { sampleRate: RATE, channels: 1, encoding: 'pcm16' });
    const whole = path.join(dir, 'whole.wav');
    await writeFile(whole, bytes);
    const arriving = path.join(dir, 'arriving.wav');
    const growing = new GrowingFile({ total: bytes.length });
    const handle = await open(arriving, 'w');
    const analysis = analyse(arriving, NO_WORKER, growing);
    // Odd-sized pieces, so words straddle them.
    for (let at = 0; at < bytes.length;) {
      const piece = bytes.subarray(at, at + 100_001);
      await handle.write(piece, 0, piece.length, at);
      at += piece.length;
      growing.grew(at);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    growing.end(true);
    await handle.close();
    const grown = await analysis;
    const reference = await analyse(whole, DECODE_WORKER);
    await expectSame(grown, reference);
    await grown.close();
    await reference.close();
    await remove();
  });

  it('says the decoder did not start, not that the rate is wrong, when its thread cannot start', async () => {
    const { dir, remove } = await tempDir();
    // A float WAV is decoded in a thread of its own, here from a script that does not exist.
    const float = path.join(dir, 'tapef.wav');
    await writeFile(float, encodeWav([tape()], { sampleRate: RATE, channels: 1, encoding: 'float32' }));
    const analysis = new TapeAnalysis(float, { decodeWorker: NO_WORKER });
    await expect(analysis.run()).rejects.toThrow(
      /^tapef\.wav could not be analysed: the decoder did not start/,
    );
    await analysis.close();
    // A rate the decoder refuses is still named as such.
    const slow = path.join(dir, 'slow.wav');
    await writeFile(
      slow,
      encodeWav([new Float32Array(4000)], { sampleRate: 4000, channels: 1, encoding: 'float32' }),
    );
    const refused = new TapeAnalysis(slow, { decodeWorker: DECODE_WORKER });
    await expect(refused.run()).rejects.toThrow(
      'slow.wav is sampled at 4000 Hz; tapes need 8,000 to 192,000 Hz.',
    );
    await refused.close();
    await remove();
  });
});
