import { type Device, StateError, expectBool, expectInt, expectNumber, expectRecord } from './device.ts';
import type { ScheduledTask, Scheduler } from './scheduler.ts';

// Status register (read, RS = 0), MC6850 datasheet.
export const RDRF = 0x01;
export const TDRE = 0x02;
export const DCD = 0x04;
export const CTS = 0x08;
export const FE = 0x10;
export const OVRN = 0x20;
export const PE = 0x40;
export const IRQ = 0x80;

// Control register (write, RS = 0).
export const CR_DIVIDE = 0x03;
export const DIVIDE_1 = 0x00;
export const DIVIDE_16 = 0x01;
export const DIVIDE_64 = 0x02;
export const MASTER_RESET = 0x03;
export const CR_WORD = 0x1c;
export const CR_TRANSMIT = 0x60;
/** CR6:5 = 01: RTS low, transmit interrupt enabled. */
export const TRANSMIT_IRQ = 0x20;
/** CR6:5 = 10: RTS high, transmit interrupt disabled. */
export const RTS_HIGH = 0x40;
/** CR6:5 = 11: RTS low, transmit interrupt disabled, transmitter sends a break (continuous space). */
export const TRANSMIT_BREAK = 0x60;
export const CR_RECEIVE_IRQ = 0x80;

export const ACIA_BASE = 0xf000;
/** ACIA clock ticks in the longest frame: a start bit and at most 12 more bits, at the divide-by-64 clock. */
const MAX_FRAME_TICKS = 13 * 64;

export type Parity = 'even' | 'odd' | 'none';

export interface WordFormat {
  readonly dataBits: 7 | 8;
  readonly parity: Parity;
  readonly stopBits: 1 | 2;
}

/** Word select bits CR4:2. */
export const WORD_FORMATS: readonly WordFormat[] = [
  { dataBits: 7, parity: 'even', stopBits: 2 },
  { dataBits: 7, parity: 'odd', stopBits: 2 },
  { dataBits: 7, parity: 'even', stopBits: 1 },
  { dataBits: 7, parity: 'odd', stopBits: 1 },
  { dataBits: 8, parity: 'none', stopBits: 2 },
  { dataBits: 8, parity: 'none', stopBits: 1 },
  { dataBits: 8, parity: 'even', stopBits: 1 },
  { dataBits: 8, parity: 'odd', stopBits: 1 },
];

/** 8 data bits, no parity, 2 stop bits: the cassette format ($11 written by the monitor, word select 100). */
export const FORMAT_8N2: WordFormat = { dataBits: 8, parity: 'none', stopBits: 2 };

/**
 * One character on a serial line: the bits that follow the start bit, least significant first (data, then
 * parity if any, then stop bits). 1 is mark. A stop bit of 0 is what a receiver reports as a framing error.
 */
export interface SerialFrame {
  readonly bits: number;
  readonly bitCount: number;
}

export function encodeFrame(value: number, format: WordFormat): SerialFrame {
  const dataMask = (1 << format.dataBits) - 1;
  let bits = value & dataMask;
  let bitCount = format.dataBits;
  if (format.parity !== 'none') {
    const odd = parityOf(bits);
    bits |= (format.parity === 'even' ? odd : odd ^ 1) << bitCount;
    bitCount++;
  }
  bits |= ((1 << format.stopBits) - 1) << bitCount;
  bitCount += format.stopBits;
  return { bits, bitCount };
}

export interface DecodedCharacter {
  readonly value: number;
  readonly framingError: boolean;
  readonly parityError: boolean;
}

/**
 * What a receiver set to `format` makes of a frame; bits beyond the sender's frame read as mark (idle line).
 * The 6850 checks only the first stop bit.
 */
export function decodeFrame(frame: SerialFrame, format: WordFormat): DecodedCharacter {
  const line = frame.bits | (~0 << frame.bitCount);
  const value = line & ((1 << format.dataBits) - 1);
  let position = format.dataBits;
  let parityError = false;
  if (format.parity !== 'none') {
    const received = (line >> position) & 1;
    const expected = format.parity === 'even' ? parityOf(value) : parityOf(value) ^ 1;
    parityError = received !== expected;
    position++;
  }
  return { value, framingError: ((line >> position) & 1) === 0, parityError };
}

