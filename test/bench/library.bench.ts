// The tape library at 10,000 tapes: import time per tape (in-process, through Library.import with its decode
// workers, fsyncs and one transaction per file), then list and search times on the full catalogue (in-process,
// medians), then `superboard-lab library search` as a whole command (process start-up included), then the
// Library area's virtualised list on the same catalogue in Chromium against the built browser host: the gaps
// between frames while the list is scrolled every frame, beside the gaps of the same page left idle.
// Run: node test/bench/library.bench.ts [--tapes N]   (9 in 10 are BASIC listings, 1 in 10 a short WAV)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SeededRandom } from '../../src-main/core/modem/impairments.ts';
import { basicTextToBytes, encodeKcs } from '../../src-main/core/modem/kcs-encoder.ts';
import { encodeWav } from '../../src-main/core/formats/wav.ts';
import { Library } from '../../src-main/services/library/library.ts';
import { HAVE_CHROMIUM, launchChromium } from '../support/browser.ts';
import { BUILT_WEB_HOST, startBuiltWebHost } from '../support/web-host-process.ts';

const tapesArg = process.argv.indexOf('--tapes');
const TAPES = tapesArg > 0 ? Number(process.argv[tapesArg + 1]) : 10_000;
const WORKER = new URL('../../src-main/services/library/decode-worker.ts', import.meta.url);
const CLI = resolve(import.meta.dirname, '../../out/main/cli.js');
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const dir = mkdtempSync(join(tmpdir(), 'sbl-library-bench-'));
const inbox = join(dir, 'inbox');
const random = new SeededRandom(11);
const STATEMENTS = [
  'PRINT "SCORE";S',
  'FOR I=1 TO 10',
  'NEXT I',
  'GOSUB 500',
  'RETURN',
  'IF X>9 THEN 40',
  'X=PEEK(530)',
  'POKE 53248+I,32',
  'INPUT A$',
  'A=RND(1)*6',
  'GOTO 20',
  'DIM B(20)',
];
const pick = <T>(list: readonly T[]): T => list[Math.floor(random.next() * list.length)]!;

function listing(n: number): string {
  const lines = [`10 REM PROGRAM ${n} ${pick(['GAME', 'DEMO', 'UTILITY', 'MUSIC', 'TEST'])}`];
  const count = 5 + Math.floor(random.next() * 20);
  for (let i = 0; i < count; i++) lines.push(`${20 + i * 10} ${pick(STATEMENTS)}`);
  return `${lines.join('\n')}\n`;
}

{
  const started = performance.now();
  for (let folder = 0; folder * 500 < TAPES; folder++)
    await mkdir(join(inbox, `box${folder}`), { recursive: true });
  for (let n = 0; n < TAPES; n++) {
    const box = join(inbox, `box${Math.floor(n / 500)}`);
    const text = listing(n);
    if (n % 10 === 0) {
      const samples = encodeKcs(basicTextToBytes(text), {
        sampleRate: 22050,
        leaderSeconds: 1,
        trailerSeconds: 0.5,
      });
      await writeFile(
        join(box, `tape${n}.wav`),
        encodeWav([samples], { sampleRate: 22050, channels: 1, encoding: 'pcm16' }),
      );
    } else await writeFile(join(box, `prog${n}.bas`), text);
  }
  console.log(`wrote ${TAPES} files (${TAPES / 10} WAV) in ${ms(performance.now() - started)}`);
}

// The browser host's default library folder, so the Library area opens this catalogue.
const userData = join(dir, 'user');
const folder = join(userData, 'library');
const library = await Library.open(folder, { workerUrl: WORKER });
{
  const started = performance.now();
  const entries = await library.import([{ path: inbox }]);
  const elapsed = performance.now() - started;
  const imported = entries.filter((e) => e.status === 'imported').length;
  console.log(
    `import (in-process, ${library.list({ limit: 1 }).total} tapes, ${imported} imported, ${entries.length - imported} not): ` +
      `${(elapsed / 1000).toFixed(1)} s, ${ms(elapsed / TAPES)} per tape`,
  );
}

