import { Cpu6502, type Cpu6502State } from '../cpu/cpu6502.ts';
import { ACIA_BASE, Acia6850, type Acia6850State } from './acia6850.ts';
import { Bus, type BusTap, type UnmappedRead } from './bus.ts';
import { CassettePort } from './cassette-port.ts';
import { expectBytes, expectInt, expectRecord } from './device.ts';
import {
  DEFAULT_TYPING,
  KEYBOARD_BASE,
  KeyboardMatrix,
  type KeyboardState,
  type TypingOptions,
} from './keyboard-matrix.ts';
import {
  MACHINE_STATE_FORMAT,
  MACHINE_STATE_VERSION,
  MachineStateError,
  checkHeader,
  decodeMachineState,
  encodeMachineState,
} from './machine-state.ts';
import { SeededRandom } from './random.ts';
import { BASIC_ROM_BASE, MONITOR_ROM_BASE, type RomSet } from './rom-set.ts';
import type { ScheduledTask } from './scheduler.ts';
import { Scheduler } from './scheduler.ts';
import {
  VIDEO_RAM_BASE,
  VIDEO_RAM_SIZE,
  VideoRam,
  type VideoRamState,
  type ScreenTextOptions,
  screenText,
} from './video-ram.ts';

/** 3,932,160 Hz crystal / 4 (MAME, osiemu). */
export const SUPERBOARD_CPU_HZ = 983_040;
/** 60 Hz video: 3,932,160 / 256 / 256 Hz, i.e. 16,384 CPU cycles. */
export const FRAME_CYCLES = 16_384;
export const MAX_RAM_BYTES = 40 * 1024;
export const DEFAULT_RAM_BYTES = 8 * 1024;
/**
 * The CPU runs at most this many cycles between scheduler checks. Cpu6502.run cannot be cut short, so an
 * event a device schedules during a slice (e.g. a 4,800 baud frame end) fires up to this late.
 */
export const MAX_SLICE_CYCLES = 1_024;
/**
 * The most CPU cycles a loaded state may have run: 2^50 is 36 years at 1x and months at the fastest a host
 * manages, and leaves cycle arithmetic exact (doubles are exact to 2^53).
 */
export const MAX_STATE_CYCLES = 2 ** 50;
/**
 * The screen counts as settled when video RAM has not changed for this many cycles: far longer than any
 * pause inside a ROM's scroll copy (a write every few dozen cycles), a quarter of a frame.
 */
export const SCREEN_SETTLE_CYCLES = 4_096;

export interface SuperboardConfig {
  readonly roms: RomSet;
  /** Whole K from 1K to 40K ($0000-$9FFF); 8K by default. */
  readonly ramBytes?: number;
  readonly cpuHz?: number;
  /** Seed for power-on RAM, video RAM and register contents. */
  readonly seed?: number;
  readonly unmappedRead?: UnmappedRead;
  readonly typing?: TypingOptions;
}

export type StopReason = 'completed' | 'breakpoint' | 'watchpoint' | 'address' | 'jammed' | 'paused';

export interface WatchHit {
  readonly kind: 'read' | 'write';
  readonly address: number;
  readonly value: number;
  /** Address of the instruction that made the access. */
  readonly pc: number;
}

export interface RunResult {
  readonly reason: StopReason;
  /** CPU cycles this call ran. */
  readonly cycles: number;
  readonly pc: number;
  readonly watch?: WatchHit | undefined;
}

export type WatchKind = 'read' | 'write' | 'access';

export interface AccessMap {
  readonly reads: Uint32Array;
  readonly writes: Uint32Array;
  readonly executes: Uint32Array;
  /** PC of the instruction that last wrote each address, -1 if none did while recording. */
  readonly lastWriterPc: Int32Array;
  /** The CPU cycle of that write, -1 if none. */
  readonly lastWriteCycle: Float64Array;
}

/** One address's counts while recording (see AccessMap). */
export interface AccessCounts {
  readonly reads: number;
  readonly writes: number;
  readonly executes: number;
  readonly lastWriterPc: number;
  readonly lastWriteCycle: number;
  /** PC of the instruction that last read the address while recording (an opcode fetch counts), -1 if none. */
  readonly lastReaderPc: number;
}

