import type { FilePurpose, FileRef, MachineSpeed, MachineStatus } from '../../src-main/ipc/contract.ts';
import { parseFontText } from '../../src-main/core/formats/font-text.ts';
import labFont from '../../resources/font/lab-font.txt?raw';
import type { IpcClient } from './ipc-client.ts';
import { downloadBlob } from './download.ts';
import { pickFiles } from './pick-file.ts';

/** Our own font, parsed once: 8 bytes per character code. */
export const LAB_GLYPHS = parseFontText(labFont);

export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Parses "0300", "$0300" or "0x300" as a 16-bit address; null when it is not one. */
export function parseAddress(text: string): number | null {
  const digits = text.trim().replace(/^(\$|0x)/i, '');
  if (!/^[0-9a-f]{1,4}$/i.test(digits)) return null;
  return parseInt(digits, 16);
}

export const hex4 = (n: number): string => `$${n.toString(16).toUpperCase().padStart(4, '0')}`;

/** Where each of four 2K BASIC parts goes, in order. */
export const BASIC_PART_ADDRESSES = [0xa000, 0xa800, 0xb000, 0xb800] as const;

export type MonitorDraft = { kind: 'current' } | { kind: 'lab' } | { kind: 'file'; file: FileRef };
export type BasicDraft = { kind: 'current' } | { kind: 'none' } | { kind: 'files'; files: FileRef[] };

/**
 * A ROM choice being put together in the Machine panel before it is applied: the monitor and BASIC each
 * stay as they are, go back to the default, or come from opened files (BASIC parts in the order shown).
 */
export class RomDraft {
  monitor = $state<MonitorDraft>({ kind: 'current' });
  basic = $state<BasicDraft>({ kind: 'current' });
  readonly changed = $derived(this.monitor.kind !== 'current' || this.basic.kind !== 'current');

  setBasicFiles(files: FileRef[]): void {
    const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    this.basic = { kind: 'files', files: sorted };
  }

  /** Moves BASIC part `index` one place up (-1) or down (+1). */
  move(index: number, by: -1 | 1): void {
    if (this.basic.kind !== 'files') return;
    const files = [...this.basic.files];
    const other = index + by;
    const a = files[index];
    const b = files[other];
    if (a === undefined || b === undefined) return;
    files[index] = b;
    files[other] = a;
    this.basic = { kind: 'files', files };
  }

  reset(): void {
    this.monitor = { kind: 'current' };
    this.basic = { kind: 'current' };
  }
}

/** The Screen area's view of the emulated machine: its latest frame and status, and the controls. */
export class MachineView {
  readonly #client: IpcClient;
  readonly #fail: (error: unknown) => void;
  status = $state<MachineStatus | null>(null);
  video = $state.raw<Uint8Array | null>(null);
  /** Why the machine cannot run, when it cannot (the service reports it on the first request). */
  problem = $state<string | null>(null);
  /** The outcome of the Machine panel's last action, shown in the panel. */
  panelNotice = $state<{ kind: 'info' | 'error'; text: string } | null>(null);
  readonly romDraft = new RomDraft();

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

  /** Runs a Machine panel action, showing its error in the panel (and the status line). */
  async #attempt<T>(call: () => Promise<T>): Promise<T | undefined> {
    this.panelNotice = null;
    try {
      return await call();
    } catch (error) {
      this.panelNotice = { kind: 'error', text: error instanceof Error ? error.message : String(error) };
      this.#fail(error);
      return undefined;
    }
  }

  /** Electron: the native dialog. The browser host uploads the files the user picked. */
  #open(purpose: FilePurpose, multiple: boolean, files?: readonly File[]): Promise<FileRef[]> {
    return pickFiles(this.#client, purpose, { multiple, ...(files ? { chosen: files } : {}) });
  }

  async chooseMonitor(files?: readonly File[]): Promise<void> {
    const [file] = (await this.#attempt(() => this.#open('rom', false, files))) ?? [];
    if (file) this.romDraft.monitor = { kind: 'file', file };
  }

  async chooseBasic(files?: readonly File[]): Promise<void> {
    const chosen = (await this.#attempt(() => this.#open('rom', true, files))) ?? [];
    if (chosen.length > 0) this.romDraft.setBasicFiles(chosen);
  }

  /** Applies the draft ROM choice; a refused choice leaves the machine and the draft as they were. */
  async applyRoms(): Promise<boolean> {
    const { monitor, basic } = this.romDraft;
    const status = await this.#attempt(() =>
      this.#client.request('machine.setRoms', {
        monitor: monitor.kind === 'current' ? 'current' : monitor.kind === 'lab' ? null : monitor.file.fileId,
        basic:
          basic.kind === 'current'
            ? 'current'
            : basic.kind === 'none'
              ? []
              : basic.files.map((f) => f.fileId),
      }),
    );
    if (!status) return false;
    this.status = status;
    this.romDraft.reset();
    this.panelNotice = {
      kind: 'info',
      text: `Now running ${status.monitor.name}${status.basic ? ` with ${status.basic.name}` : ' without BASIC'}.`,
    };
    return true;
  }

  /** Saves the machine state as a download (works in Electron and the browser alike). */
  async saveState(): Promise<void> {
    const saved = await this.#attempt(() => this.#client.request('machine.saveState'));
    if (!saved) return;
    downloadBlob(saved.name, new Blob([saved.text], { type: 'application/json' }));
    this.panelNotice = { kind: 'info', text: `Saved the machine state as ${saved.name}.` };
  }

  async loadState(files?: readonly File[]): Promise<void> {
    const [file] = (await this.#attempt(() => this.#open('state', false, files))) ?? [];
    if (!file) return;
    const status = await this.#attempt(() =>
      this.#client.request('machine.loadState', { fileId: file.fileId }),
    );
    if (!status) return;
    this.status = status;
    this.panelNotice = { kind: 'info', text: `Loaded the machine state from ${file.name}.` };
  }

  async runTo(address: number): Promise<void> {
    const status = await this.#attempt(() => this.#client.request('machine.runTo', { address }));
    if (status) this.status = status;
  }

  async setBreakpoints(addresses: number[]): Promise<void> {
    const status = await this.#attempt(() => this.#client.request('machine.setBreakpoints', { addresses }));
    if (status) this.status = status;
  }

  async setWatchpoints(watchpoints: { address: number; kind: 'read' | 'write' | 'access' }[]): Promise<void> {
    const status = await this.#attempt(() => this.#client.request('machine.setWatchpoints', { watchpoints }));
    if (status) this.status = status;
  }

  /** Shows a problem found before asking the service (e.g. an address that is not hex). */
  complain(text: string): void {
    this.panelNotice = { kind: 'error', text };
  }
}
