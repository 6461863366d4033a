/**
 * The scale-out farm on BullMQ over Redis: submitting jobs, the worker that pulls and runs them in its
 * threads, and collecting results. BullMQ does the queueing: retries with backoff when a worker's thread
 * crashes, stalled-job detection when a worker dies (its lock lapses and the job goes back to the queue),
 * rate limits, and the events that report progress. A batch is the jobs of one submission, with ids
 * `<batch>-<index>`; each job's data says how many the batch has, so results can be gathered from its id.
 */
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents, Worker, type ConnectionOptions, type Job as BullJob } from 'bullmq';
import type { Job, JobResult } from '../../core/jobs/job.ts';
import { validateJob } from '../../core/jobs/job.ts';
import { ServiceError } from '../../ipc/dispatch.ts';
import { DEFAULT_QUEUE_NAME, type FarmEngine } from './farm-engine.ts';
import type { JobThreadPool, ProgressListener } from './thread-pool.ts';

/** Attempts per job when its worker thread crashes (a dead worker process counts as a stall, not an attempt). */
export const JOB_ATTEMPTS = 3;

export interface QueueData {
  readonly batch: string;
  readonly index: number;
  readonly count: number;
  readonly job: Job;
}

export interface QueueTarget {
  readonly connection: ConnectionOptions;
  /** The URL without its password, to show. */
  readonly display: string;
  readonly name: string;
}

/** Reads redis://[user:password@]host:port[/db] (rediss:// for TLS). The password is never shown. */
export function parseQueueUrl(text: string, name = DEFAULT_QUEUE_NAME, forClient = true): QueueTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ServiceError('bad-request', 'the queue URL must look like redis://HOST:PORT');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:')
    throw new ServiceError(
      'bad-request',
      `the queue URL must start with redis:// or rediss://, not ${url.protocol}//`,
    );
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db))
    throw new ServiceError('bad-request', 'the queue URL path must be a database number, such as /0');
  const auth = url.username !== '' || url.password !== '' ? '***@' : '';
  const port = url.port === '' ? 6379 : Number(url.port);
  const connection: ConnectionOptions = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    username: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
    db: db === '' ? 0 : Number(db),
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    connectTimeout: 5000,
    // A client gives up after a few seconds; a worker keeps trying, as a long-running service should.
    retryStrategy: (times: number) => (forClient && times > 4 ? null : Math.min(times * 500, 5000)),
  };
  return { connection, display: `${url.protocol}//${auth}${url.host}${url.pathname}`, name };
}

/** Makes an error from Redis or BullMQ fit to show (no password can be in it: it never holds the URL). */
export function queueError(error: unknown, target: QueueTarget): ServiceError {
  const message = error instanceof Error ? error.message : String(error);
  return new ServiceError('failed', `queue ${target.display}: ${message}`);
}

