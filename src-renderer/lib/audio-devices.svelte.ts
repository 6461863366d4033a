import type { AudioDeviceInfo, EventPayload } from '../../src-main/ipc/contract.ts';
import type { IpcClient } from './ipc-client.ts';

export type AudioLevel = EventPayload<'audio.level'>;

/** Peak level in dBFS for the meter (-60 at silence). */
export function dbfs(peak: number): number {
  return peak <= 0.001 ? -60 : Math.max(-60, 20 * Math.log10(peak));
}

/** The sound card seen from the Devices panel: devices by name, the chosen ones, the live input level. */
export class AudioDevices {
  readonly #client: IpcClient;
  readonly #fail: (error: unknown) => void;
  inputs = $state.raw<AudioDeviceInfo[]>([]);
  outputs = $state.raw<AudioDeviceInfo[]>([]);
  problem = $state<string | null>(null);
  input = $state('');
  output = $state('');
  listening = $state(false);
  level = $state.raw<AudioLevel | null>(null);
  toneFor = $state<string | null>(null);
  #off: (() => void) | null = null;

  constructor(client: IpcClient, fail: (error: unknown) => void) {
    this.#client = client;
    this.#fail = fail;
  }

  /** The sample rate of the chosen input, for the panel. */
  get inputRate(): number | null {
    return this.inputs.find((d) => d.name === this.input)?.preferredSampleRate ?? null;
  }

  get outputRate(): number | null {
    return this.outputs.find((d) => d.name === this.output)?.preferredSampleRate ?? null;
  }

  /** Lists the devices and picks the remembered ones (or the defaults). */
  async refresh(remembered: { input: string | null; output: string | null }): Promise<void> {
    try {
      const list = await this.#client.request('audio.devices');
      this.inputs = list.inputs;
      this.outputs = list.outputs;
      this.problem = list.problem;
      const pick = (devices: AudioDeviceInfo[], name: string | null): string =>
        devices.find((d) => d.name === name)?.name ??
        devices.find((d) => d.isDefault)?.name ??
        devices[0]?.name ??
        '';
      this.input = pick(list.inputs, remembered.input);
      this.output = pick(list.outputs, remembered.output);
    } catch (error) {
      this.#fail(error);
    }
  }

  async listen(): Promise<void> {
    this.#off ??= this.#client.on('audio.level', (level) => {
      this.level = level;
      if (level.ended !== null) {
        this.listening = false;
        if (level.ended !== 'stopped') this.problem = level.ended;
      }
    });
    try {
      await this.#client.request('audio.monitor', { action: 'start', device: this.input });
      this.problem = null;
      this.listening = true;
    } catch (error) {
      this.#fail(error);
    }
  }

  async stopListening(): Promise<void> {
    this.listening = false;
    this.level = null;
    try {
      await this.#client.request('audio.monitor', { action: 'stop' });
    } catch (error) {
      this.#fail(error);
    }
  }

  async testTone(): Promise<void> {
    try {
      const played = await this.#client.request('audio.testTone', { device: this.output, seconds: 3 });
      this.toneFor = played.device;
      setTimeout(() => {
        if (this.toneFor === played.device) this.toneFor = null;
      }, 3000);
    } catch (error) {
      this.#fail(error);
    }
  }

  close(): void {
    if (this.listening) void this.stopListening();
    this.#off?.();
    this.#off = null;
  }
}
