import type { GatewayStatus } from '../../src-main/ipc/contract.ts';
import type { IpcClient } from './ipc-client.ts';

/** The board gateway in the Jobs view: which devices reach the real board, and the gateway's state. */
export class BoardGatewayView {
  readonly #client: IpcClient;
  readonly #fail: (error: unknown) => void;
  status = $state.raw<GatewayStatus>({
    running: false,
    deviceIn: null,
    deviceOut: null,
    requests: 0,
    last: null,
  });
  inputs = $state.raw<string[]>([]);
  outputs = $state.raw<string[]>([]);
  problem = $state<string | null>(null);
  deviceIn = $state('');
  deviceOut = $state('');
  busy = $state(false);
  #listening = false;

  constructor(client: IpcClient, fail: (error: unknown) => void) {
    this.#client = client;
    this.#fail = fail;
  }

  /** Loads the devices and the gateway's state; `preferred` are the Devices panel's choices. */
  async open(preferred: { input: string; output: string }): Promise<void> {
    if (!this.#listening) {
      this.#listening = true;
      this.#client.on('gateway.changed', (status) => (this.status = status));
    }
    try {
      const [devices, status] = await Promise.all([
        this.#client.request('audio.devices'),
        this.#client.request('gateway.status'),
      ]);
      this.inputs = devices.inputs.map((d) => d.name);
      this.outputs = devices.outputs.map((d) => d.name);
      this.problem = devices.problem;
      this.status = status;
      this.deviceIn ||= status.deviceIn ?? preferred.input;
      this.deviceOut ||= status.deviceOut ?? preferred.output;
    } catch (error) {
      this.#fail(error);
    }
  }

  async #do(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    try {
      await work();
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
    }
  }

  /** Plays the cloud driver's 65V tape to the board (type M and L there first). */
  playDriver(): Promise<void> {
    return this.#do(async () => {
      await this.#client.request('gateway.playDriver', { device: this.deviceOut });
    });
  }

  start(queue: string): Promise<void> {
    return this.#do(async () => {
      const url = queue.trim();
      this.status = await this.#client.request('gateway.start', {
        deviceIn: this.deviceIn,
        deviceOut: this.deviceOut,
        ...(url === '' ? {} : { queue: url }),
      });
    });
  }

  stop(): Promise<void> {
    return this.#do(async () => {
      this.status = await this.#client.request('gateway.stop');
    });
  }
}
