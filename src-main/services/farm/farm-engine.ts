import type { Job, JobResult } from '../../core/jobs/job.ts';
import type { JobThreadPool } from './thread-pool.ts';

export const DEFAULT_QUEUE_NAME = 'superboard-jobs';

export interface FarmHooks {
  readonly onResult: (index: number, result: JobResult) => void | Promise<void>;
  readonly onActive?: (index: number) => void;
  /** A fraction of the job's cycle limit run so far. */
  readonly onProgress?: (index: number, fraction: number) => void;
}

/** Runs a list of checked jobs somewhere (threads here, or a queue's workers) and reports as they go. */
export interface FarmEngine {
  readonly where: string;
  runAll(jobs: readonly Job[], hooks: FarmHooks): Promise<void>;
  close(): Promise<void>;
}

/** Jobs in this process's worker threads. */
export function embeddedEngine(pool: JobThreadPool): FarmEngine {
  return {
    where: `${pool.size} thread${pool.size === 1 ? '' : 's'} here`,
    async runAll(jobs, hooks) {
      await Promise.all(
        jobs.map(async (job, index) => {
          const result = await pool.run(
            job,
            (cycles, limit) => hooks.onProgress?.(index, cycles / limit),
            () => hooks.onActive?.(index),
          );
          await hooks.onResult(index, result);
        }),
      );
    },
    close: () => pool.close(),
  };
}
