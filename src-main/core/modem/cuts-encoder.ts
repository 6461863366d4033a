// The 1,200-baud CUTS variant UK101 owners used: every bit cell lasts 1/1,200 s; a 1 is one full cycle of
// 1,200 Hz, a 0 half a cycle of 600 Hz. The waveform is a chain of half-cycles whose polarity alternates
// (continuous phase, as a flip-flop clocked from the bit stream makes it): a 1 is a half-cell up and a
// half-cell down (or down and up), a 0 holds one polarity for the whole cell, so every 0 swaps the
// polarity the following cells start with. There is a level change at every cell boundary and another in
// the middle of each 1 (biphase-mark coding), and no DC: the half-cycles alternate. The line idles at 1
// (1,200 Hz); frames are as for KCS: start bit 0, data bits least significant first, optional parity,
// one or two stop bits of 1.

import { concatSamples, type KcsWaveform } from './kcs-encoder.ts';
import type { KcsParity } from './kcs-events.ts';

export const CUTS_BAUD = 1200;
export const CUTS_MARK_HZ = 1200;
export const CUTS_SPACE_HZ = 600;

export interface CutsEncoderOptions {
  /** Output sample rate in Hz, 8,000 to 96,000. */
  sampleRate: number;
  /** 2 (8N2, the default) or 1. */
  stopBits?: 1 | 2;
  /** 8 (default) or 7. */
  dataBits?: 7 | 8;
  /** Default 'none'. */
  parity?: KcsParity;
  /** 'square' like a digital output (default), or 'sine'. */
  waveform?: KcsWaveform;
  /** Peak amplitude, 0 < amplitude <= 1 (default 0.8). */
  amplitude?: number;
  /** Polarity of the first half-cycle: 1 (default) starts high, -1 low. */
  polarity?: 1 | -1;
}

export interface CutsTapeOptions extends CutsEncoderOptions {
  /** Seconds of 1,200 Hz before the data (default 5). */
  leaderSeconds?: number;
  /** Seconds of 1,200 Hz after the data (default 5). */
  trailerSeconds?: number;
}

export class CutsEncoder {
  readonly sampleRate: number;
  readonly baud = CUTS_BAUD;
  readonly stopBits: 1 | 2;
  readonly dataBits: 7 | 8;
  readonly parity: KcsParity;
  readonly waveform: KcsWaveform;
  readonly amplitude: number;
  private bitCount = 0;
  /** Polarity of the next cell's first half. */
  private polarity: 1 | -1;
  private readonly patterns = new Map<number, Float32Array>();

  constructor(options: CutsEncoderOptions) {
    const {
      sampleRate,
      stopBits = 2,
      dataBits = 8,
      parity = 'none',
      waveform = 'square',
      amplitude = 0.8,
      polarity = 1,
    } = options;
    if (!Number.isFinite(sampleRate) || sampleRate < 8000 || sampleRate > 96000) {
      throw new RangeError(`CUTS encoder: sample rate ${sampleRate} Hz is outside 8000..96000 Hz`);
    }
    if (stopBits !== 1 && stopBits !== 2)
      throw new RangeError(`CUTS encoder: stop bits ${String(stopBits)} is not 1 or 2`);
    if (dataBits !== 7 && dataBits !== 8)
      throw new RangeError(`CUTS encoder: data bits ${String(dataBits)} is not 7 or 8`);
    if (parity !== 'none' && parity !== 'even' && parity !== 'odd')
      throw new RangeError(`CUTS encoder: parity '${String(parity)}' is not none, even or odd`);
    if (waveform !== 'square' && waveform !== 'sine')
      throw new RangeError(`CUTS encoder: waveform '${String(waveform)}' is not 'square' or 'sine'`);
    if (!(amplitude > 0 && amplitude <= 1))
      throw new RangeError(`CUTS encoder: amplitude ${amplitude} is outside (0, 1]`);
    this.sampleRate = sampleRate;
    this.stopBits = stopBits;
    this.dataBits = dataBits;
    this.parity = parity;
    this.waveform = waveform;
    this.amplitude = amplitude;
    this.polarity = polarity === -1 ? -1 : 1;
  }

