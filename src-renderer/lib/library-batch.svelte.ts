import { SvelteMap } from 'svelte/reactivity';
import type { LibraryBatchResult, LibraryBatchState } from '../../src-main/ipc/contract.ts';
import type { IpcClient } from './ipc-client.ts';

/**
 * The library batch as the Library shows it: progress, and each tape's stored result (ok or failed with its
 * reason) by tape id; a tape's first screen is fetched when it is shown.
 */
export class LibraryBatchView {
  readonly #client: IpcClient;
  readonly #fail: (error: unknown) => void;
  readonly results = new SvelteMap<number, LibraryBatchResult>();
  progress = $state.raw<Omit<LibraryBatchState, 'results'>>({ running: false, done: 0, total: 0, failed: 0 });
  #listening = false;

  constructor(client: IpcClient, fail: (error: unknown) => void) {
    this.#client = client;
    this.#fail = fail;
  }

  /** Loads the stored results and follows the batch's progress. */
  async open(): Promise<void> {
    if (!this.#listening) {
      this.#listening = true;
      this.#client.on('libraryBatch.changed', (state) => this.#take(state, false));
    }
    try {
      this.#take(await this.#client.request('libraryBatch.state'), true);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Runs every tape: here, or on the queue given (the Jobs view's queue field). */
  async start(queue: string): Promise<void> {
    try {
      const url = queue.trim();
      this.#take(await this.#client.request('libraryBatch.start', url === '' ? {} : { queue: url }), true);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** A tape's result with its first screen, or null when it has not run. */
  async resultWithScreen(tapeId: number): Promise<LibraryBatchResult | null> {
    try {
      return (await this.#client.request('libraryBatch.result', { tapeId })).result;
    } catch (error) {
      this.#fail(error);
      return null;
    }
  }

  #take({ results, ...progress }: LibraryBatchState, all: boolean): void {
    this.progress = progress;
    if (all) this.results.clear();
    for (const result of results) this.results.set(result.tapeId, result);
  }
}
