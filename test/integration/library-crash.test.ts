import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../src-main/core/modem/impairments.ts';
import { basicTape } from '../support/library-tapes.ts';
import { openLibrary } from '../support/library.ts';
import { tempDir } from '../support/temp-dir.ts';

const CHILD = path.resolve(import.meta.dirname, '../support/library-crash-child.ts');
/** Wall-clock budget for the kill rounds (the CI machine is shared: bounded by time, not by count). */
const BUDGET_MS = 15_000;
const MAX_ROUNDS = 60;
/** Rounds killed before their import ended that a run needs to have tested anything (it goes on past the budget until then). */
const MIN_KILLED_MIDWAY = 3;

interface Committed {
  tapeId: number;
  takeId: number;
  sha256: string;
}

/** Runs the child until it prints "ready", kills it with SIGKILL `delay` ms later, returns what it committed. */
function runAndKill(
  folder: string,
  files: string[],
  delay: number,
): Promise<{ committed: Committed[]; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, folder, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (timer === null && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delay);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
      const committed = [...out.matchAll(/^committed (\d+) (\d+) ([0-9a-f]{64})$/gm)].map((m) => ({
        tapeId: Number(m[1]),
        takeId: Number(m[2]),
        sha256: m[3]!,
      }));
      resolve({ committed, finished: out.includes('finished\n') });
    });
  });
}

describe('library import killed with SIGKILL at random points', () => {
  let work: { dir: string; remove: () => Promise<void> };
  const files: string[] = [];

  beforeAll(async () => {
    work = await tempDir('sbl-crash-');
    await mkdir(path.join(work.dir, 'in'));
    for (let i = 0; i < 80; i++) {
      const file = path.join(work.dir, 'in', `prog${String(i).padStart(3, '0')}.bas`);
      await writeFile(file, `10 REM PROGRAM ${i}\n20 PRINT "NUMBER ${i}"\n30 X=PEEK(${i})\n`);
      files.push(file);
      if (i % 20 === 19) {
        const wav = path.join(work.dir, 'in', `tape${i}.wav`);
        await writeFile(wav, basicTape(`10 PRINT "TAPE ${i}"\n`));
        files.push(wav);
      }
    }
  });
  afterAll(async () => work.remove());

  it('loses nothing committed and leaves no half entry, round after round', async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 100000);
    const random = new SeededRandom(seed);
    // Once an import runs to the end, every file is in and the next rounds would only find duplicates, which
    // end before most kills: the rounds after it start over in a new library.
    let libraries = 1;
    let folder = path.join(work.dir, 'lib1');
    let everCommitted: Committed[] = [];
    let totalCommitted = 0;
    const started = Date.now();
    let rounds = 0;
    let killedMidway = 0;
    while (rounds < MAX_ROUNDS && (Date.now() - started < BUDGET_MS || killedMidway < MIN_KILLED_MIDWAY)) {
      rounds++;
      const delay = Math.floor(random.next() * 500);
      const result = await runAndKill(folder, files, delay);
      if (!result.finished) killedMidway++;
      everCommitted.push(...result.committed);
      totalCommitted += result.committed.length;

      const library = await openLibrary(folder);
      try {
        const context = `seed ${seed}, round ${rounds}, killed ${delay} ms after start`;
        const db = library.db;
        expect(db.prepare('PRAGMA integrity_check').get(), context).toEqual({ integrity_check: 'ok' });
        // Nothing committed is lost, and each committed file is intact.
        for (const c of everCommitted) {
          const tape = library.tape(c.tapeId);
          const take = tape.takes.find((t) => t.id === c.takeId);
          expect(take?.sha256, context).toBe(c.sha256);
          const bytes = await readFile(library.originalPath(c.takeId));
          expect(createHash('sha256').update(bytes).digest('hex'), context).toBe(c.sha256);
        }
        // No half entries: every tape has its take, every take its blocks and its file.
        const halfTapes = db
          .prepare(
            'SELECT count(*) AS n FROM tapes t WHERE NOT EXISTS (SELECT 1 FROM takes k WHERE k.tape_id = t.id)',
          )
          .get();
        const halfTakes = db
          .prepare(
            'SELECT count(*) AS n FROM takes k WHERE NOT EXISTS (SELECT 1 FROM blocks b WHERE b.take_id = k.id)',
          )
          .get();
        const searchRows = db.prepare('SELECT count(*) AS n FROM tape_search').get() as { n: number };
        expect(halfTapes, context).toEqual({ n: 0 });
        expect(halfTakes, context).toEqual({ n: 0 });
        expect(searchRows.n, context).toBe(library.list().total);
        expect(library.startup.missing, context).toEqual([]);
        // A kill between the rename and the commit leaves at most the one file being imported as an orphan.
        expect(library.startup.orphans.length, context).toBeLessThanOrEqual(1);
        for (const orphan of library.startup.orphans) await library.resolveOrphan(orphan, 'remove');
        expect(await readdir(path.join(folder, 'tmp')), context).toEqual([]);
      } finally {
        await library.close();
      }
      if (result.finished) {
        folder = path.join(work.dir, `lib${++libraries}`);
        everCommitted = [];
      }
    }
    console.log(
      `library crash test: seed ${seed}, ${rounds} rounds in ${libraries} libraries (${killedMidway} killed mid-import), ${totalCommitted} imports committed`,
    );
    expect(rounds).toBeGreaterThanOrEqual(5);
    expect(killedMidway).toBeGreaterThanOrEqual(MIN_KILLED_MIDWAY);
    expect(totalCommitted).toBeGreaterThan(0);
  });
});
