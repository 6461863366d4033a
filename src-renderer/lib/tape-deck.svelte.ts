import type { FileRef } from '../../src-main/ipc/contract.ts';
import type { IpcClient } from './ipc-client.ts';
import { pickFiles } from './pick-file.ts';

/** The cassette deck wired to the emulated machine: play a tape into it, record what it sends. */
export class TapeDeck {
  readonly #client: IpcClient;
  readonly #say: (text: string) => void;
  readonly #fail: (error: unknown) => void;
  fast = $state(false);
  busy = $state(false);
  lastRecording = $state<FileRef | null>(null);

  constructor(client: IpcClient, say: (text: string) => void, fail: (error: unknown) => void) {
    this.#client = client;
    this.#say = say;
    this.#fail = fail;
  }

  get needsFileInput(): boolean {
    return this.#client.upload !== undefined;
  }

  async play(chosen?: File): Promise<void> {
    this.busy = true;
    try {
      const [ref] = await pickFiles(this.#client, 'tape', { chosen: chosen ? [chosen] : [] });
      if (!ref) return;
      this.#say(`Reading ${ref.name}…`);
      const played = await this.#client.request('machine.tapePlay', {
        fileId: ref.fileId,
        speed: this.fast ? 'fast' : 'tape',
      });
      const warnings = played.warnings.length ? ` (${played.warnings.join('; ')})` : '';
      this.#say(
        `Playing ${played.name}: ${played.bytes} bytes${played.audio ? ' decoded from the recording' : ''}${warnings}. ` +
          'Type L in the monitor, or LOAD in BASIC, to read it.',
      );
    } catch (error) {
      this.#fail(error);
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<void> {
    try {
      await this.#client.request('machine.tapeStop');
    } catch (error) {
      this.#fail(error);
    }
  }

  async record(start: boolean): Promise<void> {
    try {
      const result = await this.#client.request('machine.tapeRecord', { action: start ? 'start' : 'stop' });
      if (start)
        this.#say('Recording the cassette output. SAVE in BASIC, or any program writing to the ACIA.');
      else {
        this.lastRecording = result.file;
        this.#say(
          `Recorded ${result.bytes} bytes to ${result.file?.name ?? 'a WAV file'}: download it or keep it ` +
            'in the library, as it is deleted when the app closes.',
        );
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  downloadUrl(file: FileRef): string {
    return this.#client.mediaUrl(file.fileId);
  }
}
