import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type RomImage,
  type RomSet,
  identifyRom,
  loadBasicRom,
  loadMonitorRom,
} from '../../../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../../../src-main/core/machine/superboard.ts';

/**
 * Boots the real SYN600 monitor and OSI BASIC when the user's own ROM images are available (they are never
 * in the repository): SUPERBOARD_ROMS names a folder, else ../shared/roms. Files are recognised by SHA-1;
 * BASIC may be one 8K file or four 2K files whose names sort in address order.
 */
function findRoms(): RomSet | undefined {
  const folder = process.env.SUPERBOARD_ROMS ?? resolve(import.meta.dirname, '../../../../../shared/roms');
  if (!existsSync(folder)) return undefined;
  const files = readdirSync(folder)
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .sort();
  let monitor: RomImage | undefined;
  let basic: RomImage | undefined;
  const parts: Uint8Array[] = [];
  for (const path of files) {
    const bytes = new Uint8Array(readFileSync(path));
    const known = identifyRom(bytes);
    if (known?.name.startsWith('SYN600') === true) monitor = loadMonitorRom(bytes, path);
    else if (known?.kind === 'basic') basic = loadBasicRom(bytes, [path]);
    else if (bytes.length === 0x800 && /basic/i.test(path)) parts.push(bytes);
  }
  if (basic === undefined && parts.length === 4) {
    const joined = loadBasicRom(parts);
    if (joined.known) basic = joined;
  }
  return monitor === undefined || basic === undefined ? undefined : { monitor, basic };
}

const roms = findRoms();

function screenHas(board: Superboard, text: string): boolean {
  return board.screenText().some((line) => line.includes(text));
}

/** Types `text` and runs until it has all been taken, then `settleFrames` more frames. */
function typeAndSettle(board: Superboard, text: string, settleFrames = 60): void {
  board.type(text);
  for (let frame = 0; frame < 60 * 600 && board.keyboard.typingPending > 0; frame++) board.runFrame();
  expect(board.keyboard.typingPending).toBe(0);
  for (let frame = 0; frame < settleFrames; frame++) board.runFrame();
}

function boot(): Superboard {
  const board = new Superboard({ roms: roms as RomSet });
  for (let frame = 0; frame < 120; frame++) board.runFrame();
  return board;
}

describe.skipIf(roms === undefined)(
  'with the real SYN600 monitor and BASIC (skipped: set SUPERBOARD_ROMS or put the ROM images in ../shared/roms)',
  () => {
    it('boots to the D/C/W/M prompt', () => {
      expect(screenHas(boot(), 'D/C/W/M ?')).toBe(true);
    });

    it('cold-starts BASIC, which finds the end of 8K RAM and prints its banner', () => {
      const board = boot();
      typeAndSettle(board, 'C');
      expect(screenHas(board, 'MEMORY SIZE?')).toBe(true);
      typeAndSettle(board, '\n');
      typeAndSettle(board, '\n', 120);
      expect(screenHas(board, 'BYTES FREE')).toBe(true);
      expect(screenHas(board, 'OSI 6502 BASIC VERSION 1.0 REV 3.2')).toBe(true);
      const freeLine = board.screenText().find((line) => line.includes('BYTES FREE')) ?? '';
      const free = Number(/(\d+)\s+BYTES FREE/.exec(freeLine)?.[1]);
      expect(free).toBeGreaterThan(6_000);
      expect(free).toBeLessThan(8_192);
    });

    it('takes a typed program exactly once, runs it, and saves it to tape as text with 10 NULs per line', () => {
      const board = boot();
      typeAndSettle(board, 'C');
      typeAndSettle(board, '\n');
      typeAndSettle(board, '\n', 120);
      typeAndSettle(board, '10 PRINT "HELLO, WORLD!"\nRUN\n', 120);
      const lines = board.screenText().map((line) => line.trim());
      expect(lines).toContain('10 PRINT "HELLO, WORLD!"');
      expect(lines).toContain('HELLO, WORLD!');
      board.cassette.takeRecorded();
      typeAndSettle(board, 'SAVE\nLIST\n', 600);
      const sent = board.cassette.takeRecorded().map((byte) => byte.value);
      const text = String.fromCharCode(...sent);
      const at = text.indexOf('10 PRINT "HELLO, WORLD!"\r');
      expect(at).toBeGreaterThanOrEqual(0);
      const after = sent.slice(
        at + '10 PRINT "HELLO, WORLD!"\r'.length,
        at + '10 PRINT "HELLO, WORLD!"\r'.length + 10,
      );
      expect(after).toEqual(new Array<number>(10).fill(0));
    });
  },
);
