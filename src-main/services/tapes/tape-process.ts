// Starts a tape's worker (tape-worker.ts) as a child process and talks to it; tape-parent.ts is its side.
//
// Why a process and not a thread: a closed tape must give its memory back. A worker thread's V8 heap pages
// go to a pool V8 keeps for the whole process, and glibc keeps what the thread's allocator freed; neither
// is returned to the system when the thread ends (on an hour-long tape the host stayed 60-80 MB above where
// it started, whatever was tuned). The system takes back all of a process's memory when it exits.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GrowingFile } from '../growing-file.ts';
import type { TapeProcessData, UploadProgress, TapeParentMessage } from './tape-parent.ts';
import type { TapeRequestMessage, TapeWorkerData, TapeWorkerMessage } from './tape-protocol.ts';

/** An upload's progress goes to the tape process at least every this many bytes (and when it ends). */
const RELAY_BYTES = 1 << 20;
/** A process that does not exit this long after it was asked to is killed. */
const EXIT_WAIT_MS = 2000;

export interface TapeProcessLaunch {
  execPath: string;
  execArgv: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * How a tape process is started from this host. Under Electron, `process.execPath` is the Electron binary:
 * ELECTRON_RUN_AS_NODE makes it run the script as plain Node (no window, no second app instance). Options
 * of the host's own command line (an inspector, Electron's switches) are not passed on, nor the host's glibc
 * thresholds (scripts/host-env.ts): all the process's memory goes back when it ends, and mapping each
 * mid-sized block on its own would only cost the decoding time.
 */
export function tapeProcessLaunch(
  host: { execPath: string; versions: NodeJS.ProcessVersions; env: NodeJS.ProcessEnv } = process,
): TapeProcessLaunch {
  const env = { ...host.env };
  const tunables = env.GLIBC_TUNABLES?.split(':').filter(
    (tunable) => !/^glibc\.malloc\.(mmap|trim)_threshold=/.test(tunable),
  );
  if (tunables && tunables.length > 0) env.GLIBC_TUNABLES = tunables.join(':');
  else delete env.GLIBC_TUNABLES;
  if (host.versions.electron !== undefined) env.ELECTRON_RUN_AS_NODE = '1';
  return { execPath: host.execPath, execArgv: [], env };
}

/** A running tape process, with the surface of a worker thread the TapeService uses. */
export class TapeProcess {
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #gone = false;

  /** `growing`: the file is an upload still arriving, whose progress the process is told. */
  constructor(
    script: URL,
    data: TapeWorkerData,
    growing?: GrowingFile,
    launch: TapeProcessLaunch = tapeProcessLaunch(),
  ) {
    const argument: TapeProcessData = { ...data, ...(growing ? { growingTotal: growing.total } : {}) };
    this.#child = fork(fileURLToPath(script), [JSON.stringify(argument)], {
      execPath: launch.execPath,
      execArgv: launch.execArgv,
      env: launch.env,
      // Typed arrays cross as typed arrays (peaks, bytes), not as JSON.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#exited = new Promise((resolve) => this.#child.once('exit', () => resolve()));
    void this.#exited.then(() => (this.#gone = true));
    // A send to a process that has just ended fails; its exit is reported instead.
    this.#child.on('error', () => {});
    if (growing) void this.#relay(growing);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  postMessage(message: TapeRequestMessage): void {
    this.#send(message);
  }

  on(event: 'message', listener: (message: TapeWorkerMessage) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(event: 'exit', listener: () => void): this;
  on(event: 'message' | 'error' | 'exit', listener: (value: never) => void): this {
    this.#child.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Ends the process (at once: the service has already asked the tape to release its files). */
  async terminate(): Promise<void> {
    if (!this.#gone) this.#child.kill('SIGKILL');
    await Promise.race([this.#exited, new Promise((resolve) => setTimeout(resolve, EXIT_WAIT_MS))]);
  }

  #send(message: TapeParentMessage): void {
    if (this.#gone || !this.#child.connected) return;
    this.#child.send(message);
  }

  /** Tells the tape process how far an upload has got, until it ends (or the process does). */
  async #relay(growing: GrowingFile): Promise<void> {
    let sent = 0;
    for (;;) {
      // The first bytes at once (the header opens the tape), then every megabyte, then the end.
      const { total } = growing;
      await growing.waitFor(sent === 0 ? 1 : sent >= total ? total + 1 : Math.min(total, sent + RELAY_BYTES));
      if (this.#gone) return;
      const progress: UploadProgress = { type: 'upload', written: growing.written, state: growing.state };
      this.#send(progress);
      sent = progress.written;
      if (progress.state !== 'growing') return;
    }
  }
}
