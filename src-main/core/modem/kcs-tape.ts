// The bridge between the KCS modem and the emulated cassette port: decoded audio plays into the ACIA as
// frames at the sample positions where the decoder found them, and what the ACIA transmits is encoded back
// to audio on the same bit grid the board's 300-baud clock keeps.
import type { TapeFrame, TapeSink, TapeSource } from '../machine/cassette-port.ts';
import type { SerialFrame } from '../machine/acia6850.ts';
import { KcsEncoder, type KcsEncoderOptions } from './kcs-encoder.ts';

/** What the tape source needs of a decoded byte (a decoder's byte event, or a kept byte span). */
export interface TapeByte {
  value: number;
  /** One past the last sample of the last stop bit. */
  end: number;
  framingError: boolean;
}

/** 8 data bits then two stop bits, as the ACIA expects a received 8N2 frame (bits after the start bit). */
function frameOf(byte: TapeByte): SerialFrame {
  const stops = byte.framingError ? 0b00 : 0b11;
  return { bits: (byte.value & 0xff) | (stops << 8), bitCount: 10 };
}

/** Plays decoded bytes into the cassette port, each arriving when its last stop bit ends on the tape. */
export class DecodedTapeSource implements TapeSource {
  readonly tickHz: number;
  readonly #bytes: readonly TapeByte[];
  #next = 0;

  constructor(bytes: readonly TapeByte[], sampleRate: number) {
    if (!(sampleRate > 0)) throw new RangeError(`sample rate must be positive, got ${sampleRate}`);
    this.tickHz = sampleRate;
    this.#bytes = bytes;
  }

  next(): TapeFrame | undefined {
    const byte = this.#bytes[this.#next];
    if (byte === undefined) return undefined;
    this.#next++;
    return { frame: frameOf(byte), endTick: byte.end };
  }
}

export interface KcsRecorderOptions extends KcsEncoderOptions {
  /** The emulated CPU clock, to turn frame end cycles into time. */
  cpuHz: number;
  /** Baud rate of the ACIA (300 on the Superboard). */
  baud?: 300 | 600;
  /** Mark carrier before the first frame, in seconds (default 2). */
  leaderSeconds?: number;
  /** Receives the audio as it is made, so a long recording never sits in memory. */
  onSamples: (samples: Float32Array) => void;
  /**
   * The emulator cycle at which the recording starts, for a live line (audio out to a real board): frames then
   * keep their real-time place after the leader, and `idleUntil` fills the line with mark as time passes.
   */
  startCycle?: number;
}

/** Bit cells idleUntil leaves free behind the present: one 8N2 frame and a spare cell. */
const IDLE_MARGIN_BITS = 12;

/**
 * Records what the ACIA transmits as KCS audio. The line idles at mark between frames; each frame's cells
 * (start bit, data, stop bits) are placed on the bit grid at the time the ACIA sent them.
 */
export class KcsTapeRecorder implements TapeSink {
  readonly #encoder: KcsEncoder;
  readonly #cpuHz: number;
  readonly #onSamples: (samples: Float32Array) => void;
  readonly #leaderBits: number;
  /** The next free bit cell on the recording's grid. */
  #bit: number;
  /** The emulator cycle at which the first frame's first cell began; later frames keep their spacing from it. */
  #originCycle: number | null = null;
  frames = 0;

  constructor(options: KcsRecorderOptions) {
    this.#encoder = new KcsEncoder(options);
    this.#cpuHz = options.cpuHz;
    this.#onSamples = options.onSamples;
    this.#onSamples(this.#encoder.carrier(options.leaderSeconds ?? 2));
    this.#leaderBits = this.#encoder.bitsWritten;
    this.#bit = this.#leaderBits;
    if (options.startCycle !== undefined) this.#originCycle = options.startCycle;
  }

  /**
   * Idle mark up to `cycle`, less one frame's time: a live line keeps sounding between frames, and a frame
   * the ACIA is still sending (reported when it ends) still finds its place on the grid free.
   */
  idleUntil(cycle: number): void {
    if (this.#originCycle === null) return;
    const cyclesPerBit = this.#cpuHz / this.#encoder.baud;
    const target =
      this.#leaderBits + Math.floor((cycle - this.#originCycle) / cyclesPerBit) - IDLE_MARGIN_BITS;
    if (target > this.#bit) {
      this.#onSamples(this.#encoder.bits(new Uint8Array(target - this.#bit).fill(1)));
      this.#bit = target;
    }
  }

  frame(frame: SerialFrame, _value: number, endCycle: number): void {
    const cells = frame.bitCount + 1;
    const cyclesPerBit = this.#cpuHz / this.#encoder.baud;
    this.#originCycle ??= endCycle - cells * cyclesPerBit;
    const gridEnd = this.#leaderBits + Math.round((endCycle - this.#originCycle) / cyclesPerBit);
    const start = Math.max(this.#bit, gridEnd - cells);
    if (start > this.#bit) this.#onSamples(this.#encoder.bits(new Uint8Array(start - this.#bit).fill(1)));
    const bits = new Uint8Array(cells);
    for (let i = 0; i < frame.bitCount; i++) bits[i + 1] = (frame.bits >> i) & 1;
    this.#onSamples(this.#encoder.bits(bits));
    this.#bit = start + cells;
    this.frames++;
  }

  /** Ends the recording with `seconds` of mark carrier. */
  finish(seconds = 2): void {
    this.#onSamples(this.#encoder.carrier(seconds));
  }
}
