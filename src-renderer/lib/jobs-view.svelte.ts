import type { JobsSnapshot } from '../../src-main/ipc/contract.ts';
import type { IpcClient } from './ipc-client.ts';

/** The Jobs view: jobs submitted from the app, their state and progress, as main reports them. */
export class JobsView {
  readonly #client: IpcClient;
  readonly #fail: (error: unknown) => void;
  snapshot = $state.raw<JobsSnapshot>({ engine: '', jobs: [] });
  /** JSON Lines typed or pasted into the view. */
  text = $state('');
  /** Empty: run here; otherwise a redis:// URL (kept for this session only, never saved or shown elsewhere). */
  queue = $state('');
  busy = $state(false);
  counts = $derived.by(() => {
    const counts = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const job of this.snapshot.jobs) counts[job.state]++;
    return counts;
  });
  #listening = false;

  constructor(client: IpcClient, fail: (error: unknown) => void) {
    this.#client = client;
    this.#fail = fail;
  }

  async open(): Promise<void> {
    if (!this.#listening) {
      this.#listening = true;
      this.#client.on('jobs.changed', (snapshot) => (this.snapshot = snapshot));
    }
    try {
      this.snapshot = await this.#client.request('jobs.list');
    } catch (error) {
      this.#fail(error);
    }
  }

  async submit(): Promise<string | null> {
    this.busy = true;
    try {
      const queue = this.queue.trim();
      const { accepted, rejected } = await this.#client.request('jobs.submit', {
        text: this.text,
        ...(queue === '' ? {} : { queue }),
      });
      this.snapshot = await this.#client.request('jobs.list');
      return `${accepted} job${accepted === 1 ? '' : 's'} submitted${rejected ? `, ${rejected} refused` : ''}`;
    } catch (error) {
      this.#fail(error);
      return null;
    } finally {
      this.busy = false;
    }
  }

  async clear(): Promise<void> {
    try {
      this.snapshot = await this.#client.request('jobs.clear');
    } catch (error) {
      this.#fail(error);
    }
  }
}
