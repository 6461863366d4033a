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
  next(): TapeFrame | undefined;
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

export type TapeSpeed = 'tape' | 'fast';

export interface PlayOptions {
  /** 'tape' plays at recorded timing (bytes are lost if the program does not keep up, as on hardware);
   *  'fast' hands over the next byte as soon as the program has read the last one. */
  readonly speed?: TapeSpeed;
}

export interface CassettePortOptions {
  readonly cpuHz?: number;
}

const FAST_RETRY_CYCLES = 4_096;

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
    this.pending = source.next();
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

  private schedulePending(): void {
    const source = this.source;
    const pending = this.pending;
    if (source === null) return;
    if (pending === undefined) {
      this.source = null;
      this.onTapeEnd?.();
      return;
    }
    if (this.speed === 'fast') {
      this.deliverFast();
      return;
    }
    const divisor = gcd(this.cpuHz, source.tickHz);
    const at =
      this.startCycle + Math.ceil((pending.endTick * (this.cpuHz / divisor)) / (source.tickHz / divisor));
    this.playTask.schedule(Math.max(at, this.scheduler.now()));
  }

  /** Tape speed: the scheduled end of the pending frame has come. */
  private deliver(): void {
    if (this.speed === 'fast') {
      this.deliverFast();
      return;
    }
    const pending = this.pending;
    const source = this.source;
    if (pending === undefined || source === null) return;
    this.acia.receive(pending.frame);
    this.delivered++;
    this.pending = source.next();
    this.schedulePending();
  }

  /** Fast: hand over the next frame as soon as the receiver is empty. */
  private deliverFast(): void {
    const pending = this.pending;
    const source = this.source;
    if (pending === undefined || source === null) return;
    if (!this.acia.canReceive) {
      // Held in master reset or still holding a byte: try again later rather than lose this one.
      if (!this.playTask.scheduled) this.playTask.schedule(this.scheduler.now() + FAST_RETRY_CYCLES);
      return;
    }
    this.acia.receive(pending.frame);
    this.delivered++;
    this.pending = source.next();
    if (this.pending === undefined) this.schedulePending();
  }

  private receiverEmptied(): void {
    if (this.speed === 'fast' && this.source !== null) this.deliverFast();
  }
}
