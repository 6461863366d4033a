import type { AccessInfo, InspectView, MachineSpeed, MachineStatus, RomInfo } from '../../ipc/contract.ts';
import { ioSnapshot } from '../../core/inspector/io-snapshot.ts';
import { loadBasicRom, loadMonitorRom, type RomImage } from '../../core/machine/rom-set.ts';
import {
  FRAME_CYCLES,
  SUPERBOARD_CPU_HZ,
  Superboard,
  type RunResult,
} from '../../core/machine/superboard.ts';
import { ByteTapeSource, LiveByteSource, type TapeSource } from '../../core/machine/cassette-port.ts';
import { KcsTapeRecorder } from '../../core/modem/kcs-tape.ts';
import type { EmulatorCommand, InspectorSnapshot, MachineConfig } from './protocol.ts';

export const LAB_MONITOR_SOURCE = 'lab-monitor';

const SPEED_FACTOR: Record<Exclude<MachineSpeed, 'max'>, number> = { '1x': 1, '2x': 2, '4x': 4 };
/** Falling further behind than this (a busy host, a debugger) drops the lost time instead of racing to catch up. */
const MAX_LAG_SECONDS = 0.1;
const FRAME_INTERVAL_MS = 1000 / 60;
const STATUS_INTERVAL_MS = 250;
/** A frame waits for a settled screen (not one in mid-scroll) at most this long. */
const MAX_FRAME_DEFER_MS = 100;
/** At maximum speed, emulate for this long before yielding to messages. */
const MAX_SPEED_SLICE_MS = 15;

export interface RunnerOutput {
  frame(frame: number, video: Uint8Array): void;
  status(status: MachineStatus): void;
  /** What the Memory area asked to see; at most `view.rate` (30) a second, only while it asks. */
  snapshot?(snapshot: InspectorSnapshot): void;
  /** What the ACIA sent while the cassette port is wired to the cable (see `wireSerial`). */
  serial?(bytes: Uint8Array): void;
}

/** The tape name the status shows while the cassette port is wired to the cable. */
const CABLE_TAPE_NAME = 'the cassette cable';

const DEFAULT_SNAPSHOT_RATE = 30;

/**
 * Owns one Superboard and paces it against wall time: 1x is 983,040 cycles a second, 2x and 4x multiples,
 * 'max' as fast as the host allows. Frames go out only when video RAM changed, at most 60 a second.
 * It is driven by `tick()`; the worker calls it from a timer, tests call it with their own clock.
 */
export class EmulatorRunner {
  readonly #now: () => number;
  readonly #output: RunnerOutput;
  #machine: Superboard | null = null;
  #monitorInfo: RomInfo = { name: 'none', sha1: '', known: false };
  #basicInfo: RomInfo | null = null;
  #ramKb = 8;
  #speed: MachineSpeed = '1x';
  #baseTime = 0;
  #baseCycles = 0;
  #videoDirty = true;
  #lastFrameSent = -Infinity;
  #lastStatus = -Infinity;
  #rateTime = 0;
  #rateCycles = 0;
  #effectiveSpeed = 0;
  #message: string | null = null;
  #tapeName: string | null = null;
  #recorder: KcsTapeRecorder | null = null;
  #breakpoints: number[] = [];
  #watchpoints: { address: number; kind: 'read' | 'write' | 'access' }[] = [];
  #runTo: number | null = null;
  #inspect: InspectView | null = null;
  #lastSnapshot = -Infinity;
  /** Cycle count of the last snapshot; -1 forces the next one (a poke, a new view). */
  #snapshotCycles = -1;
  /** The cable's receive side while the cassette port is wired to it (audio or the soft-modem). */
  #serialIn: LiveByteSource | null = null;
  #serialOut: number[] = [];

  constructor(now: () => number, output: RunnerOutput) {
    this.#now = now;
    this.#output = output;
  }

