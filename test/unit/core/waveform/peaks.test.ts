import { describe, it, expect } from 'vitest';
import { PeaksPyramid, type PeaksResult } from '../../../../src-main/core/waveform/peaks.ts';

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A tone whose amplitude wanders, with occasional spikes, so buckets differ from each other.
function signal(length: number, seed: number): Float32Array {
  const next = random(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    const envelope = 0.3 + 0.6 * Math.abs(Math.sin(i / 7919));
    out[i] = envelope * Math.sin(i / 9.3) + (next() < 0.0005 ? (next() - 0.5) * 1.6 : 0);
  }
  return out;
}

function build(samples: Float32Array, seed: number, options = {}): PeaksPyramid {
  const pyramid = new PeaksPyramid(options);
  const next = random(seed);
  let offset = 0;
  while (offset < samples.length) {
    const size = 1 + Math.floor(next() * 3000);
    pyramid.push(samples.subarray(offset, offset + size));
    offset += size;
  }
  return pyramid;
}

function peaks(result: PeaksResult): { min: Float32Array; max: Float32Array; level: number } {
  if (result.kind !== 'peaks') throw new Error(`expected peaks, got ${result.kind}`);
  return result;
}

function extremes(samples: Float32Array, from: number, to: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = Math.max(0, from); i < Math.min(samples.length, to); i++) {
    lo = Math.min(lo, samples[i] ?? 0);
    hi = Math.max(hi, samples[i] ?? 0);
  }
  return [Math.max(-1, lo), Math.min(1, hi)];
}

const STEP = 1 / 32767;

