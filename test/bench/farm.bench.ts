/**
 * Farm throughput: jobs per second for the standard job (a 2 KB program loaded from text, 10 million cycles,
 * the screen returned), as whole commands of the built CLI: `farm run` embedded with 1 and 2 threads, and
 * `farm run --queue` through a local redis-server with 1 and 2 `farm worker` processes already running.
 * The anchor is the same jobs as one `superboard-lab run` process each, one after another. Rounds alternate
 * the setups; medians are printed. The standard job is BASIC when SUPERBOARD_ROMS names a folder with a
 * BASIC ROM, otherwise 65V text on the Lab Monitor (said in the output).
 * Run: npm run bench -- farm   (needs `npm run build`; the queue rows need redis-server)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build65v } from '../../src-main/core/formats/osi65v.ts';
import { readRomFolder } from '../../src-main/services/farm/rom-folder.ts';
import { validateJob } from '../../src-main/core/jobs/job.ts';
import { runJob } from '../../src-main/core/jobs/run-job.ts';
import { loadMonitorRom } from '../../src-main/core/machine/rom-set.ts';
import { assembleOrThrow } from '../support/assemble.ts';
import { labMonitor } from '../support/emulator.ts';
import { haveRedis, startRedis } from '../support/redis-server.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/superboard-lab.js');
const JOBS = Number(process.env.FARM_BENCH_JOBS ?? 24);
const ROUNDS = Number(process.env.FARM_BENCH_ROUNDS ?? 3);
const CYCLES = 10_000_000;
const labMonitorBytes = await labMonitor();

if (!existsSync(path.join(ROOT, 'out/main/cli.js'))) {
  console.error('farm bench: build first (npm run build)');
  process.exit(1);
}

/** About 2 KB of 65V text: a program that prints a line and then counts on screen, with a data table. */
function standard65v(): string {
  const program = assembleOrThrow(`
        .org $0300
        ldx #0
  msg:  lda text,x
        beq count
        sta $D2C5,x
        inx
        bne msg
  count: inc $D2E0
        bne count
        inc $D2E1
        jmp count
  text: .text "FARM BENCH", 0
  table: .fill 640, $5A
  `);
  return build65v(program.segments, { run: 0x0300 });
}

/** About 2 KB of BASIC: numbered lines that fill an array, then a loop that runs until the cycle limit. */
function standardBasic(): string {
  const lines: string[] = ['10 DIM A(100)'];
  for (let n = 20; lines.join('\r').length < 1900; n += 10)
    lines.push(`${n} FOR I=1 TO 100:A(I)=I*${n}:NEXT I`);
  lines.push('9000 PRINT "FARM BENCH"', '9010 GOTO 20');
  return `${lines.join('\r')}\r`;
}

/** Cycles the Lab Monitor takes to read the 65V text and start the program (in-process, once). */
function measureLoad(text: string): number {
  const parsed = validateJob({ id: 'load', '65v': text, until: 'FARM BENCH', cycles: 100_000_000 });
  if (!parsed.ok) throw new Error(parsed.result.error);
  const result = runJob(parsed.job, { monitor: loadMonitorRom(labMonitorBytes) });
  if (result.reason !== 'text') throw new Error(`the standard program did not load: ${result.error}`);
  return result.cycles ?? 0;
}

interface Setup {
  readonly name: string;
  /** Gets the setup ready (worker processes started); not timed. */
  readonly prepare?: () => Promise<void>;
  readonly run: () => number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

function timed(command: string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, command, { encoding: 'utf8', env });
  const ms = performance.now() - start;
  if (result.status !== 0)
    throw new Error(`${command.join(' ')} failed (${result.status}):\n${result.stderr}`);
  return ms;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sbl-farm-bench-'));
  const romDir = process.env.SUPERBOARD_ROMS;
  const haveBasic =
    romDir !== undefined && (await readRomFolder(romDir).catch(() => null))?.basics.length === 1;
  const text = haveBasic ? standardBasic() : standard65v();
  // The cycle limit is the load (measured once here, in-process) plus 10 million cycles of running.
  const loadCycles = haveBasic ? 0 : measureLoad(text);
  const cycles = loadCycles + CYCLES;
  const job = haveBasic
    ? { basic: text, type: 'RUN\r', cycles: CYCLES }
    : { '65v': text, cycles, returns: { screen: 'visible' } };
  const jobsFile = path.join(dir, 'jobs.jsonl');
  await writeFile(
    jobsFile,
    Array.from({ length: JOBS }, (_, i) => JSON.stringify({ id: `s${i}`, ...job })).join('\n'),
  );
  const tape = path.join(dir, 'program.txt');
  await writeFile(tape, text, 'latin1');
  const romArgs = haveBasic ? ['--rom-dir', romDir as string] : [];
  console.log(
    `standard job: ${haveBasic ? 'a BASIC listing' : 'a 65V program on the Lab Monitor (no BASIC ROM here)'} of ` +
      `${text.length} bytes loaded from text through the cassette port` +
      `${loadCycles ? ` (${loadCycles.toLocaleString('en')} cycles)` : ''}, then ${CYCLES.toLocaleString('en')} cycles, ` +
      `screen returned; ${JOBS} jobs a run, ${ROUNDS} rounds, medians; ${os.availableParallelism()} cores; ` +
      'whole commands of the built CLI (start-up and file reading included)',
  );

