import { open, readFile, writeFile, type FileHandle } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseJobLine, type Job, type JobResult } from '../core/jobs/job.ts';
import { ServiceError } from '../ipc/dispatch.ts';
import { DEFAULT_QUEUE_NAME, embeddedEngine, type FarmEngine } from '../services/farm/farm-engine.ts';
import { readRomFolder } from '../services/farm/rom-folder.ts';
import { defaultThreadCount, JobThreadPool } from '../services/farm/thread-pool.ts';
import { labMonitorLoader } from '../services/lab-monitor-rom.ts';

const USAGE = `usage: superboard-lab farm <run|worker|submit|results|gateway|driver> [options]
  Runs farm jobs (JSON Lines, one job per line; see docs/cloud.md) on emulated Superboards.
superboard-lab farm run JOBS.jsonl [--out RESULTS.jsonl] [--threads N] [--rom-dir DIR] [--queue URL]
  Runs every job and writes one result per line, in the order they finish, with a progress bar on
  standard error: here in threads without --queue, by the queue's workers with it.
superboard-lab farm worker --queue URL [--concurrency N] [--rom-dir DIR] [--rate N/SECONDS]
  Pulls jobs from the queue and runs them until stopped (Ctrl+C or SIGTERM finish the jobs in hand).
superboard-lab farm submit JOBS.jsonl --queue URL
  Puts the jobs on the queue as one batch and prints its id; bad lines are reported and not queued.
superboard-lab farm results --queue URL --batch ID [--wait] [--out RESULTS.jsonl]
  Writes the results of a batch's finished jobs.
superboard-lab farm gateway --device-in NAME --device-out NAME [--threads N] [--rom-dir DIR] [--queue URL]
  Serves the real board's cloud driver through the soft-modem: each request it hears runs as farm jobs
  (here, or on the queue) and the answer is played back to the board. Runs until Ctrl+C.
superboard-lab farm driver [--out FILE]
  Writes the cloud driver as a 65V tape (text) for the board to LOAD (play it with superboard-lab play).

  --out FILE           write the results to FILE instead of standard output
  --threads N          threads for farm run without a queue (default: the machine's cores)
  --concurrency N      jobs a worker runs at once, each in a thread (default: the cores)
  --rom-dir DIR        this machine's ROM folder: jobs pick ROMs from it by SHA-1 (default: Lab Monitor only)
  --queue URL          redis://[user:password@]HOST:PORT[/DB] (rediss:// for TLS); the password is never shown
  --queue-name NAME    the BullMQ queue to use (default ${DEFAULT_QUEUE_NAME})
  --rate N/SECONDS     start at most N jobs per SECONDS across all workers of the queue
  --lock-duration MS   a job whose worker stops answering goes back to the queue after about MS (30000)
  --stalled-interval MS how often a worker looks for such jobs (30000)
  --device-in NAME     the input the board's cassette output is wired to (see superboard-lab devices)
  --device-out NAME    the output wired to the board's cassette input
  --batch ID           the batch that farm submit printed
  --wait               wait until every job of the batch has finished
  --quiet              draw no progress bar
  -h, --help           show this help
Exit status: 0 when every job succeeded, 1 when any failed (or could not be run), 2 for a usage error.`;

class UsageError extends Error {}

/** Where the Lab Monitor and the farm thread script are, as the CLI's entry module finds them. */
interface Folders {
  readonly romFolder: URL;
  readonly threadUrl: URL;
  readonly audioWorker: URL;
}

