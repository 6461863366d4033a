import {
  type Acia6850,
  FORMAT_8N2,
  type SerialFrame,
  type SerialLine,
  type WordFormat,
  encodeFrame,
} from './acia6850.ts';
import type { ScheduledTask, Scheduler } from './scheduler.ts';

/** A character on tape and the tape time at which its last stop bit ends, in the source's own ticks. */
export interface TapeFrame {
  readonly frame: SerialFrame;
  readonly endTick: number;
}

/**
 * What plays into the ACIA receiver. A byte list (ByteTapeSource) and a KCS audio decoder fit alike: the
 * decoder uses the sample rate as `tickHz` and sample positions as `endTick`, so timing stays exact.
 */
export interface TapeSource {
  readonly tickHz: number;
  /** The next frame, or undefined when there is none now. */
  next(): TapeFrame | undefined;
  /**
   * Live sources (a decoder fed from a microphone, a terminal bridge) set this to false until they close;
   * the port then waits for more instead of ending. When absent, an undefined frame means the end.
   */
  readonly ended?: boolean;
}

/** What the ACIA transmits, e.g. a KCS encoder writing audio. */
export interface TapeSink {
  frame(frame: SerialFrame, value: number, endCycle: number): void;
}

export interface RecordedByte {
  readonly value: number;
  /** CPU cycle at which the frame's last stop bit ended. */
  readonly endCycle: number;
}

export interface ByteTapeOptions {
  readonly baud?: number;
  readonly format?: WordFormat;
  /** Silence (idle mark) before the first byte. */
  readonly leaderSeconds?: number;
}

/** Bytes sent back to back at `baud`, as a tape recorded from a Superboard holds them. */
export class ByteTapeSource implements TapeSource {
  readonly tickHz: number;
  private readonly bytes: Uint8Array;
  private readonly format: WordFormat;
  private readonly leaderTicks: number;
  private index = 0;

  constructor(bytes: Uint8Array, options: ByteTapeOptions = {}) {
    const baud = options.baud ?? 300;
    if (!Number.isInteger(baud) || baud <= 0)
      throw new RangeError(`tape baud rate must be a positive integer, got ${baud}`);
    const leader = options.leaderSeconds ?? 0;
    if (!(leader >= 0)) throw new RangeError(`tape leader must be zero or more seconds, got ${leader}`);
    this.bytes = bytes.slice();
    this.tickHz = baud;
    this.format = options.format ?? FORMAT_8N2;
    this.leaderTicks = Math.round(leader * baud);
  }

  get position(): number {
    return this.index;
  }

  get length(): number {
    return this.bytes.length;
  }

  next(): TapeFrame | undefined {
    const value = this.bytes[this.index];
    if (value === undefined) return undefined;
    this.index++;
    const frame = encodeFrame(value, this.format);
    return { frame, endTick: this.leaderTicks + this.index * (1 + frame.bitCount) };
  }
}

/**
 * Bytes that arrive while the machine runs (a terminal bridge, typed-in data): play it with speed 'fast' so
 * each byte goes in as soon as the program has taken the previous one.
 */
export class LiveByteSource implements TapeSource {
  readonly tickHz: number;
  private readonly format: WordFormat;
  private readonly queue: number[] = [];
  private closed = false;
  private sent = 0;

  constructor(options: { readonly baud?: number; readonly format?: WordFormat } = {}) {
    this.tickHz = options.baud ?? 300;
    this.format = options.format ?? FORMAT_8N2;
  }

  get ended(): boolean {
    return this.closed && this.queue.length === 0;
  }

  get queued(): number {
    return this.queue.length;
  }

  push(bytes: Iterable<number>): void {
    if (this.closed) throw new Error('cannot push to a closed live source');
    for (const byte of bytes) this.queue.push(byte & 0xff);
  }

  close(): void {
    this.closed = true;
  }

  next(): TapeFrame | undefined {
    const value = this.queue.shift();
    if (value === undefined) return undefined;
    const frame = encodeFrame(value, this.format);
    this.sent++;
    return { frame, endTick: this.sent * (1 + frame.bitCount) };
  }
}

export type TapeSpeed = 'tape' | 'fast';

export interface PlayOptions {
  /** 'tape' plays at recorded timing (bytes are lost if the program does not keep up, as on hardware);
   *  'fast' hands over the next byte as soon as the program has read the last one. */
  readonly speed?: TapeSpeed;
}

export interface CassettePortOptions {
  readonly cpuHz?: number;
}

