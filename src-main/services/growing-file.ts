// A file that is still being written (an upload arriving), shared by the thread that writes it and the
// threads that read it as it grows: how many bytes are on disk, how many will be, and whether the writing
// ended, in shared memory so a tape worker can wait for more without asking the main thread.

const STATE = 0;
const GENERATION = 1;
const WRITTEN = 0;
const TOTAL = 1;
/** A reader that misses a wake-up looks again after this long. */
const POLL_MS = 500;

export type GrowingState = 'growing' | 'complete' | 'failed';

type WaitAsync = (
  array: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
) => { async: boolean; value: Promise<string> | string };
// In ES2024's lib, not yet in the ES2023 one this project compiles against.
const waitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;

export class GrowingFile {
  /** Hand this to another thread and wrap it there (`new GrowingFile(shared)`). */
  readonly shared: SharedArrayBuffer;
  readonly #flags: Int32Array;
  readonly #sizes: BigInt64Array;

  /** A new record of a file that will be `total` bytes long, or one shared by another thread. */
  constructor(from: SharedArrayBuffer | { total: number }) {
    this.shared = from instanceof SharedArrayBuffer ? from : new SharedArrayBuffer(24);
    this.#flags = new Int32Array(this.shared, 0, 2);
    this.#sizes = new BigInt64Array(this.shared, 8, 2);
    if (!(from instanceof SharedArrayBuffer)) Atomics.store(this.#sizes, TOTAL, BigInt(from.total));
  }

  /** Bytes on disk so far. */
  get written(): number {
    return Number(Atomics.load(this.#sizes, WRITTEN));
  }

  /** The size the file will have once complete. */
  get total(): number {
    return Number(Atomics.load(this.#sizes, TOTAL));
  }

  get state(): GrowingState {
    const state = Atomics.load(this.#flags, STATE);
    return state === 0 ? 'growing' : state > 0 ? 'complete' : 'failed';
  }

  /** The writer: `written` bytes are now on disk. */
  grew(written: number): void {
    Atomics.store(this.#sizes, WRITTEN, BigInt(written));
    this.#wake();
  }

  /** The writer: the file is whole (`ok`) or will never be. */
  end(ok: boolean): void {
    if (this.state !== 'growing') return;
    Atomics.store(this.#flags, STATE, ok ? 1 : -1);
    this.#wake();
  }

  /** Resolves once `bytes` are on disk, or the writing has ended (check `state`). */
  async waitFor(bytes: number): Promise<void> {
    for (;;) {
      const generation = Atomics.load(this.#flags, GENERATION);
      if (this.written >= bytes || this.state !== 'growing') return;
      const waited = waitAsync(this.#flags, GENERATION, generation, POLL_MS);
      if (waited.async) await waited.value;
    }
  }

  #wake(): void {
    Atomics.add(this.#flags, GENERATION, 1);
    Atomics.notify(this.#flags, GENERATION);
  }
}