const time = (label: string, run: () => unknown, rounds = 21): void => {
  const samples: number[] = [];
  let result: unknown;
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    result = run();
    samples.push(performance.now() - started);
  }
  const total = (result as { total?: number }).total;
  console.log(
    `${label.padEnd(44)} median ${ms(median(samples))}, max ${ms(Math.max(...samples))}${total === undefined ? '' : `  (${total} tapes)`}`,
  );
};
time('list: first 100 by date changed', () => library.list({ limit: 100 }));
time('list: rows 5,000-5,100 by title', () => library.list({ sort: 'title', offset: 5000, limit: 100 }));
time('list: with errors, by most errors', () => library.list({ sort: 'errors', errors: 'with' }));
time('list: 65V only', () => library.list({ kind: '65v' }));
time('search "PEEK" (listings)', () => library.list({ search: 'PEEK' }));
time('search "GOSUB 500" (two words)', () => library.list({ search: 'GOSUB 500' }));
time('search "PROGRAM 4321" (one tape)', () => library.list({ search: 'PROGRAM 4321' }));
time('search "music" sorted by title', () => library.list({ search: 'music', sort: 'title' }));
time('search "zz" (short word, no tape)', () => library.list({ search: 'zz' }));
time('search "X" (one letter)', () => library.list({ search: 'X' }));
time('search "TO GOSUB" (short and long word)', () => library.list({ search: 'TO GOSUB' }));
time('search "PE 530" (two letters, three digits)', () => library.list({ search: 'PE 530' }));
time('open a tape (takes and blocks)', () => library.tape(Math.ceil(TAPES / 2)));
await library.close();

if (existsSync(CLI)) {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [CLI, 'library', 'search', 'PEEK', '--library', folder], {
      encoding: 'utf8',
    });
    samples.push(performance.now() - started);
    if (result.status !== 0) throw new Error(result.stderr);
  }
  console.log(
    `whole command: superboard-lab library search PEEK   median ${ms(median(samples))} (start-up included)`,
  );
} else console.log('whole command: skipped (run npm run build first)');

if (HAVE_CHROMIUM && existsSync(BUILT_WEB_HOST)) {
  console.log(`load average before the list in Chromium: ${loadavg()[0]!.toFixed(1)}`);
  const host = await startBuiltWebHost(userData);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(host.url);
    await page.getByTestId('machine-status').filter({ hasText: 'running' }).waitFor();
    await page.keyboard.press('Alt+4');
    await page
      .getByTestId('library-count')
      .filter({ hasText: `${TAPES} tapes` })
      .waitFor();
    // rAF gaps for 3 s, scrolling the list by `step` pixels each frame (0: idle); then how many rows in sight
    // show a title (rows arrive a page at a time over the WebSocket).
    const frames = (step: number): Promise<{ gaps: number[]; filled: number; shown: number }> =>
      page.evaluate(async (px) => {
        const list = document.querySelector<HTMLElement>('[data-testid=library-list]')!;
        const gaps: number[] = [];
        const frame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));
        let last = await frame();
        const end = last + 3000;
        while (last < end) {
          if (px > 0) list.scrollTop = (list.scrollTop + px) % (list.scrollHeight - list.clientHeight);
          const now = await frame();
          gaps.push(now - last);
          last = now;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
        const rows = [...list.querySelectorAll('[data-testid=library-row]')];
        return {
          gaps,
          shown: rows.length,
          filled: rows.filter((row) => (row.textContent ?? '').trim() !== '').length,
        };
      }, step);
    for (const [label, step] of [
      ['idle page (anchor)', 0],
      ['scrolled 10 rows a frame', 260],
      ['scrolled 100 rows a frame', 2600],
    ] as const) {
      const { gaps, filled, shown } = await frames(step);
      const sorted = [...gaps].sort((a, b) => a - b);
      const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
      console.log(
        `list in Chromium, ${TAPES} tapes, ${label.padEnd(26)} ${gaps.length} frames, frame gap median ` +
          `${ms(median(gaps))}, p95 ${ms(p95)}, worst ${ms(sorted.at(-1) ?? 0)}; ${filled} of ${shown} rows filled after`,
      );
    }
  } finally {
    await browser.close();
    await host.stop();
  }
} else console.log('list in Chromium: skipped (needs /usr/bin/chromium and npm run build)');

await rm(dir, { recursive: true, force: true });
