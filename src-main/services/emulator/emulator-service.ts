import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type {
  AccessInfo,
  MachineStatus,
  machineRequests,
  memoryRequests,
  tapeDeckRequests,
} from '../../ipc/contract.ts';
import { builtinLabels, symbolLabels, type Label } from '../../core/inspector/labels.ts';
import { KNOWN_ROMS } from '../../core/machine/rom-set.ts';
import { ServiceError, type SectionHandlers } from '../../ipc/dispatch.ts';
import type { EventHub } from '../../ipc/event-hub.ts';
import type { FileRegistry } from '../file-registry.ts';
import { RomLibrary, scanRomDir, type RomChoice } from '../rom-library.ts';
import { isAudioFile } from '../tape-decode.ts';
import type { SettingsStore } from '../settings-store.ts';
import type { TempFolder } from '../temp-folder.ts';
import { LAB_MONITOR_SOURCE } from './emulator-runner.ts';
import type { EmulatorCommand, EmulatorMessage, MachineConfig } from './protocol.ts';

export interface EmulatorServiceOptions {
  /** The worker script: emulator-worker.js next to the built host, or the .ts source in tests. */
  workerUrl: URL;
  /** Our own monitor ROM, used when the user has chosen none. */
  labMonitor: () => Promise<Uint8Array>;
  /** The Lab Monitor's symbols, offered as labels in the Memory area while it runs. */
  labMonitorSymbols?: () => Promise<ReadonlyMap<string, number>>;
  userDataDir: string;
  files: FileRegistry;
  /** Where Record writes: a recording is the app's until the user downloads it or keeps it in the library. */
  temp: TempFolder;
  settings: SettingsStore;
  events: EventHub;
  /** `--rom-dir`: ROMs from this folder take precedence over the saved choice. */
  romDir?: string;
  log?: (message: string, error?: unknown) => void;
  /** How long a call may go unanswered before the worker counts as hung and is restarted. */
  callTimeoutMs?: number;
}

const DEFAULT_CALL_TIMEOUT_MS = 10_000;
/** Until a new worker has answered once, calls also wait for it to load. */
const STARTING_CALL_TIMEOUT_MS = 30_000;
/** Playing a recording decodes all of it in the worker first, which takes a while for a long tape. */
const DECODE_CALL_TIMEOUT_MS = 120_000;

/** A tape of bytes (65V or BASIC text) bigger than this is surely something else. */
const MAX_BYTE_TAPE = 1024 * 1024;
/** Machine states carry at most 40K of RAM as base64, well under this. */
const MAX_STATE_BYTES = 1024 * 1024;
/** The extension the Electron open dialog filters machine states by. */
const STATE_EXTENSION = '.sblstate';

