import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.ts';

const CLI = path.resolve(import.meta.dirname, '../../../src-main/cli/main.ts');

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('superboard-lab command line', () => {
  it('lists its commands and exits 2 without one', () => {
    const result = cli();
    expect(result.status).toBe(2);
    expect(result.stdout).toMatch(/usage: superboard-lab <command>/);
    expect(result.stdout).toMatch(/^ {2}asm /m);
  });

  it.each(['run', 'asm', 'decode', 'encode', 'farm', 'capture-rom'])(
    'lists every option of %s --help with a sentence',
    (command) => {
      const result = cli(command, '--help');
      expect(result.status).toBe(0);
      const lines = result.stdout.split('\n');
      const usageOptions = lines
        .filter((line) => line.startsWith('usage:') || line.startsWith('superboard-lab'))
        .flatMap((line) => line.match(/--[a-z0-9-]+/g) ?? []);
      expect(usageOptions.length).toBeGreaterThan(0);
      for (const option of new Set(usageOptions)) {
        const described = lines.find((line) => new RegExp(`^ +(-[a-z], )?${option}\\b`).test(line)) ?? '';
        const sentence = described.replace(/^ +(-[a-z], )?--[a-z0-9-]+( [A-Z][A-Z@.]*)?/, '').trim();
        expect(sentence.split(/\s+/).length, `${command} --help describes ${option}`).toBeGreaterThanOrEqual(
          3,
        );
      }
    },
  );

  it('refuses an unknown command by name', () => {
    const result = cli('frobnicate');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('runs a command and passes its exit code through', async () => {
    const { dir, remove } = await tempDir();
    const source = path.join(dir, 'p.asm');
    await writeFile(source, '.org $0200\n  lda #$41\n  rts\n');
    const ok = cli('asm', source, '-o', path.join(dir, 'p.bin'));
    expect(ok.status).toBe(0);
    expect([...(await readFile(path.join(dir, 'p.bin')))]).toEqual([0xa9, 0x41, 0x60]);
    await writeFile(source, '  lda #\n');
    expect(cli('asm', source).status).toBe(1);
    await remove();
  });
});