export const newBatchId = (): string => `b${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

export class JobQueue {
  readonly queue: Queue<QueueData, JobResult>;
  readonly target: QueueTarget;

  constructor(target: QueueTarget) {
    this.target = target;
    this.queue = new Queue(target.name, { connection: target.connection });
    // Connection trouble surfaces through the calls that fail; keep the emitter from throwing.
    this.queue.on('error', () => {});
  }

  async ready(): Promise<void> {
    try {
      await this.queue.waitUntilReady();
      await this.queue.getJobCounts('wait');
    } catch (error) {
      throw queueError(error, this.target);
    }
  }

  /** Enqueues a batch; returns the BullMQ job ids in order. */
  async submit(jobs: readonly Job[], batch = newBatchId()): Promise<{ batch: string; ids: string[] }> {
    const ids = jobs.map((_, index) => `${batch}-${index}`);
    await this.queue.addBulk(
      jobs.map((job, index) => ({
        name: 'run',
        data: { batch, index, count: jobs.length, job },
        opts: {
          jobId: ids[index],
          attempts: JOB_ATTEMPTS,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 7 * 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
    return { batch, ids };
  }

  /** The result of one queued job now, or null while it is waiting, running or being retried. */
  async resultOf(id: string): Promise<JobResult | null> {
    const job = await this.queue.getJob(id);
    if (job === undefined)
      return { id: null, ok: false, reason: 'crashed', error: `job ${id} is not in the queue` };
    const state = await job.getState();
    if (state === 'completed') return job.returnvalue;
    if (state === 'failed') return failedResult(job);
    return null;
  }

  /** How many jobs a batch has (from its first job), or null when the queue does not know it. */
  async batchSize(batch: string): Promise<number | null> {
    const first = await this.queue.getJob(`${batch}-0`);
    return first === undefined ? null : first.data.count;
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

function failedResult(job: BullJob<QueueData, JobResult>): JobResult {
  return {
    id: job.data.job.id,
    ok: false,
    reason: 'crashed',
    error: `failed after ${job.attemptsMade} attempts: ${job.failedReason}`,
  };
}

export interface WaitOptions {
  readonly onResult: (index: number, result: JobResult) => void | Promise<void>;
  readonly onActive?: (index: number) => void;
  readonly onProgress?: (index: number, fraction: number) => void;
  /** How often unfinished jobs are looked up, besides the events. */
  readonly pollMs?: number;
}

/**
 * Waits for every job of `ids` to finish, from BullMQ's events (completed, failed after its last attempt,
 * active, progress), looking unfinished jobs up now and then in case an event was missed.
 */
export async function waitForJobs(
  jobs: JobQueue,
  ids: readonly string[],
  options: WaitOptions,
): Promise<void> {
  const events = new QueueEvents(jobs.target.name, { connection: jobs.target.connection });
  events.on('error', () => {});
  const index = new Map(ids.map((id, i) => [id, i]));
  const pending = new Set(ids);
  let wake: (() => void) | null = null;
  const settle = async (id: string, result: JobResult | null): Promise<void> => {
    if (result === null || !pending.delete(id)) return;
    await options.onResult(index.get(id) as number, result);
    wake?.();
  };
  events.on('completed', ({ jobId }) => {
    if (pending.has(jobId)) void jobs.resultOf(jobId).then((result) => settle(jobId, result));
  });
  events.on('failed', ({ jobId }) => {
    if (pending.has(jobId)) void jobs.resultOf(jobId).then((result) => settle(jobId, result));
  });
  events.on('active', ({ jobId }) => {
    const at = index.get(jobId);
    if (at !== undefined && pending.has(jobId)) options.onActive?.(at);
  });
  events.on('progress', ({ jobId, data }) => {
    const at = index.get(jobId);
    if (at !== undefined && typeof data === 'number') options.onProgress?.(at, data);
  });
  try {
    await events.waitUntilReady();
    while (pending.size > 0) {
      for (const id of [...pending]) await settle(id, await jobs.resultOf(id));
      if (pending.size === 0) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, options.pollMs ?? 2000);
      });
      wake = null;
    }
  } catch (error) {
    throw queueError(error, jobs.target);
  } finally {
    await events.close();
  }
}

export interface QueueWorkerOptions {
  readonly target: QueueTarget;
  readonly pool: JobThreadPool;
  /** Jobs at once (the pool's threads by default). */
  readonly concurrency?: number;
  /** At most `max` jobs started per `duration` ms across all workers of the queue. */
  readonly limiter?: { max: number; duration: number } | undefined;
  /** How long a job's lock lasts without renewal; a dead worker's job is retried after about this. */
  readonly lockDuration?: number;
  /** How often this worker looks for stalled jobs. */
  readonly stalledInterval?: number;
  readonly log?: (line: string) => void;
}

/** A BullMQ worker that runs each job in the pool's threads (so the event loop stays free to renew locks). */
export function startQueueWorker(options: QueueWorkerOptions): Worker<QueueData, JobResult> {
  const log = options.log ?? (() => {});
  const worker = new Worker<QueueData, JobResult>(
    options.target.name,
    async (bullJob) => {
      const parsed = validateJob(bullJob.data?.job);
      if (!parsed.ok) return parsed.result;
      const job = parsed.job;
      log(`started ${bullJob.id} (${job.id}), attempt ${bullJob.attemptsMade + 1}`);
      let lastReport = 0;
      const onProgress: ProgressListener = (cycles, limit) => {
        const now = Date.now();
        if (now - lastReport < 500) return;
        lastReport = now;
        void bullJob.updateProgress(Math.min(1, cycles / limit)).catch(() => {});
      };
      const started = Date.now();
      const result = await options.pool.run(job, onProgress);
      log(
        `${result.ok ? 'done' : 'failed'} ${bullJob.id} (${job.id}): ${result.reason}, ${Date.now() - started} ms`,
      );
      // A crashed thread may be this machine's trouble (memory): let BullMQ retry it, elsewhere if need be.
      if (result.reason === 'crashed') throw new Error(result.error);
      return result;
    },
    {
      connection: options.target.connection,
      concurrency: options.concurrency ?? options.pool.size,
      limiter: options.limiter,
      lockDuration: options.lockDuration ?? 30_000,
      stalledInterval: options.stalledInterval ?? 30_000,
      maxStalledCount: 3,
    },
  );
  worker.on('error', (error) => log(`queue error: ${error.message}`));
  return worker;
}

/** Jobs on a BullMQ queue, run by whatever workers serve it. */
export function queueEngine(queue: JobQueue): FarmEngine {
  return {
    where: `queue ${queue.target.name} at ${queue.target.display}`,
    async runAll(jobs, hooks) {
      if (jobs.length === 0) return;
      await queue.ready();
      const { ids } = await queue.submit(jobs);
      await waitForJobs(queue, ids, hooks);
    },
    close: () => queue.close(),
  };
}