describe('PeaksPyramid', () => {
  const length = 300_007;
  const samples = signal(length, 1);
  const pyramid = build(samples, 2);

  it('builds levels 4x coarser each, covering every complete bucket', () => {
    expect(pyramid.length).toBe(length);
    const levels = pyramid.levels;
    expect(levels[0]).toEqual({ samplesPerBucket: 256, buckets: Math.floor(length / 256) });
    levels.forEach((level, k) => {
      expect(level.samplesPerBucket).toBe(256 * 4 ** k);
      expect(level.buckets).toBe(Math.floor(length / level.samplesPerBucket));
    });
    expect(levels.at(-1)?.buckets).toBe(0);
  });

  it('matches a brute-force min/max over the buckets each column touches', () => {
    const next = random(3);
    for (let q = 0; q < 200; q++) {
      const start = Math.floor(next() * length);
      const end = Math.min(length + 500, start + 1 + Math.floor(next() * length));
      const columns = 1 + Math.floor(next() * 900);
      const result = peaks(pyramid.query(start, end, columns));
      const size = 256 * 4 ** result.level;
      const perColumn = (end - start) / columns;
      if (result.level > 0) expect(size).toBeLessThanOrEqual(perColumn);
      if (result.level + 1 < pyramid.levels.length) expect(size * 4).toBeGreaterThan(perColumn);
      for (let c = 0; c < columns; c++) {
        const from = Math.floor((start + c * perColumn) / size) * size;
        const to = Math.ceil((start + (c + 1) * perColumn) / size) * size;
        const [lo, hi] = extremes(samples, from, to);
        if (lo > hi) {
          expect([result.min[c], result.max[c]]).toEqual([0, 0]);
          continue;
        }
        // The envelope holds the signal and is at most one quantisation step wider.
        expect(result.min[c]).toBeLessThanOrEqual(lo + 1e-7);
        expect(result.min[c]).toBeGreaterThan(lo - STEP - 1e-7);
        expect(result.max[c]).toBeGreaterThanOrEqual(hi - 1e-7);
        expect(result.max[c]).toBeLessThan(hi + STEP + 1e-7);
      }
    }
  });

  it('picks the coarsest level whose buckets fit a column', () => {
    expect(peaks(pyramid.query(0, 1000 * 100, 100)).level).toBe(0);
    expect(peaks(pyramid.query(0, 5000 * 50, 50)).level).toBe(2);
    expect(peaks(pyramid.query(0, length, 1)).level).toBe(5);
    expect(peaks(pyramid.query(0, 2 ** 21, 1)).level).toBe(6);
  });

  it('does not depend on how the samples were split into pushes', () => {
    const again = build(samples, 99);
    const once = new PeaksPyramid();
    once.push(samples);
    for (const [start, end, columns] of [
      [0, length, 700],
      [12_345, 200_000, 333],
      [299_000, 300_007, 3],
    ] as const) {
      expect(again.query(start, end, columns)).toEqual(pyramid.query(start, end, columns));
      expect(once.query(start, end, columns)).toEqual(pyramid.query(start, end, columns));
    }
  });

  it('includes the incomplete last bucket of every level', () => {
    const short = new PeaksPyramid();
    const data = new Float32Array(5000);
    data[4999] = 0.75;
    data[4990] = -0.5;
    short.push(data);
    const whole = peaks(short.query(0, 5000, 1));
    expect(whole.max[0]).toBeCloseTo(0.75, 4);
    expect(whole.min[0]).toBeCloseTo(-0.5, 4);
    const tail = peaks(short.query(4864, 5000, 1));
    expect(tail.level).toBe(0);
    expect(tail.max[0]).toBeCloseTo(0.75, 4);
  });

  it('reads columns past the end of the signal as 0', () => {
    const result = peaks(pyramid.query(length - 256, length + 256 * 9, 10));
    expect(result.max[0]).toBeGreaterThan(0);
    expect([...result.min.subarray(2)]).toEqual(new Array(8).fill(0));
    expect([...result.max.subarray(2)]).toEqual(new Array(8).fill(0));
  });

  it('returns raw samples for short ranges when given a reader', () => {
    const calls: [number, number][] = [];
    const reader = (from: number, to: number) => {
      calls.push([from, to]);
      return samples.slice(from, to);
    };
    const result = pyramid.query(1000, 3000, 800, reader);
    expect(result.kind).toBe('raw');
    if (result.kind === 'raw') {
      expect(result.start).toBe(1000);
      expect(result.samples).toEqual(samples.slice(1000, 3000));
    }
    expect(calls).toEqual([[1000, 3000]]);
    pyramid.query(length - 10, length + 10, 5, reader);
    expect(calls.at(-1)).toEqual([length - 10, length]);
  });

  it('computes exact columns from raw samples when zoomed in past level 0', () => {
    const reader = (from: number, to: number) => samples.slice(from, to);
    const start = 40_000;
    const end = 140_000;
    const columns = 1000;
    const result = peaks(pyramid.query(start, end, columns, reader, { maxRawSamples: 4096 }));
    expect(result.level).toBe(-1);
    for (let c = 0; c < columns; c++) {
      const [lo, hi] = extremes(samples, start + c * 100, start + (c + 1) * 100);
      expect(result.min[c]).toBe(lo);
      expect(result.max[c]).toBe(hi);
    }
  });

  it('falls back to level 0 when zoomed in without a reader', () => {
    const result = peaks(pyramid.query(40_000, 41_000, 500));
    expect(result.level).toBe(0);
    const [lo, hi] = extremes(samples, 39_936, 41_216);
    expect(Math.min(...result.min)).toBeLessThanOrEqual(lo + 1e-7);
    expect(Math.max(...result.max)).toBeGreaterThanOrEqual(hi - 1e-7);
  });

  it('serves the same answers asynchronously', async () => {
    const reader = async (from: number, to: number) => samples.slice(from, to);
    expect(await pyramid.queryAsync(1000, 3000, 800, reader)).toEqual(
      pyramid.query(1000, 3000, 800, (a, b) => samples.slice(a, b)),
    );
    expect(await pyramid.queryAsync(0, length, 64, reader)).toEqual(pyramid.query(0, length, 64));
  });

  it('builds the same pyramid, bit for bit, from 16-bit words as from their float conversion', () => {
    const next = random(13);
    const words = new Int16Array(700_001);
    for (let i = 0; i < words.length; i++) {
      // A wandering tone, silence, stretches above and below zero (where rounding the scaled extremes down
      // or up shows), and the two extreme words now and then.
      const part = Math.floor(i / 50_000) % 4;
      const tone = Math.round(Math.sin(i / 9.3) * 20_000 * (0.2 + next()));
      words[i] = part === 0 ? tone : part === 1 ? 0 : (part === 2 ? 1 : -1) * (7 + (Math.abs(tone) >> 4));
      if (next() < 0.001) words[i] = next() < 0.5 ? -32768 : 32767;
    }
    const floats = Float32Array.from(words, (v) => v / 32768);
    // Whole buckets of 256 words are measured eight words at a time (extremes16.ts), of 100 one by one.
    for (const baseBucket of [256, 100]) {
      // Odd chunk sizes, different on each side, so buckets straddle pushes in different places.
      const fromWords = new PeaksPyramid({ baseBucket, expectedSamples: words.length });
      const fromFloats = new PeaksPyramid({ baseBucket, expectedSamples: words.length });
      const mixed = new PeaksPyramid({ baseBucket });
      // All at once: more whole buckets than one SIMD slice takes.
      const once = new PeaksPyramid({ baseBucket });
      once.pushPcm16(words);
      const sizes = [1, 3, 255, 257, 1021, 4099, 65_537];
      for (let at = 0, k = 0; at < words.length; k++) {
        const size = sizes[k % sizes.length]!;
        fromWords.pushPcm16(words.subarray(at, at + size));
        at += size;
      }
      for (let at = 0, k = 0; at < floats.length; k++) {
        const size = sizes[(k + 3) % sizes.length]! + 2;
        fromFloats.push(floats.subarray(at, at + size));
        at += size;
      }
      for (let at = 0, k = 0; at < words.length; k++) {
        const size = sizes[(k + 5) % sizes.length]!;
        if (k % 2 === 0) mixed.pushPcm16(words.subarray(at, at + size));
        else mixed.push(floats.subarray(at, at + size));
        at += size;
      }
      const bits = (result: PeaksResult): number[] => {
        const { min, max } = peaks(result);
        return [...new Uint32Array(min.buffer), ...new Uint32Array(max.buffer)];
      };
      expect(fromWords.length).toBe(words.length);
      expect(fromWords.levels).toEqual(fromFloats.levels);
      // Every level read whole (a column per bucket, the incomplete last one included), and odd ranges.
      for (const { samplesPerBucket } of fromFloats.levels) {
        const columns = Math.max(1, Math.floor(words.length / samplesPerBucket));
        const expected = bits(fromFloats.query(0, columns * samplesPerBucket, columns));
        expect(bits(fromWords.query(0, columns * samplesPerBucket, columns))).toEqual(expected);
        expect(bits(mixed.query(0, columns * samplesPerBucket, columns))).toEqual(expected);
        expect(bits(once.query(0, columns * samplesPerBucket, columns))).toEqual(expected);
      }
      for (const [start, end, columns] of [
        [0, words.length, 977],
        [123_457, 654_321, 3],
        [words.length - 300, words.length, 1],
      ] as const) {
        const expected = bits(fromFloats.query(start, end, columns));
        expect(bits(fromWords.query(start, end, columns))).toEqual(expected);
        expect(bits(mixed.query(start, end, columns))).toEqual(expected);
        expect(bits(once.query(start, end, columns))).toEqual(expected);
      }
    }
  });

  it('clamps out-of-range samples and ignores NaN', () => {
    const odd = new PeaksPyramid({ baseBucket: 4 });
    odd.push(Float32Array.of(3, Number.NaN, -7, 0.5, Number.NaN, Number.NaN, Number.NaN, Number.NaN));
    const result = peaks(odd.query(0, 8, 2));
    expect([...result.max]).toEqual([1, 0]);
    expect([...result.min]).toEqual([-1, 0]);
  });

  it('keeps memory proportional to duration / 256', () => {
    const minute = 48_000 * 60;
    const sized = new PeaksPyramid({ expectedSamples: minute });
    const block = new Float32Array(48_000).fill(0.25);
    for (let s = 0; s < 60; s++) sized.push(block);
    const level0Bytes = (minute / 256) * 4;
    expect(sized.byteLength).toBeGreaterThanOrEqual(level0Bytes);
    expect(sized.byteLength).toBeLessThan(level0Bytes * 1.4 + 4096);
    const grown = new PeaksPyramid();
    for (let s = 0; s < 60; s++) grown.push(block);
    expect(grown.byteLength).toBeLessThan(level0Bytes * 2.7 + 4096);
  });

  it('rejects bad options and queries', () => {
    expect(() => new PeaksPyramid({ baseBucket: 0 })).toThrow(RangeError);
    expect(() => new PeaksPyramid({ factor: 1 })).toThrow(RangeError);
    expect(() => pyramid.query(10, 10, 5)).toThrow(/bad sample range/);
    expect(() => pyramid.query(-1, 10, 5)).toThrow(/bad sample range/);
    expect(() => pyramid.query(0, 10, 0)).toThrow(/columns/);
  });
});