function parityOf(value: number): number {
  let v = value;
  v ^= v >> 4;
  v ^= v >> 2;
  v ^= v >> 1;
  return v & 1;
}

/** Where the transmitter's characters go. `endCycle` is when the last stop bit ended. */
export interface SerialLine {
  transmit(frame: SerialFrame, value: number, endCycle: number): void;
}

export interface Acia6850Options {
  readonly cpuHz?: number;
  /** Transmit and receive clock; on the Superboard 4,800 Hz, so divide-by-16 gives 300 baud. */
  readonly clockHz?: number;
}

export interface Acia6850State {
  readonly control: number;
  readonly inReset: boolean;
  readonly rdr: number;
  readonly rdrf: boolean;
  readonly framingError: boolean;
  readonly parityError: boolean;
  readonly overrun: boolean;
  readonly overrunPending: boolean;
  readonly tdr: number;
  readonly tdrFull: boolean;
  readonly shifting: boolean;
  readonly shiftValue: number;
  readonly shiftBits: number;
  readonly shiftBitCount: number;
  /** ACIA clock tick at which the frame being shifted out ends. */
  readonly frameEndTick: number;
  readonly dcdHigh: boolean;
  readonly ctsHigh: boolean;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * Motorola MC6850 ACIA at $F000 (control/status) and $F001 (data), mirrored through page $F0.
 * Transmit timing runs on the cycle scheduler in whole ACIA clock ticks, so back-to-back frames stay exact
 * over any run length (at 300 baud a frame is 11 x 16 ticks = 36,044.8 CPU cycles).
 */
export class Acia6850 implements Device<Acia6850State> {
  /** Receives transmitted characters (the cassette port). */
  line: SerialLine | null = null;
  /** Called when the CPU empties the receive data register: lets a fast tape source send the next byte. */
  onReceiverEmpty: (() => void) | null = null;
  /** Changes of the IRQ output (not connected on the Superboard). */
  onIrq: ((asserted: boolean) => void) | null = null;

  private readonly scheduler: Scheduler;
  private readonly transmitTask: ScheduledTask;
  /** CPU cycles per ACIA clock tick as the exact fraction cyclesPerTickNum / cyclesPerTickDen. */
  private readonly cyclesPerTickNum: number;
  private readonly cyclesPerTickDen: number;

  private control = 0;
  private inReset = true;
  private rdr = 0;
  private rdrf = false;
  private framingError = false;
  private parityError = false;
  private overrun = false;
  private overrunPending = false;
  private tdr = 0;
  private tdrFull = false;
  private shifting = false;
  private shiftValue = 0;
  private shiftFrame: SerialFrame = { bits: 0, bitCount: 0 };
  private frameEndTick = 0;
  private dcdHigh = false;
  private ctsHigh = false;
  private irqOut = false;

  constructor(scheduler: Scheduler, options: Acia6850Options = {}) {
    const cpuHz = options.cpuHz ?? 983_040;
    const clockHz = options.clockHz ?? 4_800;
    if (!Number.isInteger(cpuHz) || !Number.isInteger(clockHz) || cpuHz <= 0 || clockHz <= 0) {
      throw new RangeError(`ACIA clocks must be positive whole hertz, got CPU ${cpuHz} and ACIA ${clockHz}`);
    }
    const divisor = gcd(cpuHz, clockHz);
    this.cyclesPerTickNum = cpuHz / divisor;
    this.cyclesPerTickDen = clockHz / divisor;
    this.scheduler = scheduler;
    this.transmitTask = scheduler.addTask('acia-transmit', () => this.frameSent());
  }

  read(addr: number): number {
    if ((addr & 1) === 0) return this.status();
    const value = this.rdr;
    if (this.inReset) return value;
    if (this.overrunPending) {
      // Datasheet: overrun shows in the status only once the last good character has been read; RDRF stays
      // set until the next read of the data register resets the overrun.
      this.overrunPending = false;
      this.overrun = true;
    } else if (this.rdrf || this.overrun) {
      this.rdrf = false;
      this.overrun = false;
      this.framingError = false;
      this.parityError = false;
      this.onReceiverEmpty?.();
    }
    this.updateIrq();
    return value;
  }

  peek(addr: number): number {
    return (addr & 1) === 0 ? this.status() : this.rdr;
  }

  write(addr: number, value: number): void {
    if ((addr & 1) === 0) this.writeControl(value & 0xff);
    else this.writeData(value & 0xff);
  }

