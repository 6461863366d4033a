import { describe, expect, it } from 'vitest';
import { ByteTapeSource } from '../../../../src-main/core/machine/cassette-port.ts';
import { loadMonitorRom } from '../../../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../../../src-main/core/machine/superboard.ts';
import {
  basicDumpProgram,
  dumpProgramTape,
  dumpProgramText,
  machineCodeDumper,
  parseCaptureRange,
  romKindOf,
} from '../../../../src-main/core/rom-capture/dump-programs.ts';
import { labMonitor } from '../../../support/emulator.ts';

/** Frames of 11 bits at 300 baud, in CPU cycles. */
const FRAME_CYCLES = Math.ceil((11 * 983_040) / 300);

async function labBoard(): Promise<Superboard> {
  const board = new Superboard({ roms: { monitor: loadMonitorRom(await labMonitor()) }, ramBytes: 8192 });
  board.run(300_000);
  return board;
}

describe('capture ranges', () => {
  it('reads the named ranges and hex START-END, and refuses what is not a range', () => {
    expect(parseCaptureRange('monitor')).toEqual({ start: 0xf800, end: 0xffff });
    expect(parseCaptureRange('BASIC')).toEqual({ start: 0xa000, end: 0xbfff });
    expect(parseCaptureRange('$A000-$A7ff')).toEqual({ start: 0xa000, end: 0xa7ff });
    expect(parseCaptureRange('FF00-FF0F')).toEqual({ start: 0xff00, end: 0xff0f });
    expect(parseCaptureRange('FF0F-FF00')).toMatch(/ends before it starts/);
    expect(parseCaptureRange('chargen')).toMatch(/not a range/);
    expect(parseCaptureRange('10000-10001')).toMatch(/not a range/);
  });

  it('knows which ranges are a whole ROM the emulator can install', () => {
    expect(romKindOf({ start: 0xf800, end: 0xffff })).toBe('monitor');
    expect(romKindOf({ start: 0xa000, end: 0xbfff })).toBe('basic');
    expect(romKindOf({ start: 0xa000, end: 0xa7ff })).toBeNull();
  });
});

describe('the BASIC dumper', () => {
  it('PEEKs the range in decimal and writes each byte to the ACIA once TDRE is set', () => {
    const text = basicDumpProgram({ start: 0xf800, end: 0xffff });
    expect(text).toBe('10 FOR A=63488 TO 65535\n20 WAIT 61440,2:POKE 61441,PEEK(A)\n30 NEXT\n');
    expect(dumpProgramText('basic', { start: 0xa000, end: 0xbfff })).toContain('FOR A=40960 TO 49151');
  });

  it('goes on tape as the board SAVEs a listing: CR and NULs after every line', () => {
    const tape = dumpProgramTape('basic', { start: 0xa000, end: 0xa00f }, 3);
    const text = String.fromCharCode(...tape);
    expect(text).toBe(
      `10 FOR A=40960 TO 40975\r\0\0\x0020 WAIT 61440,2:POKE 61441,PEEK(A)\r\0\0\x0030 NEXT\r\0\0\0`,
    );
  });
});

describe('the machine-code dumper', () => {
  it('sends every byte of the range through the ACIA, back to back, then stops', async () => {
    const board = await labBoard();
    const range = { start: 0xfff0, end: 0xffff };
    board.load(0x0300, machineCodeDumper(range));
    board.cpu.pc = 0x0300;
    board.cassette.takeRecorded();
    board.run(FRAME_CYCLES * 20);
    const sent = board.cassette.takeRecorded();
    expect(sent.map((b) => b.value)).toEqual([...board.peekRange(0xfff0, 16)]);
    // Back to back: one frame time apart.
    for (let i = 1; i < sent.length; i++)
      expect(sent[i]!.endCycle - sent[i - 1]!.endCycle).toBeLessThan(FRAME_CYCLES + 100);
  });

  it('loads as a 65V tape after L and starts itself', async () => {
    const board = await labBoard();
    board.type('L');
    board.run(200_000);
    const tape = dumpProgramTape('65v', { start: 0xf800, end: 0xf80f });
    expect(String.fromCharCode(...tape.subarray(0, 6))).toBe('.0300/');
    board.cassette.play(new ByteTapeSource(tape), { speed: 'fast' });
    board.cassette.takeRecorded();
    board.run(FRAME_CYCLES * (tape.length + 20));
    expect(board.cassette.takeRecorded().map((b) => b.value)).toEqual([...board.peekRange(0xf800, 16)]);
  });

  it('counts a whole 64K range and wraps from $FFFF to $0000', () => {
    const bytes = machineCodeDumper({ start: 0x0000, end: 0xffff });
    // The count is the last word: 65,536 does not fit, and 0 means "all of it" to a count-down loop.
    expect([...bytes.subarray(-2)]).toEqual([0, 0]);
  });
});
