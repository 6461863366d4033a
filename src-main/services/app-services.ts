import path from 'node:path';
import {
  machineRequests,
  memoryRequests,
  tapeDeckRequests,
  type appRequests,
  type FileDescription,
  type FilePurpose,
} from '../ipc/contract.ts';
import { ServiceError, type Handlers, type SectionHandlers } from '../ipc/dispatch.ts';
import type { EventHub } from '../ipc/event-hub.ts';
import { MAX_UPLOAD_BYTES } from '../ipc/wire.ts';
import { AudioService } from './audio/audio-service.ts';
import { audioHandlers } from './audio/audio-handlers.ts';
import { BoardTape } from './audio/board-tape.ts';
import { romCaptureHandlers } from './rom-capture/rom-capture-handlers.ts';
import { SoftModem } from './audio/soft-modem.ts';
import { HardwareService } from './hardware/hardware-service.ts';
import { EmulatorService, type EmulatorServiceOptions } from './emulator/emulator-service.ts';
import { GatewayService } from './farm/gateway-service.ts';
import { JobsService } from './farm/jobs-service.ts';
import { LibraryBatch } from './farm/library-batch.ts';
import { sha1File } from './file-hash.ts';
import { FileRegistry } from './file-registry.ts';
import { LibraryService } from './library/library-service.ts';
import { labMonitorLoader } from './lab-monitor-rom.ts';
import { SettingsStore } from './settings-store.ts';
import { TempFolder } from './temp-folder.ts';
import { TapeService, type SaveDialog } from './tapes/tape-service.ts';

export interface HostInfo {
  host: 'electron' | 'browser';
  version: string;
  electron: string | null;
  userDataDir: string;
  /** The native open dialog; absent in the browser host. Returns the chosen paths, empty when cancelled. */
  openDialog?: (purpose: FilePurpose, multiple: boolean, folders: boolean) => Promise<string[]>;
  /** Where the emulator comes from; without it the machine methods answer 'unsupported'. */
  emulator?: Pick<
    EmulatorServiceOptions,
    'workerUrl' | 'labMonitor' | 'labMonitorSymbols' | 'romDir' | 'callTimeoutMs'
  >;
  log?: (message: string, error?: unknown) => void;
  /** The native save dialog for exports; absent in the browser host, which offers a download instead. */
  saveDialog?: SaveDialog;
  /** The tape worker script; defaults to the TypeScript source next to this file (tests, the CLI). */
  tapeWorker?: URL;
  /** The audio worker script; defaults to the TypeScript source (tests, the CLI). */
  audioWorker?: URL;
  /** The library's decode worker script; defaults to the TypeScript source (tests). */
  libraryWorker?: URL;
  /** Electron's save dialog without a format filter (library exports). */
  saveFileDialog?: (defaultName: string) => Promise<string | null>;
  /** The farm thread script; defaults to the TypeScript source (tests). */
  farmThread?: URL;
}

/** The service objects behind the contract. They know nothing of Electron or WebSockets. */
export class AppServices {
  readonly temp: TempFolder;
  readonly settings: SettingsStore;
  readonly files: FileRegistry;
  readonly tapes: TapeService;
  readonly library: LibraryService;
  readonly jobs: JobsService;
  readonly libraryBatch: LibraryBatch;
  readonly gateway: GatewayService;
  readonly events: EventHub;
  readonly info: HostInfo;
  readonly audio: AudioService;
  readonly boardTape: BoardTape;
  /** The real board on the cable: the soft-modem terminal, bridge, wiring and side by side. */
  readonly hardware: HardwareService;
  emulator: EmulatorService | null = null;
  /** Why the emulator could not start, when it could not; the rest of the app runs on. */
  emulatorProblem: string | null = null;

  constructor(info: HostInfo, events: EventHub) {
    this.info = info;
    this.events = events;
    this.temp = new TempFolder(info.userDataDir);
    this.settings = new SettingsStore(info.userDataDir, this.temp);
    this.files = new FileRegistry(this.temp);
    this.tapes = new TapeService({
      files: this.files,
      events,
      temp: this.temp,
      workerUrl: info.tapeWorker ?? new URL('./tapes/tape-worker.ts', import.meta.url),
      ...(info.saveDialog ? { saveDialog: info.saveDialog } : {}),
    });
    // The worker starts on first use: a host that never touches the sound card never loads audify.
    this.audio = new AudioService({
      workerUrl: info.audioWorker ?? new URL('./audio/audio-worker.ts', import.meta.url),
      journalDir: path.join(info.userDataDir, 'recordings-in-progress'),
    });
    this.hardware = new HardwareService({
      modem: new SoftModem(this.audio),
      events,
      settings: this.settings,
      emulator: () => this.emulator,
    });
    this.library = new LibraryService({
      files: this.files,
      events,
      userDataDir: info.userDataDir,
      workerUrl: info.libraryWorker ?? new URL('./library/decode-worker.ts', import.meta.url),
      ...(info.saveFileDialog ? { saveDialog: info.saveFileDialog } : {}),
      offerDownload: (fileName, write) => this.tapes.offerExport(fileName, write),
      playBytes: () => {
        const emulator = this.emulator;
        return emulator ? (name, bytes, speed) => emulator.playBytes(name, bytes, speed) : null;
      },
    });
    this.boardTape = new BoardTape({
      audio: this.audio,
      library: this.library,
      settings: this.settings,
      events,
      files: this.files,
      userDataDir: info.userDataDir,
      ...(info.log ? { log: info.log } : {}),
    });
    this.jobs = new JobsService({
      events,
      threadUrl: info.farmThread ?? new URL('./farm/farm-thread.ts', import.meta.url),
      labMonitor: info.emulator?.labMonitor ?? labMonitorLoader(null, new URL('../rom/', import.meta.url)),
      romDir: info.emulator?.romDir,
    });
    this.libraryBatch = new LibraryBatch({ library: this.library, jobs: this.jobs, events });
    this.gateway = new GatewayService({
      audio: this.audio,
      jobs: this.jobs,
      events,
      romFolder: new URL('../rom/', import.meta.url),
    });
  }