  /** The 6850 has no reset pin: the board's reset leaves it alone and software master-resets it. */
  reset(): void {}

  /** Power-on: held in master reset until the first control write that releases it. */
  powerOn(): void {
    this.transmitTask.cancel();
    this.control = 0;
    this.rdr = 0;
    this.tdr = 0;
    this.masterReset();
  }

  /** A whole character arrived on the receive line now. */
  receive(frame: SerialFrame): void {
    if (this.inReset) return;
    if (this.rdrf) {
      this.overrunPending = true;
      return;
    }
    const decoded = decodeFrame(frame, this.format);
    this.rdr = decoded.value;
    this.rdrf = true;
    this.framingError = decoded.framingError;
    this.parityError = decoded.parityError;
    this.updateIrq();
  }

  /** /DCD input: high means carrier lost. Tied low on the Superboard. */
  setDcd(high: boolean): void {
    this.dcdHigh = high;
    this.updateIrq();
  }

  /** /CTS input: high inhibits TDRE. Tied low on the Superboard. */
  setCts(high: boolean): void {
    this.ctsHigh = high;
    this.updateIrq();
  }

  get format(): WordFormat {
    return WORD_FORMATS[(this.control & CR_WORD) >> 2] ?? FORMAT_8N2;
  }

  /** Clock divider 1, 16 or 64 (master reset reads as 1). */
  get divider(): number {
    const select = this.control & CR_DIVIDE;
    return select === DIVIDE_16 ? 16 : select === DIVIDE_64 ? 64 : 1;
  }

  get rtsHigh(): boolean {
    return (this.control & CR_TRANSMIT) === RTS_HIGH;
  }

  get sendingBreak(): boolean {
    return (this.control & CR_TRANSMIT) === TRANSMIT_BREAK;
  }

  /** The receiver is running and its data register is empty. */
  get canReceive(): boolean {
    return !this.inReset && !this.rdrf;
  }

  get irq(): boolean {
    return this.irqOut;
  }

  /** CPU cycles one frame of `format` takes at the current divider (fractional). */
  frameCycles(format: WordFormat = this.format): number {
    const ticks = (1 + encodeFrame(0, format).bitCount) * this.divider;
    return (ticks * this.cyclesPerTickNum) / this.cyclesPerTickDen;
  }

  /** True while a character is being shifted out or waits in the transmit data register. */
  get transmitting(): boolean {
    return this.shifting || this.tdrFull;
  }

  saveState(): Acia6850State {
    return {
      control: this.control,
      inReset: this.inReset,
      rdr: this.rdr,
      rdrf: this.rdrf,
      framingError: this.framingError,
      parityError: this.parityError,
      overrun: this.overrun,
      overrunPending: this.overrunPending,
      tdr: this.tdr,
      tdrFull: this.tdrFull,
      shifting: this.shifting,
      shiftValue: this.shiftValue,
      shiftBits: this.shiftFrame.bits,
      shiftBitCount: this.shiftFrame.bitCount,
      frameEndTick: this.frameEndTick,
      dcdHigh: this.dcdHigh,
      ctsHigh: this.ctsHigh,
    };
  }

