import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQueueUrl } from '../../src-main/services/farm/job-queue.ts';
import { haveRedis, startRedis, type TestRedis } from '../support/redis-server.ts';
import { tempDir } from '../support/temp-dir.ts';

const CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');
const PASSWORD = 'pa ss/w0rd';

if (!haveRedis) console.warn('farm-queue tests skipped: redis-server is not installed (.ci/run installs it)');

interface WorkerProcess {
  child: ChildProcess;
  log: string;
}

function startWorker(url: string, queueName: string): WorkerProcess {
  const child = spawn(
    process.execPath,
    [CLI, 'farm', 'worker', '--queue', url, '--queue-name', queueName, '--concurrency', '1'].concat(
      // Short locks, so a killed worker's job is back in the queue within seconds.
      ['--lock-duration', '2000', '--stalled-interval', '1000'],
    ),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const worker: WorkerProcess = { child, log: '' };
  child.stdout?.on('data', (chunk: Buffer) => (worker.log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (worker.log += chunk.toString()));
  return worker;
}

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const stop = (worker: WorkerProcess): Promise<void> =>
  new Promise((resolve) => {
    if (worker.child.exitCode !== null || worker.child.signalCode !== null) return resolve();
    worker.child.once('exit', () => resolve());
    worker.child.kill('SIGTERM');
  });

describe.skipIf(!haveRedis)('the farm on a BullMQ queue (redis-server on loopback)', () => {
  let redis: TestRedis;
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    redis = await startRedis(PASSWORD);
    ({ dir, remove } = await tempDir());
  });
  afterAll(async () => {
    await redis?.stop();
    await remove?.();
  });

  it('three workers share a queue; one killed with kill -9 mid-job loses nothing: every job completes once', async () => {
    const queueName = 'kill-test';
    const target = parseQueueUrl(redis.url, queueName);
    const events = new QueueEvents(queueName, { connection: target.connection });
    const completed = new Map<string, number>();
    const stalled: string[] = [];
    events.on('completed', ({ jobId }) => completed.set(jobId, (completed.get(jobId) ?? 0) + 1));
    events.on('stalled', ({ jobId }) => stalled.push(jobId));
    await events.waitUntilReady();

    const workers = [0, 1, 2].map(() => startWorker(redis.url, queueName));
    try {
      await until(() => workers.every((w) => w.log.includes('serving')), 30_000, 'the workers to start');
      // The first three jobs wait for text that never comes until their 1.5 s wall-clock limit, so the first
      // job any worker takes is still running when it is killed; the other three are short and succeed.
      const jobs = Array.from({ length: 6 }, (_, i) =>
        JSON.stringify(
          i < 3
            ? { id: `k${i}`, until: 'NEVER', cycles: 2e9, wallSeconds: 1.5 }
            : { id: `k${i}`, seconds: 5 },
        ),
      );
      const file = path.join(dir, 'jobs.jsonl');
      const out = path.join(dir, 'results.jsonl');
      await writeFile(file, jobs.join('\n'));
      const run = spawn(
        process.execPath,
        [CLI, 'farm', 'run', file, '--queue', redis.url, '--queue-name', queueName, '--out', out],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let runErr = '';
      run.stderr?.on('data', (chunk: Buffer) => (runErr += chunk.toString()));
      const runExit = new Promise<number | null>((resolve) => run.once('exit', resolve));

      const victim = workers[0]!;
      await until(() => /started (\S+)/.test(victim.log), 30_000, 'the first worker to take a job');
      const killedJob = /started (\S+)/.exec(victim.log)![1]!;
      victim.child.kill('SIGKILL');

      expect(await runExit, runErr).toBe(1);
      const results = (await readFile(out, 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(results.map((r) => r.id).sort()).toEqual(jobs.map((_, i) => `k${i}`).sort());
      for (const result of results) {
        if (Number(result.id.slice(1)) < 3) expect(result).toMatchObject({ ok: false, reason: 'wall-time' });
        else expect(result).toMatchObject({ ok: true, reason: 'limit', cycles: 5 * 983_040 });
      }
      // The killed worker's job was found stalled and finished by one of the others.
      expect(stalled).toContain(killedJob);
      expect(workers[1]!.log + workers[2]!.log).toMatch(new RegExp(`(done|failed) ${killedJob} `));
      await until(() => completed.size === 6, 5_000, 'the completed events');
      expect([...completed.values()]).toEqual(new Array(6).fill(1));
      // The password never shows, not even in the logs.
      for (const text of [runErr, ...workers.map((w) => w.log)]) {
        expect(text).not.toContain('pa ss');
        expect(text).not.toContain(encodeURIComponent(PASSWORD));
      }
      expect(runErr).toContain(`redis://***@127.0.0.1:${redis.port}`);
    } finally {
      await Promise.all(workers.map(stop));
      await events.close();
    }
  });

  it('submits a batch and collects its results later', async () => {
    const queueName = 'batch-test';
    const file = path.join(dir, 'batch.jsonl');
    await writeFile(
      file,
      [
        { id: 'x', cycles: 50_000 },
        { id: 'y', until: 'HELP', cycles: 5_000_000 },
      ]
        .map((j) => JSON.stringify(j))
        .join('\n'),
    );
    const args = ['--queue', redis.url, '--queue-name', queueName];
    const submitted = spawnSync(process.execPath, [CLI, 'farm', 'submit', file, ...args], {
      encoding: 'utf8',
    });
    expect(submitted.status, submitted.stderr).toBe(0);
    const batch = submitted.stdout.trim();
    expect(batch).toMatch(/^b[0-9a-z]+$/);
    const early = spawnSync(process.execPath, [CLI, 'farm', 'results', '--batch', batch, ...args], {
      encoding: 'utf8',
    });
    expect(early.status).toBe(1);
    expect(early.stderr).toMatch(/0 ok, 0 failed, 2 not finished yet/);

    const worker = startWorker(redis.url, queueName);
    try {
      const done = spawnSync(
        process.execPath,
        [CLI, 'farm', 'results', '--batch', batch, '--wait', ...args],
        {
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(done.status, done.stderr).toBe(0);
      const results = done.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(results.map((r) => r.id).sort()).toEqual(['x', 'y']);
      expect(results.find((r) => r.id === 'y').screen).toContain('SUPERBOARD LAB MONITOR');
    } finally {
      await stop(worker);
    }
  });
});
