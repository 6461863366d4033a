import { parseJobLine, type Job, type JobResult } from '../../core/jobs/job.ts';
import type { FarmJob, JobsSnapshot, jobsRequests } from '../../ipc/contract.ts';
import type { SectionHandlers } from '../../ipc/dispatch.ts';
import type { EventHub } from '../../ipc/event-hub.ts';
import { embeddedEngine, type FarmEngine } from './farm-engine.ts';
import { readRomFolder } from './rom-folder.ts';
import { JobThreadPool } from './thread-pool.ts';

export interface JobsServiceOptions {
  readonly events: EventHub;
  /** farm-worker.js beside the built host, or the farm-thread.ts source. */
  readonly threadUrl: URL;
  readonly labMonitor: () => Promise<Uint8Array>;
  readonly romDir?: string | undefined;
  /** Threads for embedded jobs (default: the cores). */
  readonly threads?: number;
}

/** Finished jobs kept for the view; the oldest go first. */
const KEEP_FINISHED = 500;

/**
 * The app's Jobs: runs submitted JSON Lines jobs in the app's own threads, or on a queue named with them,
 * and keeps their state (queued, running, done, failed, progress) for the Jobs view, sending changes at most
 * five times a second.
 */
export class JobsService {
  readonly #options: JobsServiceOptions;
  readonly #jobs: FarmJob[] = [];
  #pool: JobThreadPool | null = null;
  #engine = 'not started';
  #nextKey = 1;
  #timer: NodeJS.Timeout | null = null;
  readonly #running = new Set<Promise<unknown>>();

  constructor(options: JobsServiceOptions) {
    this.#options = options;
  }

  snapshot(): JobsSnapshot {
    return { engine: this.#engine, jobs: this.#jobs.map((job) => ({ ...job })) };
  }

  async submit(text: string, queue?: string): Promise<{ accepted: number; rejected: number }> {
    const { engine, ownConnection } = await this.#pickEngine(queue);
    const accepted: { job: Job; entry: FarmJob }[] = [];
    let rejected = 0;
    text.split(/\r?\n/).forEach((line, i) => {
      const parsed = parseJobLine(line, i + 1);
      if (parsed === null) return;
      const entry = this.#add(parsed.ok ? parsed.job.id : parsed.result.id);
      if (parsed.ok) accepted.push({ job: parsed.job, entry });
      else {
        rejected++;
        this.#settle(entry, parsed.result);
      }
    });
    void this.#launch(accepted, engine, ownConnection);
    return { accepted: accepted.length, rejected };
  }

  /**
   * Runs checked jobs (the library batch's, the board gateway's) as a submission of their own, shown in
   * the Jobs view like any other; calls `onResult` as each finishes and resolves with every result in order.
   */
  async runJobs(
    jobs: readonly Job[],
    queue?: string,
    onResult?: (index: number, result: JobResult) => void | Promise<void>,
  ): Promise<JobResult[]> {
    const { engine, ownConnection } = await this.#pickEngine(queue);
    const accepted = jobs.map((job) => ({ job, entry: this.#add(job.id) }));
    return this.#launch(accepted, engine, ownConnection, onResult);
  }

  #launch(
    accepted: readonly { job: Job; entry: FarmJob }[],
    engine: FarmEngine,
    ownConnection: boolean,
    onResult?: (index: number, result: JobResult) => void | Promise<void>,
  ): Promise<JobResult[]> {
    const results: JobResult[] = [];
    const finish = async (index: number, result: JobResult): Promise<void> => {
      results[index] = result;
      const entry = accepted[index]?.entry;
      if (entry) this.#settle(entry, result);
      await onResult?.(index, result);
    };
    const run = engine
      .runAll(
        accepted.map((a) => a.job),
        {
          onActive: (index) => this.#update(accepted[index]?.entry, { state: 'running' }),
          onProgress: (index, progress) => this.#update(accepted[index]?.entry, { progress }),
          onResult: finish,
        },
      )
      .catch(async (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        for (const [index, { job }] of accepted.entries())
          if (results[index] === undefined)
            await finish(index, { id: job.id, ok: false, reason: 'crashed', error: message });
      })
      .finally(() => {
        this.#running.delete(run);
        // The app's threads stay for the next submission; a queue connection is per submission.
        if (ownConnection) void engine.close();
      });
    this.#running.add(run);
    this.#changed();
    return run.then(() => results);
  }

  clear(): JobsSnapshot {
    const keep = this.#jobs.filter((job) => job.state === 'queued' || job.state === 'running');
    this.#jobs.splice(0, this.#jobs.length, ...keep);
    this.#changed();
    return this.snapshot();
  }

  /** Waits for the submitted jobs (tests). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running);
  }

  async stop(): Promise<void> {
    if (this.#timer !== null) clearTimeout(this.#timer);
    await this.#pool?.close();
    this.#pool = null;
  }

  handlers(): SectionHandlers<typeof jobsRequests> {
    return {
      'jobs.submit': async ({ text, queue }) => this.submit(text, queue),
      'jobs.list': async () => this.snapshot(),
      'jobs.clear': async () => this.clear(),
    };
  }

  /** The engine for a new submission: the queue named, or this app's threads. */
  async #pickEngine(url: string | undefined): Promise<{ engine: FarmEngine; ownConnection: boolean }> {
    if (url !== undefined) {
      const { JobQueue, parseQueueUrl, queueEngine } = await import('./job-queue.ts');
      const engine = queueEngine(new JobQueue(parseQueueUrl(url)));
      this.#engine = engine.where;
      return { engine, ownConnection: true };
    }
    if (this.#pool === null) {
      const [labMonitor, roms] = await Promise.all([
        this.#options.labMonitor(),
        readRomFolder(this.#options.romDir),
      ]);
      this.#pool = new JobThreadPool({
        workerUrl: this.#options.threadUrl,
        setup: { labMonitor, roms },
        size: this.#options.threads,
      });
    }
    const engine = embeddedEngine(this.#pool);
    this.#engine = engine.where;
    return { engine, ownConnection: false };
  }

  #add(id: string | null): FarmJob {
    const entry: FarmJob = {
      key: this.#nextKey++,
      id,
      state: 'queued',
      progress: 0,
      reason: null,
      error: null,
      screen: null,
      cycles: null,
    };
    this.#jobs.push(entry);
    const finished = this.#jobs.filter((job) => job.state === 'done' || job.state === 'failed');
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      this.#jobs.splice(this.#jobs.indexOf(old), 1);
    return entry;
  }

  #update(entry: FarmJob | undefined, change: Partial<FarmJob>): void {
    if (entry === undefined || entry.state === 'done' || entry.state === 'failed') return;
    Object.assign(entry, change);
    this.#changed();
  }

  #settle(entry: FarmJob, result: JobResult): void {
    Object.assign(entry, {
      state: result.ok ? 'done' : 'failed',
      progress: 1,
      reason: result.reason,
      error: result.error ?? null,
      screen: result.screen ?? null,
      cycles: result.cycles ?? null,
    } satisfies Partial<FarmJob>);
    this.#changed();
  }

  #changed(): void {
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#options.events.emit('jobs.changed', this.snapshot());
    }, 200);
  }
}
