// The app's board gateway (the gateway section of the contract): one BoardGateway on the app's audio
// service at a time, its jobs run through the Jobs service (so they show in the Jobs view), and the cloud
// driver's tape played to the board.
import type { GatewayStatus, gatewayRequests } from '../../ipc/contract.ts';
import { ServiceError, type SectionHandlers } from '../../ipc/dispatch.ts';
import type { EventHub } from '../../ipc/event-hub.ts';
import type { AudioService } from '../audio/audio-service.ts';
import { BoardGateway } from './board-gateway.ts';
import { loadCloudDriver } from './cloud-driver-tape.ts';
import type { JobsService } from './jobs-service.ts';

export interface GatewayServiceOptions {
  readonly audio: AudioService;
  readonly jobs: JobsService;
  readonly events: EventHub;
  /** The folder with cloud-driver.asm (src-main/rom/, or out/rom/ in a build). */
  readonly romFolder: URL;
}

const failed = (error: unknown): ServiceError =>
  new ServiceError('failed', error instanceof Error ? error.message : String(error));

export class GatewayService {
  readonly #options: GatewayServiceOptions;
  #gateway: BoardGateway | null = null;

  constructor(options: GatewayServiceOptions) {
    this.#options = options;
  }

  status(): GatewayStatus {
    const status = this.#gateway?.status();
    return status ?? { running: false, deviceIn: null, deviceOut: null, requests: 0, last: null };
  }

  async start(deviceIn: string, deviceOut: string, queue?: string): Promise<GatewayStatus> {
    if (this.#gateway?.status().running === true)
      throw new ServiceError('failed', 'The gateway is already listening.');
    // One that stopped on its own (a device gone) still holds the modem's output until stopped.
    await this.#gateway?.stop();
    const changed = (): void => this.#options.events.emit('gateway.changed', this.status());
    const gateway = new BoardGateway({
      audio: this.#options.audio,
      deviceIn,
      deviceOut,
      run: (jobs) => this.#options.jobs.runJobs(jobs, queue),
      log: changed,
    });
    try {
      await gateway.start();
    } catch (error) {
      throw failed(error);
    }
    this.#gateway = gateway;
    changed();
    return this.status();
  }

  async stop(): Promise<GatewayStatus> {
    const gateway = this.#gateway;
    this.#gateway = null;
    await gateway?.stop();
    this.#options.events.emit('gateway.changed', this.status());
    return this.status();
  }

  async playDriver(device: string): Promise<{ bytes: number; characters: number }> {
    const driver = await loadCloudDriver(this.#options.romFolder);
    const bytes = Uint8Array.from(driver.tape, (c) => c.charCodeAt(0));
    try {
      await this.#options.audio.play({
        device,
        source: { kind: 'bytes', bytes, leaderSeconds: 2, trailerSeconds: 1 },
      });
    } catch (error) {
      throw failed(error);
    }
    return { bytes: driver.bytes.length, characters: bytes.length };
  }

  handlers(): SectionHandlers<typeof gatewayRequests> {
    return {
      'gateway.status': async () => this.status(),
      'gateway.start': async ({ deviceIn, deviceOut, queue }) => this.start(deviceIn, deviceOut, queue),
      'gateway.stop': async () => this.stop(),
      'gateway.playDriver': async ({ device }) => this.playDriver(device),
    };
  }
}