/** How often a waiting fast or live playback looks again (about 4 ms). */
const POLL_CYCLES = 4_096;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The cassette interface: the ACIA's serial lines to and from a virtual tape. Playback feeds whole characters
 * into the receiver at their tape times; transmitted characters are recorded with the cycle each ended.
 * Tape position and recordings are host-side and not part of the machine's saved state.
 */
export class CassettePort implements SerialLine {
  /** Receives every transmitted character as it completes (an audio encoder, a terminal bridge). */
  sink: TapeSink | null = null;
  /** Called once when the playing tape runs out. */
  onTapeEnd: (() => void) | null = null;

  private readonly scheduler: Scheduler;
  private readonly acia: Acia6850;
  private readonly cpuHz: number;
  private readonly playTask: ScheduledTask;
  private source: TapeSource | null = null;
  private speed: TapeSpeed = 'tape';
  private startCycle = 0;
  private pending: TapeFrame | undefined;
  private delivered = 0;
  private recorded: RecordedByte[] = [];

  constructor(scheduler: Scheduler, acia: Acia6850, options: CassettePortOptions = {}) {
    this.scheduler = scheduler;
    this.acia = acia;
    this.cpuHz = options.cpuHz ?? 983_040;
    this.playTask = scheduler.addTask('cassette-play', () => this.deliver());
    acia.line = this;
    acia.onReceiverEmpty = () => this.receiverEmptied();
  }

  /** Starts playing `source` from now, replacing any tape already playing. */
  play(source: TapeSource, options: PlayOptions = {}): void {
    if (!Number.isInteger(source.tickHz) || source.tickHz <= 0) {
      throw new RangeError(`tape clock must be a positive whole number of hertz, got ${source.tickHz}`);
    }
    this.stop();
    this.source = source;
    this.speed = options.speed ?? 'tape';
    this.startCycle = this.scheduler.now();
    this.delivered = 0;
    this.pending = undefined;
    this.schedulePending();
  }

  stop(): void {
    this.playTask.cancel();
    this.source = null;
    this.pending = undefined;
  }

  get playing(): boolean {
    return this.source !== null;
  }

  /** Characters handed to the receiver since play() started. */
  get framesDelivered(): number {
    return this.delivered;
  }

  /** Characters the ACIA sent since the last call, oldest first. */
  takeRecorded(): RecordedByte[] {
    const taken = this.recorded;
    this.recorded = [];
    return taken;
  }

  transmit(frame: SerialFrame, value: number, endCycle: number): void {
    this.recorded.push({ value, endCycle });
    this.sink?.frame(frame, value, endCycle);
  }

  /** Fetches the next frame if needed; false when there is none now (ended, or a live source is empty). */
  private havePending(): boolean {
    const source = this.source;
    if (source === null) return false;
    if (this.pending === undefined) this.pending = source.next();
    if (this.pending !== undefined) return true;
    if (source.ended === false) {
      // A live source with nothing yet: look again shortly.
      if (!this.playTask.scheduled) this.playTask.schedule(this.scheduler.now() + POLL_CYCLES);
    } else {
      this.source = null;
      this.onTapeEnd?.();
    }
    return false;
  }

  private schedulePending(): void {
    if (!this.havePending()) return;
    if (this.speed === 'fast') {
      this.deliverFast();
      return;
    }
    const source = this.source as TapeSource;
    const pending = this.pending as TapeFrame;
    const divisor = gcd(this.cpuHz, source.tickHz);
    const at =
      this.startCycle + Math.ceil((pending.endTick * (this.cpuHz / divisor)) / (source.tickHz / divisor));
    this.playTask.schedule(Math.max(at, this.scheduler.now()));
  }

  private deliver(): void {
    if (this.speed === 'fast') {
      this.deliverFast();
      return;
    }
    if (this.pending === undefined) {
      this.schedulePending();
      return;
    }
    // Tape speed: the pending frame's last bit has arrived.
    this.acia.receive(this.pending.frame);
    this.delivered++;
    this.pending = undefined;
    this.schedulePending();
  }

  /** Fast: hand over the next frame as soon as the receiver is empty. */
  private deliverFast(): void {
    if (!this.havePending()) return;
    if (!this.acia.canReceive) {
      // Held in master reset or still holding a byte: try again later rather than lose this one.
      if (!this.playTask.scheduled) this.playTask.schedule(this.scheduler.now() + POLL_CYCLES);
      return;
    }
    this.acia.receive((this.pending as TapeFrame).frame);
    this.delivered++;
    this.pending = undefined;
    this.havePending();
  }

  private receiverEmptied(): void {
    if (this.speed === 'fast' && this.source !== null) this.deliverFast();
  }
}