  get machine(): Superboard {
    if (!this.#machine) throw new Error('The emulator has no machine yet.');
    return this.#machine;
  }

  configure(config: MachineConfig): MachineStatus {
    const monitor = loadMonitorRom(config.monitor.bytes, config.monitor.source);
    const basic =
      config.basic.length === 0
        ? undefined
        : loadBasicRom(
            config.basic.map((part) => part.bytes),
            config.basic.map((part) => part.source),
          );
    const machine = new Superboard({
      roms: { monitor, basic },
      ramBytes: config.ramKb * 1024,
      seed: config.seed ?? Math.floor(Math.random() * 0x7fffffff),
    });
    machine.onFrame = () => {
      if (machine.video.takeDirtyRows() !== 0) this.#videoDirty = true;
    };
    machine.cassette.onTapeEnd = () => {
      this.#tapeName = null;
      this.#sendStatus();
    };
    this.#machine = machine;
    this.#tapeName = null;
    this.#recorder = null;
    for (const address of this.#breakpoints) machine.addBreakpoint(address);
    for (const watch of this.#watchpoints) machine.addWatchpoint(watch.address, watch.kind);
    this.#machine = machine;
    this.#runTo = null;
    this.#monitorInfo =
      config.monitor.source === LAB_MONITOR_SOURCE
        ? { name: 'Lab Monitor', sha1: monitor.sha1, known: true }
        : info(monitor);
    this.#basicInfo = basic ? info(basic) : null;
    this.#ramKb = config.ramKb;
    this.#message = null;
    if (this.#serialIn) this.wireSerial(true);
    this.#rebase();
    this.#videoDirty = true;
    this.#applyInspect();
    return this.status();
  }

  /** Replaces what the Memory area shows; recording runs only while a view asks for it. */
  inspect(view: InspectView | null): { recording: boolean } {
    this.#inspect = view;
    this.#snapshotCycles = -1;
    this.#lastSnapshot = -Infinity;
    this.#applyInspect();
    return { recording: this.machine.recording };
  }

  #applyInspect(): void {
    const machine = this.#machine;
    if (!machine) return;
    const wanted = this.#inspect?.recording ?? false;
    if (wanted && !machine.recording) machine.startRecording(false);
    else if (!wanted && machine.recording) machine.stopRecording();
  }

  access(address: number): AccessInfo {
    const machine = this.machine;
    const counts = machine.accessAt(address);
    return {
      address,
      value: machine.peek(address),
      reads: counts.reads,
      writes: counts.writes,
      executes: counts.executes,
      lastWriterPc: counts.lastWriterPc < 0 ? null : counts.lastWriterPc,
      cyclesAgo: counts.lastWriteCycle < 0 ? null : machine.cpu.cycles - counts.lastWriteCycle,
      lastReaderPc: counts.lastReaderPc < 0 ? null : counts.lastReaderPc,
      recording: machine.recording,
    };
  }

  #sendSnapshot(now: number): void {
    const view = this.#inspect;
    const machine = this.#machine;
    const output = this.#output.snapshot;
    if (!view || !machine || !output) return;
    if (!view.heatmap && !view.io && view.ranges.length === 0) return;
    if (now - this.#lastSnapshot < 1000 / (view.rate ?? DEFAULT_SNAPSHOT_RATE) - 1) return;
    if (machine.cpu.cycles === this.#snapshotCycles) return;
    this.#lastSnapshot = now;
    this.#snapshotCycles = machine.cpu.cycles;
    output({
      cycles: machine.cpu.cycles,
      heat: view.heatmap ? machine.takeTouched() : null,
      ranges: view.ranges.map(({ start, length }) => ({ start, bytes: machine.peekRange(start, length) })),
      io: view.io ? ioSnapshot(machine) : null,
    });
  }

  /** Carries out one command from the service; returns the reply value. */
  command(command: Exclude<EmulatorCommand, { kind: 'configure' }>): unknown {
    const machine = this.machine;
    switch (command.kind) {
      case 'control':
        if (command.action !== 'resume') this.#runTo = null;
        if (command.action === 'power') {
          machine.powerCycle(Math.floor(Math.random() * 0x7fffffff));
          this.#message = null;
          this.#videoDirty = true;
        } else if (command.action === 'reset') {
          machine.reset();
          this.#message = null;
        } else if (command.action === 'pause') machine.pause();
        else if (command.action === 'resume') {
          machine.resume();
          this.#message = null;
        } else {
          machine.pause();
          this.#report(machine.step());
          this.#videoDirty = true;
        }
        this.#rebase();
        this.#sendStatus();
        return this.status();
      case 'speed':
        this.#speed = command.speed;
        this.#rebase();
        return this.status();
      case 'key':
        if (command.down) return { handled: machine.keyboard.hostKeyDown(command) };
        machine.keyboard.hostKeyUp(command.code);
        return { handled: true };
      case 'shiftLock':
        machine.keyboard.toggleShiftLock();
        return this.status();
      case 'type':
        machine.type(command.text);
        return { queued: machine.keyboard.typingPending };
      case 'peek':
        return machine.peekRange(command.start, command.length);
      case 'status':
        return this.status();
      case 'saveState':
        return machine.serializeState();
      case 'loadState':
        machine.deserializeState(command.text);
        this.#runTo = null;
        this.#message = null;
        this.#videoDirty = true;
        this.#rebase();
        this.#sendStatus();
        return this.status();
      case 'runTo':
        if (machine.cpu.jammed) throw new Error('The CPU is jammed: press Reset or Power first.');
        this.#runTo = command.address;
        this.#message = null;
        machine.resume();
        this.#rebase();
        this.#sendStatus();
        return this.status();
      case 'setBreakpoints':
        this.#breakpoints = [...new Set(command.addresses.map((a) => a & 0xffff))].sort((a, b) => a - b);
        machine.clearBreakpoints();
        for (const address of this.#breakpoints) machine.addBreakpoint(address);
        return this.status();
      case 'setWatchpoints': {
        const byAddress = new Map(command.watchpoints.map((w) => [w.address & 0xffff, w.kind]));
        this.#watchpoints = [...byAddress]
          .map(([address, kind]) => ({ address, kind }))
          .sort((a, b) => a.address - b.address);
        machine.clearWatchpoints();
        for (const watch of this.#watchpoints) machine.addWatchpoint(watch.address, watch.kind);
        return this.status();
      }
      case 'inspect':
        return this.inspect(command.view);
      case 'access':
        return this.access(command.address);
      case 'accessMap': {
        const map = machine.accessMap();
        return { reads: map.reads, writes: map.writes, executes: map.executes };
      }
      case 'resetCounts':
        machine.clearAccessMap();
        this.#snapshotCycles = -1;
        return { recording: machine.recording };
      case 'poke': {
        const before = machine.peek(command.address);
        machine.poke(command.address, command.value);
        this.#snapshotCycles = -1;
        return { address: command.address, before, after: machine.peek(command.address) };
      }
      case 'tapePlayBytes':
        // Like a deck started after the user typed L: a second of leader before the first byte.
        return this.playTape(
          command.name,
          new ByteTapeSource(command.bytes, { leaderSeconds: 1 }),
          command.speed,
        );
      case 'tapeStop':
        this.#tapeDeckOnly();
        machine.cassette.stop();
        this.#tapeName = null;
        return this.status();
      case 'serialWire':
        return this.wireSerial(command.wired);
      case 'serialReceive':
        this.#serialIn?.push(command.bytes);
        return { queued: this.#serialIn?.queued ?? 0 };
      case 'tapePlayAudio':
      case 'tapeRecordStart':
      case 'tapeRecordStop':
        throw new Error(`${command.kind} is handled by the worker`);
    }
  }

  /** Plays a tape into the cassette port, replacing any tape playing. */
  playTape(name: string, source: TapeSource, speed: 'tape' | 'fast'): MachineStatus {
    this.#tapeDeckOnly();
    this.machine.cassette.play(source, { speed });
    this.#tapeName = name;
    this.#sendStatus();
    return this.status();
  }

  /**
   * Wires the cassette port to a live cable (or back to the tape deck): received bytes go into the ACIA as
   * soon as the program has taken the last one, and every byte the ACIA sends goes out through `serial`.
   */
  wireSerial(wired: boolean): MachineStatus {
    const cassette = this.machine.cassette;
    if (wired) {
      if (this.#recorder) throw new Error('Stop the tape recording before wiring the port to the cable.');
      this.#serialIn = new LiveByteSource();
      this.#serialOut = [];
      cassette.play(this.#serialIn, { speed: 'fast' });
      cassette.sink = { frame: (_frame, value) => this.#serialOut.push(value) };
      this.#tapeName = CABLE_TAPE_NAME;
    } else if (this.#serialIn) {
      this.#serialIn = null;
      cassette.stop();
      cassette.sink = null;
      this.#tapeName = null;
    }
    this.#sendStatus();
    return this.status();
  }

  #tapeDeckOnly(): void {
    if (this.#serialIn)
      throw new Error(
        'The cassette port is wired to the cable: choose the tape deck in the Machine panel first.',
      );
  }

  /** Starts encoding what the ACIA transmits as KCS audio; samples go to `onSamples` as they are made. */
  startRecording(sampleRate: number, onSamples: (samples: Float32Array) => void): void {
    if (this.#recorder) throw new Error('A recording is already running.');
    this.#tapeDeckOnly();
    this.#recorder = new KcsTapeRecorder({ sampleRate, cpuHz: this.machine.cpuHz, onSamples });
    this.machine.cassette.sink = this.#recorder;
    this.#sendStatus();
  }

  /** Ends the recording with a short trailer; returns the number of bytes recorded. */
  stopRecording(): number {
    const recorder = this.#recorder;
    if (!recorder) throw new Error('No recording is running.');
    recorder.finish(2);
    this.machine.cassette.sink = null;
    this.#recorder = null;
    this.#sendStatus();
    return recorder.frames;
  }

  /** Runs `cycles` (or up to the run-to address). */
  #run(cycles: number): RunResult {
    const machine = this.machine;
    return this.#runTo === null ? machine.run(cycles) : machine.runTo(this.#runTo, cycles);
  }

  /** Runs what is due now; returns how many milliseconds until it wants to run again. */
  tick(): number {
    const machine = this.#machine;
    const now = this.#now();
    if (!machine || machine.paused || machine.cpu.jammed) {
      this.#rebase();
      this.#flush(now);
      return FRAME_INTERVAL_MS;
    }
    let wait: number;
    if (this.#speed === 'max') {
      const until = now + MAX_SPEED_SLICE_MS;
      let result: RunResult;
      do {
        result = this.#run(FRAME_CYCLES);
      } while (result.reason === 'completed' && this.#now() < until);
      this.#report(result);
      wait = 0;
    } else {
      const rate = machine.cpuHz * SPEED_FACTOR[this.#speed];
      let target = this.#baseCycles + ((now - this.#baseTime) / 1000) * rate;
      if (target - machine.cpu.cycles > rate * MAX_LAG_SECONDS) {
        this.#rebase();
        target = machine.cpu.cycles + rate / 60;
      }
      if (target > machine.cpu.cycles) this.#report(this.#run(Math.ceil(target - machine.cpu.cycles)));
      wait = FRAME_INTERVAL_MS;
    }
    this.#flush(this.#now());
    return wait;
  }

  status(): MachineStatus {
    const machine = this.machine;
    const s = machine.status();
    return {
      running: !s.paused && !s.jammed,
      paused: s.paused,
      jammed: s.jammed,
      speed: this.#speed,
      effectiveSpeed: this.#effectiveSpeed,
      cycles: s.cycles,
      frame: s.frameCount,
      pc: s.pc,
      a: s.a,
      x: s.x,
      y: s.y,
      s: s.s,
      p: s.p,
      shiftLock: machine.keyboard.shiftLock,
      typingPending: s.typingPending,
      ramKb: this.#ramKb,
      monitor: this.#monitorInfo,
      basic: this.#basicInfo,
      message: this.#message,
      tape: { playing: this.#tapeName, recording: this.#recorder !== null },
      breakpoints: this.#breakpoints,
      watchpoints: this.#watchpoints,
      runTo: this.#runTo,
    };
  }

  #report(result: RunResult): void {
    const hex = (n: number): string => `$${n.toString(16).toUpperCase().padStart(4, '0')}`;
    if (result.reason === 'completed' || result.reason === 'paused') return;
    this.#runTo = null;
    if (result.reason === 'jammed')
      this.#message = `The CPU jammed at ${hex(this.machine.cpu.jammedAt ?? result.pc)}.`;
    else if (result.reason === 'breakpoint') {
      this.machine.pause();
      this.#message = `Breakpoint at ${hex(result.pc)}.`;
    } else if (result.reason === 'address') {
      this.machine.pause();
      this.#message = `Reached ${hex(result.pc)} (run to).`;
    } else if (result.reason === 'watchpoint' && result.watch) {
      this.machine.pause();
      this.#message = `Watchpoint: ${result.watch.kind} of ${hex(result.watch.address)} at PC ${hex(result.watch.pc)}.`;
    } else return;
    this.#sendStatus();
  }

  /** Restarts pacing, and the effective-speed window, from now: a new machine or state resets the cycles. */
  #rebase(): void {
    this.#baseTime = this.#now();
    this.#baseCycles = this.#machine?.cpu.cycles ?? 0;
    this.#rateTime = this.#baseTime;
    this.#rateCycles = this.#baseCycles;
  }

  #flush(now: number): void {
    const machine = this.#machine;
    if (!machine) return;
    if (machine.video.takeDirtyRows() !== 0) this.#videoDirty = true;
    if (this.#serialOut.length > 0) {
      this.#output.serial?.(Uint8Array.from(this.#serialOut));
      this.#serialOut = [];
    }
    const settled =
      machine.paused ||
      machine.cpu.jammed ||
      machine.screenSettled() ||
      now - this.#lastFrameSent >= MAX_FRAME_DEFER_MS;
    if (this.#videoDirty && now - this.#lastFrameSent >= FRAME_INTERVAL_MS - 1 && settled) {
      this.#videoDirty = false;
      this.#lastFrameSent = now;
      this.#output.frame(machine.status().frameCount, machine.video.bytes.slice());
    }
    if (now - this.#lastStatus >= STATUS_INTERVAL_MS) {
      const elapsed = (now - this.#rateTime) / 1000;
      if (this.#rateTime > 0 && elapsed > 0) {
        this.#effectiveSpeed = (machine.cpu.cycles - this.#rateCycles) / elapsed / SUPERBOARD_CPU_HZ;
      }
      this.#rateTime = now;
      this.#rateCycles = machine.cpu.cycles;
      this.#sendStatus();
    }
    this.#sendSnapshot(now);
  }

  #sendStatus(): void {
    this.#lastStatus = this.#now();
    this.#output.status(this.status());
  }
}

function info(rom: RomImage): RomInfo {
  return { name: rom.name, sha1: rom.sha1, known: rom.known };
}