  loadState(state: unknown): void {
    const where = 'acia';
    const f = expectRecord(state, where);
    const byte = (key: string): number => expectInt(f, key, where, 0, 0xff);
    const next = {
      control: byte('control'),
      inReset: expectBool(f, 'inReset', where),
      rdr: byte('rdr'),
      rdrf: expectBool(f, 'rdrf', where),
      framingError: expectBool(f, 'framingError', where),
      parityError: expectBool(f, 'parityError', where),
      overrun: expectBool(f, 'overrun', where),
      overrunPending: expectBool(f, 'overrunPending', where),
      tdr: byte('tdr'),
      tdrFull: expectBool(f, 'tdrFull', where),
      shifting: expectBool(f, 'shifting', where),
      shiftValue: byte('shiftValue'),
      shiftBits: expectInt(f, 'shiftBits', where, 0, 0xfff),
      shiftBitCount: expectInt(f, 'shiftBitCount', where, 0, 12),
      frameEndTick: expectNumber(f, 'frameEndTick', where),
      dcdHigh: expectBool(f, 'dcdHigh', where),
      ctsHigh: expectBool(f, 'ctsHigh', where),
    };
    // A frame being sent ends at most one frame (13 bits at the slowest divider) after now.
    const latest = this.cycleToTick(this.scheduler.now()) + MAX_FRAME_TICKS;
    if (!Number.isSafeInteger(next.frameEndTick) || next.frameEndTick < 0 || next.frameEndTick > latest) {
      throw new StateError(
        `${where}.frameEndTick: expected a whole tick count from 0 to ${latest}, got ${next.frameEndTick}`,
      );
    }
    this.control = next.control;
    this.inReset = next.inReset;
    this.rdr = next.rdr;
    this.rdrf = next.rdrf;
    this.framingError = next.framingError;
    this.parityError = next.parityError;
    this.overrun = next.overrun;
    this.overrunPending = next.overrunPending;
    this.tdr = next.tdr;
    this.tdrFull = next.tdrFull;
    this.shifting = next.shifting;
    this.shiftValue = next.shiftValue;
    this.shiftFrame = { bits: next.shiftBits, bitCount: next.shiftBitCount };
    this.frameEndTick = next.frameEndTick;
    this.dcdHigh = next.dcdHigh;
    this.ctsHigh = next.ctsHigh;
    if (this.shifting) this.transmitTask.schedule(this.tickToCycle(this.frameEndTick));
    else this.transmitTask.cancel();
    this.updateIrq();
  }

  private status(): number {
    let status = 0;
    if (this.rdrf) status |= RDRF;
    if (!this.inReset && !this.tdrFull && !this.ctsHigh) status |= TDRE;
    if (this.dcdHigh) status |= DCD;
    if (this.ctsHigh) status |= CTS;
    if (this.framingError) status |= FE;
    if (this.overrun) status |= OVRN;
    if (this.parityError) status |= PE;
    if (this.irqOut) status |= IRQ;
    return status;
  }

  private writeControl(value: number): void {
    this.control = value;
    if ((value & CR_DIVIDE) === MASTER_RESET) {
      this.masterReset();
      return;
    }
    this.inReset = false;
    this.updateIrq();
  }

  private masterReset(): void {
    // Clears the status (except the /DCD and /CTS inputs) and stops both halves; the character being shifted
    // out is abandoned.
    this.inReset = true;
    this.rdrf = false;
    this.framingError = false;
    this.parityError = false;
    this.overrun = false;
    this.overrunPending = false;
    this.tdrFull = false;
    this.shifting = false;
    this.transmitTask.cancel();
    this.updateIrq();
  }

  private writeData(value: number): void {
    if (this.inReset) return;
    this.tdr = value;
    this.tdrFull = true;
    if (!this.shifting) this.startFrame(this.cycleToTick(this.scheduler.now()));
    this.updateIrq();
  }

  private startFrame(startTick: number): void {
    this.shiftValue = this.tdr;
    this.tdrFull = false;
    this.shifting = true;
    this.shiftFrame = encodeFrame(this.tdr, this.format);
    this.frameEndTick = startTick + (1 + this.shiftFrame.bitCount) * this.divider;
    this.transmitTask.schedule(this.tickToCycle(this.frameEndTick));
  }

  private frameSent(): void {
    const endCycle = this.tickToCycle(this.frameEndTick);
    const frame = this.shiftFrame;
    const value = this.shiftValue;
    this.shifting = false;
    if (this.tdrFull) this.startFrame(this.frameEndTick);
    this.updateIrq();
    this.line?.transmit(frame, value, endCycle);
  }

  /** The first ACIA clock edge at or after `cycle`. */
  private cycleToTick(cycle: number): number {
    return Math.ceil((cycle * this.cyclesPerTickDen) / this.cyclesPerTickNum);
  }

  private tickToCycle(tick: number): number {
    return Math.ceil((tick * this.cyclesPerTickNum) / this.cyclesPerTickDen);
  }

  private updateIrq(): void {
    const receiveIrq = (this.control & CR_RECEIVE_IRQ) !== 0 && (this.rdrf || this.overrun || this.dcdHigh);
    const transmitIrq =
      (this.control & CR_TRANSMIT) === TRANSMIT_IRQ && !this.inReset && !this.tdrFull && !this.ctsHigh;
    const irq = !this.inReset && (receiveIrq || transmitIrq);
    if (irq !== this.irqOut) {
      this.irqOut = irq;
      this.onIrq?.(irq);
    }
  }
}
