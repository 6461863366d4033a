/**
 * The library batch: every tape in the library run as one batch of farm jobs, each to its first settled
 * screen, the result kept beside the tape in the library's catalogue (batch_results) so it survives a
 * restart. Jobs run where the Jobs view runs them (this app's threads, or the queue given) and show there.
 */
import type { Job, JobResult } from '../../core/jobs/job.ts';
import type { LibraryBatchResult, LibraryBatchState, libraryBatchRequests } from '../../ipc/contract.ts';
import { ServiceError, type SectionHandlers } from '../../ipc/dispatch.ts';
import type { EventHub } from '../../ipc/event-hub.ts';
import type { Library } from '../library/library.ts';
import type { LibraryService } from '../library/library-service.ts';
import type { JobsService } from './jobs-service.ts';

/** Machine time and wall time for one tape: loading at fast speed, then up to this long to settle. */
const TAPE_SECONDS = 60;
const TAPE_WALL_SECONDS = 120;
/** Progress events at most this often. */
const EVENT_MS = 250;

type Row = Record<string, unknown>;

/** What runs for a tape: a job, or why there is none. */
type Plan = { tapeId: number; takeId: number | null } & ({ job: Job } | { error: string });

function resultOf(row: Row): LibraryBatchResult {
  return {
    tapeId: Number(row.tape_id),
    takeId: row.take_id === null ? null : Number(row.take_id),
    ok: row.ok === 1,
    reason: String(row.reason),
    error: row.error === null ? null : String(row.error),
    screen: row.screen === null ? null : String(row.screen),
    ranAt: Number(row.ran_at),
  };
}

/** The program on a tape's best take (or its first, when none is chosen) as a job. */
function planFor(library: Library, tapeId: number): Plan {
  const tape = library.tape(tapeId);
  const take = tape.takes.find((t) => t.id === tape.bestTakeId) ?? tape.takes[0];
  if (take === undefined) return { tapeId, takeId: null, error: 'the tape has no take' };
  const kinds = new Set(take.blocks.map((b) => b.kind));
  const kind = kinds.has('basic') ? 'basic' : kinds.has('65v') ? '65v' : null;
  if (kind === null)
    return { tapeId, takeId: take.id, error: 'no BASIC listing or 65V program on its best take' };
  let text = '';
  for (const byte of library.content(take.id).bytes) text += String.fromCharCode(byte);
  const common = {
    id: `tape-${tapeId}`,
    settled: true,
    seconds: TAPE_SECONDS,
    wallSeconds: TAPE_WALL_SECONDS,
  };
  const job: Job =
    kind === 'basic'
      ? { ...common, basic: text, type: 'RUN\r' }
      : { ...common, '65v': text.replace(/\0/g, '') };
  return { tapeId, takeId: take.id, job };
}

export class LibraryBatch {
  readonly #library: LibraryService;
  readonly #jobs: JobsService;
  readonly #events: EventHub;
  #running: Promise<void> | null = null;
  #done = 0;
  #total = 0;
  #failed = 0;
  #fresh: LibraryBatchResult[] = [];
  #timer: NodeJS.Timeout | null = null;

  constructor(options: { library: LibraryService; jobs: JobsService; events: EventHub }) {
    this.#library = options.library;
    this.#jobs = options.jobs;
    this.#events = options.events;
  }

  #open(): Library {
    const library = this.#library.library;
    if (library === null) throw new ServiceError('failed', 'The library is not open.');
    return library;
  }

  /** Progress and every tape's stored result (without screens: see result()). */
  state(): LibraryBatchState {
    const rows = this.#open()
      .db.prepare('SELECT tape_id, take_id, ok, reason, error, NULL AS screen, ran_at FROM batch_results')
      .all() as Row[];
    return { ...this.#progress(), results: rows.map(resultOf) };
  }

  /** One tape's stored result with its screen, or null when it has not run. */
  result(tapeId: number): LibraryBatchResult | null {
    const row = this.#open().db.prepare('SELECT * FROM batch_results WHERE tape_id = ?').get(tapeId) as
      Row | undefined;
    return row === undefined ? null : resultOf(row);
  }

  /** Starts the batch over every tape (not trashed); its progress comes as libraryBatch.changed events. */
  async start(queue?: string): Promise<LibraryBatchState> {
    if (this.#running !== null) throw new ServiceError('failed', 'The library batch is already running.');
    const library = this.#open();
    const ids: number[] = [];
    for (let offset = 0; ; offset += 1000) {
      const page = library.list({ sort: 'created', offset, limit: 1000 });
      ids.push(...page.items.map((item) => item.id));
      if (page.items.length < 1000) break;
    }
    const plans = ids.map((id) => planFor(library, id));
    const runnable = plans.filter((plan): plan is Plan & { job: Job } => 'job' in plan);
    this.#done = 0;
    this.#failed = 0;
    this.#total = plans.length;
    this.#fresh = [];
    for (const plan of plans)
      if ('error' in plan)
        this.#save(library, plan, { id: null, ok: false, reason: 'invalid', error: plan.error });
    const run = this.#jobs
      .runJobs(
        runnable.map((plan) => plan.job),
        queue,
        (index, result) => {
          const plan = runnable[index];
          if (plan) this.#save(library, plan, result);
        },
      )
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.#running = null;
        this.#emit(true);
      });
    this.#running = run;
    this.#emit(true);
    return this.state();
  }

  /** Waits for the running batch (tests). */
  async idle(): Promise<void> {
    await this.#running;
  }

  handlers(): SectionHandlers<typeof libraryBatchRequests> {
    return {
      'libraryBatch.start': async ({ queue }) => this.start(queue),
      'libraryBatch.state': async () => this.state(),
      'libraryBatch.result': async ({ tapeId }) => ({ result: this.result(tapeId) }),
    };
  }

  #save(library: Library, plan: Plan, result: JobResult): void {
    const row: LibraryBatchResult = {
      tapeId: plan.tapeId,
      takeId: plan.takeId,
      ok: result.ok,
      reason: result.reason,
      error: result.error ?? null,
      screen: result.screen ?? null,
      ranAt: Date.now(),
    };
    try {
      // The tape may have been trashed for good while its job ran: then there is nothing to keep.
      library.db
        .prepare(
          `INSERT OR REPLACE INTO batch_results (tape_id, take_id, ok, reason, error, screen, ran_at)
           SELECT ?, (SELECT id FROM takes WHERE id = ?), ?, ?, ?, ?, ?
           WHERE EXISTS (SELECT 1 FROM tapes WHERE id = ?)`,
        )
        .run(
          row.tapeId,
          row.takeId,
          row.ok ? 1 : 0,
          row.reason,
          row.error,
          row.screen,
          row.ranAt,
          row.tapeId,
        );
    } catch {
      // The library was closed (another folder opened, the app stopping): that library keeps nothing.
    }
    this.#done++;
    if (!row.ok) this.#failed++;
    this.#fresh.push({ ...row, screen: null });
    this.#emit(false);
  }

  #progress(): Omit<LibraryBatchState, 'results'> {
    return { running: this.#running !== null, done: this.#done, total: this.#total, failed: this.#failed };
  }

  #emit(now: boolean): void {
    const send = (): void => {
      this.#timer = null;
      const fresh = this.#fresh;
      this.#fresh = [];
      this.#events.emit('libraryBatch.changed', { ...this.#progress(), results: fresh });
    };
    if (now) {
      if (this.#timer !== null) clearTimeout(this.#timer);
      send();
    } else if (this.#timer === null) this.#timer = setTimeout(send, EVENT_MS);
  }
}
