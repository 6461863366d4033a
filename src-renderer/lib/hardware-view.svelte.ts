import { TerminalGrid } from '../../src-main/core/terminal/terminal-grid.ts';
import type {
  AudioDeviceInfo,
  CassetteWiring,
  HardwareComparison,
  HardwareStatus,
} from '../../src-main/ipc/contract.ts';
import type { IpcClient } from './ipc-client.ts';
import { decodeBase64 } from './machine-view.svelte.ts';

/** The most text one hardware.send carries (the contract allows 4,096 characters). */
const SEND_CHUNK = 4096;

/** The Hardware pane: the soft-modem line to a real board, its terminal view, the bridge and side by side. */
export class HardwareView {
  readonly #client: IpcClient;
  readonly #fail: (error: unknown) => void;
  readonly #grid = new TerminalGrid();
  status = $state.raw<HardwareStatus | null>(null);
  /** The board's output as 32 x 32 video-RAM codes, for the Screen's painter. */
  video = $state.raw<Uint8Array>(this.#grid.video());
  comparison = $state.raw<HardwareComparison | null>(null);
  inputs = $state.raw<AudioDeviceInfo[]>([]);
  outputs = $state.raw<AudioDeviceInfo[]>([]);
  deviceIn = $state('');
  deviceOut = $state('');
  busy = $state(false);
  #listening = false;

  constructor(client: IpcClient, fail: (error: unknown) => void) {
    this.#client = client;
    this.#fail = fail;
  }

  /** Subscribes once, then loads the state, the devices and the board's output so far. */
  async start(remembered: { input: string | null; output: string | null }): Promise<void> {
    if (!this.#listening) {
      this.#listening = true;
      this.#client.on('hardware.status', (status) => (this.status = status));
      this.#client.on('hardware.received', ({ bytes }) => {
        this.#grid.write(decodeBase64(bytes));
        this.video = this.#grid.video();
      });
      this.#client.on('hardware.compare', (comparison) => (this.comparison = comparison));
    }
    await this.#run(async () => {
      const [status, transcript, devices] = await Promise.all([
        this.#client.request('hardware.status'),
        this.#client.request('hardware.transcript'),
        this.#client.request('audio.devices'),
      ]);
      this.status = status;
      this.#grid.clear();
      this.#grid.write(Uint8Array.from(transcript.lines.join('\r'), (c) => c.charCodeAt(0)));
      this.video = this.#grid.video();
      this.inputs = devices.inputs;
      this.outputs = devices.outputs;
      const pick = (list: AudioDeviceInfo[], name: string | null): string =>
        list.find((d) => d.name === name)?.name ?? list.find((d) => d.isDefault)?.name ?? list[0]?.name ?? '';
      this.deviceIn = status.deviceIn ?? pick(devices.inputs, remembered.input);
      this.deviceOut = status.deviceOut ?? pick(devices.outputs, remembered.output);
      if (status.sideBySide) this.comparison = await this.#client.request('hardware.compare');
    });
  }

  async open(): Promise<void> {
    await this.#run(async () => {
      this.status = await this.#client.request('hardware.open', {
        deviceIn: this.deviceIn,
        deviceOut: this.deviceOut,
      });
      this.#grid.clear();
      this.video = this.#grid.video();
    });
  }

  async close(): Promise<void> {
    await this.#run(async () => (this.status = await this.#client.request('hardware.close')));
  }

  /** Typed text to the board (and, in side by side, to the emulator); a long paste goes in pieces. */
  async send(text: string): Promise<void> {
    try {
      for (let at = 0; at < text.length; at += SEND_CHUNK)
        await this.#client.request('hardware.send', { text: text.slice(at, at + SEND_CHUNK) });
    } catch (error) {
      this.#fail(error);
    }
  }

  async bridge(action: 'start' | 'stop'): Promise<void> {
    await this.#run(async () => (this.status = await this.#client.request('hardware.bridge', { action })));
  }

  async wire(port: CassetteWiring): Promise<void> {
    await this.#run(async () => (this.status = await this.#client.request('hardware.wire', { port })));
  }

  async sideBySide(on: boolean): Promise<void> {
    await this.#run(async () => {
      this.status = await this.#client.request('hardware.sideBySide', { action: on ? 'start' : 'stop' });
      if (on) this.comparison = await this.#client.request('hardware.compare');
    });
  }

  async #run(body: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    try {
      await body();
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
    }
  }
}

/** The text a key press sends to the board, or null for keys that send nothing. */
export function keyText(event: KeyboardEvent): string | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Enter') return '\r';
  if (event.key.length === 1 && event.key.charCodeAt(0) < 0x80) return event.key;
  return null;
}
