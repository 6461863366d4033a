import { beforeEach, describe, expect, it } from 'vitest';
import type { MachineStatus } from '../../../../src-main/ipc/contract.ts';
import {
  EmulatorRunner,
  LAB_MONITOR_SOURCE,
} from '../../../../src-main/services/emulator/emulator-runner.ts';
import { assembleOrThrow, SLOW_SCROLL } from '../../../support/assemble.ts';
import { labMonitor, videoText } from '../../../support/emulator.ts';

const HZ = 983_040;

let clock = 0;
let frames: { frame: number; video: Uint8Array }[];
let statuses: MachineStatus[];
let runner: EmulatorRunner;

beforeEach(async () => {
  clock = 1000;
  frames = [];
  statuses = [];
  runner = new EmulatorRunner(() => clock, {
    frame: (frame, video) => frames.push({ frame, video }),
    status: (status) => statuses.push(status),
  });
  runner.configure({
    monitor: { bytes: await labMonitor(), source: LAB_MONITOR_SOURCE },
    basic: [],
    ramKb: 8,
    seed: 42,
  });
});

/** Advances the fake clock in 1/60 s steps, ticking the runner like the worker's timer does. */
function runFor(seconds: number): void {
  for (let t = 0; t < seconds * 60; t++) {
    clock += 1000 / 60;
    runner.tick();
  }
}

describe('EmulatorRunner', () => {
  it('runs at the real 983,040 Hz at 1x and proportionally faster at 2x and 4x', () => {
    const start = runner.machine.cpu.cycles;
    runFor(1);
    const oneSecond = runner.machine.cpu.cycles - start;
    expect(oneSecond).toBeGreaterThan(HZ * 0.99);
    expect(oneSecond).toBeLessThan(HZ * 1.01);
    runner.command({ kind: 'speed', speed: '4x' });
    const before = runner.machine.cpu.cycles;
    runFor(1);
    expect((runner.machine.cpu.cycles - before) / HZ).toBeCloseTo(4, 1);
  });

  it('reports the effective speed as a multiple of real time', () => {
    runFor(2);
    expect(statuses.at(-1)?.effectiveSpeed).toBeCloseTo(1, 1);
  });

  it('keeps the effective speed true when a new machine or a loaded state restarts the cycle count', async () => {
    runFor(1);
    runner.configure({
      monitor: { bytes: await labMonitor(), source: LAB_MONITOR_SOURCE },
      basic: [],
      ramKb: 16,
      seed: 7,
    });
    const afterRam = statuses.length;
    runFor(1);
    const saved = runner.command({ kind: 'saveState' }) as string;
    runFor(1);
    runner.command({ kind: 'loadState', text: saved });
    runFor(1);
    const speeds = statuses.slice(afterRam).map((s) => s.effectiveSpeed);
    expect(Math.min(...speeds)).toBeGreaterThan(0.9);
    expect(Math.max(...speeds)).toBeLessThan(1.1);
  });

  it('drops time it cannot catch up on instead of racing', () => {
    runFor(0.1);
    clock += 10_000;
    const before = runner.machine.cpu.cycles;
    runner.tick();
    expect(runner.machine.cpu.cycles - before).toBeLessThan(HZ * 0.1);
  });

  it('boots the Lab Monitor and sends a frame only when the screen changed', () => {
    runFor(1);
    const last = frames.at(-1);
    expect(last).toBeDefined();
    expect(videoText(last!.video).join('\n')).toContain('SUPERBOARD LAB MONITOR');
    const count = frames.length;
    expect(count).toBeLessThanOrEqual(61);
    runFor(1);
    expect(frames.length).toBe(count);
  });

  it('sends only settled screens, never one in the middle of a scroll copy', () => {
    // Rows 3-27 hold distinct letters; forever: scroll them up one row slowly (a pause after each row),
    // put the next letter on row 27, then stay quiet for ~30,000 cycles.
    const program = assembleOrThrow(`
      .org $0300
        lda #$41
        sta $F4
        ldx #3
      fill:
        jsr putrow
        inx
        cpx #28
        bne fill
      forever:
        jsr scrollup
        jsr putrow
        ldx #24
      quiet:
        dey
        bne quiet
        dex
        bne quiet
        jmp forever
      putrow:                     ; row X = the letter $F4, then the next letter
        jsr rowaddr
        lda $F4
        ldy #23
      cells:
        sta ($F0),y
        dey
        bpl cells
        inc $F4
        rts
      ${SLOW_SCROLL}
    `);
    const machine = runner.machine;
    for (const segment of program.segments) machine.load(segment.address, segment.bytes);
    machine.cpu.pc = 0x0300;
    runFor(0.1);
    frames = [];
    runFor(3);
    expect(frames.length).toBeGreaterThan(20);
    for (const { video } of frames) {
      const rows = videoText(video)
        .slice(3, 28)
        .map((row) => row.slice(5, 29));
      expect(new Set(rows).size).toBe(rows.length);
    }
  });

  it('types text through the keyboard matrix', () => {
    runFor(1);
    runner.command({ kind: 'type', text: '.0300/A9\r' });
    runFor(3);
    const screen = videoText(frames.at(-1)!.video).join('\n');
    expect(screen).toMatch(/0300 A9/);
    expect(runner.machine.peek(0x0300)).toBe(0xa9);
  });

  it('pauses, steps one instruction and resumes', () => {
    runFor(0.5);
    runner.command({ kind: 'control', action: 'pause' });
    const paused = runner.machine.cpu.cycles;
    runFor(0.5);
    expect(runner.machine.cpu.cycles).toBe(paused);
    const status = runner.command({ kind: 'control', action: 'step' }) as MachineStatus;
    expect(status.paused).toBe(true);
    expect(runner.machine.cpu.cycles).toBeGreaterThan(paused);
    expect(runner.machine.cpu.cycles - paused).toBeLessThanOrEqual(7);
    runner.command({ kind: 'control', action: 'resume' });
    runFor(0.5);
    expect(runner.machine.cpu.cycles - paused).toBeGreaterThan(HZ * 0.4);
  });

  it('names the ROMs it runs', () => {
    const status = runner.status();
    expect(status.monitor).toMatchObject({ name: 'Lab Monitor', known: true });
    expect(status.basic).toBeNull();
    expect(status.ramKb).toBe(8);
  });

  it('refuses a monitor of the wrong size and keeps the machine it had', () => {
    const before = runner.machine;
    expect(() =>
      runner.configure({ monitor: { bytes: new Uint8Array(1000), source: 'half.rom' }, basic: [], ramKb: 8 }),
    ).toThrow(/half\.rom.*1000 bytes/);
    expect(runner.machine).toBe(before);
  });
});

