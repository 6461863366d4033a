import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../../src-main/core/jobs/job.ts';
import { JobThreadPool } from '../../../../src-main/services/farm/thread-pool.ts';

const FAKE = new URL('../../../support/fake-farm-thread.ts', import.meta.url);
const REAL = new URL('../../../../src-main/services/farm/farm-thread.ts', import.meta.url);
const setup = { labMonitor: new Uint8Array(2048), roms: { monitors: [], basics: [] } };

let pool: JobThreadPool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

const job = (id: string, extra: Partial<Job> = {}): Job => ({ id, ...extra }) as Job;

describe('JobThreadPool', () => {
  it('runs jobs in as many threads as asked and reports progress and starts', async () => {
    pool = new JobThreadPool({ workerUrl: FAKE, setup, size: 2 });
    const started: string[] = [];
    const progress: number[] = [];
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((id) =>
        pool!.run(
          job(id),
          (cycles, limit) => progress.push(cycles / limit),
          () => started.push(id),
        ),
      ),
    );
    expect(results.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(started.sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(progress).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('reports a job whose thread crashes or exits with that reason, and goes on with the others', async () => {
    pool = new JobThreadPool({ workerUrl: FAKE, setup, size: 1 });
    const results = await Promise.all(['crash', 'ok1', 'exit', 'ok2'].map((id) => pool!.run(job(id))));
    expect(results[0]).toMatchObject({
      id: 'crash',
      ok: false,
      reason: 'crashed',
      error: expect.stringMatching(/crashed: boom/),
    });
    expect(results[1]).toMatchObject({ id: 'ok1', ok: true });
    expect(results[2]).toMatchObject({
      id: 'exit',
      ok: false,
      reason: 'crashed',
      error: expect.stringMatching(/exited with code 3/),
    });
    expect(results[3]).toMatchObject({ id: 'ok2', ok: true });
  });

  it('stops a thread that overruns the wall-clock limit and runs the next job on a fresh one', async () => {
    pool = new JobThreadPool({ workerUrl: FAKE, setup, size: 1, graceMs: 50 });
    const [hung, next] = await Promise.all([
      pool.run(job('hang', { wallSeconds: 0.2 })),
      pool.run(job('after')),
    ]);
    expect(hung).toMatchObject({
      id: 'hang',
      ok: false,
      reason: 'wall-time',
      error: expect.stringMatching(/0.2 s; its thread was stopped/),
    });
    expect(next).toMatchObject({ id: 'after', ok: true });
  });

  it('runs real jobs in the real farm thread, checking each again there', async () => {
    const { labMonitor } = await import('../../../support/emulator.ts');
    pool = new JobThreadPool({
      workerUrl: REAL,
      setup: { ...setup, labMonitor: await labMonitor() },
      size: 1,
    });
    const [good, bad] = await Promise.all([
      pool.run(job('boot', { until: 'HELP', cycles: 5_000_000 })),
      pool.run({ id: 'bad', ram: 99 } as Job),
    ]);
    expect(good).toMatchObject({
      id: 'boot',
      ok: true,
      reason: 'text',
      roms: expect.stringMatching(/^Lab Monitor [0-9a-f]{40}$/),
    });
    expect(good.screen).toContain('SUPERBOARD LAB MONITOR');
    expect(bad).toMatchObject({
      id: 'bad',
      ok: false,
      reason: 'invalid',
      error: expect.stringMatching(/ram/),
    });
  });
});