export interface MachineStatus {
  readonly cycles: number;
  readonly frameCount: number;
  readonly pc: number;
  readonly a: number;
  readonly x: number;
  readonly y: number;
  readonly s: number;
  readonly p: number;
  readonly paused: boolean;
  readonly jammed: boolean;
  readonly typingPending: number;
  readonly tapePlaying: boolean;
}

export interface SuperboardState {
  readonly format: typeof MACHINE_STATE_FORMAT;
  readonly version: typeof MACHINE_STATE_VERSION;
  readonly config: {
    readonly ramBytes: number;
    readonly cpuHz: number;
    readonly monitorSha1: string;
    readonly basicSha1: string | null;
    readonly unmappedRead: UnmappedRead;
  };
  readonly cpu: Cpu6502State;
  readonly ram: Uint8Array;
  readonly video: VideoRamState;
  readonly keyboard: KeyboardState;
  readonly acia: Acia6850State;
  readonly frame: { readonly count: number; readonly nextCycle: number };
  readonly random: number;
}

const BREAKPOINT_FLAG = 1;
const RUN_TO_FLAG = 2;
const WATCH_READ = 1;
const WATCH_WRITE = 2;

/** Bus tap for the debug loop: watchpoints and access recording. */
class DebugTap implements BusTap {
  instructionPc = 0;
  recording = false;
  readonly watch = new Uint8Array(0x10000);
  watchCount = 0;
  hit: WatchHit | null = null;
  reads = new Uint32Array(0x10000);
  writes = new Uint32Array(0x10000);
  executes = new Uint32Array(0x10000);
  lastWriterPc = new Int32Array(0x10000).fill(-1);
  lastWriteCycle = new Float64Array(0x10000).fill(-1);
  lastReaderPc = new Int32Array(0x10000).fill(-1);
  /** The counts at the last takeTouched: what differs from them was touched since (the heatmap's input). */
  readonly seen = {
    reads: new Uint32Array(0x10000),
    writes: new Uint32Array(0x10000),
    executes: new Uint32Array(0x10000),
  };

  private readonly cpu: { readonly cycles: number };

  constructor(cpu: { readonly cycles: number }) {
    this.cpu = cpu;
  }

  get active(): boolean {
    return this.recording || this.watchCount > 0;
  }

  afterRead(addr: number, value: number): void {
    if (this.recording) {
      this.reads[addr] = (this.reads[addr] as number) + 1;
      this.lastReaderPc[addr] = this.instructionPc;
    }
    if (this.watchCount !== 0 && this.hit === null && ((this.watch[addr] as number) & WATCH_READ) !== 0) {
      this.hit = { kind: 'read', address: addr, value, pc: this.instructionPc };
    }
  }

  afterWrite(addr: number, value: number): void {
    if (this.recording) {
      this.writes[addr] = (this.writes[addr] as number) + 1;
      this.lastWriterPc[addr] = this.instructionPc;
      this.lastWriteCycle[addr] = this.cpu.cycles;
    }
    if (this.watchCount !== 0 && this.hit === null && ((this.watch[addr] as number) & WATCH_WRITE) !== 0) {
      this.hit = { kind: 'write', address: addr, value, pc: this.instructionPc };
    }
  }

  clearCounts(): void {
    this.reads.fill(0);
    this.writes.fill(0);
    this.executes.fill(0);
    this.lastWriterPc.fill(-1);
    this.lastWriteCycle.fill(-1);
    this.lastReaderPc.fill(-1);
    this.seen.reads.fill(0);
    this.seen.writes.fill(0);
    this.seen.executes.fill(0);
  }
}

/**
 * The Superboard II (model 600): 6502, RAM, optional BASIC ROM, video RAM, keyboard, ACIA and cassette port,
 * with a scheduler for device timing. Runs in a fast loop (`cpu.run` between events); breakpoints and
 * run-to-address use the CPU's breakpoint loop, access recording its counting loop; watchpoints step
 * instruction by instruction. Recording and watchpoints put a tap on the bus. None of this costs anything
 * while it is off.
 */
