import { describe, expect, it } from 'vitest';
import { HEAT_COLOURS, HeatmapFader, planeHas } from '../../../../src-main/core/inspector/heatmap.ts';
import { loadMonitorRom } from '../../../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../../../src-main/core/machine/superboard.ts';
import { assemble } from '../machine/mini-asm.ts';

function board(): Superboard {
  const rom = new Uint8Array(0x800).fill(0xea);
  rom.set(assemble(0xf800, 'loop: LDA $0400\n STA $D005\n JMP loop\n'));
  rom[0x7fc] = 0x00;
  rom[0x7fd] = 0xf8;
  return new Superboard({ roms: { monitor: loadMonitorRom(rom) } });
}

describe('access recording for the heatmap', () => {
  it('marks what was read, written and executed since the last take, with the writer and its cycle', () => {
    const machine = board();
    machine.startRecording();
    machine.run(1000);
    const planes = machine.takeTouched();
    expect(planes).toHaveLength(3 * 8192);
    expect(planeHas(planes, 0, 0x0400)).toBe(true);
    expect(planeHas(planes, 1, 0x0400)).toBe(false);
    expect(planeHas(planes, 1, 0xd005)).toBe(true);
    expect(planeHas(planes, 2, 0xf800)).toBe(true);
    expect(planeHas(planes, 2, 0xf801)).toBe(false);
    expect(planeHas(machine.takeTouched(), 1, 0xd005)).toBe(false);
    const counts = machine.accessAt(0xd005);
    expect(counts.lastWriterPc).toBe(0xf803);
    expect(counts.writes).toBeGreaterThan(50);
    expect(counts.lastWriteCycle).toBeGreaterThan(machine.cpu.cycles - 12);
    expect(counts.lastWriteCycle).toBeLessThanOrEqual(machine.cpu.cycles);
    expect(machine.accessAt(0x0401)).toEqual({
      reads: 0,
      writes: 0,
      executes: 0,
      lastWriterPc: -1,
      lastWriteCycle: -1,
      lastReaderPc: -1,
    });
  });
});

describe('the heatmap fader', () => {
  it('lights touched addresses and fades them to dark over the fade time', () => {
    const planes = new Uint8Array(3 * 8192);
    planes[0x0400 >> 3] = 1; // read $0400
    planes[8192 + (0xd005 >> 3)] = 1 << 5; // write $D005
    const fader = new HeatmapFader(1000);
    fader.apply(planes, 16);
    expect(fader.read[0x400]).toBe(1);
    expect(fader.write[0xd005]).toBe(1);
    expect(fader.execute[0xd005]).toBe(0);
    const empty = new Uint8Array(3 * 8192);
    fader.apply(empty, 500);
    expect(fader.read[0x400]).toBeCloseTo(1 / 8, 5);
    fader.apply(empty, 600);
    expect(fader.read[0x400]).toBe(0);
    expect(() => fader.apply(new Uint8Array(10), 1)).toThrow(/24576 bytes/);
    expect(() => new HeatmapFader(0)).toThrow(/fade time/);
  });

  it('paints one pixel per address, zoomed, in the access colours', () => {
    const planes = new Uint8Array(3 * 8192);
    planes[2 * 8192 + (0xf801 >> 3)] = 1 << 1; // execute $F801 (an opcode fetch: read as well)
    planes[0xf801 >> 3] = (1 << 1) | (1 << 2); // read $F801 and $F802
    const fader = new HeatmapFader();
    fader.apply(planes, 0);
    const rgba = new Uint8ClampedArray(256 * 2 * 2 * 4);
    fader.paint(rgba, 0xf8, 1, 2);
    const pixel = (x: number, y: number): number[] =>
      Array.from(rgba.slice((y * 512 + x) * 4, (y * 512 + x) * 4 + 4));
    expect(pixel(2, 0)).toEqual([...HEAT_COLOURS.execute, 255]);
    expect(pixel(3, 1)).toEqual([...HEAT_COLOURS.execute, 255]);
    expect(pixel(4, 0)).toEqual([...HEAT_COLOURS.read, 255]);
    expect(pixel(0, 0)).toEqual([0, 0, 0, 255]);
  });
});

describe('the recording loop', () => {
  it('counts like the stepping loop: same executes, reads, writes and last writers', () => {
    const counting = board();
    const stepping = board();
    counting.startRecording();
    stepping.startRecording();
    // A watchpoint on an address nobody touches sends the board through its single-stepping loop.
    stepping.addWatchpoint(0x9000, 'write');
    counting.run(50_000);
    stepping.run(50_000);
    const a = counting.accessMap();
    const b = stepping.accessMap();
    expect(counting.cpu.cycles).toBe(stepping.cpu.cycles);
    expect(a.executes).toEqual(b.executes);
    expect(a.reads).toEqual(b.reads);
    expect(a.writes).toEqual(b.writes);
    expect(a.lastWriterPc).toEqual(b.lastWriterPc);
    expect(a.lastWriteCycle).toEqual(b.lastWriteCycle);
  });
});
