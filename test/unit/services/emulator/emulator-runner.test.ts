import { beforeEach, describe, expect, it } from 'vitest';
import type { MachineStatus } from '../../../../src-main/ipc/contract.ts';
import {
  EmulatorRunner,
  LAB_MONITOR_SOURCE,
} from '../../../../src-main/services/emulator/emulator-runner.ts';
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
