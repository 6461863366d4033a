// Kansas City Standard encoder as written by the Superboard II cassette port: a 1 bit is 8 cycles of
// 2,400 Hz, a 0 bit 4 cycles of 1,200 Hz at 300 baud, the line idles at mark (2,400 Hz), frames are
// start bit 0, eight data bits least significant first, then one or two stop bits of 1.
// Both tones come from one 4,800 Hz clock, so every bit holds a whole number of cycles and the phase is
// continuous across bit boundaries.

export type KcsWaveform = 'square' | 'sine';

export const KCS_MARK_HZ = 2400;
export const KCS_SPACE_HZ = 1200;

export interface KcsEncoderOptions {
  /** Output sample rate in Hz, 8,000 to 96,000. */
  sampleRate: number;
  /** 300 (the Superboard's rate) or 600. */
  baud?: 300 | 600;
  /** 2 (8N2, the monitor's setting) or 1 (8N1). */
  stopBits?: 1 | 2;
  /** 'square' like the board's digital output, or 'sine'. */
  waveform?: KcsWaveform;
  /** Peak amplitude, 0 < amplitude <= 1. */
  amplitude?: number;
}

export interface KcsTapeOptions extends KcsEncoderOptions {
  /** Seconds of mark carrier before the data (default 5). */
  leaderSeconds?: number;
  /** Seconds of mark carrier after the data (default 5). */
  trailerSeconds?: number;
}

export class KcsEncoder {
  readonly sampleRate: number;
  readonly baud: 300 | 600;
  readonly stopBits: 1 | 2;
  readonly waveform: KcsWaveform;
  readonly amplitude: number;
  private bitCount = 0;
  private readonly patterns = new Map<number, Float32Array>();

  constructor(options: KcsEncoderOptions) {
    const { sampleRate, baud = 300, stopBits = 2, waveform = 'square', amplitude = 0.8 } = options;
    if (!Number.isFinite(sampleRate) || sampleRate < 8000 || sampleRate > 96000) {
      throw new RangeError(`KCS encoder: sample rate ${sampleRate} Hz is outside 8000..96000 Hz`);
    }
    if (baud !== 300 && baud !== 600)
      throw new RangeError(`KCS encoder: baud ${String(baud)} is not 300 or 600`);
    if (stopBits !== 1 && stopBits !== 2) {
      throw new RangeError(`KCS encoder: stop bits ${String(stopBits)} is not 1 or 2`);
    }
    if (waveform !== 'square' && waveform !== 'sine') {
      throw new RangeError(`KCS encoder: waveform '${String(waveform)}' is not 'square' or 'sine'`);
    }
    if (!(amplitude > 0 && amplitude <= 1)) {
      throw new RangeError(`KCS encoder: amplitude ${amplitude} is outside (0, 1]`);
    }
    this.sampleRate = sampleRate;
    this.baud = baud;
    this.stopBits = stopBits;
    this.waveform = waveform;
    this.amplitude = amplitude;
  }

  /** Bits written so far (leader, frames and trailer all count). */
  get bitsWritten(): number {
    return this.bitCount;
  }

  /** Samples written so far. */
  get samplesWritten(): number {
    return this.sampleAtBit(this.bitCount);
  }

  /** The first sample index at or after the start of bit `bit` (bits counted from the first output). */
  sampleAtBit(bit: number): number {
    return Math.ceil((bit * this.sampleRate) / this.baud);
  }

  /** Idle mark carrier, rounded to whole bit cells. */
  carrier(seconds: number): Float32Array {
    if (!(seconds >= 0) || !Number.isFinite(seconds)) {
      throw new RangeError(`KCS encoder: carrier length ${seconds} s is not a non-negative number`);
    }
    return this.bits(new Uint8Array(Math.round(seconds * this.baud)).fill(1));
  }

  /**
   * One frame per byte: start bit, 8 data bits LSB first, stop bits. With `target` (large enough) the
   * samples go into it and a view of it is returned, so a long stream allocates nothing per block.
   */
  bytes(data: Uint8Array, target?: Float32Array): Float32Array {
    const frameBits = 9 + this.stopBits;
    const bits = new Uint8Array(data.length * frameBits);
    for (let i = 0; i < data.length; i++) {
      const byte = data[i] ?? 0;
      const base = i * frameBits;
      bits[base] = 0;
      for (let b = 0; b < 8; b++) bits[base + 1 + b] = (byte >> b) & 1;
      for (let s = 0; s < this.stopBits; s++) bits[base + 9 + s] = 1;
    }
    return this.bits(bits, target);
  }

