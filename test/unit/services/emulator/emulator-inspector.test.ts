import { beforeEach, describe, expect, it } from 'vitest';
import { planeHas } from '../../../../src-main/core/inspector/heatmap.ts';
import {
  EmulatorRunner,
  LAB_MONITOR_SOURCE,
} from '../../../../src-main/services/emulator/emulator-runner.ts';
import type { InspectorSnapshot } from '../../../../src-main/services/emulator/protocol.ts';
import type { AccessInfo, InspectView } from '../../../../src-main/ipc/contract.ts';
import { labMonitor } from '../../../support/emulator.ts';

let clock = 0;
let snapshots: { at: number; snapshot: InspectorSnapshot }[];
let runner: EmulatorRunner;

beforeEach(async () => {
  clock = 1000;
  snapshots = [];
  runner = new EmulatorRunner(() => clock, {
    frame: () => {},
    status: () => {},
    snapshot: (snapshot) => snapshots.push({ at: clock, snapshot }),
  });
  runner.configure({
    monitor: { bytes: await labMonitor(), source: LAB_MONITOR_SOURCE },
    basic: [],
    ramKb: 8,
    seed: 7,
  });
});

/** Ticks the runner like the worker's timer, every `stepMs` of the fake clock. */
function runFor(seconds: number, stepMs = 1000 / 60): void {
  for (let t = 0; t < (seconds * 1000) / stepMs; t++) {
    clock += stepMs;
    runner.tick();
  }
}

const VIEW: InspectView = {
  recording: true,
  heatmap: true,
  io: true,
  ranges: [{ start: 0xd000, length: 64 }],
};

describe('the emulator runner for the Memory area', () => {
  it('sends nothing and records nothing until a view asks, then at most 30 snapshots a second', () => {
    runFor(0.5);
    expect(snapshots).toEqual([]);
    expect(runner.machine.recording).toBe(false);
    expect(runner.inspect(VIEW)).toEqual({ recording: true });
    runFor(1, 4);
    expect(snapshots.length).toBeGreaterThanOrEqual(25);
    expect(snapshots.length).toBeLessThanOrEqual(31);
    const gaps = snapshots.slice(1).map((s, i) => s.at - snapshots[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1000 / 30 - 1);
    const last = snapshots.at(-1)!.snapshot;
    expect(last.ranges).toHaveLength(1);
    expect(last.ranges[0]!.bytes).toHaveLength(64);
    expect(last.heat).toHaveLength(3 * 8192);
    const executed = Array.from({ length: 0x10000 }, (_, a) => a).filter((a) => planeHas(last.heat!, 2, a));
    expect(executed.length).toBeGreaterThan(10);
    expect(executed.every((a) => a >= 0xf800)).toBe(true);
    expect(snapshots.some(({ snapshot }) => snapshot.heat && planeHas(snapshot.heat, 0, 0xdf00))).toBe(true);
    expect(last.io?.acia.flags).toContain('TDRE');
    runner.inspect(null);
    expect(runner.machine.recording).toBe(false);
    const count = snapshots.length;
    runFor(0.5);
    expect(snapshots.length).toBe(count);
  });

  it('sends only what the view shows, and nothing new while the paused machine stands still', () => {
    runner.inspect({ recording: false, heatmap: false, io: false, ranges: [{ start: 0x0200, length: 16 }] });
    runFor(0.2);
    const last = snapshots.at(-1)!.snapshot;
    expect(last.heat).toBeNull();
    expect(last.io).toBeNull();
    expect(runner.machine.recording).toBe(false);
    runner.command({ kind: 'control', action: 'pause' });
    runFor(0.1);
    const count = snapshots.length;
    runFor(0.5);
    expect(snapshots.length).toBe(count);
    runner.command({ kind: 'poke', address: 0x0205, value: 0x80 });
    runFor(0.1);
    expect(snapshots.length).toBe(count + 1);
    expect(snapshots.at(-1)!.snapshot.ranges[0]!.bytes[5]).toBe(0x80);
  });

  it('pokes with the byte before for undo, and says who last wrote a byte and when', () => {
    runner.inspect(VIEW);
    runFor(0.5);
    const poke = runner.command({ kind: 'poke', address: 0xd100, value: 0x41 });
    expect(poke).toEqual({ address: 0xd100, before: expect.any(Number), after: 0x41 });
    expect(runner.command({ kind: 'poke', address: 0xf800, value: 0 })).toMatchObject({
      after: runner.machine.peek(0xf800),
    });
    // The monitor's key poller writes the keyboard row latch continually.
    const info = runner.command({ kind: 'access', address: 0xdf00 }) as AccessInfo;
    expect(info.writes).toBeGreaterThan(0);
    expect(info.lastWriterPc).toBeGreaterThanOrEqual(0xf800);
    expect(runner.machine.peek(info.lastWriterPc!)).toBe(0x8d); // STA absolute
    expect(info.cyclesAgo).toBeGreaterThanOrEqual(0);
    runner.command({ kind: 'resetCounts' });
    expect(runner.command({ kind: 'access', address: 0xdf00 })).toMatchObject({
      writes: 0,
      lastWriterPc: null,
    });
  });

  it('keeps recording on a new machine while the view asks for it', async () => {
    runner.inspect(VIEW);
    runner.configure({
      monitor: { bytes: await labMonitor(), source: LAB_MONITOR_SOURCE },
      basic: [],
      ramKb: 16,
    });
    expect(runner.machine.recording).toBe(true);
  });
});