  async start(): Promise<void> {
    const swept = await this.temp.open();
    if (swept > 0) this.info.log?.(`removed ${swept} temporary files left by an earlier run`);
    await this.settings.load();
    await this.library.start();
    await this.boardTape.recover();
    if (this.info.emulator) {
      this.emulator = new EmulatorService({
        ...this.info.emulator,
        userDataDir: this.info.userDataDir,
        files: this.files,
        temp: this.temp,
        settings: this.settings,
        events: this.events,
        ...(this.info.log ? { log: this.info.log } : {}),
      });
      try {
        await this.emulator.start();
      } catch (error) {
        await this.emulator.stop();
        this.emulator = null;
        this.emulatorProblem = `The emulator could not start: ${error instanceof Error ? error.message : String(error)}`;
        this.info.log?.(this.emulatorProblem);
      }
    }
  }

  async stop(): Promise<void> {
    await this.gateway.stop();
    await this.hardware.stop();
    await this.audio.close();
    await this.jobs.stop();
    await this.tapes.stop();
    await this.library.stop();
    await this.emulator?.stop();
    await this.temp.close();
  }

  /** Every section of the contract, each from the service that owns it. */
  handlers(): Handlers {
    return {
      ...this.#appHandlers(),
      ...this.tapes.handlers(),
      ...this.#machineHandlers(),
      ...audioHandlers(this.audio, this.settings, this.events),
      ...romCaptureHandlers({
        audio: this.audio,
        events: this.events,
        files: this.files,
        temp: this.temp,
        labMonitor:
          this.info.emulator?.labMonitor ?? labMonitorLoader(null, new URL('../rom/', import.meta.url)),
        installed: async () => (this.emulator ? this.emulator.installedRoms() : []),
      }),
      ...this.library.handlers(),
      ...this.boardTape.handlers(),
      ...this.jobs.handlers(),
      ...this.libraryBatch.handlers(),
      ...this.gateway.handlers(),
      ...this.hardware.handlers(),
    };
  }

  #machineHandlers(): SectionHandlers<
    typeof machineRequests & typeof tapeDeckRequests & typeof memoryRequests
  > {
    if (this.emulator) {
      return {
        ...this.emulator.handlers(),
        ...this.emulator.tapeDeckHandlers(),
        ...this.emulator.inspectorHandlers(),
      };
    }
    const unsupported = async (): Promise<never> => {
      throw new ServiceError(
        this.emulatorProblem ? 'failed' : 'unsupported',
        this.emulatorProblem ?? 'The emulator is not available in this host.',
      );
    };
    return Object.fromEntries(
      [...Object.keys(machineRequests), ...Object.keys(tapeDeckRequests), ...Object.keys(memoryRequests)].map(
        (name) => [name, unsupported],
      ),
    ) as unknown as SectionHandlers<typeof machineRequests & typeof tapeDeckRequests & typeof memoryRequests>;
  }

  #appHandlers(): SectionHandlers<typeof appRequests> {
    return {
      'app.info': async () => ({
        name: 'Superboard Lab',
        version: this.info.version,
        host: this.info.host,
        platform: process.platform,
        arch: process.arch,
        node: process.versions.node,
        electron: this.info.electron,
        userDataDir: this.info.userDataDir,
      }),
      'settings.get': async () => this.settings.get(),
      'settings.set': async (patch) => {
        const next = await this.settings.update(patch);
        this.events.emit('settings.changed', next);
        return next;
      },
      'files.openDialog': async ({ purpose, multiple, folders }) => {
        if (!this.info.openDialog) {
          throw new ServiceError(
            'unsupported',
            'The browser host has no file dialog; upload the file instead.',
          );
        }
        const paths = await this.info.openDialog(purpose, multiple ?? false, folders ?? false);
        return {
          files: await Promise.all(paths.map((p) => this.files.register(p, undefined, folders ?? false))),
        };
      },
      'files.reserveUpload': async ({ name, size }) => {
        if (this.info.openDialog) {
          throw new ServiceError('unsupported', 'The desktop app opens files by path; it takes no uploads.');
        }
        return this.files.reserveUpload(name, size, MAX_UPLOAD_BYTES);
      },
      'files.describe': async ({ fileId }) => {
        const entry = this.files.get(fileId);
        // The hash first: a file that has gone since it was opened is named in one clear line.
        const sha1 = await sha1File(entry.path);
        const head = await this.files.head(fileId, 12);
        return { fileId, name: entry.name, size: entry.size, kind: sniffKind(head, entry.size), sha1 };
      },
    };
  }
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

export function sniffKind(head: Uint8Array, size: number): FileDescription['kind'] {
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WAVE') return 'wav';
  if (ascii(head, 0, 4) === 'fLaC') return 'flac';
  if (ascii(head, 0, 4) === 'OggS') return 'ogg';
  if (ascii(head, 0, 3) === 'ID3' || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3';
  if (ascii(head, 0, 12).replace(/\s/g, '').startsWith('{"format')) return 'state';
  if (size === 2048 || size === 8192) return 'rom';
  return 'unknown';
}
