import { Worker } from 'node:worker_threads';
import type { TapeDecoderSettings, TapeFormatFound } from './tape-decoder.ts';
import type { ResultsSummary, TapeResultsState } from './tape-results.ts';

export type DecodeRequest =
  | { type: 'init'; settings: TapeDecoderSettings }
  | { type: 'push'; channels: Float32Array[] }
  | { type: 'finish' };

export type DecodeReply =
  | { type: 'ready' }
  /** A batch is decoded: the results so far, and its buffers back for the next batch. */
  | { type: 'progress'; summary: ResultsSummary; channels: Float32Array[] }
  | { type: 'done'; state: TapeResultsState; channel: number | null; format: TapeFormatFound | null }
  | { type: 'error'; message: string };

type DecodeDone = Omit<Extract<DecodeReply, { type: 'done' }>, 'type'>;

/** Batches on their way to the decoder before the reader waits: bounds the memory in flight. */
const MAX_IN_FLIGHT = 3;
/** Frames per batch: few, large messages keep the hand-over between the threads cheap. */
const BATCH_FRAMES = 1 << 18;

/**
 * The KCS decoder and its results in a worker thread (decode-worker.ts), fed by the thread that reads the
 * file. Samples are copied once into batches that move to the worker and come back to be filled again; the
 * reader waits when the decoder falls behind, so memory stays bounded, and the same few buffers serve the
 * whole tape (a fresh megabyte per batch would leave the threads' allocators holding hundreds of megabytes
 * of freed memory after an hour-long tape). `finish` returns the results and, for two channels, the one
 * chosen.
 */
export class DecodeThread {
  readonly #worker: Worker;
  readonly #channels: number;
  #batch: Float32Array[];
  /** Batches back from the decoder, to be filled again. */
  readonly #spare: Float32Array[][] = [];
  #filled = 0;
  /** Batches allocated so far (at most MAX_IN_FLIGHT + 1 for a whole tape). */
  allocated = 0;
  #inFlight = 0;
  #wake: (() => void) | null = null;
  #failure: Error | null = null;
  readonly #ready = deferred<void>();
  readonly #done = deferred<DecodeDone>();
  /** The results so far, for progress reports. */
  summary: ResultsSummary | null = null;

  /** Stereo settings take left and right (the decoder picks one); otherwise the samples are one channel. */
  constructor(url: URL, settings: TapeDecoderSettings) {
    this.#channels = settings.stereo ? 2 : 1;
    this.#batch = this.#newBatch();
    this.#worker = new Worker(url);
    const fail = (error: Error): void => {
      this.#failure = error;
      this.#ready.reject(error);
      this.#done.reject(error);
      this.#wake?.();
    };
    this.#worker.on('message', (reply: DecodeReply) => {
      if (reply.type === 'ready') this.#ready.resolve();
      else if (reply.type === 'progress') {
        this.summary = reply.summary;
        this.#spare.push(reply.channels.map((samples) => new Float32Array(samples.buffer)));
        this.#inFlight--;
        this.#wake?.();
      } else if (reply.type === 'done') this.#done.resolve(reply);
      else fail(new Error(reply.message));
    });
    this.#worker.on('error', fail);
    this.#worker.postMessage({ type: 'init', settings } satisfies DecodeRequest);
  }

  /** Resolves once the decoder exists (its options were accepted). */
  ready(): Promise<void> {
    return this.#ready.promise;
  }

  /** Queues samples (one array per channel, as given to the constructor). */
  async push(channels: readonly Float32Array[]): Promise<void> {
    const length = channels[0]?.length ?? 0;
    for (let at = 0; at < length;) {
      if (this.#failure) throw this.#failure;
      const take = Math.min(length - at, BATCH_FRAMES - this.#filled);
      for (let c = 0; c < this.#channels; c++) {
        this.#batch[c]!.set((channels[c] ?? channels[0]!).subarray(at, at + take), this.#filled);
      }
      this.#filled += take;
      at += take;
      if (this.#filled === BATCH_FRAMES) await this.#send();
    }
  }

  async #send(): Promise<void> {
    while (this.#inFlight >= MAX_IN_FLIGHT && this.#failure === null) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = null;
    }
    if (this.#failure) throw this.#failure;
    if (this.#filled === 0) return;
    const batch = this.#batch.map((samples) => samples.subarray(0, this.#filled));
    this.#batch = this.#newBatch();
    this.#filled = 0;
    this.#inFlight++;
    this.#worker.postMessage(
      { type: 'push', channels: batch } satisfies DecodeRequest,
      batch.map((samples) => samples.buffer as ArrayBuffer),
    );
  }

  /** Decodes what is left; returns the results and the channel a two-channel decoder chose (null for one). */
  async finish(): Promise<DecodeDone> {
    await this.#send();
    this.#worker.postMessage({ type: 'finish' } satisfies DecodeRequest);
    try {
      return await this.#done.promise;
    } finally {
      await this.#worker.terminate();
    }
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }

  #newBatch(): Float32Array[] {
    const spare = this.#spare.pop();
    if (spare) return spare;
    this.allocated++;
    return Array.from({ length: this.#channels }, () => new Float32Array(BATCH_FRAMES));
  }
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}
