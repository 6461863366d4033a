import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';
import { findUserRoms } from '../support/user-roms.ts';

/** The command line with the user's own SYN600 and BASIC dumps, as the issue reports used it. */
const { roms, reason } = await findUserRoms();
const ready = roms?.syn600 !== undefined && roms.basic !== undefined;
if (!ready) console.warn(`run --rom-dir tests skipped: ${reason}`);

const CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'run', '--rom-dir', roms!.dir, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

describe.skipIf(!ready)(
  `superboard-lab run --rom-dir with SYN600 and BASIC${ready ? '' : ` (skipped: ${reason})`}`,
  () => {
    it('breaks a running program with Ctrl-C typed after RUN', () => {
      const result = run(
        '--type',
        'C\\r\\r\\r10 GOTO 10\\rRUN\\r\x03',
        '--until-text',
        'BREAK',
        '--cycles',
        '30000000',
      );
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('BREAK IN 10');
    });

    it('stops on a settled screen: each line shows once', () => {
      const result = run('--type', 'C\\r\\r\\rPRINT "DO";"NE"\\r', '--until-text', 'DONE', '--crop');
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout.match(/BYTES FREE/g)).toHaveLength(1);
    });

    it('starts the tape after LOAD was typed, so its first line arrives', async () => {
      const tape = path.join(dir, 'program.bas');
      const line = (text: string): string => `${text}\r${'\0'.repeat(10)}\n`;
      await writeFile(tape, line('10 REM SAVE TEST') + line('20 PRINT "LOAD";"ED"') + line('RUN'), 'latin1');
      const result = run('--type', 'C\\r\\r\\rLOAD\\r', '--tape', tape, '--until-text', 'LOADED', '--crop');
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain('10 REM SAVE TEST');
    });
  },
);