  const setups: Setup[] = [
    {
      name: `anchor: ${JOBS} x superboard-lab run`,
      run: () => {
        let ms = 0;
        const typed = haveBasic ? ['--type', 'C\\r\\rLOAD\\r'] : ['--type', 'L'];
        for (let i = 0; i < JOBS; i++)
          ms += timed([
            BIN,
            'run',
            ...romArgs,
            ...typed,
            '--tape',
            tape,
            '--fast-tape',
            '--cycles',
            String(CYCLES),
          ]);
        return ms;
      },
    },
    ...[1, 2].map((threads) => ({
      name: `embedded, ${threads} thread${threads > 1 ? 's' : ''}`,
      run: () =>
        timed([
          BIN,
          'farm',
          'run',
          jobsFile,
          '--threads',
          String(threads),
          '--quiet',
          '--out',
          path.join(dir, 'out.jsonl'),
          ...romArgs,
        ]),
    })),
  ];

  const workers: ChildProcess[] = [];
  let stopRedis: (() => Promise<void>) | null = null;
  if (haveRedis) {
    const redis = await startRedis('bench');
    stopRedis = redis.stop;
    const startWorkers = async (count: number): Promise<void> => {
      while (workers.length > count) {
        const worker = workers.pop() as ChildProcess;
        await new Promise((resolve) => {
          worker.once('exit', resolve);
          worker.kill('SIGTERM');
        });
      }
      while (workers.length < count) {
        const worker = spawn(
          process.execPath,
          [BIN, 'farm', 'worker', '--queue', redis.url, '--concurrency', '1', ...romArgs],
          {
            stdio: ['ignore', 'pipe', 'inherit'],
          },
        );
        await new Promise<void>((resolve) => {
          worker.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('serving') && resolve());
        });
        worker.stdout?.resume();
        workers.push(worker);
      }
    };
    for (const count of [1, 2]) {
      setups.push({
        name: `queue, ${count} worker process${count > 1 ? 'es' : ''}`,
        prepare: () => startWorkers(count),
        run: () =>
          timed([
            BIN,
            'farm',
            'run',
            jobsFile,
            '--queue',
            redis.url,
            '--quiet',
            '--out',
            path.join(dir, 'out.jsonl'),
          ]),
      });
    }
  } else {
    console.log('queue rows skipped: redis-server is not installed');
  }

  const times = new Map<string, number[]>(setups.map((s) => [s.name, []]));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? setups : [...setups].reverse();
      for (const setup of order) {
        await setup.prepare?.();
        times.get(setup.name)?.push(setup.run());
      }
    }
  } finally {
    await Promise.all(
      workers.map(
        (worker) => new Promise((resolve) => (worker.once('exit', resolve), worker.kill('SIGTERM'))),
      ),
    );
    await stopRedis?.();
    await rm(dir, { recursive: true, force: true });
  }

  const rate = (name: string): number => JOBS / (median(times.get(name) ?? []) / 1000);
  console.log('\n| setup | median s per run | jobs/s |\n|---|---:|---:|');
  for (const setup of setups) {
    const ms = median(times.get(setup.name) ?? []);
    console.log(`| ${setup.name} | ${(ms / 1000).toFixed(2)} | ${rate(setup.name).toFixed(2)} |`);
  }
  const e1 = rate('embedded, 1 thread');
  const e2 = rate('embedded, 2 threads');
  console.log(`\nembedded scaling 1 -> 2 threads: ${(e2 / e1).toFixed(2)}x`);
  if (haveRedis) {
    const q1 = rate('queue, 1 worker process');
    const q2 = rate('queue, 2 worker processes');
    console.log(`queue scaling 1 -> 2 workers: ${(q2 / q1).toFixed(2)}x`);
    console.log(
      `queue overhead per job (1 worker vs 1 embedded thread): ${(1000 / q1 - 1000 / e1).toFixed(1)} ms`,
    );
  }
}

await main();
