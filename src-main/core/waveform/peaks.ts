// Streaming min/max peaks pyramid for the waveform view of long tapes.
import { bucketExtremes } from './extremes16.ts';

export interface PeaksOptions {
  /** Samples per bucket of level 0 (default 256). */
  readonly baseBucket?: number;
  /** How many buckets of one level make a bucket of the next (default 4). */
  readonly factor?: number;
  /** Expected sample count, to size the arrays once instead of growing them. */
  readonly expectedSamples?: number;
}

export interface PeaksQueryOptions {
  /** Ranges up to this many samples come back as raw samples when a reader is given (default 8192). */
  readonly maxRawSamples?: number;
}

/** Reads samples [start, end) of the same signal the pyramid was built from. */
export type RawSampleReader = (start: number, end: number) => Float32Array;
export type AsyncRawSampleReader = (start: number, end: number) => Promise<Float32Array>;

export type PeaksResult =
  | {
      readonly kind: 'peaks';
      /** Pyramid level used, or -1 when the columns were computed exactly from raw samples. */
      readonly level: number;
      readonly samplesPerBucket: number;
      readonly min: Float32Array;
      readonly max: Float32Array;
    }
  | { readonly kind: 'raw'; readonly start: number; readonly samples: Float32Array };

export interface PeaksLevelInfo {
  readonly samplesPerBucket: number;
  readonly buckets: number;
}

type Plan =
  | { readonly kind: 'raw' }
  | { readonly kind: 'raw-peaks' }
  | { readonly kind: 'level'; readonly level: number };

const SCALE = 32767;
const DEFAULT_MAX_RAW = 8192;
/** Words handed to the SIMD extremes at a time. */
const SIMD_SLICE = 1 << 18;

function quantiseMin(value: number): number {
  const v = value < -1 ? -1 : value > 1 ? 1 : value;
  return Math.floor(v * SCALE);
}

function quantiseMax(value: number): number {
  const v = value < -1 ? -1 : value > 1 ? 1 : value;
  return Math.ceil(v * SCALE);
}

class Level {
  readonly samplesPerBucket: number;
  min: Int16Array;
  max: Int16Array;
  count = 0;
  // Buckets of the level below folded into the bucket being built here.
  pendingMin = SCALE;
  pendingMax = -SCALE;
  pendingParts = 0;

  constructor(samplesPerBucket: number, capacity: number) {
    this.samplesPerBucket = samplesPerBucket;
    this.min = new Int16Array(Math.max(16, capacity));
    this.max = new Int16Array(Math.max(16, capacity));
  }

  append(min: number, max: number): void {
    if (this.count === this.min.length) {
      const grow = (old: Int16Array) => {
        const next = new Int16Array(old.length * 2);
        next.set(old);
        return next;
      };
      this.min = grow(this.min);
      this.max = grow(this.max);
    }
    this.min[this.count] = min;
    this.max[this.count] = max;
    this.count++;
  }
}

/**
 * Min/max pyramid over one channel. Level 0 holds one quantised (Int16) min and max per `baseBucket`
 * samples; each next level is `factor` times coarser. Memory is about 4 bytes per base bucket times
 * factor / (factor - 1), i.e. ~3.6 MB for an hour of 48 kHz audio with the defaults. Quantisation rounds the
 * minimum down and the maximum up, so the envelope never cuts into the signal; samples beyond -1..1 are
 * clamped and NaN samples are ignored.
 */
export class PeaksPyramid {
  readonly baseBucket: number;
  readonly factor: number;
  readonly #levels: Level[] = [];
  readonly #expected: number;
  #length = 0;
  #runMin = Number.POSITIVE_INFINITY;
  #runMax = Number.NEGATIVE_INFINITY;
  #runCount = 0;

  constructor(options: PeaksOptions = {}) {
    const base = options.baseBucket ?? 256;
    const factor = options.factor ?? 4;
    const expected = options.expectedSamples ?? 0;
    if (!Number.isInteger(base) || base < 1)
      throw new RangeError(`baseBucket must be a positive integer: ${base}`);
    if (!Number.isInteger(factor) || factor < 2)
      throw new RangeError(`factor must be an integer >= 2: ${factor}`);
    if (!Number.isFinite(expected) || expected < 0)
      throw new RangeError(`expectedSamples must be >= 0: ${expected}`);
    this.baseBucket = base;
    this.factor = factor;
    this.#expected = expected;
    this.#levels.push(new Level(base, Math.ceil(expected / base) + 1));
  }

  /** Samples pushed so far. */
  get length(): number {
    return this.#length;
  }