export class Superboard {
  readonly cpu: Cpu6502;
  readonly bus: Bus;
  readonly scheduler: Scheduler;
  readonly video: VideoRam;
  readonly keyboard: KeyboardMatrix;
  readonly acia: Acia6850;
  readonly cassette: CassettePort;
  readonly roms: RomSet;
  readonly ramBytes: number;
  readonly cpuHz: number;
  frameCount = 0;
  /** Called after each 60 Hz frame event with the frame number. */
  onFrame: ((frame: number) => void) | null = null;

  private readonly frameTask: ScheduledTask;
  private readonly random: SeededRandom;
  private readonly breakpoints = new Uint8Array(0x10000);
  private breakpointCount = 0;
  private readonly tap: DebugTap;
  private isPaused = false;

  constructor(config: SuperboardConfig) {
    const ramBytes = config.ramBytes ?? DEFAULT_RAM_BYTES;
    if (!Number.isInteger(ramBytes) || ramBytes % 1024 !== 0 || ramBytes < 1024 || ramBytes > MAX_RAM_BYTES) {
      throw new RangeError(
        `RAM size must be a whole number of K from 1K to 40K ($0000-$9FFF), got ${ramBytes} bytes`,
      );
    }
    const cpuHz = config.cpuHz ?? SUPERBOARD_CPU_HZ;
    if (!Number.isInteger(cpuHz) || cpuHz <= 0)
      throw new RangeError(`CPU clock must be whole hertz, got ${cpuHz}`);
    if (config.roms.monitor.bytes.length !== 0x800) {
      throw new RangeError(`monitor ROM must be 2048 bytes, got ${config.roms.monitor.bytes.length}`);
    }
    this.roms = config.roms;
    this.ramBytes = ramBytes;
    this.cpuHz = cpuHz;
    this.random = new SeededRandom(config.seed ?? 0x5eed_0600);

    this.bus = new Bus(config.unmappedRead ?? 'address-high');
    this.cpu = new Cpu6502(this.bus);
    const cpu = this.cpu;
    this.tap = new DebugTap(cpu);
    this.video = new VideoRam(
      this.bus.memory.subarray(VIDEO_RAM_BASE, VIDEO_RAM_BASE + VIDEO_RAM_SIZE),
      () => cpu.cycles,
    );
    this.scheduler = new Scheduler(() => cpu.cycles);
    this.keyboard = new KeyboardMatrix(() => cpu.cycles, config.typing ?? DEFAULT_TYPING);
    this.acia = new Acia6850(this.scheduler, { cpuHz });
    this.cassette = new CassettePort(this.scheduler, this.acia, { cpuHz });

    this.bus.mapRam(0, ramBytes >> 8);
    if (config.roms.basic !== undefined) this.bus.mapRom(BASIC_ROM_BASE, config.roms.basic.bytes);
    this.bus.mapWatchedRam(VIDEO_RAM_BASE >> 8, VIDEO_RAM_SIZE >> 8, this.video);
    this.bus.mapDevice(KEYBOARD_BASE >> 8, 1, this.keyboard);
    this.bus.mapDevice(ACIA_BASE >> 8, 1, this.acia);
    this.bus.mapRom(MONITOR_ROM_BASE, config.roms.monitor.bytes);

    this.frameTask = this.scheduler.addTask('frame', (due) => {
      this.frameCount++;
      // Never more than one frame event per call: a clock far ahead of the event (only a hand-made state
      // can do that) skips to the next frame boundary instead of replaying every missed frame.
      const next = due + FRAME_CYCLES;
      const now = this.cpu.cycles;
      this.frameTask.schedule(next > now ? next : (Math.floor(now / FRAME_CYCLES) + 1) * FRAME_CYCLES);
      this.onFrame?.(this.frameCount);
    });
    this.powerCycle();
  }

