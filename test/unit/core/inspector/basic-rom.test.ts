import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatBasicValue,
  walkProgram,
  walkVariables,
} from '../../../../src-main/core/inspector/basic-program.ts';
import { loadMonitorRom } from '../../../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../../../src-main/core/machine/superboard.ts';
import { assembleLabMonitor } from '../../../../src-main/rom/lab-monitor.ts';
import { runUntilScreenShows, typeAll } from '../../../support/screen-reading.ts';
import { findUserRoms } from '../../../support/user-roms.ts';

/** The BASIC view's walk over a program typed into the user's own BASIC (never in the repository). */
const found = await findUserRoms();
const basic = found.roms?.basic;
const ROM_DIR = join(import.meta.dirname, '../../../../src-main/rom');

describe.skipIf(basic === undefined)(
  `the BASIC program view over the real OSI BASIC${basic ? '' : ` (skipped: ${found.reason || 'no BASIC dump'})`}`,
  () => {
    it('lists a typed program and its variables from memory', () => {
      const monitor = assembleLabMonitor((path) => readFileSync(join(ROM_DIR, path), 'utf8')).rom;
      const board = new Superboard({ roms: { monitor: loadMonitorRom(monitor, 'lab-monitor'), basic } });
      expect(runUntilScreenShows(board, 'C/W/M ?')).toBe(true);
      typeAll(board, 'C');
      expect(runUntilScreenShows(board, 'MEMORY SIZE?')).toBe(true);
      typeAll(board, '\r');
      expect(runUntilScreenShows(board, 'TERMINAL WIDTH?')).toBe(true);
      typeAll(board, '\r');
      expect(runUntilScreenShows(board, 'OK')).toBe(true);
      typeAll(board, '10 FOR I=1 TO 3:PRINT "HI";I:NEXT\r20 A$="OSI":B=2.5\r30 DIM C(2):C(1)=7\rRUN\r');
      board.run(2 * board.cpuHz);

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
  },
);