  get levels(): PeaksLevelInfo[] {
    return this.#levels.map((level) => ({ samplesPerBucket: level.samplesPerBucket, buckets: level.count }));
  }

  /** Bytes held by the typed arrays. */
  get byteLength(): number {
    return this.#levels.reduce((sum, level) => sum + level.min.byteLength + level.max.byteLength, 0);
  }

  push(samples: Float32Array): void {
    const base = this.baseBucket;
    const n = samples.length;
    let min = this.#runMin;
    let max = this.#runMax;
    let count = this.#runCount;
    let i = 0;
    while (i < n) {
      const stop = Math.min(n, i + (base - count));
      for (let j = i; j < stop; j++) {
        const v = samples[j] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      count += stop - i;
      i = stop;
      if (count === base) {
        this.#complete(min <= max ? quantiseMin(min) : 0, min <= max ? quantiseMax(max) : 0);
        min = Number.POSITIVE_INFINITY;
        max = Number.NEGATIVE_INFINITY;
        count = 0;
      }
    }
    this.#runMin = min;
    this.#runMax = max;
    this.#runCount = count;
    this.#length += n;
  }

  /**
   * Pushes 16-bit PCM words as read from a file (word `v` standing for the sample `v / 32768`), without a
   * float copy: the pyramid is the same, bit for bit, as after `push` of the words' float conversion. The
   * extremes are found on the words and scaled once per bucket (the scaling is exact in either order).
   */
  pushPcm16(words: Int16Array): void {
    const base = this.baseBucket;
    const n = words.length;
    // The bucket in progress is kept as floats between pushes (so both kinds of push can follow each other).
    let min = this.#runCount > 0 ? this.#runMin * 32768 : 32768;
    let max = this.#runCount > 0 ? this.#runMax * 32768 : -32769;
    let count = this.#runCount;
    let i = 0;
    while (i < n) {
      if (count === 0) {
        // Whole buckets: eight words at a time where the engine can (extremes16.ts), a bounded slice at a
        // time (its memory keeps the largest slice).
        const whole = Math.min(Math.floor((n - i) / base), Math.max(1, Math.floor(SIMD_SLICE / base)));
        const found = whole > 0 ? bucketExtremes(words.subarray(i), base, whole) : null;
        if (found !== null) {
          for (let b = 0; b < whole; b++) {
            this.#complete(
              quantiseMin((found[2 * b] as number) / 32768),
              quantiseMax((found[2 * b + 1] as number) / 32768),
            );
          }
          i += whole * base;
          continue;
        }
      }
      const stop = Math.min(n, i + (base - count));
      for (let j = i; j < stop; j++) {
        const v = words[j] as number;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      count += stop - i;
      i = stop;
      if (count === base) {
        this.#complete(quantiseMin(min / 32768), quantiseMax(max / 32768));
        min = 32768;
        max = -32769;
        count = 0;
      }
    }
    this.#runMin = count > 0 ? min / 32768 : Number.POSITIVE_INFINITY;
    this.#runMax = count > 0 ? max / 32768 : Number.NEGATIVE_INFINITY;
    this.#runCount = count;
    this.#length += n;
  }

  // Every level with a complete bucket has a parent, so each bucket is folded upwards exactly once.
  #complete(min: number, max: number): void {
    let index = 0;
    let lo = min;
    let hi = max;
    for (;;) {
      const level = this.#levels[index] as Level;
      level.append(lo, hi);
      let parent = this.#levels[index + 1];
      if (parent === undefined) {
        const size = level.samplesPerBucket * this.factor;
        parent = new Level(size, Math.ceil(this.#expected / size) + 1);
        this.#levels.push(parent);
      }
      if (lo < parent.pendingMin) parent.pendingMin = lo;
      if (hi > parent.pendingMax) parent.pendingMax = hi;
      if (++parent.pendingParts < this.factor) return;
      lo = parent.pendingMin;
      hi = parent.pendingMax;
      parent.pendingMin = SCALE;
      parent.pendingMax = -SCALE;
      parent.pendingParts = 0;
      index++;
    }
  }

  /** Quantised min/max of the incomplete bucket at the end of a level, or null when it is empty. */
  #pending(index: number): [number, number] | null {
    let result: [number, number] | null =
      this.#runCount > 0 && this.#runMin <= this.#runMax
        ? [quantiseMin(this.#runMin), quantiseMax(this.#runMax)]
        : null;
    for (let k = 1; k <= index; k++) {
      const level = this.#levels[k];
      if (level === undefined || level.pendingParts === 0) continue;
      result =
        result === null
          ? [level.pendingMin, level.pendingMax]
          : [Math.min(result[0], level.pendingMin), Math.max(result[1], level.pendingMax)];
    }
    return result;
  }

  /**
   * Min/max per column for samples [start, end) split into `columns` equal spans. Uses the coarsest level
   * whose buckets still fit in a column. With a raw reader, short ranges come back as raw samples and ranges
   * finer than level 0 are computed exactly from the samples; without one, level 0 is used. Columns past the
   * end of the signal read as 0.
   */
  query(
    start: number,
    end: number,
    columns: number,
    readRaw?: RawSampleReader,
    options: PeaksQueryOptions = {},
  ): PeaksResult {
    const plan = this.#plan(start, end, columns, readRaw !== undefined, options);
    if (plan.kind === 'level' || readRaw === undefined) return this.#fromLevel(start, end, columns, plan);
    const stop = Math.min(end, this.#length);
    const samples = stop > start ? readRaw(start, stop) : new Float32Array(0);
    return this.#fromRaw(start, end, columns, plan, samples);
  }

  /** `query` with an asynchronous raw reader (for example one that reads the audio file). */
  async queryAsync(
    start: number,
    end: number,
    columns: number,
    readRaw: AsyncRawSampleReader,
    options: PeaksQueryOptions = {},
  ): Promise<PeaksResult> {
    const plan = this.#plan(start, end, columns, true, options);
    if (plan.kind === 'level') return this.#fromLevel(start, end, columns, plan);
    const stop = Math.min(end, this.#length);
    const samples = stop > start ? await readRaw(start, stop) : new Float32Array(0);
    return this.#fromRaw(start, end, columns, plan, samples);
  }

  #plan(start: number, end: number, columns: number, hasReader: boolean, options: PeaksQueryOptions): Plan {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
      throw new RangeError(`bad sample range ${start}..${end}`);
    }
    if (!Number.isInteger(columns) || columns < 1)
      throw new RangeError(`columns must be a positive integer: ${columns}`);
    const maxRaw = options.maxRawSamples ?? DEFAULT_MAX_RAW;
    const perColumn = (end - start) / columns;
    if (hasReader && end - start <= maxRaw) return { kind: 'raw' };
    if (hasReader && perColumn < this.baseBucket) return { kind: 'raw-peaks' };
    let level = 0;
    for (let k = 1; k < this.#levels.length; k++) {
      if ((this.#levels[k]?.samplesPerBucket ?? Infinity) <= perColumn) level = k;
    }
    return { kind: 'level', level };
  }

  #fromRaw(start: number, end: number, columns: number, plan: Plan, samples: Float32Array): PeaksResult {
    if (plan.kind === 'raw') return { kind: 'raw', start, samples };
    const min = new Float32Array(columns);
    const max = new Float32Array(columns);
    const perColumn = (end - start) / columns;
    for (let c = 0; c < columns; c++) {
      const from = Math.floor(c * perColumn);
      const to = Math.min(samples.length, Math.max(from + 1, Math.floor((c + 1) * perColumn)));
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let i = from; i < to; i++) {
        const v = samples[i] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      min[c] = lo <= hi ? Math.max(-1, lo) : 0;
      max[c] = lo <= hi ? Math.min(1, hi) : 0;
    }
    return { kind: 'peaks', level: -1, samplesPerBucket: 1, min, max };
  }

  #fromLevel(start: number, end: number, columns: number, plan: Plan): PeaksResult {
    const index = plan.kind === 'level' ? plan.level : 0;
    const level = this.#levels[index] as Level;
    const size = level.samplesPerBucket;
    const pending = this.#pending(index);
    const buckets = level.count + (pending === null ? 0 : 1);
    const min = new Float32Array(columns);
    const max = new Float32Array(columns);
    const perColumn = (end - start) / columns;
    for (let c = 0; c < columns; c++) {
      const from = start + c * perColumn;
      const to = start + (c + 1) * perColumn;
      const first = Math.floor(from / size);
      const last = Math.min(buckets, Math.ceil(to / size));
      let lo = SCALE + 1;
      let hi = -SCALE - 1;
      for (let b = first; b < last; b++) {
        const bMin = b < level.count ? (level.min[b] as number) : (pending?.[0] ?? 0);
        const bMax = b < level.count ? (level.max[b] as number) : (pending?.[1] ?? 0);
        if (bMin < lo) lo = bMin;
        if (bMax > hi) hi = bMax;
      }
      min[c] = lo <= hi ? lo / SCALE : 0;
      max[c] = lo <= hi ? hi / SCALE : 0;
    }
    return { kind: 'peaks', level: index, samplesPerBucket: size, min, max };
  }
}
