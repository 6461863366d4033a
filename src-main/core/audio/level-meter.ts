// Input level of a live recording, judged as a user setting the line-in volume needs: the peak and RMS of
// the last block, whether it clipped, and whether the signal is too quiet to decode reliably.

/** A sample at or beyond this magnitude counts as clipped (the converter's full scale). */
export const CLIP_LEVEL = 0.99;
/**
 * Below this peak (-60 dBFS) a block is silence whatever the decoder says: in exact digital silence (a muted
 * input, a null sink) the decoder's carrier detector holds its last state.
 */
export const SILENCE_LEVEL = 0.001;
/** A peak below this (-26 dBFS) is too quiet for a good recording. */
export const QUIET_LEVEL = 0.05;

export interface Level {
  /** Largest magnitude, 0..1. */
  peak: number;
  rms: number;
  /** Samples at full scale since the last reading. */
  clipped: number;
}

export class LevelMeter {
  #peak = 0;
  #sumSquares = 0;
  #count = 0;
  #clipped = 0;

  /** Adds a block; returns the block's own peak. */
  push(samples: Float32Array): number {
    let peak = 0;
    let sum = 0;
    let clipped = 0;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i] ?? 0;
      const m = x < 0 ? -x : x;
      if (m > peak) peak = m;
      if (m >= CLIP_LEVEL) clipped++;
      sum += x * x;
    }
    if (peak > this.#peak) this.#peak = peak;
    this.#sumSquares += sum;
    this.#count += samples.length;
    this.#clipped += clipped;
    return peak;
  }

  /** The level since the last reading, and starts a new one. */
  take(): Level {
    const level = {
      peak: Math.min(1, this.#peak),
      rms: this.#count === 0 ? 0 : Math.sqrt(this.#sumSquares / this.#count),
      clipped: this.#clipped,
    };
    this.#peak = 0;
    this.#sumSquares = 0;
    this.#count = 0;
    this.#clipped = 0;
    return level;
  }
}

/** What a level meter should say about a level: too quiet, clipping, or fine. */
export function levelWarning(level: Level): 'clipping' | 'too-quiet' | null {
  if (level.clipped > 0) return 'clipping';
  if (level.peak < QUIET_LEVEL) return 'too-quiet';
  return null;
}