describe('EmulatorRunner debugging commands', () => {
  it('runs to an address, shows where it stopped and forgets the target', () => {
    runFor(1);
    const running = runner.command({ kind: 'runTo', address: 0x0300 }) as MachineStatus;
    expect(running).toMatchObject({ runTo: 0x0300, running: true, message: null });
    runner.command({ kind: 'type', text: '.0300/60\r.0300G' });
    runFor(4);
    const status = runner.status();
    expect(status).toMatchObject({
      paused: true,
      pc: 0x0300,
      runTo: null,
      message: 'Reached $0300 (run to).',
    });
    expect(statuses.at(-1)?.message).toBe('Reached $0300 (run to).');
  });

  it('says where the CPU jammed and refuses to run to an address until reset', () => {
    runFor(1);
    runner.command({ kind: 'type', text: '.0300/02\r.0300G' });
    runFor(4);
    expect(runner.status()).toMatchObject({ jammed: true, message: 'The CPU jammed at $0300.' });
    expect(() => runner.command({ kind: 'runTo', address: 0x0300 })).toThrow(/jammed: press Reset/);
    expect(runner.status().runTo).toBeNull();
  });

  it('cancels a run-to when the user pauses', () => {
    runFor(0.5);
    runner.command({ kind: 'runTo', address: 0x0300 });
    const paused = runner.command({ kind: 'control', action: 'pause' }) as MachineStatus;
    expect(paused.runTo).toBeNull();
  });

  it('stops at a breakpoint, resumes past it, and lists and clears breakpoints', () => {
    runFor(1);
    const set = runner.command({ kind: 'setBreakpoints', addresses: [0xff00, 0x0300, 0x0300] });
    expect((set as MachineStatus).breakpoints).toEqual([0x0300, 0xff00]);
    expect(runner.machine.listBreakpoints()).toEqual([0x0300, 0xff00]);
    runner.command({ kind: 'type', text: '.0300/60\r.0300G' });
    runFor(4);
    expect(runner.status()).toMatchObject({ paused: true, pc: 0x0300, message: 'Breakpoint at $0300.' });
    runner.command({ kind: 'control', action: 'resume' });
    runFor(0.5);
    // The RTS at $0300 went back to the monitor, which now waits for keys again.
    expect(runner.status()).toMatchObject({ running: true, message: null });
    expect(runner.machine.cpu.pc).toBeGreaterThanOrEqual(0xf800);
    const cleared = runner.command({ kind: 'setBreakpoints', addresses: [] }) as MachineStatus;
    expect(cleared.breakpoints).toEqual([]);
    expect(runner.machine.listBreakpoints()).toEqual([]);
  });

  it('pauses when a watched address is written, says which instruction did it, and clears watchpoints', () => {
    runFor(1);
    const set = runner.command({
      kind: 'setWatchpoints',
      watchpoints: [
        { address: 0x0300, kind: 'write' },
        { address: 0x0300, kind: 'access' },
      ],
    }) as MachineStatus;
    expect(set.watchpoints).toEqual([{ address: 0x0300, kind: 'access' }]);
    runner.command({ kind: 'type', text: '.0300/A9\r' });
    runFor(3);
    const status = runner.status();
    expect(status.paused).toBe(true);
    expect(status.message).toMatch(/^Watchpoint: (read|write) of \$0300 at PC \$F[0-9A-F]{3}\.$/);
    const cleared = runner.command({ kind: 'setWatchpoints', watchpoints: [] }) as MachineStatus;
    expect(cleared.watchpoints).toEqual([]);
    runner.command({ kind: 'control', action: 'resume' });
    runFor(2);
    expect(runner.machine.peek(0x0300)).toBe(0xa9);
    expect(runner.status().paused).toBe(false);
  });

  it('keeps breakpoints on a new machine (other ROMs or RAM size)', async () => {
    runner.command({ kind: 'setBreakpoints', addresses: [0x0200] });
    runner.configure({
      monitor: { bytes: await labMonitor(), source: LAB_MONITOR_SOURCE },
      basic: [],
      ramKb: 16,
    });
    expect(runner.machine.listBreakpoints()).toEqual([0x0200]);
    expect(runner.status().breakpoints).toEqual([0x0200]);
  });
});

