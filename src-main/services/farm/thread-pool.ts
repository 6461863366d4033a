import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULT_WALL_SECONDS, type Job, type JobResult } from '../../core/jobs/job.ts';
import type { RomCatalogData } from '../../core/jobs/job-roms.ts';

/** What each farm thread starts with: the Lab Monitor and the worker's ROM folder, as bytes. */
export interface ThreadSetup {
  readonly labMonitor: Uint8Array;
  readonly roms: RomCatalogData;
}

export interface ThreadRequest {
  readonly job: unknown;
}

export type ThreadReply =
  | { readonly type: 'progress'; readonly cycles: number; readonly limit: number }
  | { readonly type: 'result'; readonly result: JobResult };

export interface ThreadPoolOptions {
  /** farm-worker.js beside the built CLI, or the farm-thread.ts source. */
  readonly workerUrl: URL;
  readonly setup: ThreadSetup;
  /** Threads; the machine's cores by default. */
  readonly size?: number;
  /** How long past a job's own wall-clock limit a thread may take before it is stopped. */
  readonly graceMs?: number;
  /** Heap for each thread: a job that needs more crashes its thread alone. */
  readonly maxHeapMb?: number;
}

export type ProgressListener = (cycles: number, limit: number) => void;

interface Task {
  readonly job: Job;
  readonly onProgress: ProgressListener | undefined;
  readonly onStart: (() => void) | undefined;
  readonly resolve: (result: JobResult) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

export const defaultThreadCount = (): number => Math.max(1, os.availableParallelism());

/**
 * Runs jobs in worker threads, as many at once as there are threads, each job on a fresh machine. A job
 * whose thread dies (an exception, running out of heap) or overruns its wall-clock limit is reported with
 * that reason and its thread replaced; other jobs go on.
 */
export class JobThreadPool {
  readonly size: number;
  readonly #options: ThreadPoolOptions;
  readonly #slots: Slot[] = [];
  readonly #waiting: Task[] = [];
  #closed = false;

  constructor(options: ThreadPoolOptions) {
    this.#options = options;
    this.size = Math.max(1, Math.floor(options.size ?? defaultThreadCount()));
  }

  /** Runs a checked job; never rejects: failures come back as results. */
  run(job: Job, onProgress?: ProgressListener, onStart?: () => void): Promise<JobResult> {
    if (this.#closed)
      return Promise.resolve({ id: job.id, ok: false, reason: 'crashed', error: 'the farm was closed' });
    return new Promise((resolve) => {
      this.#waiting.push({ job, onProgress, onStart, resolve });
      this.#dispatch();
    });
  }

  get running(): number {
    return this.#slots.filter((slot) => slot.task !== null).length;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#waiting.splice(0))
      task.resolve({ id: task.job.id, ok: false, reason: 'crashed', error: 'the farm was closed' });
    await Promise.all(this.#slots.splice(0).map((slot) => this.#stop(slot)));
  }

  #dispatch(): void {
    while (this.#waiting.length > 0) {
      let slot = this.#slots.find((s) => s.task === null);
      if (slot === undefined) {
        if (this.#slots.length >= this.size) return;
        slot = this.#spawn();
      }
      this.#start(slot, this.#waiting.shift() as Task);
    }
  }

  #spawn(): Slot {
    const worker = new Worker(this.#options.workerUrl, {
      workerData: this.#options.setup,
      resourceLimits: { maxOldGenerationSizeMb: this.#options.maxHeapMb ?? 512 },
    });
    worker.unref();
    const slot: Slot = { worker, task: null, timer: null };
    worker.on('message', (reply: ThreadReply) => {
      const task = slot.task;
      if (task === null) return;
      if (reply.type === 'progress') task.onProgress?.(reply.cycles, reply.limit);
      else this.#finish(slot, reply.result);
    });
    worker.on('error', (error) => this.#lose(slot, `the thread running it crashed: ${error.message}`));
    worker.on('exit', (code) => this.#lose(slot, `the thread running it exited with code ${code}`));
    this.#slots.push(slot);
    return slot;
  }

  #start(slot: Slot, task: Task): void {
    slot.task = task;
    const wallSeconds = task.job.wallSeconds ?? DEFAULT_WALL_SECONDS;
    const job: Job = { ...task.job, wallSeconds };
    slot.timer = setTimeout(
      () => {
        // Out of the pool first, so the next job never lands on the thread being stopped.
        this.#slots.splice(this.#slots.indexOf(slot), 1);
        void this.#stop(slot);
        this.#finish(slot, {
          id: job.id,
          ok: false,
          reason: 'wall-time',
          error: `the job did not finish within its wall-clock limit of ${wallSeconds} s; its thread was stopped`,
        });
      },
      wallSeconds * 1000 + (this.#options.graceMs ?? 5000),
    );
    slot.worker.ref();
    task.onStart?.();
    slot.worker.postMessage({ job } satisfies ThreadRequest);
  }

  #finish(slot: Slot, result: JobResult): void {
    const task = slot.task;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    slot.worker.unref();
    task?.resolve(result);
    this.#dispatch();
  }

  /** The thread died: fail its job, drop the slot, and go on with fresh threads. */
  #lose(slot: Slot, error: string): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#slots.splice(index, 1);
    const task = slot.task;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.task = null;
    task?.resolve({ id: task.job.id, ok: false, reason: 'crashed', error });
    if (!this.#closed) this.#dispatch();
  }

  async #stop(slot: Slot): Promise<void> {
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    await slot.worker.terminate();
  }
}