  /** Power off and on: RAM, video RAM and registers take random contents, the ACIA is held in reset. */
  powerCycle(seed?: number): void {
    if (seed !== undefined) this.random.reseed(seed);
    this.random.fill(this.bus.memory.subarray(0, this.ramBytes));
    this.video.fill(() => this.random.nextByte());
    this.acia.powerOn();
    this.keyboard.reset();
    this.cpu.a = this.random.nextByte();
    this.cpu.x = this.random.nextByte();
    this.cpu.y = this.random.nextByte();
    this.cpu.s = this.random.nextByte();
    this.cpu.p = this.random.nextByte();
    this.cpu.reset();
    this.frameTask.schedule((Math.floor(this.cpu.cycles / FRAME_CYCLES) + 1) * FRAME_CYCLES);
  }

  /** The RESET key: only the CPU's reset line (the ACIA has no reset pin; RAM keeps its contents). */
  reset(): void {
    this.cpu.reset();
    this.runDueEvents();
  }

  get paused(): boolean {
    return this.isPaused;
  }

  pause(): void {
    this.isPaused = true;
  }

  resume(): void {
    this.isPaused = false;
  }

  /** Runs `cycles` CPU cycles (the last instruction may overshoot) unless paused or stopped by a debug event. */
  run(cycles: number): RunResult {
    return this.execute(this.cpu.cycles + cycles, -1);
  }

  /** Runs up to and including the next 60 Hz frame event. */
  runFrame(): RunResult {
    const next = this.frameTask.scheduled ? this.frameTask.at : this.cpu.cycles + FRAME_CYCLES;
    return this.execute(next, -1);
  }

  /** Whether video RAM has been unchanged for `quietCycles` (not in the middle of a scroll copy). */
  screenSettled(quietCycles = SCREEN_SETTLE_CYCLES): boolean {
    return this.cpu.cycles - this.video.changedAt >= quietCycles;
  }

  /**
   * Runs in steps of at most MAX_SLICE_CYCLES until the screen has settled or `maxCycles` have run;
   * returns whether it settled.
   */
  runUntilScreenSettles(maxCycles: number, quietCycles = SCREEN_SETTLE_CYCLES): boolean {
    const end = this.cpu.cycles + maxCycles;
    while (!this.screenSettled(quietCycles)) {
      if (this.cpu.cycles >= end || this.isPaused || this.cpu.jammed) return false;
      this.run(Math.min(MAX_SLICE_CYCLES, end - this.cpu.cycles));
    }
    return true;
  }

  /** Runs until the CPU is about to execute the instruction at `address` (or `maxCycles` pass), then pauses. */
  runTo(address: number, maxCycles = this.cpuHz * 60): RunResult {
    return this.execute(this.cpu.cycles + maxCycles, address & 0xffff);
  }

  /** Executes one instruction, paused or not; breakpoints do not stop it, watchpoints are reported. */
  step(): RunResult {
    const start = this.cpu.cycles;
    this.runDueEvents();
    this.tap.hit = null;
    this.tap.instructionPc = this.cpu.pc;
    if (this.tap.recording) this.countExecute(this.cpu.pc);
    this.cpu.step();
    this.runDueEvents();
    const hit = this.tap.hit;
    this.tap.hit = null;
    const reason: StopReason = this.cpu.jammed ? 'jammed' : hit !== null ? 'watchpoint' : 'completed';
    return { reason, cycles: this.cpu.cycles - start, pc: this.cpu.pc, watch: hit ?? undefined };
  }

  addBreakpoint(address: number): void {
    const a = address & 0xffff;
    if (this.breakpoints[a] === 0) this.breakpointCount++;
    this.breakpoints[a] = BREAKPOINT_FLAG;
  }

  removeBreakpoint(address: number): void {
    const a = address & 0xffff;
    if (this.breakpoints[a] === BREAKPOINT_FLAG) this.breakpointCount--;
    this.breakpoints[a] = 0;
  }

  clearBreakpoints(): void {
    this.breakpoints.fill(0);
    this.breakpointCount = 0;
  }

  listBreakpoints(): number[] {
    const out: number[] = [];
    this.breakpoints.forEach((flag, address) => flag !== 0 && out.push(address));
    return out;
  }

