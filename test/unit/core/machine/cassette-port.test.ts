import { describe, expect, it } from 'vitest';
import { Acia6850, RDRF, TDRE, type SerialFrame } from '../../../../src-main/core/machine/acia6850.ts';
import {
  ByteTapeSource,
  CassettePort,
  LiveByteSource,
  type TapeSource,
} from '../../../../src-main/core/machine/cassette-port.ts';
import { Scheduler } from '../../../../src-main/core/machine/scheduler.ts';

function rig() {
  const clock = { now: 0 };
  const scheduler = new Scheduler(() => clock.now);
  const acia = new Acia6850(scheduler);
  const port = new CassettePort(scheduler, acia);
  acia.powerOn();
  acia.write(0xf000, 0x03);
  acia.write(0xf000, 0x11);
  const advance = (to: number): void => {
    while (scheduler.nextEventCycle <= to) {
      clock.now = scheduler.nextEventCycle;
      scheduler.runDue(clock.now);
    }
    clock.now = to;
  };
  /** A receive loop polling every `step` cycles, like the monitor's LOAD input routine. */
  const readAll = (until: number, step = 50): { value: number; cycle: number }[] => {
    const got: { value: number; cycle: number }[] = [];
    while (clock.now < until) {
      advance(clock.now + step);
      if (acia.read(0xf000) & RDRF) got.push({ value: acia.read(0xf001), cycle: clock.now });
    }
    return got;
  };
  return { clock, scheduler, acia, port, advance, readAll };
}

describe('ByteTapeSource', () => {
  it('lays bytes back to back at the baud rate after the leader', () => {
    const source = new ByteTapeSource(new Uint8Array([1, 2]), { leaderSeconds: 1 });
    expect(source.tickHz).toBe(300);
    expect(source.next()).toEqual({ frame: { bits: 0x301, bitCount: 10 }, endTick: 300 + 11 });
    expect(source.next()?.endTick).toBe(300 + 22);
    expect(source.next()).toBeUndefined();
    expect(() => new ByteTapeSource(new Uint8Array(1), { baud: 0 })).toThrow(/baud/);
  });
});

describe('CassettePort', () => {
  it('plays a tape into the receiver at 300 baud: one byte every 36,044.8 cycles', () => {
    const { port, readAll } = rig();
    const bytes = new TextEncoder().encode('10 PRINT "HI"\r');
    let ended = false;
    port.onTapeEnd = () => (ended = true);
    port.play(new ByteTapeSource(bytes));
    const got = readAll(bytes.length * 36_045 + 1_000, 10);
    expect(got.map((g) => g.value)).toEqual(Array.from(bytes));
    expect(got[0]!.cycle).toBeGreaterThanOrEqual(36_045);
    expect(got[0]!.cycle).toBeLessThan(36_045 + 10);
    const last = got[got.length - 1]!;
    expect(last.cycle).toBeGreaterThanOrEqual(Math.ceil(bytes.length * 36_044.8));
    expect(last.cycle).toBeLessThan(Math.ceil(bytes.length * 36_044.8) + 10);
    expect(ended).toBe(true);
    expect(port.playing).toBe(false);
  });

  it('loses bytes to overrun at tape speed when the program does not read in time', () => {
    const { acia, port, advance } = rig();
    port.play(new ByteTapeSource(new Uint8Array([1, 2, 3])));
    advance(4 * 36_045);
    expect(port.framesDelivered).toBe(3);
    expect(acia.read(0xf001)).toBe(1);
    expect(acia.read(0xf001)).toBe(1);
    expect(acia.read(0xf000) & RDRF).toBe(0);
  });

  it('in fast mode hands over each byte only after the last was read, so nothing is lost', () => {
    const { port, readAll } = rig();
    const bytes = new Uint8Array(300).map((_, i) => (i * 7) & 0xff);
    port.play(new ByteTapeSource(bytes), { speed: 'fast' });
    const got = readAll(300 * 2_000, 700);
    expect(got.map((g) => g.value)).toEqual(Array.from(bytes));
    expect(got[got.length - 1]!.cycle).toBeLessThan(300 * 1_000);
  });

  it('in fast mode waits while the ACIA is held in master reset', () => {
    const { acia, port, advance, readAll } = rig();
    acia.write(0xf000, 0x03);
    port.play(new ByteTapeSource(new Uint8Array([0x41, 0x42])), { speed: 'fast' });
    advance(50_000);
    acia.write(0xf000, 0x11);
    expect(readAll(100_000).map((g) => g.value)).toEqual([0x41, 0x42]);
  });

  it('waits for a live source to get more data and ends when it is closed', () => {
    const { port, readAll, clock } = rig();
    const live = new LiveByteSource();
    let ended = false;
    port.onTapeEnd = () => (ended = true);
    port.play(live, { speed: 'fast' });
    expect(readAll(50_000)).toEqual([]);
    expect(port.playing).toBe(true);
    live.push([0x48, 0x49]);
    expect(readAll(clock.now + 50_000).map((g) => g.value)).toEqual([0x48, 0x49]);
    live.push([0x0d]);
    live.close();
    expect(readAll(clock.now + 50_000).map((g) => g.value)).toEqual([0x0d]);
    expect(ended).toBe(true);
    expect(() => live.push([1])).toThrow(/closed/);
  });

  it('takes its timing from any tape clock, e.g. an audio decoder at 44,100 Hz', () => {
    const { port, readAll } = rig();
    const frames = [1000, 5000].map((endTick, i) => ({
      frame: { bits: 0x300 | i, bitCount: 10 } as SerialFrame,
      endTick,
    }));
    const source: TapeSource = { tickHz: 44_100, next: () => frames.shift() };
    port.play(source);
    const got = readAll(200_000, 1);
    expect(got.map((g) => g.value)).toEqual([0, 1]);
    expect(got.map((g) => g.cycle)).toEqual([
      Math.ceil((1000 * 983_040) / 44_100),
      Math.ceil((5000 * 983_040) / 44_100),
    ]);
  });

  it('records what the ACIA transmits with the cycle each frame ended, and feeds a sink', () => {
    const { acia, port, advance, clock } = rig();
    const sunk: number[] = [];
    port.sink = { frame: (_frame, value) => sunk.push(value) };
    const text = new TextEncoder().encode('LIST\r');
    for (const byte of text) {
      while ((acia.read(0xf000) & TDRE) === 0) advance(clock.now + 100);
      acia.write(0xf001, byte);
    }
    advance(clock.now + 200_000);
    const recorded = port.takeRecorded();
    expect(recorded.map((r) => r.value)).toEqual(Array.from(text));
    expect(recorded[1]!.endCycle - recorded[0]!.endCycle).toBeGreaterThanOrEqual(36_044);
    expect(recorded[1]!.endCycle - recorded[0]!.endCycle).toBeLessThanOrEqual(36_045);
    expect(sunk).toEqual(Array.from(text));
    expect(port.takeRecorded()).toEqual([]);
  });
});