describe('EmulatorRunner machine state', () => {
  it('saves the machine as text and loads it back, restoring memory and the screen', () => {
    runFor(1);
    const before = runner.machine.peek(0x0300);
    const text = runner.command({ kind: 'saveState' }) as string;
    expect(JSON.parse(text)).toMatchObject({ format: 'superboard-lab/machine-state', version: 1 });
    const value = before === 0xa9 ? '5A' : 'A9';
    runner.command({ kind: 'type', text: `.0300/${value}\r` });
    runFor(3);
    expect(runner.machine.peek(0x0300)).toBe(parseInt(value, 16));
    const framesBefore = frames.length;
    const status = runner.command({ kind: 'loadState', text }) as MachineStatus;
    expect(runner.machine.peek(0x0300)).toBe(before);
    expect(status.cycles).toBe(JSON.parse(text).cpu.cycles);
    runFor(0.1);
    expect(frames.length).toBeGreaterThan(framesBefore);
    expect(videoText(frames.at(-1)!.video).join('\n')).not.toMatch(new RegExp(`0300 ${value}`));
  });

  it('refuses garbage, another version and another RAM size, changing nothing', async () => {
    runFor(0.5);
    const text = runner.command({ kind: 'saveState' }) as string;
    runFor(0.5);
    const cycles = runner.machine.cpu.cycles;
    const ram = runner.machine.peekRange(0, 8192);
    expect(() => runner.command({ kind: 'loadState', text: 'garbage' })).toThrow(/not a machine state file/);
    const v2 = JSON.stringify({ ...JSON.parse(text), version: 2 });
    expect(() => runner.command({ kind: 'loadState', text: v2 })).toThrow(/version 2 is not supported/);
    expect(runner.machine.cpu.cycles).toBe(cycles);
    expect(runner.machine.peekRange(0, 8192)).toEqual(ram);
    runner.configure({
      monitor: { bytes: await labMonitor(), source: LAB_MONITOR_SOURCE },
      basic: [],
      ramKb: 16,
      seed: 1,
    });
    const cycles16 = runner.machine.cpu.cycles;
    expect(() => runner.command({ kind: 'loadState', text })).toThrow(/RAM bytes 8192.*16384/);
    expect(runner.machine.cpu.cycles).toBe(cycles16);
  });
});