const OPTIONS = {
  out: { type: 'string' },
  threads: { type: 'string' },
  concurrency: { type: 'string' },
  'rom-dir': { type: 'string' },
  queue: { type: 'string' },
  'queue-name': { type: 'string' },
  batch: { type: 'string' },
  wait: { type: 'boolean', default: false },
  rate: { type: 'string' },
  'lock-duration': { type: 'string' },
  'stalled-interval': { type: 'string' },
  quiet: { type: 'boolean', default: false },
  'device-in': { type: 'string' },
  'device-out': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function count(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new UsageError(`${what} must be a positive whole number`);
  return value;
}

async function makePool(values: Values, size: number | undefined, where: Folders): Promise<JobThreadPool> {
  const [labMonitor, roms] = await Promise.all([
    labMonitorLoader(new URL('lab-monitor.bin', where.romFolder), where.romFolder)(),
    readRomFolder(values['rom-dir']),
  ]);
  return new JobThreadPool({ workerUrl: where.threadUrl, setup: { labMonitor, roms }, size });
}

/** The queue side, loaded only when a command uses a queue (BullMQ is big). */
const queueModule = () => import('../services/farm/job-queue.ts');

async function target(values: Values, forClient = true) {
  if (values.queue === undefined) throw new UsageError('this command needs --queue redis://HOST:PORT');
  const { parseQueueUrl } = await queueModule();
  return parseQueueUrl(values.queue, values['queue-name'] ?? DEFAULT_QUEUE_NAME, forClient);
}

/** Reads a JSON Lines file of jobs: the good ones to run, the bad ones already as failed results. */
async function readJobs(file: string | undefined): Promise<{ jobs: Job[]; bad: JobResult[] }> {
  if (file === undefined) throw new UsageError('name the JSON Lines file of jobs');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ServiceError('not-found', `cannot read ${file}: ${(error as Error).message}`);
  }
  const jobs: Job[] = [];
  const bad: JobResult[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const parsed = parseJobLine(line, i + 1);
    if (parsed === null) return;
    if (parsed.ok) jobs.push(parsed.job);
    else bad.push(parsed.result);
  });
  return { jobs, bad };
}

/** Results as JSON Lines, to a file or standard output, each written as soon as it is known. */
class ResultWriter {
  ok = 0;
  failed = 0;
  #file: FileHandle | null = null;

  static async open(out: string | undefined): Promise<ResultWriter> {
    const writer = new ResultWriter();
    if (out !== undefined) {
      try {
        writer.#file = await open(out, 'w');
      } catch (error) {
        throw new ServiceError('failed', `cannot write ${out}: ${(error as Error).message}`);
      }
    }
    return writer;
  }

  async write(result: JobResult): Promise<void> {
    if (result.ok) this.ok++;
    else this.failed++;
    const line = `${JSON.stringify(result)}\n`;
    if (this.#file) await this.#file.write(line);
    else process.stdout.write(line);
  }

  async close(): Promise<void> {
    await this.#file?.close();
  }
}

/** A one-line progress bar on standard error: redrawn in place on a terminal, every 10% otherwise. */
class ProgressBar {
  readonly #total: number;
  readonly #started = Date.now();
  readonly #quiet: boolean;
  readonly #tty = process.stderr.isTTY === true;
  readonly #fraction = new Map<number, number>();
  #drawn = 0;
  #lastTenth = -1;
  done = 0;
  failed = 0;

  constructor(total: number, quiet: boolean) {
    this.#total = total;
    this.#quiet = quiet;
  }

  active(index: number): void {
    this.#fraction.set(index, 0);
    this.draw();
  }

  progress(index: number, fraction: number): void {
    this.#fraction.set(index, fraction);
    this.draw();
  }