/** Local time as 20261125-190312, for file names. */
function timestamp(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-` +
    `${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`
  );
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** The main-thread side of the emulator: it owns the worker, forwards commands and publishes frames. */
export class EmulatorService {
  readonly roms: RomLibrary;
  readonly #options: EmulatorServiceOptions;
  /** The name the running recording is offered under (its file in temp/ carries the app's prefix). */
  #recordingName: string | null = null;
  #worker: Worker | null = null;
  #pending = new Map<number, Pending>();
  #nextId = 1;
  #stopping = false;
  #ramKb: number;
  #lastStatus: MachineStatus | null = null;
  #unsubscribe: (() => void) | null = null;
  #restarts: number[] = [];
  /** Whether the current worker has answered a call yet (it has loaded). */
  #answered = false;
  /** The ROMs the machine runs now (null monitor: the Lab Monitor). */
  #choice: RomChoice = { monitor: null, basic: [] };
  /** Whether the cassette port is wired to the cable (audio or the soft-modem) rather than the tape deck. */
  #serialWired = false;
  readonly #serialListeners = new Set<(bytes: Uint8Array) => void>();

  constructor(options: EmulatorServiceOptions) {
    this.#options = options;
    this.roms = new RomLibrary(options.userDataDir);
    this.#ramKb = options.settings.get().machine.ramKb;
  }

  async start(): Promise<void> {
    this.#spawn();
    const choice = this.#options.romDir ? await scanRomDir(this.#options.romDir) : await this.roms.load();
    await this.#configure(choice);
    this.#unsubscribe = this.#options.events.subscribe((name, payload) => {
      if (name !== 'settings.changed') return;
      const ramKb = (payload as { machine: { ramKb: number } }).machine.ramKb;
      if (ramKb !== this.#ramKb) {
        this.#ramKb = ramKb;
        void this.#configure(this.#choice).catch((error: unknown) =>
          this.#options.log?.('could not change RAM size', error),
        );
      }
    });
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#unsubscribe?.();
    await this.#worker?.terminate();
    this.#worker = null;
  }

  /** The last status the worker published (for the CLI and tests). */
  get lastStatus(): MachineStatus | null {
    return this.#lastStatus;
  }

  handlers(): SectionHandlers<typeof machineRequests> {
    const status = async (): Promise<MachineStatus> =>
      (await this.#call({ kind: 'status' })) as MachineStatus;
    return {
      'machine.status': status,
      'machine.control': async ({ action }) =>
        (await this.#call({ kind: 'control', action })) as MachineStatus,
      'machine.setSpeed': async ({ speed }) => (await this.#call({ kind: 'speed', speed })) as MachineStatus,
      'machine.key': async ({ code, key, ctrlKey, down }) =>
        (await this.#call({ kind: 'key', code, key, ctrlKey: ctrlKey ?? false, down })) as {
          handled: boolean;
        },
      'machine.toggleShiftLock': async () => (await this.#call({ kind: 'shiftLock' })) as MachineStatus,
      'machine.type': async ({ text }) => (await this.#call({ kind: 'type', text })) as { queued: number },
      'machine.peek': async ({ start, length }) => {
        const bytes = (await this.#call({ kind: 'peek', start, length })) as Uint8Array;
        return { start, bytes: Buffer.from(bytes).toString('base64') };
      },
      'machine.setRoms': async ({ monitor, basic }) => {
        const read = async (fileId: string) => {
          const entry = this.#options.files.get(fileId);
          return { bytes: new Uint8Array(await readFile(entry.path)), source: entry.name };
        };
        const current = this.#choice;
        const choice: RomChoice = {
          monitor: monitor === 'current' ? current.monitor : monitor ? await read(monitor) : null,
          basic: basic === 'current' ? current.basic : await Promise.all(basic.map(read)),
        };
        await this.roms.save(choice);
        return this.#configure(choice);
      },
      'machine.saveState': async () => {
        const text = (await this.#call({ kind: 'saveState' })) as string;
        return { name: `superboard-${timestamp(new Date())}${STATE_EXTENSION}`, text };
      },
      'machine.loadState': async ({ fileId }) => {
        const entry = this.#options.files.get(fileId);
        if (entry.size > MAX_STATE_BYTES) {
          throw new ServiceError(
            'bad-request',
            `Cannot load ${entry.name}: it is ${entry.size} bytes, too large for a machine state (at most ${MAX_STATE_BYTES}).`,
          );
        }
        const text = await readFile(entry.path, 'utf8');
        try {
          return (await this.#call({ kind: 'loadState', text })) as MachineStatus;
        } catch (error) {
          const message = (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
          const hint = /was saved with/.test(message)
            ? ' Choose the same RAM size and ROMs in the Machine panel, then load it again.'
            : '';
          throw new ServiceError('bad-request', `Cannot load ${entry.name}: ${message}.${hint}`);
        }
      },
      'machine.runTo': async ({ address }) => (await this.#call({ kind: 'runTo', address })) as MachineStatus,
      'machine.setBreakpoints': async ({ addresses }) =>
        (await this.#call({ kind: 'setBreakpoints', addresses })) as MachineStatus,
      'machine.setWatchpoints': async ({ watchpoints }) =>
        (await this.#call({ kind: 'setWatchpoints', watchpoints })) as MachineStatus,
    };
  }

  /** The ROM images the machine runs now, peeked (the ROM capture compares a board's ROMs with them). */
  async installedRoms(): Promise<{ name: string; bytes: Uint8Array; base: number }[]> {
    const status = (await this.#call({ kind: 'status' })) as MachineStatus;
    const peek = async (start: number, length: number): Promise<Uint8Array> =>
      (await this.#call({ kind: 'peek', start, length })) as Uint8Array;
    const images = [
      { name: `the installed ${status.monitor.name}`, bytes: await peek(0xf800, 0x800), base: 0xf800 },
    ];
    if (status.basic)
      images.push({
        name: `the installed ${status.basic.name}`,
        bytes: await peek(0xa000, 0x2000),
        base: 0xa000,
      });
    return images;
  }

  /** Types text through the keyboard matrix (side by side sends the same keys to the board). */
  async type(text: string): Promise<void> {
    await this.#call({ kind: 'type', text });
  }

  /** The latest video RAM, read without side effects. */
  async video(): Promise<Uint8Array> {
    return (await this.#call({ kind: 'peek', start: 0xd000, length: 1024 })) as Uint8Array;
  }

  get serialWired(): boolean {
    return this.#serialWired;
  }

  /** Wires the cassette port to a live cable (bytes in through `serialReceive`, out to `onSerial`) or back to the deck. */
  async wireSerial(wired: boolean): Promise<void> {
    await this.#call({ kind: 'serialWire', wired });
    this.#serialWired = wired;
  }

  /** Bytes from the cable into the ACIA's receiver (while wired). */
  async serialReceive(bytes: Uint8Array): Promise<void> {
    if (this.#serialWired) await this.#call({ kind: 'serialReceive', bytes });
  }

  /** What the emulated ACIA sends while the port is wired to the cable. */
  onSerial(listener: (bytes: Uint8Array) => void): () => void {
    this.#serialListeners.add(listener);
    return () => this.#serialListeners.delete(listener);
  }

  #tapeDeckOnly(): void {
    if (this.#serialWired)
      throw new ServiceError(
        'bad-request',
        'The cassette port is wired to the cable: choose the tape deck in the Machine panel first.',
      );
  }

  /** Plays bytes already decoded (a library take) into the cassette port as a tape of bytes. */
  async playBytes(name: string, bytes: Uint8Array, speed: 'tape' | 'fast'): Promise<void> {
    this.#tapeDeckOnly();
    await this.#call({ kind: 'tapePlayBytes', name, bytes, speed });
  }

  tapeDeckHandlers(): SectionHandlers<typeof tapeDeckRequests> {
    return {
      'machine.tapePlay': async ({ fileId, speed }) => {
        this.#tapeDeckOnly();
        const entry = this.#options.files.get(fileId);
        if (await isAudioFile(entry.path)) {
          return (await this.#call({ kind: 'tapePlayAudio', name: entry.name, path: entry.path, speed })) as {
            name: string;
            bytes: number;
            audio: boolean;
            warnings: string[];
          };
        }
        if (entry.size > MAX_BYTE_TAPE) {
          throw new ServiceError(
            'bad-request',
            `${entry.name} is neither a recording we can decode nor a tape of bytes (it has ${entry.size} bytes).`,
          );
        }
        const bytes = new Uint8Array(await readFile(entry.path));
        await this.#call({ kind: 'tapePlayBytes', name: entry.name, bytes, speed });
        return { name: entry.name, bytes: bytes.length, audio: false, warnings: [] };
      },
      'machine.tapeStop': async () => (await this.#call({ kind: 'tapeStop' })) as MachineStatus,
      'machine.tapeRecord': async ({ action }) => {
        if (action === 'start') {
          this.#tapeDeckOnly();
          const name = `superboard-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}.wav`;
          const file = this.#options.temp.file('recording', name);
          try {
            await this.#call({ kind: 'tapeRecordStart', path: file });
          } catch (error) {
            await this.#options.temp.remove(file);
            throw error;
          }
          this.#recordingName = name;
          return { file: null, bytes: 0 };
        }
        const done = (await this.#call({ kind: 'tapeRecordStop' })) as { path: string; bytes: number };
        const name = this.#recordingName ?? path.basename(done.path);
        return { file: await this.#options.files.register(done.path, name), bytes: done.bytes };
      },
    };
  }

  /** The Memory area's methods: what it shows, access counts, pokes and labels. */
  inspectorHandlers(): SectionHandlers<typeof memoryRequests> {
    const base64 = (array: Uint32Array): string =>
      Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
    return {
      'memory.inspect': async ({ view }) =>
        (await this.#call({ kind: 'inspect', view })) as { recording: boolean },
      'memory.access': async ({ address }) => (await this.#call({ kind: 'access', address })) as AccessInfo,
      'memory.accessMap': async () => {
        const map = (await this.#call({ kind: 'accessMap' })) as Record<
          'reads' | 'writes' | 'executes',
          Uint32Array
        >;
        return { reads: base64(map.reads), writes: base64(map.writes), executes: base64(map.executes) };
      },
      'memory.resetCounts': async () => (await this.#call({ kind: 'resetCounts' })) as { recording: boolean },
      'memory.poke': async ({ address, value }) =>
        (await this.#call({ kind: 'poke', address, value })) as {
          address: number;
          before: number;
          after: number;
        },
      'memory.labels': async () => {
        const status = (await this.#call({ kind: 'status' })) as MachineStatus;
        const lab = this.#choice.monitor === null;
        const syn600 = KNOWN_ROMS.find((rom) => rom.name.startsWith('SYN600'))?.sha1 === status.monitor.sha1;
        const labels: Label[] = builtinLabels(
          lab ? 'lab' : syn600 ? 'syn600' : 'other',
          status.basic !== null,
        );
        if (lab && this.#options.labMonitorSymbols) {
          labels.push(...symbolLabels(await this.#options.labMonitorSymbols()));
        }
        return { romSet: `${status.monitor.sha1}+${status.basic?.sha1 ?? 'no-basic'}`, builtin: labels };
      },
    };
  }

  async #configure(choice: RomChoice): Promise<MachineStatus> {
    const monitor = choice.monitor ?? { bytes: await this.#options.labMonitor(), source: LAB_MONITOR_SOURCE };
    const config: MachineConfig = { monitor, basic: choice.basic, ramKb: this.#ramKb };
    const status = (await this.#call({ kind: 'configure', config })) as MachineStatus;
    this.#choice = choice;
    return status;
  }

  #spawn(): void {
    const worker = new Worker(this.#options.workerUrl);
    this.#answered = false;
    worker.on('message', (message: EmulatorMessage) => this.#receive(message));
    worker.on('error', (error) => this.#options.log?.('the emulator worker failed', error));
    worker.on('exit', (code) => {
      for (const pending of this.#pending.values())
        pending.reject(new ServiceError('failed', 'The emulator stopped.'));
      this.#pending.clear();
      if (this.#worker === worker) this.#worker = null;
      if (this.#stopping) return;
      const now = Date.now();
      this.#restarts = [...this.#restarts.filter((t) => now - t < 60_000), now];
      if (this.#restarts.length > 3) {
        this.#options.log?.(`the emulator worker exited with code ${code} again; not restarting it`);
        return;
      }
      this.#options.log?.(`the emulator worker exited with code ${code}; restarting it`);
      this.#spawn();
      void this.#configure(this.#choice)
        .then(() => (this.#serialWired ? this.wireSerial(true) : undefined))
        .catch((error: unknown) => this.#options.log?.('restart failed', error));
    });
    this.#worker = worker;
  }

  #receive(message: EmulatorMessage): void {
    if (message.kind === 'reply') {
      this.#answered = true;
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.ok) pending?.resolve(message.value);
      else pending?.reject(new ServiceError('failed', message.error));
    } else if (message.kind === 'snapshot') {
      const { cycles, heat, ranges, io } = message.snapshot;
      const base64 = (bytes: Uint8Array): string =>
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
      this.#options.events.emit('memory.snapshot', {
        cycles,
        heat: heat ? base64(heat) : null,
        ranges: ranges.map((r) => ({ start: r.start, bytes: base64(r.bytes) })),
        io,
      });
    } else if (message.kind === 'serial') {
      for (const listener of this.#serialListeners) listener(message.bytes);
    } else if (message.kind === 'frame') {
      const video = Buffer.from(message.video.buffer, message.video.byteOffset, message.video.byteLength);
      this.#options.events.emit('machine.frame', { frame: message.frame, video: video.toString('base64') });
    } else {
      this.#lastStatus = message.status;
      this.#options.events.emit('machine.status', message.status);
    }
  }

  /**
   * Sends one command and waits for its reply. A worker that does not answer in time is hung (a runaway
   * loop never yields to messages): it is terminated, which fails every call waiting on it and restarts it.
   */
  #call(command: EmulatorCommand): Promise<unknown> {
    const worker = this.#worker;
    if (!worker) return Promise.reject(new ServiceError('failed', 'The emulator is not running.'));
    const id = this.#nextId++;
    const timeout = Math.max(
      this.#answered ? 0 : STARTING_CALL_TIMEOUT_MS,
      command.kind === 'tapePlayAudio' ? DECODE_CALL_TIMEOUT_MS : 0,
      this.#options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
    );
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (!this.#pending.delete(id)) return;
        const seconds = Math.round(timeout / 100) / 10;
        this.#options.log?.(
          `the emulator worker did not answer '${command.kind}' in ${seconds} s; restarting it`,
        );
        reject(
          new ServiceError(
            'failed',
            `The emulator did not answer in ${seconds} s and was restarted with the same ROMs and RAM.`,
          ),
        );
        void worker.terminate();
      }, timeout);
      const settle = (): void => clearTimeout(timer);
      this.#pending.set(id, {
        resolve: (value) => (settle(), resolve(value)),
        reject: (error) => (settle(), reject(error)),
      });
      worker.postMessage({ ...command, id });
    });
  }
}
