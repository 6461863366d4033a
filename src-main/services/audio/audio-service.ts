// The main-thread side of the sound card: it starts the audio worker, turns requests into promises and hands
// the worker's live reports (capture updates, playback progress, modem traffic) to listeners. The CLI and the
// app use it alike.
import { Worker } from 'node:worker_threads';
import type { AudioDevice } from '../../core/audio/devices.ts';
import type {
  AudioMessage,
  AudioRequest,
  CaptureOptions,
  CaptureSummary,
  ModemOptions,
  PlayOptions,
} from './audio-protocol.ts';
import { recoverRecordings, type RecoveredRecording } from './wav-recording.ts';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type AudioEvent = Exclude<AudioMessage, { kind: 'reply' }>;

/** How long close() waits for the worker to close its streams. */
const SHUTDOWN_MS = 3000;

export class AudioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudioError';
  }
}

export interface AudioServiceOptions {
  /** audio-worker.js next to the built host, or the .ts source in tests and from source. */
  workerUrl: URL;
  /** The journal of recordings in progress (in the app's user data folder). */
  journalDir: string;
}

export class AudioService {
  readonly #options: AudioServiceOptions;
  #worker: Worker | null = null;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Set<(event: AudioEvent) => void>();
  #nextId = 1;

  constructor(options: AudioServiceOptions) {
    this.#options = options;
  }

  /** Repairs recordings a crash or kill left unfinished; call once at start. */
  recover(): Promise<RecoveredRecording[]> {
    return recoverRecordings(this.#options.journalDir);
  }

  on(listener: (event: AudioEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async devices(): Promise<AudioDevice[]> {
    return (await this.#call({ kind: 'devices' })) as AudioDevice[];
  }

  /** Starts a capture (a recording with `file`); resolves once the device is open. */
  async capture(options: Omit<CaptureOptions, 'journalDir'>): Promise<{ sampleRate: number }> {
    return (await this.#call({
      kind: 'capture',
      options: { ...options, journalDir: this.#options.journalDir },
    })) as { sampleRate: number };
  }

  async captureStop(): Promise<void> {
    await this.#call({ kind: 'captureStop' });
  }

  /** Resolves with the summary when the running capture ends. */
  captureEnded(): Promise<CaptureSummary> {
    return new Promise((resolve) => {
      const off = this.on((event) => {
        if (event.kind === 'captureEnded') {
          off();
          resolve(event.summary);
        }
      });
    });
  }

  async play(options: PlayOptions): Promise<{ sampleRate: number; total: number | null }> {
    return (await this.#call({ kind: 'play', options })) as { sampleRate: number; total: number | null };
  }

  async playControl(action: 'pause' | 'resume' | 'stop'): Promise<void> {
    await this.#call({ kind: 'playControl', action });
  }

  /** Resolves when the playing tape ends (position in seconds; error when the device failed). */
  playEnded(): Promise<{ position: number; error?: string }> {
    return new Promise((resolve) => {
      const off = this.on((event) => {
        if (event.kind === 'playEnded') {
          off();
          resolve({ position: event.position, ...(event.error === undefined ? {} : { error: event.error }) });
        }
      });
    });
  }

  async modem(options: ModemOptions): Promise<{ sampleRate: number }> {
    return (await this.#call({ kind: 'modem', options })) as { sampleRate: number };
  }

  async modemSend(bytes: Uint8Array): Promise<{ queued: number }> {
    return (await this.#call({ kind: 'modemSend', bytes })) as { queued: number };
  }

  async modemStop(): Promise<void> {
    await this.#call({ kind: 'modemStop' });
  }

  /** Stops whatever runs (a recording is finished and kept) and ends the worker. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    // Streams are closed in the worker first: ending it under a running stream aborts the process. The
    // wait's timer is cleared once the worker answers, or it alone would keep a command running for seconds.
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      this.#call({ kind: 'shutdown' }).catch(() => {}),
      new Promise((resolve) => (timer = setTimeout(resolve, SHUTDOWN_MS))),
    ]);
    clearTimeout(timer);
    this.#worker = null;
    await worker.terminate();
  }

  #spawn(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#options.workerUrl);
    worker.on('message', (message: AudioMessage) => {
      if (message.kind === 'reply') {
        const pending = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        if (message.ok) pending?.resolve(message.value);
        else pending?.reject(new AudioError(message.error));
        return;
      }
      for (const listener of this.#listeners) listener(message);
    });
    const fail = (error: Error): void => {
      if (this.#worker === worker) this.#worker = null;
      for (const pending of this.#pending.values())
        pending.reject(new AudioError(`the audio worker failed: ${error.message}`));
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`it exited with code ${code}`)));
    this.#worker = worker;
    return worker;
  }

  #call(request: DistributiveOmit<AudioRequest, 'id'>): Promise<unknown> {
    const worker = this.#spawn();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id } as AudioRequest);
    });
  }
}
