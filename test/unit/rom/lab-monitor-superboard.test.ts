import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble } from '../../../src-main/core/cpu/assembler/assembler.ts';
import { build65v } from '../../../src-main/core/formats/osi65v.ts';
import { ByteTapeSource } from '../../../src-main/core/machine/cassette-port.ts';
import { loadMonitorRom } from '../../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../../src-main/core/machine/superboard.ts';
import { VISIBLE_WINDOW } from '../../../src-main/core/machine/video-ram.ts';
import { assembleLabMonitor } from '../../../src-main/rom/lab-monitor.ts';

const ROM_DIR = join(import.meta.dirname, '../../../src-main/rom');
const rom = assembleLabMonitor((path) => {
  try {
    return readFileSync(join(ROM_DIR, path), 'utf8');
  } catch {
    return undefined;
  }
}).rom;

function boot(): Superboard {
  const board = new Superboard({ roms: { monitor: loadMonitorRom(rom, 'lab-monitor.bin') }, ramBytes: 8192 });
  board.run(300_000);
  return board;
}

function screen(board: Superboard): string[] {
  return board.screenText({ window: VISIBLE_WINDOW, trimEnd: true }).filter((line) => line !== '');
}

/** Runs until the typing queue is empty, then a little more for the last key to be handled. */
function typeAndSettle(board: Superboard, text: string): void {
  board.keyboard.type(text);
  for (let frame = 0; frame < 10_000 && board.keyboard.typingPending > 0; frame++) board.runFrame();
  board.run(50_000);
}

describe('Lab Monitor on the emulated Superboard (real keyboard matrix, ACIA and cassette port)', () => {
  it('boots from power-on garbage to the monitor prompt', () => {
    const board = boot();
    const lines = screen(board);
    expect(lines.slice(0, 3)).toEqual([
      'SUPERBOARD LAB MONITOR',
      'NO BASIC ROM AT $A000',
      '65V MONITOR  ? = HELP',
    ]);
    expect(lines[3]).toMatch(/^\.[0-9A-F]{4} [0-9A-F]{2}/);
    expect(board.bus.peek(0xd000)).toBe(0x20);
  });

  it('examines and modifies memory through typed keys', () => {
    const board = boot();
    typeAndSettle(board, '.0300/12\r34\r.0300');
    expect(board.bus.peek(0x300)).toBe(0x12);
    expect(board.bus.peek(0x301)).toBe(0x34);
    const lines = screen(board);
    expect(lines).toContain('/0300 12');
    expect(lines[lines.length - 1]?.startsWith('.0300 12')).toBe(true);
  });

  it('loads a 65V tape from the cassette port at 300 baud after L and runs it', () => {
    const board = boot();
    const program = assemble(
      [
        ' .org $0400',
        ' ldx #0',
        '@print: lda message,x',
        ' beq @done',
        ' jsr $FFEE',
        ' inx',
        ' bne @print',
        '@done: rts',
        'message: .text "LOADED FROM TAPE", 13, 10, 0',
      ].join('\n'),
    );
    expect(program.errors).toEqual([]);
    const tape = build65v(program.segments, { run: true });
    typeAndSettle(board, 'L');
    board.cassette.play(new ByteTapeSource(Uint8Array.from(tape, (c) => c.charCodeAt(0))));
    const seconds = (tape.length * 11) / 300 + 0.5;
    board.run(Math.ceil(seconds * board.cpuHz));
    for (let i = 0; i < program.image.length; i++) expect(board.bus.peek(0x400 + i)).toBe(program.image[i]);
    const lines = screen(board);
    expect(lines).toContain('LOADED FROM TAPE');
    expect(lines[lines.length - 1]?.startsWith('.0400 A2')).toBe(true); // back in the monitor after RTS
  });
});

describe('Lab Monitor with the typing queue', () => {
  it('sees the L key released while waiting for tape, so SPACE typed next ends tape input', () => {
    const board = boot();
    typeAndSettle(board, 'L');
    expect(board.keyboard.typingPending).toBe(0);
    typeAndSettle(board, ' .0300/55\r');
    expect(board.bus.peek(0x300)).toBe(0x55);
  });
});
