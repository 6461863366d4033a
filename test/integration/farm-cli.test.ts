import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build65v } from '../../src-main/core/formats/osi65v.ts';
import { messageProgram } from '../support/assemble.ts';
import { tempDir } from '../support/temp-dir.ts';

const CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');
const BUILT = path.resolve(import.meta.dirname, '../../bin/superboard-lab.js');
const built = existsSync(path.resolve(import.meta.dirname, '../../out/main/cli.js'));

function farm(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'farm', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

describe('superboard-lab farm run (embedded)', () => {
  it('runs good jobs in threads, fails bad ones alone, and writes one result per job', async () => {
    const lines = [
      ...['one', 'two', 'three'].map((word, i) =>
        JSON.stringify({
          id: `m${i}`,
          '65v': build65v(messageProgram(`SAY ${word.toUpperCase()}`).segments, { run: 0x300 }),
          until: `SAY ${word.toUpperCase()}`,
        }),
      ),
      '',
      '{"id": "broken",',
      JSON.stringify({ id: 'a1', basic: '10 PRINT 6*7\r', type: 'RUN\r', cycles: 20_000_000 }),
      JSON.stringify({ id: 'typo', cycels: 1 }),
    ];
    const jobs = path.join(dir, 'jobs.jsonl');
    const out = path.join(dir, 'results.jsonl');
    await writeFile(jobs, lines.join('\n'));
    const result = farm('run', jobs, '--out', out, '--threads', '2');
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/farm: 6 jobs on 2 threads here/);
    expect(result.stderr).toMatch(/\[#{30}\] 6\/6 done, 0 running, 3 failed/);
    expect(result.stderr).toMatch(/6 jobs in [\d.]+ s \([\d.]+ jobs\/s\): 3 ok, 3 failed/);
    const results = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(results).toHaveLength(6);
    const byId = new Map(results.map((r) => [r.id ?? `line ${r.line}`, r]));
    ['ONE', 'TWO', 'THREE'].forEach((word, i) => {
      expect(byId.get(`m${i}`)).toMatchObject({ ok: true, reason: 'text' });
      expect(byId.get(`m${i}`).screen).toContain(`SAY ${word}`);
    });
    expect(byId.get('line 5')).toMatchObject({
      ok: false,
      reason: 'invalid',
      error: expect.stringMatching(/line 5 is not JSON/),
    });
    expect(byId.get('a1')).toMatchObject({ ok: false, error: "this worker's ROM folder has no BASIC ROM" });
    expect(byId.get('typo')).toMatchObject({ ok: false, error: expect.stringMatching(/cycels/) });
  });

  it('writes results to standard output without --out, and exits 0 when all succeed', async () => {
    const jobs = path.join(dir, 'jobs.jsonl');
    await writeFile(
      jobs,
      `${JSON.stringify({ id: 'idle', cycles: 100_000, returns: { screen: 'none' } })}\n`,
    );
    const result = farm('run', jobs, '--quiet');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({
      id: 'idle',
      ok: true,
      reason: 'limit',
      cycles: 100_000,
    });
  });

  it.skipIf(!built)(
    'runs from the built CLI too, its thread script and Lab Monitor found beside it',
    async () => {
      const jobs = path.join(dir, 'jobs.jsonl');
      await writeFile(jobs, `${JSON.stringify({ id: 'built', until: 'HELP', cycles: 5_000_000 })}\n`);
      const result = spawnSync(process.execPath, [BUILT, 'farm', 'run', jobs, '--quiet'], {
        encoding: 'utf8',
      });
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({
        id: 'built',
        ok: true,
        reason: 'text',
        roms: expect.stringMatching(/^Lab Monitor /),
      });
    },
  );

  it('refuses a usage error with the usage, and a queue URL that is not Redis', () => {
    const usage = farm('worker');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/needs --queue[\s\S]*usage: superboard-lab farm/);
    const url = farm('worker', '--queue', 'http://x');
    expect(url.status).toBe(1);
    expect(url.stderr).toMatch(/must start with redis:\/\//);
  });
});
