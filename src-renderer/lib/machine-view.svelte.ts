import type { MachineSpeed, MachineStatus } from '../../src-main/ipc/contract.ts';
import { parseFontText } from '../../src-main/core/formats/font-text.ts';
import labFont from '../../resources/font/lab-font.txt?raw';
import type { IpcClient } from './ipc-client.ts';

/** Our own font, parsed once: 8 bytes per character code. */
export const LAB_GLYPHS = parseFontText(labFont);

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The Screen area's view of the emulated machine: its latest frame and status, and the controls. */
export class MachineView {
  readonly #client: IpcClient;
  readonly #fail: (error: unknown) => void;
  status = $state<MachineStatus | null>(null);
  video = $state.raw<Uint8Array | null>(null);
  /** Why the machine cannot run, when it cannot (the service reports it on the first request). */
  problem = $state<string | null>(null);

  constructor(client: IpcClient, fail: (error: unknown) => void) {
    this.#client = client;
    this.#fail = fail;
  }

  async start(): Promise<void> {
    this.#client.on('machine.frame', ({ video }) => (this.video = decodeBase64(video)));
    this.#client.on('machine.status', (status) => (this.status = status));
    try {
      this.status = await this.#client.request('machine.status');
      const { bytes } = await this.#client.request('machine.peek', { start: 0xd000, length: 1024 });
      this.video ??= decodeBase64(bytes);
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  async #run<T>(call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      this.#fail(error);
      return undefined;
    }
  }

  async control(action: 'power' | 'reset' | 'pause' | 'resume' | 'step'): Promise<void> {
    const status = await this.#run(() => this.#client.request('machine.control', { action }));
    if (status) this.status = status;
  }

  async setSpeed(speed: MachineSpeed): Promise<void> {
    const status = await this.#run(() => this.#client.request('machine.setSpeed', { speed }));
    if (status) this.status = status;
  }

  async toggleShiftLock(): Promise<void> {
    const status = await this.#run(() => this.#client.request('machine.toggleShiftLock'));
    if (status) this.status = status;
  }

  /** Forwards a host key; returns whether the Superboard has a key for it. */
  async key(event: KeyboardEvent, down: boolean): Promise<boolean> {
    const result = await this.#run(() =>
      this.#client.request('machine.key', { code: event.code, key: event.key, ctrlKey: event.ctrlKey, down }),
    );
    return result?.handled ?? false;
  }

  async type(text: string): Promise<void> {
    await this.#run(() => this.#client.request('machine.type', { text }));
  }
}