  addWatchpoint(address: number, kind: WatchKind = 'write'): void {
    const a = address & 0xffff;
    const before = this.tap.watch[a] ?? 0;
    const bits = kind === 'read' ? WATCH_READ : kind === 'write' ? WATCH_WRITE : WATCH_READ | WATCH_WRITE;
    this.tap.watch[a] = before | bits;
    if (before === 0) this.tap.watchCount++;
    this.updateTap();
  }

  removeWatchpoint(address: number): void {
    const a = address & 0xffff;
    if ((this.tap.watch[a] ?? 0) !== 0) this.tap.watchCount--;
    this.tap.watch[a] = 0;
    this.updateTap();
  }

  clearWatchpoints(): void {
    this.tap.watch.fill(0);
    this.tap.watchCount = 0;
    this.updateTap();
  }

  /** Starts counting reads, writes and executions per address (and the last writer's PC). */
  startRecording(clear = true): void {
    if (clear) this.tap.clearCounts();
    this.tap.recording = true;
    this.updateTap();
  }

  stopRecording(): void {
    this.tap.recording = false;
    this.updateTap();
  }

  get recording(): boolean {
    return this.tap.recording;
  }

  /** Copies of the access counts gathered while recording. */
  accessMap(): AccessMap {
    return {
      reads: this.tap.reads.slice(),
      writes: this.tap.writes.slice(),
      executes: this.tap.executes.slice(),
      lastWriterPc: this.tap.lastWriterPc.slice(),
      lastWriteCycle: this.tap.lastWriteCycle.slice(),
    };
  }

  /** The counts of one address, without copying the whole map. */
  accessAt(address: number): AccessCounts {
    const a = address & 0xffff;
    const tap = this.tap;
    return {
      reads: tap.reads[a] ?? 0,
      writes: tap.writes[a] ?? 0,
      executes: tap.executes[a] ?? 0,
      lastWriterPc: tap.lastWriterPc[a] ?? -1,
      lastWriteCycle: tap.lastWriteCycle[a] ?? -1,
      lastReaderPc: tap.lastReaderPc[a] ?? -1,
    };
  }

  /**
   * What was read, written or executed since the last call, as three bit planes of 8,192 bytes (reads,
   * writes, executes; address n is bit n & 7 of byte n >> 3), then forgets it.
   */
  takeTouched(): Uint8Array {
    const tap = this.tap;
    const planes = new Uint8Array(3 * 0x2000);
    const counts = [tap.reads, tap.writes, tap.executes];
    const seen = [tap.seen.reads, tap.seen.writes, tap.seen.executes];
    for (let plane = 0; plane < 3; plane++) {
      const now = counts[plane] as Uint32Array;
      const before = seen[plane] as Uint32Array;
      const offset = plane * 0x2000;
      for (let addr = 0; addr < 0x10000; addr++) {
        if (now[addr] !== before[addr]) {
          const at = offset + (addr >> 3);
          planes[at] = (planes[at] as number) | (1 << (addr & 7));
        }
      }
      before.set(now);
    }
    return planes;
  }

  clearAccessMap(): void {
    this.tap.clearCounts();
  }

  peek(address: number): number {
    return this.bus.peek(address & 0xffff);
  }

  peekRange(start: number, length: number): Uint8Array {
    return this.bus.peekRange(start, length);
  }

  poke(address: number, value: number): void {
    this.bus.poke(address, value);
  }

  /** Copies bytes into RAM (or any writable page) as a loader would. */
  load(address: number, bytes: Uint8Array): void {
    bytes.forEach((byte, i) => this.bus.poke((address + i) & 0xffff, byte));
  }

  /** Queues text on the keyboard (see KeyboardMatrix.type). */
  type(text: string): void {
    this.keyboard.type(text);
  }

  screenText(options: ScreenTextOptions = {}): string[] {
    return screenText(this.video.bytes, options);
  }

  status(): MachineStatus {
    const cpu = this.cpu;
    return {
      cycles: cpu.cycles,
      frameCount: this.frameCount,
      pc: cpu.pc,
      a: cpu.a,
      x: cpu.x,
      y: cpu.y,
      s: cpu.s,
      p: cpu.p,
      paused: this.isPaused,
      jammed: cpu.jammed,
      typingPending: this.keyboard.typingPending,
      tapePlaying: this.cassette.playing,
    };
  }

