import type {
  AppInfo,
  FileDescription,
  FileRef,
  Settings,
  SettingsPatch,
} from '../../src-main/ipc/contract.ts';
import { AudioDevices } from './audio-devices.svelte.ts';
import { Recorder, TapePlayer } from './board-tape.svelte.ts';
import { HardwareView } from './hardware-view.svelte.ts';
import type { ConnectionState, IpcClient } from './ipc-client.ts';
import { BoardGatewayView } from './board-gateway.svelte.ts';
import { LibraryBatchView } from './library-batch.svelte.ts';
import { LibraryView } from './library-view.svelte.ts';
import { JobsView } from './jobs-view.svelte.ts';
import { MachineView } from './machine-view.svelte.ts';
import { MemoryInspector } from './memory-inspector.svelte.ts';
import { pickFiles } from './pick-file.ts';
import { RomCaptureWizard } from './rom-capture.svelte.ts';
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
  /** Record from and play to a real board. */
  readonly recorder: Recorder;
  readonly player: TapePlayer;
  readonly library: LibraryView;
  readonly libraryBatch: LibraryBatchView;
  /** The board gateway (in the Jobs view). */
  readonly gateway: BoardGatewayView;
  readonly jobs: JobsView;
  /** The ROM capture wizard (opened from the Machine and Devices panels). */
  readonly romCapture: RomCaptureWizard;
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
    this.libraryBatch = new LibraryBatchView(client, (error) => this.fail(error));
    this.gateway = new BoardGatewayView(client, (error) => this.fail(error));
    this.tape = new TapeView(client, (kind, text) => (this.notice = { kind, text }));
    this.audio = new AudioDevices(client, (error) => this.fail(error));
    this.recorder = new Recorder(client, (error) => this.fail(error));
    this.player = new TapePlayer(client, (error) => this.fail(error));
    this.romCapture = new RomCaptureWizard(client, this.machine, (error) => this.fail(error));
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

  /**
   * Electron: the native dialog (the tape is read from where it is). The browser host passes the File the
   * user picked or dropped: its upload is reserved first, so the tape is decoded while its bytes arrive.
   */
  async openTape(file?: File): Promise<void> {
    try {
      const upload = this.client.upload;
      if (upload && file) {
        const ref = await this.client.request('files.reserveUpload', { name: file.name, size: file.size });
        const uploaded = upload(
          file,
          (f) => this.say(`Uploading and analysing ${file.name}: ${Math.round(f * 100)}%`),
          ref.fileId,
        );
        await this.openTapeFile(ref, null, uploaded);
        return;
      }
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

  /**
   * Opens a registered file in the Waveform area, showing samples [start, end) once it is analysed.
   * `uploaded`: the file is an upload still arriving, which settles when it is in.
   */
  async openTapeFile(
    ref: FileRef,
    focus: { start: number; end: number } | null,
    uploaded?: Promise<FileRef>,
  ): Promise<void> {
    try {
      if (this.maximized !== null && this.maximized !== 'waveform') this.toggleMaximized('waveform');
      if (!uploaded) this.say(`Analysing ${ref.name}…`);
      // The description (size, kind, SHA-1 of the whole file) need not hold up the analysis: it waits for an
      // upload to be in and the tape to be drawn, so reading the file for its SHA-1 does not take processor
      // time from the decoding.
      const opened = this.tape.open(ref.fileId, focus);
      const described = (uploaded ?? Promise.resolve(ref))
        .then(() => this.tape.settled())
        .then(() => this.client.request('files.describe', { fileId: ref.fileId }))
        .then((description) => (this.openedTape = description));
      await Promise.all([described, opened]);
      this.say(`Opened ${ref.name}.`);
    } catch (error) {
      this.fail(error);
    }
  }
}
