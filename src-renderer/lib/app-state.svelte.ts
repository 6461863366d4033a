import type {
  AppInfo,
  FileDescription,
  FileRef,
  Settings,
  SettingsPatch,
} from '../../src-main/ipc/contract.ts';
import { AudioDevices } from './audio-devices.svelte.ts';
import { HardwareView } from './hardware-view.svelte.ts';
import type { ConnectionState, IpcClient } from './ipc-client.ts';
import { LibraryView } from './library-view.svelte.ts';
import { JobsView } from './jobs-view.svelte.ts';
import { MachineView } from './machine-view.svelte.ts';
import { MemoryInspector } from './memory-inspector.svelte.ts';
import { pickFiles } from './pick-file.ts';
import { TapeDeck } from './tape-deck.svelte.ts';
import type { AreaId } from './shortcuts.ts';
import { TapeView } from './tape-view.svelte.ts';

export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

/** App-wide state: host info, settings, connection, layout and the status line. */
export class AppState {
  readonly client: IpcClient;
  info = $state<AppInfo | null>(null);
  settings = $state<Settings | null>(null);
  connection = $state<ConnectionState>('connecting');
  notice = $state<Notice | null>(null);
  helpOpen = $state(false);
  jobsOpen = $state(false);
  hardwareOpen = $state(false);
  openedTape = $state<FileDescription | null>(null);
  /** The tape open in the Waveform area. */
  readonly tape: TapeView;
  maximized = $derived<AreaId | null>(this.settings?.layout.maximized ?? null);

  readonly machine: MachineView;
  readonly memory: MemoryInspector;
  readonly tapeDeck: TapeDeck;
  /** The sound card, for a real board (the Devices panel). */
  readonly audio: AudioDevices;
  readonly library: LibraryView;
  readonly jobs: JobsView;
  /** The real board on the cassette cable (the Hardware pane). */
  readonly hardware: HardwareView;

  constructor(client: IpcClient) {
    this.client = client;
    this.machine = new MachineView(client, (error) => this.fail(error));
    this.memory = new MemoryInspector(client, this.machine, (kind, text) => (this.notice = { kind, text }));
    this.tapeDeck = new TapeDeck(
      client,
      (text) => this.say(text),
      (error) => this.fail(error),
    );
    this.jobs = new JobsView(client, (error) => this.fail(error));
    this.tape = new TapeView(client, (kind, text) => (this.notice = { kind, text }));
    this.audio = new AudioDevices(client, (error) => this.fail(error));
    this.hardware = new HardwareView(client, (error) => this.fail(error));
    this.library = new LibraryView(client, {
      say: (text) => this.say(text),
      fail: (error) => this.fail(error),
      openInWaveform: (file, focus) => this.openTapeFile(file, focus),
    });
  }

  async start(): Promise<void> {
    this.client.onConnection((state) => (this.connection = state));
    this.client.on('settings.changed', (settings) => (this.settings = settings));
    try {
      const [info, settings] = await Promise.all([
        this.client.request('app.info'),
        this.client.request('settings.get'),
      ]);
      this.info = info;
      this.settings = settings;
    } catch (error) {
      this.fail(error);
    }
    this.memory.start();
    await Promise.all([this.machine.start(), this.library.start()]);
  }

  fail(error: unknown): void {
    this.notice = { kind: 'error', text: error instanceof Error ? error.message : String(error) };
  }

  say(text: string): void {
    this.notice = { kind: 'info', text };
  }

  async updateSettings(patch: SettingsPatch): Promise<void> {
    try {
      this.settings = await this.client.request('settings.set', patch);
    } catch (error) {
      this.fail(error);
    }
  }

  toggleMaximized(area: AreaId): void {
    void this.updateSettings({ layout: { maximized: this.maximized === area ? null : area } });
  }

  /** Electron: the native dialog. The browser host passes the File the user picked or dropped. */
  async openTape(file?: File): Promise<void> {
    try {
      const [ref] = await pickFiles(this.client, 'tape', {
        chosen: file ? [file] : [],
        onProgress: (chosen, f) => this.say(`Uploading ${chosen.name}: ${Math.round(f * 100)}%`),
      });
      if (!ref) return;
      await this.openTapeFile(ref, null);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Opens a registered file in the Waveform area, showing samples [start, end) once it is analysed. */
  async openTapeFile(ref: FileRef, focus: { start: number; end: number } | null): Promise<void> {
    try {
      if (this.maximized !== null && this.maximized !== 'waveform') this.toggleMaximized('waveform');
      this.say(`Analysing ${ref.name}…`);
      // The description (size, kind, SHA-1 of the whole file) need not hold up the analysis.
      const described = this.client
        .request('files.describe', { fileId: ref.fileId })
        .then((description) => (this.openedTape = description));
      await Promise.all([described, this.tape.open(ref.fileId, focus)]);
      this.say(`Opened ${ref.name}.`);
    } catch (error) {
      this.fail(error);
    }
  }
}
