import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../../../../src-main/core/formats/wav.ts';
import { impair } from '../../../../src-main/core/modem/impairments.ts';
import { encodeKcs } from '../../../../src-main/core/modem/kcs-encoder.ts';
import { DecodeThread } from '../../../../src-main/services/tapes/decode-thread.ts';
import { TapeAnalysis } from '../../../../src-main/services/tapes/tape-analysis.ts';
import { TapeResults } from '../../../../src-main/services/tapes/tape-results.ts';
import { testBytes } from '../../../support/byte-errors.ts';
import { tempDir } from '../../../support/temp-dir.ts';

const DECODE_WORKER = new URL('../../../../src-main/services/tapes/decode-worker.ts', import.meta.url);
const RATE = 22_050;

async function analyse(file: string, threaded: boolean): Promise<TapeAnalysis> {
  const analysis = new TapeAnalysis(file, threaded ? { decodeWorker: DECODE_WORKER } : {});
  await analysis.run();
  return analysis;
}

function sameResults(a: TapeResults, b: TapeResults): void {
  expect(b.summary()).toEqual(a.summary());
  expect(b.bytes()).toEqual(a.bytes());
  expect(b.segments).toEqual(a.segments);
  const end = Number.MAX_SAFE_INTEGER;
  expect(b.annotations(0, end, 100_000)).toEqual(a.annotations(0, end, 100_000));
}

describe('decoding in a thread of its own', () => {
  it('gives the same results as decoding in the reading thread, mono and stereo', async () => {
    const { dir, remove } = await tempDir();
    const data = testBytes(300, 9);
    const clean = encodeKcs(data, { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 });
    const noisy = impair(clean, RATE, { seed: 4, snrDb: -4, speed: { speed: 1.05 } });
    // 24-bit: a mono 16-bit WAV is decoded from its words in the reading thread (tape-analysis.test.ts).
    const mono = path.join(dir, 'mono.wav');
    await writeFile(mono, encodeWav([noisy], { sampleRate: RATE, channels: 1, encoding: 'pcm24' }));
    const stereo = path.join(dir, 'stereo.wav');
    const dead = new Float32Array(noisy.length);
    await writeFile(stereo, encodeWav([dead, noisy], { sampleRate: RATE, channels: 2, encoding: 'pcm16' }));
    for (const file of [mono, stereo]) {
      const here = await analyse(file, false);
      const there = await analyse(file, true);
      sameResults(here.results, there.results);
      expect(there.format).toEqual(here.format);
      expect(there.results.byteCount).toBeGreaterThan(250);
      // Of the stereo file the decoder must pick the right channel: the left one is silent.
      expect(there.format?.channel).toBe(file === stereo ? 1 : 0);
      await here.close();
      await there.close();
    }
    await remove();
  });

  it('moves results between threads intact (export and import)', async () => {
    const { dir, remove } = await tempDir();
    const file = path.join(dir, 'tape.wav');
    const samples = encodeKcs(testBytes(64, 2), {
      sampleRate: RATE,
      leaderSeconds: 0.5,
      trailerSeconds: 0.5,
    });
    await writeFile(file, encodeWav([samples], { sampleRate: RATE, channels: 1, encoding: 'pcm16' }));
    const analysis = await analyse(file, false);
    const copy = new TapeResults();
    copy.importState(structuredClone(analysis.results.exportState()));
    sameResults(analysis.results, copy);
    await analysis.close();
    await remove();
  });

  it('fills the same few sample buffers again for the whole tape', async () => {
    const data = testBytes(3000, 5);
    // About 110 s: nine batches of 262,144 samples.
    const samples = encodeKcs(data, { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 });
    const thread = new DecodeThread(DECODE_WORKER, {
      sampleRate: RATE,
      stereo: false,
      baud: 'auto',
      frame: 'auto',
      bitEvents: true,
    });
    await thread.ready();
    for (let at = 0; at < samples.length; at += 100_000)
      await thread.push([samples.subarray(at, at + 100_000)]);
    const { state } = await thread.finish();
    // Three batches in flight and one being filled, however long the tape.
    expect(thread.allocated).toBeGreaterThan(0);
    expect(thread.allocated).toBeLessThanOrEqual(4);
    const results = new TapeResults();
    results.importState(state);
    expect(results.bytes()).toEqual(data);
  });

  it('detects the format of a stereo 8N1 tape the same way in both threads, and reports it', async () => {
    const { dir, remove } = await tempDir();
    const data = testBytes(120, 5);
    const tape = encodeKcs(data, { sampleRate: RATE, stopBits: 1, leaderSeconds: 1, trailerSeconds: 0.5 });
    const file = path.join(dir, 'stereo-8n1.wav');
    const quiet = new Float32Array(tape.length);
    await writeFile(file, encodeWav([quiet, tape], { sampleRate: RATE, channels: 2, encoding: 'pcm16' }));
    for (const threaded of [false, true]) {
      const analysis = await analyse(file, threaded);
      expect(analysis.tapeFormat).toEqual({ baud: 300, frame: '8N1', detected: true });
      expect(analysis.results.summary().tapeFormat).toBe('300 baud 8N1 (detected)');
      expect(analysis.results.bytes()).toEqual(data);
      expect(analysis.format?.channel).toBe(1);
      await analysis.close();
    }
    await remove();
  });
});