  finished(index: number, ok: boolean): void {
    this.#fraction.delete(index);
    this.done++;
    if (!ok) this.failed++;
    this.draw(this.done === this.#total);
  }

  draw(force = false): void {
    if (this.#quiet || this.#total === 0) return;
    const now = Date.now();
    let partial = this.done;
    for (const f of this.#fraction.values()) partial += f;
    const width = 30;
    const filled = Math.round((partial / this.#total) * width);
    const line =
      `farm: [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.done}/${this.#total} done` +
      `, ${this.#fraction.size} running, ${this.failed} failed, ${((now - this.#started) / 1000).toFixed(1)} s`;
    if (this.#tty) {
      if (!force && now - this.#drawn < 100) return;
      this.#drawn = now;
      process.stderr.write(`\r${line}${force ? '\n' : ''}`);
    } else {
      const tenth = Math.floor((this.done / this.#total) * 10);
      if (tenth === this.#lastTenth && !force) return;
      this.#lastTenth = tenth;
      process.stderr.write(`${line}\n`);
    }
  }

  summary(): string {
    const seconds = (Date.now() - this.#started) / 1000;
    return `${this.done} jobs in ${seconds.toFixed(1)} s (${(this.done / Math.max(seconds, 0.001)).toFixed(2)} jobs/s): ${this.done - this.failed} ok, ${this.failed} failed`;
  }
}

async function farmRun(file: string | undefined, values: Values, where: Folders): Promise<number> {
  const { jobs, bad } = await readJobs(file);
  const { JobQueue, queueEngine } = await queueModule();
  const engine: FarmEngine = values.queue
    ? queueEngine(new JobQueue(await target(values)))
    : embeddedEngine(
        await makePool(values, count(values.threads, '--threads') ?? defaultThreadCount(), where),
      );
  const writer = await ResultWriter.open(values.out);
  const bar = new ProgressBar(jobs.length + bad.length, values.quiet);
  try {
    if (!values.quiet) process.stderr.write(`farm: ${jobs.length + bad.length} jobs on ${engine.where}\n`);
    for (const result of bad) {
      await writer.write(result);
      bar.finished(-1, false);
    }
    await engine.runAll(jobs, {
      onActive: (index) => bar.active(index),
      onProgress: (index, fraction) => bar.progress(index, fraction),
      onResult: async (index, result) => {
        await writer.write(result);
        bar.finished(index, result.ok);
      },
    });
  } finally {
    await writer.close();
    await engine.close();
  }
  if (!values.quiet) process.stderr.write(`farm: ${bar.summary()}\n`);
  return writer.failed > 0 ? 1 : 0;
}

function parseRate(text: string | undefined): { max: number; duration: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
  const max = Number(match?.[1]);
  const seconds = Number(match?.[2]);
  if (!match || max <= 0 || seconds <= 0) throw new UsageError('--rate takes N/SECONDS, such as 10/1');
  return { max, duration: Math.round(seconds * 1000) };
}

async function farmWorker(values: Values, folders: Folders): Promise<number> {
  const where = await target(values, false);
  const { startQueueWorker } = await queueModule();
  const concurrency = count(values.concurrency, '--concurrency') ?? defaultThreadCount();
  const pool = await makePool(values, concurrency, folders);
  const log = (line: string): void => {
    process.stdout.write(`farm worker ${process.pid}: ${line}\n`);
  };
  const worker = startQueueWorker({
    target: where,
    pool,
    concurrency,
    limiter: parseRate(values.rate),
    lockDuration: count(values['lock-duration'], '--lock-duration'),
    stalledInterval: count(values['stalled-interval'], '--stalled-interval'),
    log,
  });
  await worker.waitUntilReady();
  log(`serving ${where.name} at ${where.display}, ${concurrency} at once`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      log('stopping: finishing the jobs in hand');
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await worker.close();
  await pool.close();
  return 0;
}

async function farmSubmit(file: string | undefined, values: Values): Promise<number> {
  const { jobs, bad } = await readJobs(file);
  for (const result of bad) process.stderr.write(`farm: not queued: ${JSON.stringify(result)}\n`);
  const { JobQueue } = await queueModule();
  const queue = new JobQueue(await target(values));
  try {
    await queue.ready();
    const { batch } = await queue.submit(jobs);
    process.stdout.write(`${batch}\n`);
    process.stderr.write(`farm: ${jobs.length} jobs queued on ${queue.target.display} as batch ${batch}\n`);
  } finally {
    await queue.close();
  }
  return bad.length > 0 ? 1 : 0;
}

async function farmResults(values: Values): Promise<number> {
  const batch = values.batch;
  if (batch === undefined || !/^[\w-]{1,100}$/.test(batch)) throw new UsageError('--batch ID is needed');
  const { JobQueue, waitForJobs } = await queueModule();
  const queue = new JobQueue(await target(values));
  const writer = await ResultWriter.open(values.out);
  let missing = 0;
  try {
    await queue.ready();
    const size = await queue.batchSize(batch);
    if (size === null) throw new ServiceError('not-found', `the queue has no batch ${batch}`);
    const ids = Array.from({ length: size }, (_, i) => `${batch}-${i}`);
    if (values.wait) {
      const bar = new ProgressBar(size, values.quiet);
      await waitForJobs(queue, ids, {
        onResult: async (index, result) => {
          await writer.write(result);
          bar.finished(index, result.ok);
        },
        onActive: (index) => bar.active(index),
        onProgress: (index, fraction) => bar.progress(index, fraction),
      });
    } else {
      for (const id of ids) {
        const result = await queue.resultOf(id);
        if (result === null) missing++;
        else await writer.write(result);
      }
    }
  } finally {
    await writer.close();
    await queue.close();
  }
  process.stderr.write(
    `farm: ${writer.ok} ok, ${writer.failed} failed${missing > 0 ? `, ${missing} not finished yet` : ''}\n`,
  );
  return writer.failed > 0 || missing > 0 ? 1 : 0;
}

async function farmGateway(values: Values, where: Folders): Promise<number> {
  const deviceIn = values['device-in'];
  const deviceOut = values['device-out'];
  if (deviceIn === undefined || deviceOut === undefined)
    throw new UsageError('--device-in NAME and --device-out NAME are needed (see superboard-lab devices)');
  const { JobQueue, queueEngine } = await queueModule();
  const engine: FarmEngine = values.queue
    ? queueEngine(new JobQueue(await target(values)))
    : embeddedEngine(
        await makePool(values, count(values.threads, '--threads') ?? defaultThreadCount(), where),
      );
  const { audioService } = await import('./audio-support.ts');
  const { BoardGateway } = await import('../services/farm/board-gateway.ts');
  const audio = audioService(where.audioWorker, undefined);
  const log = (line: string): void => {
    process.stderr.write(`farm gateway: ${line}\n`);
  };
  const gateway = new BoardGateway({
    audio,
    deviceIn,
    deviceOut,
    log,
    run: async (jobs) => {
      const results: JobResult[] = [];
      await engine.runAll(jobs, { onResult: (index, result) => void (results[index] = result) });
      return results;
    },
  });
  try {
    const { sampleRate } = await gateway.start();
    log(`listening on ${deviceIn}, answering on ${deviceOut} (${sampleRate} Hz); jobs on ${engine.where}`);
    const ended = audio.captureEnded();
    const summary = await new Promise<Awaited<typeof ended> | null>((resolve) => {
      const stop = (): void => resolve(null);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      void ended.then(resolve);
    });
    if (summary?.error !== undefined) {
      log(summary.error);
      return 1;
    }
    return 0;
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    return 1;
  } finally {
    await gateway.stop().catch(() => {});
    await audio.close();
    await engine.close();
  }
}

async function farmDriver(values: Values, romFolder: URL): Promise<number> {
  const { loadCloudDriver } = await import('../services/farm/cloud-driver-tape.ts');
  const driver = await loadCloudDriver(romFolder);
  if (values.out === undefined) process.stdout.write(driver.tape);
  else {
    try {
      await writeFile(values.out, driver.tape, { flag: 'wx' });
    } catch (error) {
      throw new ServiceError('failed', `cannot write ${values.out}: ${(error as Error).message}`);
    }
  }
  process.stderr.write(
    `farm: the cloud driver, ${driver.bytes.length} bytes at $${driver.address.toString(16).toUpperCase()}` +
      ` (USR at $${driver.usr.toString(16).toUpperCase()}), as ${driver.tape.length} characters of 65V text\n`,
  );
  return 0;
}

/**
 * `superboard-lab farm`: returns the exit code. `romFolder` holds the Lab Monitor (built, else its sources);
 * `threadUrl` is the farm thread script and `audioWorker` the sound cards' worker (for `farm gateway`).
 */
export async function farmCommand(
  argv: string[],
  romFolder: URL,
  threadUrl: URL,
  audioWorker: URL,
): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
    const [sub, file, ...extra] = positionals;
    if (values.help || sub === undefined) {
      process.stdout.write(`${USAGE}\n`);
      return values.help ? 0 : 2;
    }
    if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
    switch (sub) {
      case 'run':
        return await farmRun(file, values, { romFolder, threadUrl, audioWorker });
      case 'worker':
        return await farmWorker(values, { romFolder, threadUrl, audioWorker });
      case 'submit':
        return await farmSubmit(file, values);
      case 'results':
        return await farmResults(values);
      case 'gateway':
        return await farmGateway(values, { romFolder, threadUrl, audioWorker });
      case 'driver':
        return await farmDriver(values, romFolder);
      default:
        throw new UsageError(`unknown farm command '${sub}'`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`farm: ${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ServiceError) {
      process.stderr.write(`farm: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
