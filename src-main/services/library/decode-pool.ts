// Decodes recordings for import in worker threads: at most one per core (never more than the machine has),
// started when there is work and stopped when the queue runs dry.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AudioDecode, DecodeJob, DecodeReply } from './decode-protocol.ts';

interface Waiting {
  job: DecodeJob;
  resolve: (decode: AudioDecode) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Waiting | null;
  idle: NodeJS.Timeout | null;
}

/** An idle worker is kept this long for the next file of a batch. */
const IDLE_MS = 1000;

export class DecodePool {
  readonly size: number;
  readonly #url: URL;
  readonly #queue: Waiting[] = [];
  readonly #slots: Slot[] = [];
  #nextId = 1;

  constructor(workerUrl: URL, size = os.availableParallelism()) {
    this.#url = workerUrl;
    this.size = Math.max(1, Math.min(size, os.availableParallelism()));
  }

  decode(path: string): Promise<AudioDecode> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ job: { id: this.#nextId++, path }, resolve, reject });
      this.#pump();
    });
  }

  get running(): number {
    return this.#slots.length;
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((s) => s.busy === null);
      if (!slot) {
        if (this.#slots.length >= this.size) return;
        slot = this.#spawn();
      }
      const next = this.#queue.shift()!;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
      slot.busy = next;
      slot.worker.postMessage(next.job);
    }
    for (const slot of this.#slots) {
      if (slot.busy !== null || slot.idle !== null) continue;
      slot.idle = setTimeout(() => this.#retire(slot), IDLE_MS);
      slot.idle.unref();
    }
  }

  #spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.#url), busy: null, idle: null };
    slot.worker.on('message', (reply: DecodeReply) => {
      const call = slot.busy;
      slot.busy = null;
      if (call) {
        if (reply.ok) call.resolve(reply.decode);
        else call.reject(new Error(reply.message));
      }
      this.#pump();
    });
    const fail = (message: string): void => {
      const call = slot.busy;
      slot.busy = null;
      this.#retire(slot);
      call?.reject(new Error(message));
      this.#pump();
    };
    slot.worker.on('error', (error) => fail(`the decoder stopped: ${error.message}`));
    slot.worker.on('exit', () => fail('the decoder stopped unexpectedly'));
    this.#slots.push(slot);
    return slot;
  }

  #retire(slot: Slot): void {
    const at = this.#slots.indexOf(slot);
    if (at < 0) return;
    this.#slots.splice(at, 1);
    if (slot.idle) clearTimeout(slot.idle);
    slot.worker.removeAllListeners('exit');
    void slot.worker.terminate();
  }

  async stop(): Promise<void> {
    for (const waiting of this.#queue.splice(0)) waiting.reject(new Error('the library is closing'));
    await Promise.all(
      this.#slots.splice(0).map((slot) => {
        if (slot.idle) clearTimeout(slot.idle);
        slot.worker.removeAllListeners('exit');
        slot.busy?.reject(new Error('the library is closing'));
        return slot.worker.terminate();
      }),
    );
  }
}