  /** Cells in a frame: start, data, parity, stops. */
  get frameBits(): number {
    return 1 + this.dataBits + (this.parity === 'none' ? 0 : 1) + this.stopBits;
  }

  get bitsWritten(): number {
    return this.bitCount;
  }

  get samplesWritten(): number {
    return this.sampleAtBit(this.bitCount);
  }

  /** The first sample index at or after the start of bit `bit`. */
  sampleAtBit(bit: number): number {
    return Math.ceil((bit * this.sampleRate) / CUTS_BAUD);
  }

  /** Idle 1s (1,200 Hz), rounded to whole cells. */
  carrier(seconds: number): Float32Array {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) {
      throw new RangeError(`CUTS encoder: carrier length ${seconds} s is not a non-negative number`);
    }
    return this.bits(new Uint8Array(Math.round(seconds * CUTS_BAUD)).fill(1));
  }

  /** One frame per byte; with `target` (large enough) the samples go into it, as KcsEncoder.bytes. */
  bytes(data: Uint8Array, target?: Float32Array): Float32Array {
    const frameBits = this.frameBits;
    const dataBits = this.dataBits;
    const bits = new Uint8Array(data.length * frameBits);
    for (let i = 0; i < data.length; i++) {
      const byte = data[i] ?? 0;
      let at = i * frameBits;
      bits[at++] = 0;
      let ones = 0;
      for (let b = 0; b < dataBits; b++) {
        const bit = (byte >> b) & 1;
        ones += bit;
        bits[at++] = bit;
      }
      if (this.parity !== 'none') bits[at++] = (ones + (this.parity === 'odd' ? 1 : 0)) & 1;
      for (let s = 0; s < this.stopBits; s++) bits[at++] = 1;
    }
    return this.bits(bits, target);
  }

  /** Raw cells (each 0 or 1) in line order; `target` as for bytes(). */
  bits(bits: Uint8Array, target?: Float32Array): Float32Array {
    const first = this.bitCount;
    const length = this.sampleAtBit(first + bits.length) - this.sampleAtBit(first);
    const out = target && target.length >= length ? target.subarray(0, length) : new Float32Array(length);
    const rate = this.sampleRate;
    const amp = this.amplitude;
    const square = this.waveform === 'square';
    let o = 0;
    for (let k = 0; k < bits.length; k++) {
      const bit = first + k;
      const from = this.sampleAtBit(bit);
      // Where the cell's first sample falls inside it, in 1/(rate) of a cell: fewer than 1,200 values.
      const ticks = from * CUTS_BAUD - bit * rate;
      const value = bits[k] === 0 ? 0 : 1;
      const key = (ticks * 2 + value) * 2 + (this.polarity > 0 ? 1 : 0);
      let pattern = this.patterns.get(key);
      if (pattern === undefined) {
        pattern = new Float32Array(this.sampleAtBit(bit + 1) - from);
        const p = this.polarity * amp;
        for (let j = 0, t = ticks; j < pattern.length; j++, t += CUTS_BAUD) {
          const frac = t / rate; // 0..1 through the cell
          if (value === 1) pattern[j] = square ? (frac < 0.5 ? p : -p) : p * Math.sin(2 * Math.PI * frac);
          else pattern[j] = square ? p : p * Math.sin(Math.PI * frac);
        }
        this.patterns.set(key, pattern);
      }
      out.set(pattern, o);
      o += pattern.length;
      if (value === 0) this.polarity = this.polarity > 0 ? -1 : 1;
    }
    this.bitCount += bits.length;
    return out;
  }
}

/** A whole CUTS tape: leader, the bytes, trailer. */
export function encodeCuts(data: Uint8Array, options: CutsTapeOptions): Float32Array {
  const encoder = new CutsEncoder(options);
  const parts = [
    encoder.carrier(options.leaderSeconds ?? 5),
    encoder.bytes(data),
    encoder.carrier(options.trailerSeconds ?? 5),
  ];
  return concatSamples(parts);
}
