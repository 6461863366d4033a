import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBasicRom, loadMonitorRom } from '../../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../../src-main/core/machine/superboard.ts';
import { assembleLabMonitor } from '../../../src-main/rom/lab-monitor.ts';
import { fakeBasicRom } from '../../support/fake-basic.ts';
import { readScreen, runUntilScreenShows, typeAll } from '../../support/screen-reading.ts';

const ROM_DIR = join(import.meta.dirname, '../../../src-main/rom');
const monitor = assembleLabMonitor((path) => readFileSync(join(ROM_DIR, path), 'utf8')).rom;

describe('Ctrl-C through the Lab Monitor to a BASIC that uses the rev 3.2 interface', () => {
  it('answers with A = 3 at $A636 on the stack BASIC left, so BASIC breaks with BREAK IN 10 and CONT goes on', () => {
    const board = new Superboard({
      roms: { monitor: loadMonitorRom(monitor, 'lab-monitor'), basic: loadBasicRom(fakeBasicRom()) },
    });
    board.run(300_000);
    typeAll(board, 'C');
    expect(runUntilScreenShows(board, 'OK')).toBe(true);
    typeAll(board, 'RUN\r\x03');
    expect(runUntilScreenShows(board, 'BREAK IN 10')).toBe(true);
    const counted = board.peek(0xe0) | (board.peek(0xe1) << 8);
    expect(counted).toBeGreaterThan(0);
    typeAll(board, 'CONT\r');
    board.run(200_000);
    expect(board.peek(0xe0) | (board.peek(0xe1) << 8)).toBeGreaterThan(counted);
    typeAll(board, '\x03');
    board.run(100_000);
    expect(readScreen(board).match(/BREAK IN 10/g)).toHaveLength(2);
    expect(readScreen(board)).not.toContain('BAD STACK');
  });
});