  /** Raw bit cells (each 0 or 1) in line order; `target` as for bytes(). */
  bits(bits: Uint8Array, target?: Float32Array): Float32Array {
    const first = this.bitCount;
    const startSample = this.sampleAtBit(first);
    const endSample = this.sampleAtBit(first + bits.length);
    const length = endSample - startSample;
    const out = target && target.length >= length ? target.subarray(0, length) : new Float32Array(length);
    const rate = this.sampleRate;
    const baud = this.baud;
    const amp = this.amplitude;
    const square = this.waveform === 'square';
    const markCycles = KCS_MARK_HZ / baud;
    const spaceCycles = KCS_SPACE_HZ / baud;
    // Integer arithmetic keeps hour-long tapes free of drift: i * baud stays far below 2^53. Sample i
    // belongs to bit floor(i * baud / rate); a bit's samples depend only on its value and on where its
    // first sample falls (ticks = i * baud - bit * rate, fewer than baud values), so each cell is a copy
    // of a cached pattern.
    let o = 0;
    for (let k = 0; k < bits.length; k++) {
      const bit = first + k;
      const from = this.sampleAtBit(bit);
      const ticks = from * baud - bit * rate;
      const value = bits[k] === 0 ? 0 : 1;
      const key = ticks * 2 + value;
      let pattern = this.patterns.get(key);
      if (pattern === undefined) {
        const cycles = value === 0 ? spaceCycles : markCycles;
        pattern = new Float32Array(this.sampleAtBit(bit + 1) - from);
        for (let j = 0, t = ticks; j < pattern.length; j++, t += baud) {
          const phase = (t / rate) * cycles;
          const frac = phase - Math.floor(phase);
          pattern[j] = square ? (frac < 0.5 ? amp : -amp) : amp * Math.sin(2 * Math.PI * frac);
        }
        this.patterns.set(key, pattern);
      }
      out.set(pattern, o);
      o += pattern.length;
    }
    this.bitCount += bits.length;
    return out;
  }
}

/** A whole tape: leader, the bytes, trailer. */
export function encodeKcs(data: Uint8Array, options: KcsTapeOptions): Float32Array {
  const encoder = new KcsEncoder(options);
  const parts = [
    encoder.carrier(options.leaderSeconds ?? 5),
    encoder.bytes(data),
    encoder.carrier(options.trailerSeconds ?? 5),
  ];
  return concatSamples(parts);
}

export function concatSamples(parts: readonly Float32Array[]): Float32Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Float32Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export interface BasicTextOptions {
  /** NUL bytes after every CR (the monitor sends 10 so BASIC can digest the line on LOAD). */
  nulls?: number;
  /** Append a LF after the NULs, as BASIC's LIST does during SAVE (default false). */
  lineFeed?: boolean;
}

/** BASIC program text as the Superboard saves it: line ends become CR followed by NULs. */
export function basicTextToBytes(text: string, options: BasicTextOptions = {}): Uint8Array {
  const { nulls = 10, lineFeed = false } = options;
  if (!Number.isInteger(nulls) || nulls < 0 || nulls > 255) {
    throw new RangeError(`BASIC text: NUL count ${nulls} is not an integer in 0..255`);
  }
  const out: number[] = [];
  const normalised = text.replace(/\r\n?/g, '\n');
  for (let i = 0; i < normalised.length; i++) {
    const code = normalised.charCodeAt(i);
    if (code > 0x7f) {
      throw new RangeError(
        `BASIC text: character U+${code.toString(16).padStart(4, '0')} at ${i} is not ASCII`,
      );
    }
    if (code === 0x0a) {
      out.push(0x0d);
      for (let n = 0; n < nulls; n++) out.push(0);
      if (lineFeed) out.push(0x0a);
    } else {
      out.push(code);
    }
  }
  return Uint8Array.from(out);
}

/** Signed 16-bit PCM, clamped. */
export function toPcm16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round((samples[i] ?? 0) * 32767);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

/** Unsigned 8-bit PCM (128 is silence), clamped. */
export function toPcm8(samples: Float32Array): Uint8Array {
  const out = new Uint8Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round(128 + (samples[i] ?? 0) * 127);
    out[i] = v > 255 ? 255 : v < 0 ? 0 : v;
  }
  return out;
}
