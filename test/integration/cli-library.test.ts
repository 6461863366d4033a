import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicTextToBytes } from '../../src-main/core/modem/kcs-encoder.ts';
import { basicTape, PEEK_PROGRAM, RATE, tapeSamples } from '../support/library-tapes.ts';
import { tempDir } from '../support/temp-dir.ts';
import { wavBytes } from '../support/wav-writer.ts';

const SOURCE_CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');
const BUILT_CLI = path.resolve(import.meta.dirname, '../../out/main/cli.js');

describe('superboard-lab library', () => {
  let work: { dir: string; remove: () => Promise<void> };
  let lib: string;
  const run = (cli: string, ...args: string[]) =>
    spawnSync(process.execPath, [cli, 'library', ...args, '--library', lib], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, XDG_CONFIG_HOME: path.join(work.dir, 'config') },
    });

  beforeAll(async () => {
    work = await tempDir('sbl-cli-library-');
    lib = path.join(work.dir, 'lib');
    await mkdir(path.join(work.dir, 'in', 'more'), { recursive: true });
    await writeFile(path.join(work.dir, 'in', 'peek.wav'), basicTape(PEEK_PROGRAM));
    await writeFile(path.join(work.dir, 'in', 'more', 'hello.bas'), '10 PRINT "HELLO"\n');
    await writeFile(path.join(work.dir, 'in', 'more', 'junk.dat'), Uint8Array.of(0, 1, 2, 0xff));
  });
  afterAll(async () => work.remove());

  it('imports a folder, lists, searches, shows and exports through the same library code', async () => {
    const imported = run(SOURCE_CLI, 'import', path.join(work.dir, 'in'));
    expect(imported.status).toBe(1);
    expect(imported.stdout).toMatch(/^imported +peek\.wav -> tape \d+, take \d+$/m);
    expect(imported.stdout).toMatch(/^failed +junk\.dat: neither a recording \(WAV, FLAC, Ogg, MP3\)/m);
    expect(imported.stdout.match(/junk\.dat/g)).toHaveLength(1);
    expect(imported.stderr).toContain('2 imported, 0 skipped, 1 failed');
    const again = run(SOURCE_CLI, 'import', path.join(work.dir, 'in', 'peek.wav'));
    expect(again.stdout).toMatch(/^skipped +peek\.wav: already in the library as "peek"/m);

    const list = run(SOURCE_CLI, 'list', '--json', '--sort', 'title');
    expect(list.status).toBe(0);
    const tapes = JSON.parse(list.stdout) as { id: number; title: string; kinds: string[] }[];
    expect(tapes.map((t) => [t.title, t.kinds])).toEqual([
      ['hello', ['basic']],
      ['peek', ['basic']],
    ]);
    const search = run(SOURCE_CLI, 'search', 'PEEK');
    expect(search.stdout.trim().split('\n')).toHaveLength(2);
    expect(search.stdout).toContain('peek');
    const peek = tapes.find((t) => t.title === 'peek')!;
    const show = run(SOURCE_CLI, 'show', String(peek.id));
    expect(show.stdout).toMatch(/#1 basic +\d+ bytes +0 errors samples \d+-\d+ +10 REM SCREEN FILL/);
    expect(show.stdout).toMatch(
      /^take \d+: peek\.wav · wav · 300 baud 8N2 \(detected\) · \d+ bytes · 0 weak/m,
    );
    const out = path.join(work.dir, 'peek.txt');
    const exported = run(SOURCE_CLI, 'export', String(peek.id), '--format', 'text', '--out', out);
    expect(exported.status).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('40 POKE 53248+I,X+1');
    expect(run(SOURCE_CLI, 'export', String(peek.id), '--format', 'doc', '--out', out).status).toBe(2);
    expect(run(SOURCE_CLI, 'show', '999').stderr).toContain('no tape 999');
  });

  it('lists the tape formats found on each tape, once each, in the order of its takes', async () => {
    const listed = (): { id: number; title: string; tapeFormats: string[] }[] =>
      JSON.parse(run(SOURCE_CLI, 'list', '--json', '--sort', 'title').stdout) as never;
    const peek = listed().find((t) => t.title === 'peek')!;
    expect(peek.tapeFormats).toEqual(['300 baud 8N2 (detected)']);
    expect(listed().find((t) => t.title === 'hello')!.tapeFormats).toEqual([]);
    // Another take of the tape, saved with one stop bit, and a third one like the first (with a crease).
    await writeFile(
      path.join(work.dir, 'peek-8n1.wav'),
      wavBytes(tapeSamples(basicTextToBytes(PEEK_PROGRAM), [], 2, 1), RATE),
    );
    await writeFile(path.join(work.dir, 'peek-again.wav'), basicTape(PEEK_PROGRAM, [30], 3));
    for (const name of ['peek-8n1.wav', 'peek-again.wav']) {
      const added = run(SOURCE_CLI, 'import', path.join(work.dir, name), '--tape', String(peek.id));
      expect(added.stdout).toMatch(new RegExp(`^imported +${name} -> tape ${peek.id},`, 'm'));
    }
    expect(listed().find((t) => t.id === peek.id)!.tapeFormats).toEqual([
      '300 baud 8N2 (detected)',
      '300 baud 8N1 (detected)',
    ]);
    const table = run(SOURCE_CLI, 'list').stdout.split('\n');
    expect(table[0]).toMatch(/ CREATED +TAPE FORMAT$/);
    const line = table.find((l) => l.includes(' peek '));
    expect(line).toMatch(
      / 3 +0 +\d{4}-\d\d-\d\d \d\d:\d\d {2}300 baud 8N2 \(detected\), 300 baud 8N1 \(detected\)$/,
    );
    expect(table.find((l) => l.includes(' hello '))).toMatch(/:\d\d {2}-$/);
    // The TAPE FORMAT column starts where its heading does.
    expect(line!.indexOf('300 baud')).toBe(table[0]!.indexOf('TAPE FORMAT'));
  });

  it.skipIf(!existsSync(BUILT_CLI))('runs from the build with its decode worker', async () => {
    await writeFile(path.join(work.dir, 'built.wav'), basicTape('10 PRINT "BUILT"\n'));
    const imported = run(BUILT_CLI, 'import', path.join(work.dir, 'built.wav'));
    expect(imported.stderr).toContain('1 imported');
    expect(run(BUILT_CLI, 'search', 'BUILT').stdout).toContain('built');
  });
});
