import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteTapeSource } from '../../../src-main/core/machine/cassette-port.ts';
import {
  identifyRom,
  loadBasicRom,
  loadMonitorRom,
  type RomImage,
} from '../../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../../src-main/core/machine/superboard.ts';
import { assembleLabMonitor } from '../../../src-main/rom/lab-monitor.ts';
import {
  formatBasicValue,
  walkProgram,
  walkVariables,
} from '../../../src-main/core/inspector/basic-program.ts';

/**
 * The Lab Monitor with the user's own OSI BASIC image (never in the repository): SUPERBOARD_ROMS names a
 * folder, else ../shared/roms. BASIC is recognised by SHA-1, as one 8K file or four 2K files whose names
 * contain "basic" and sort in address order.
 */
function findBasic(): RomImage | undefined {
  const folder = process.env.SUPERBOARD_ROMS ?? resolve(import.meta.dirname, '../../../../shared/roms');
  if (!existsSync(folder)) return undefined;
  const files = readdirSync(folder)
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile())
    .sort();
  const parts: Uint8Array[] = [];
  for (const path of files) {
    const bytes = new Uint8Array(readFileSync(path));
    if (identifyRom(bytes)?.kind === 'basic') return loadBasicRom(bytes, [path]);
    if (bytes.length === 0x800 && /basic/i.test(path)) parts.push(bytes);
  }
  if (parts.length !== 4) return undefined;
  const joined = loadBasicRom(parts);
  return joined.known ? joined : undefined;
}

const basic = findBasic();
const ROM_DIR = join(import.meta.dirname, '../../../src-main/rom');

function boot(): Superboard {
  const monitor = assembleLabMonitor((path) => readFileSync(join(ROM_DIR, path), 'utf8')).rom;
  const board = new Superboard({ roms: { monitor: loadMonitorRom(monitor, 'lab-monitor'), basic } });
  for (let frame = 0; frame < 60; frame++) board.runFrame();
  return board;
}

function typeAndSettle(board: Superboard, text: string, settleFrames = 60): void {
  board.type(text);
  for (let frame = 0; frame < 60 * 600 && board.keyboard.typingPending > 0; frame++) board.runFrame();
  expect(board.keyboard.typingPending).toBe(0);
  for (let frame = 0; frame < settleFrames; frame++) board.runFrame();
}

function lines(board: Superboard): string[] {
  return board.screenText().map((line) => line.trim());
}

function coldStart(): Superboard {
  const board = boot();
  typeAndSettle(board, 'C');
  expect(lines(board).some((line) => line.includes('MEMORY SIZE?'))).toBe(true);
  typeAndSettle(board, '\n');
  typeAndSettle(board, '\n', 120);
  return board;
}

describe.skipIf(basic === undefined)(
  'Lab Monitor with the real OSI BASIC (skipped: set SUPERBOARD_ROMS or put a BASIC image in ../shared/roms)',
  () => {
    it('offers BASIC and cold-starts it to its banner', () => {
      const board = boot();
      expect(lines(board)).toContain('C/W/M ?');
      typeAndSettle(board, 'C');
      typeAndSettle(board, '\n');
      typeAndSettle(board, '\n', 120);
      const text = lines(board).join('\n');
      expect(text).toContain('BYTES FREE');
      expect(text).toContain('OSI 6502 BASIC VERSION 1.0 REV 3.2');
    });

    it('takes a typed program once, runs it and saves it with 10 NULs after each CR', () => {
      const board = coldStart();
      typeAndSettle(board, '10 PRINT "HELLO, WORLD!"\nRUN\n', 120);
      expect(lines(board).filter((line) => line === '10 PRINT "HELLO, WORLD!"')).toHaveLength(1);
      expect(lines(board)).toContain('HELLO, WORLD!');
      board.cassette.takeRecorded();
      typeAndSettle(board, 'SAVE\nLIST\n', 600);
      const sent = board.cassette.takeRecorded().map((byte) => byte.value);
      const line = '10 PRINT "HELLO, WORLD!"\r';
      const at = String.fromCharCode(...sent).indexOf(line);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(sent.slice(at + line.length, at + line.length + 10)).toEqual(new Array<number>(10).fill(0));
    });

    it('loads a program from tape until SPACE, then runs it', () => {
      const board = coldStart();
      typeAndSettle(board, 'LOAD\n');
      const tape = '10 PRINT "FROM TAPE"\r' + '\0'.repeat(10) + '\n';
      board.cassette.play(new ByteTapeSource(Uint8Array.from(tape, (c) => c.charCodeAt(0))));
      for (let frame = 0; frame < 60 * 3; frame++) board.runFrame();
      typeAndSettle(board, ' ');
      typeAndSettle(board, 'RUN\n', 120);
      expect(lines(board)).toContain('FROM TAPE');
    });

    it("lists a typed program and its variables from memory, as the Memory area's BASIC view does", () => {
      const board = coldStart();
      typeAndSettle(
        board,
        '10 FOR I=1 TO 3:PRINT "HI";I:NEXT\n20 A$="OSI":B=2.5\n30 DIM C(2):C(1)=7\nRUN\n',
        120,
      );
      const peek = (address: number): number => board.peek(address);
      const listing = walkProgram(peek, peek(0x79) | (peek(0x7a) << 8));
      expect(listing.problem).toBeNull();
      expect(listing.lines.map((line) => `${line.number} ${line.text.replace(/ /g, '')}`)).toEqual([
        '10 FORI=1TO3:PRINT"HI";I:NEXT',
        '20 A$="OSI":B=2.5',
        '30 DIMC(2):C(1)=7',
      ]);
      const { variables, problem } = walkVariables(peek);
      expect(problem).toBeNull();
      const shown = Object.fromEntries(
        variables.map((v) => [
          v.name,
          v.value ? formatBasicValue(v.value) : v.elements?.map(formatBasicValue),
        ]),
      );
      expect(shown).toEqual({ I: '4', A$: '"OSI"', B: '2.5', 'C(2)': ['0', '7', '0'] });
    });

    it('breaks a running program with Ctrl-C and takes commands again', () => {
      const board = coldStart();
      typeAndSettle(board, '10 GOTO 10\nRUN\n', 60);
      typeAndSettle(board, '\x03', 60);
      typeAndSettle(board, 'PRINT 6*7\n', 60);
      expect(lines(board)).toContain('42');
    });
  },
);