  saveState(): SuperboardState {
    return {
      format: MACHINE_STATE_FORMAT,
      version: MACHINE_STATE_VERSION,
      config: {
        ramBytes: this.ramBytes,
        cpuHz: this.cpuHz,
        monitorSha1: this.roms.monitor.sha1,
        basicSha1: this.roms.basic?.sha1 ?? null,
        unmappedRead: this.bus.unmappedRead,
      },
      cpu: this.cpu.saveState(),
      ram: this.bus.memory.slice(0, this.ramBytes),
      video: this.video.saveState(),
      keyboard: this.keyboard.saveState(),
      acia: this.acia.saveState(),
      frame: { count: this.frameCount, nextCycle: this.frameTask.at },
      random: this.random.seed,
    };
  }

  /**
   * Restores a saved state. Everything is checked first; on any error the machine is left exactly as it
   * was and a MachineStateError says what is wrong. Tape playback stops; typing in progress is dropped.
   */
  loadState(state: unknown): void {
    try {
      this.loadCheckedState(state);
    } catch (error) {
      if (error instanceof MachineStateError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new MachineStateError(`machine state is damaged: ${message}`);
    }
  }

  /** The state as file text (docs/machine-state.md). */
  serializeState(): string {
    return encodeMachineState(this.saveState());
  }

  /** Loads file text from serializeState; bad text changes nothing and throws MachineStateError. */
  deserializeState(text: string): void {
    this.loadState(decodeMachineState(text));
  }

  private loadCheckedState(state: unknown): void {
    const record = expectRecord(state, 'machine state');
    checkHeader(record);
    const config = expectRecord(record.config, 'config');
    const mismatch = (what: string, saved: unknown, here: unknown): never => {
      throw new MachineStateError(
        `machine state was saved with ${what} ${JSON.stringify(saved)}; this machine has ${JSON.stringify(here)}`,
      );
    };
    if (config.ramBytes !== this.ramBytes) mismatch('RAM bytes', config.ramBytes, this.ramBytes);
    if (config.cpuHz !== this.cpuHz) mismatch('CPU clock', config.cpuHz, this.cpuHz);
    if (config.monitorSha1 !== this.roms.monitor.sha1) {
      mismatch('monitor ROM SHA-1', config.monitorSha1, this.roms.monitor.sha1);
    }
    if (config.basicSha1 !== (this.roms.basic?.sha1 ?? null)) {
      mismatch('BASIC ROM SHA-1', config.basicSha1, this.roms.basic?.sha1 ?? null);
    }
    const ram = expectBytes(record, 'ram', 'machine state', this.ramBytes);
    // The clock and the frame event together, as a real run leaves them: the next frame is due within one
    // frame after the clock, and no more frames have passed than the clock allows.
    const cycles = expectInt(expectRecord(record.cpu, 'cpu'), 'cycles', 'cpu', 0, MAX_STATE_CYCLES);
    const frame = expectRecord(record.frame, 'frame');
    const frameCount = expectInt(frame, 'count', 'frame', 0, Math.floor(cycles / FRAME_CYCLES));
    const nextCycle = expectInt(frame, 'nextCycle', 'frame', cycles + 1, cycles + FRAME_CYCLES);
    const random = expectInt(record, 'random', 'machine state', 0, 0xffff_ffff);

    const before = this.saveState();
    try {
      this.cpu.loadState(record.cpu);
      this.video.loadState(record.video);
      this.acia.loadState(record.acia);
      this.bus.setUnmappedRead(config.unmappedRead as UnmappedRead);
      // Last: loading the keyboard drops queued typing, which a restore could not bring back.
      this.keyboard.loadState(record.keyboard);
    } catch (error) {
      this.restore(before);
      throw error;
    }
    this.bus.memory.set(ram);
    this.frameCount = frameCount;
    this.frameTask.schedule(nextCycle);
    this.random.reseed(random);
    this.cassette.stop();
  }

  private restore(state: SuperboardState): void {
    this.cpu.loadState(state.cpu);
    this.video.loadState(state.video);
    this.acia.loadState(state.acia);
    this.bus.setUnmappedRead(state.config.unmappedRead);
  }

  private updateTap(): void {
    this.bus.setTap(this.tap.active ? this.tap : null);
  }

  private runDueEvents(): void {
    if (this.scheduler.nextEventCycle <= this.cpu.cycles) this.scheduler.runDue(this.cpu.cycles);
  }

  private countExecute(pc: number): void {
    this.tap.executes[pc] = (this.tap.executes[pc] as number) + 1;
  }

  private execute(target: number, runTo: number): RunResult {
    const cpu = this.cpu;
    const start = cpu.cycles;
    if (this.isPaused) return { reason: 'paused', cycles: 0, pc: cpu.pc };
    // Four loops: the fast one; the CPU's own breakpoint loop when only breakpoints or a run-to address
    // are set; its counting loop when only recording; per-instruction stepping when watchpoints need the PC.
    const stepping = this.tap.active;
    const recordingOnly = stepping && this.tap.watchCount === 0 && this.breakpointCount === 0 && runTo < 0;
    const stopping = !stepping && (this.breakpointCount > 0 || runTo >= 0);
    const stopFlags = this.breakpoints;
    const runToFlag = runTo >= 0 ? (stopFlags[runTo] ?? 0) : 0;
    if (runTo >= 0) stopFlags[runTo] = runToFlag | RUN_TO_FLAG;
    let reason: StopReason = 'completed';
    let watch: WatchHit | undefined;
    this.runDueEvents();
    while (cpu.cycles < target) {
      const sliceEnd = Math.min(target, this.scheduler.nextEventCycle, cpu.cycles + MAX_SLICE_CYCLES);
      if (recordingOnly) {
        cpu.runRecording(sliceEnd, this.tap.executes, this.tap);
      } else if (stepping) {
        const stop = this.runDebug(sliceEnd, start, runTo);
        if (stop !== null) {
          reason = stop;
          if (stop === 'watchpoint') watch = this.tap.hit ?? undefined;
          this.tap.hit = null;
          this.runDueEvents();
          break;
        }
      } else if (stopping) {
        // runToBreakpoint never stops on the instruction it starts with; between slices that check is ours.
        const atStop = cpu.cycles !== start && (stopFlags[cpu.pc] ?? 0) !== 0;
        if (atStop || cpu.runToBreakpoint(sliceEnd, stopFlags)) {
          reason = cpu.pc === runTo ? 'address' : 'breakpoint';
          this.runDueEvents();
          break;
        }
      } else {
        cpu.run(sliceEnd);
      }
      this.runDueEvents();
      if (cpu.jammed) {
        reason = 'jammed';
        break;
      }
    }
    if (runTo >= 0) stopFlags[runTo] = runToFlag;
    if (reason !== 'completed') this.isPaused = true;
    return { reason, cycles: cpu.cycles - start, pc: cpu.pc, watch };
  }

  /** Steps instructions to `sliceEnd`; returns why it stopped early, or null. */
  private runDebug(sliceEnd: number, callStart: number, runTo: number): StopReason | null {
    const cpu = this.cpu;
    const tap = this.tap;
    const recording = tap.recording;
    const checkBreakpoints = this.breakpointCount > 0;
    tap.hit = null;
    while (cpu.cycles < sliceEnd) {
      const pc = cpu.pc;
      // The instruction a run starts on is not stopped at, so a run can resume from a breakpoint.
      if (cpu.cycles !== callStart) {
        if (pc === runTo) return 'address';
        if (checkBreakpoints && ((this.breakpoints[pc] ?? 0) & BREAKPOINT_FLAG) !== 0) return 'breakpoint';
      }
      tap.instructionPc = pc;
      if (recording) this.countExecute(pc);
      if (cpu.step() === 0) {
        cpu.cycles = sliceEnd;
        return 'jammed';
      }
      if (tap.hit !== null) return 'watchpoint';
    }
    return null;
  }
}
