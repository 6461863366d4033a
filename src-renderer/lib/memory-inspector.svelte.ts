import type {
  AccessInfo,
  EventPayload,
  InspectView,
  IoSnapshot,
  MachineStatus,
} from '../../src-main/ipc/contract.ts';
import { MAX_SNAPSHOT_BYTES } from '../../src-main/ipc/contract.ts';
import { parseAddressInput } from '../../src-main/core/inspector/address.ts';
import { HeatmapFader } from '../../src-main/core/inspector/heatmap.ts';
import {
  LabelTable,
  formatLabelFile,
  isLabelName,
  parseLabelFile,
  type Label,
} from '../../src-main/core/inspector/labels.ts';
import {
  findBytes,
  formatAccessMap,
  formatHexDump,
  parseSearch,
} from '../../src-main/core/inspector/memory-search.ts';
import { memoryRegions, type Region } from '../../src-main/core/inspector/memory-map.ts';
import type { IpcClient } from './ipc-client.ts';
import { downloadBlob } from './download.ts';
import { decodeBase64, type MachineView } from './machine-view.svelte.ts';
import { hex2 } from './tape-text.ts';

export type MemoryTab = 'map' | 'heatmap' | 'hex' | 'disassembly' | 'cpu' | 'basic';

export const HEX_COLUMNS = 16;
/** Bytes around the disassembly's address that each snapshot carries. */
const DISASSEMBLY_BEFORE = 48;
const DISASSEMBLY_BYTES = 160;

export { decodeBase64 } from './machine-view.svelte.ts';
export { hex2 } from './tape-text.ts';

/** Four hex digits without the $ (the views place it themselves). */
export function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

interface Poke {
  address: number;
  before: number;
}

/**
 * The Memory area's state: which view shows, what it asks the worker for (sent as `memory.inspect` whenever
 * it changes), the snapshots that come back, labels, and the actions (poke, undo, find, who wrote this).
 */
export class MemoryInspector {
  readonly #client: IpcClient;
  readonly #machine: MachineView;
  readonly #say: (kind: 'info' | 'error', text: string) => void;

  tab = $state<MemoryTab>('map');
  /** Whether the Memory area can be seen (not hidden behind another maximized area). */
  visible = $state(true);
  /** Count accesses (the machine runs its slower recording loop while on). */
  recording = $state(false);

  hexStart = $state(0xd000);
  hexRows = $state(16);
  /** Keep the PC's row in the hex view. */
  hexFollowPc = $state(false);
  /** The byte selected in the hex view, the heatmap or the map. */
  selected = $state<number | null>(null);
  disassemblyAddress = $state(0xff00);
  followPc = $state(true);
  /** The disassembly line to highlight (who wrote this, run to). */
  markedLine = $state<number | null>(null);

  hexBytes = $state.raw<Uint8Array | null>(null);
  /** performance.now() when each shown byte last changed, for the flash. */
  hexChanged = $state.raw(new Float64Array(0));
  disassemblyBytes = $state.raw<{ start: number; bytes: Uint8Array } | null>(null);
  io = $state.raw<IoSnapshot | null>(null);
  /** Bumped on every heatmap update so canvases redraw. */
  heatVersion = $state(0);
  readonly heat = new HeatmapFader();
  #lastHeat = 0;
  #sentView = '';

  hover = $state.raw<AccessInfo | null>(null);
  #pokes: Poke[] = $state([]);
  readonly canUndo = $derived(this.#pokes.length > 0);

  romSet = $state<string | null>(null);
  builtinLabels = $state.raw<Label[]>([]);
  userLabelText = $state('');
  readonly userLabels = $derived(parseLabelFile(this.userLabelText).labels);
  readonly labels = $derived(new LabelTable(this.userLabels, this.builtinLabels));

  constructor(client: IpcClient, machine: MachineView, say: (kind: 'info' | 'error', text: string) => void) {
    this.#client = client;
    this.#machine = machine;
    this.#say = say;
  }

  get status(): MachineStatus | null {
    return this.#machine.status;
  }

  // The map's regions follow these three alone, not every status the machine sends (a few a second), so
  // what is drawn from them is not redrawn for nothing.
  readonly #ramKb = $derived.by(() => this.#machine.status?.ramKb ?? 8);
  readonly #monitorName = $derived.by(() => this.#machine.status?.monitor.name ?? 'monitor');
  readonly #basicName = $derived.by(() => this.#machine.status?.basic?.name ?? null);
  readonly regions = $derived.by((): Region[] =>
    memoryRegions({ ramKb: this.#ramKb, monitor: this.#monitorName, basic: this.#basicName }),
  );

  /** The address the disassembly is shown around. */
  readonly disassemblyAt = $derived.by(() =>
    this.followPc && this.#machine.status ? this.#machine.status.pc : this.disassemblyAddress,
  );

  /** Exactly what the visible tab needs from the worker, or null when nothing is shown. */
  readonly view = $derived.by((): InspectView | null => {
    if (!this.visible) return null;
    const ranges: InspectView['ranges'] = [];
    const tab = this.tab;
    if (tab === 'hex') {
      const length = Math.min(this.hexRows * HEX_COLUMNS, MAX_SNAPSHOT_BYTES, 0x10000 - this.hexStart);
      ranges.push({ start: this.hexStart, length: Math.max(1, length) });
    }
    if (tab === 'disassembly') {
      const start = Math.max(0, this.disassemblyAt - DISASSEMBLY_BEFORE);
      ranges.push({ start, length: Math.min(DISASSEMBLY_BYTES, 0x10000 - start) });
    }
    return {
      recording: this.recording,
      heatmap: this.recording && (tab === 'heatmap' || tab === 'map'),
      io: tab === 'cpu' || tab === 'disassembly',
      ranges,
    };
  });

  start(): void {
    this.#client.on('memory.snapshot', (snapshot) => this.#receive(snapshot));
  }

  /** Tells the worker what the area now shows (called from an $effect on `view`). */
  async sendView(view: InspectView | null): Promise<void> {
    const key = JSON.stringify(view);
    if (key === this.#sentView) return;
    this.#sentView = key;
    try {
      await this.#client.request('memory.inspect', { view });
    } catch (error) {
      this.#say('error', error instanceof Error ? error.message : String(error));
    }
  }

  #receive(snapshot: EventPayload<'memory.snapshot'>): void {
    const now = performance.now();
    if (snapshot.heat) {
      this.heat.apply(decodeBase64(snapshot.heat), this.#lastHeat === 0 ? 0 : now - this.#lastHeat);
      this.#lastHeat = now;
      this.heatVersion++;
    }
    if (snapshot.io) this.io = snapshot.io;
    for (const range of snapshot.ranges) {
      const bytes = decodeBase64(range.bytes);
      if (this.tab === 'hex' && range.start === this.hexStart) this.#takeHex(bytes, now);
      else this.disassemblyBytes = { start: range.start, bytes };
    }
  }

  #takeHex(bytes: Uint8Array, now: number): void {
    const previous = this.hexBytes;
    const changed =
      this.hexChanged.length === bytes.length ? this.hexChanged.slice() : new Float64Array(bytes.length);
    if (previous && previous.length === bytes.length && this.hexChanged.length === bytes.length) {
      for (let i = 0; i < bytes.length; i++) if (bytes[i] !== previous[i]) changed[i] = now;
    }
    this.hexChanged = changed;
    this.hexBytes = bytes;
  }

  /** Fades the heatmap further when no snapshot came (paused machine) so it still goes dark. */
  fadeIdle(): void {
    const now = performance.now();
    if (this.#lastHeat === 0 || now - this.#lastHeat < 100) return;
    this.heat.apply(new Uint8Array(3 * 0x2000), now - this.#lastHeat);
    this.#lastHeat = now;
    this.heatVersion++;
  }

  setRecording(on: boolean): void {
    this.recording = on;
    if (!on) {
      this.heat.clear();
      this.#lastHeat = 0;
      this.heatVersion++;
    }
  }

  async resetCounts(): Promise<void> {
    try {
      await this.#client.request('memory.resetCounts');
      this.heat.clear();
      this.heatVersion++;
      this.hover = null;
      this.#say('info', 'Access counts reset.');
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    this.#say('error', error instanceof Error ? error.message : String(error));
  }

  /** Reads an address the user typed; says what is wrong and returns null when it is not one. */
  address(text: string): number | null {
    const result = parseAddressInput(text, this.labels);
    if (!result.ok) {
      this.#say('error', result.error);
      return null;
    }
    return result.address;
  }

  /** Shows `address` in the hex view, selected. */
  openHex(address: number): void {
    this.selected = address & 0xffff;
    this.hexStart = Math.max(0, Math.min(address & 0xfff0, 0x10000 - this.hexRows * HEX_COLUMNS)) & 0xfff0;
    this.hexBytes = null;
    this.tab = 'hex';
  }

  openDisassembly(address: number, mark = true): void {
    this.followPc = false;
    this.disassemblyAddress = address & 0xffff;
    this.markedLine = mark ? address & 0xffff : null;
    this.disassemblyBytes = null;
    this.tab = 'disassembly';
  }

  /** Scrolls the hex view so `address` is on screen (no change when it already is). */
  showInHex(address: number): void {
    const span = this.hexRows * HEX_COLUMNS;
    if (address >= this.hexStart && address < this.hexStart + span) return;
    this.hexStart = Math.max(0, Math.min(address & 0xfff0, 0x10000 - span)) & 0xfff0;
  }

  scrollHex(rows: number): void {
    const max = 0x10000 - this.hexRows * HEX_COLUMNS;
    this.hexStart = Math.max(0, Math.min(max, this.hexStart + rows * HEX_COLUMNS)) & 0xfff0;
  }

  async inspectByte(address: number): Promise<AccessInfo | null> {
    try {
      const info = await this.#client.request('memory.access', { address });
      this.hover = info;
      return info;
    } catch (error) {
      this.#fail(error);
      return null;
    }
  }

  /** Jumps to the instruction that last wrote `address` (needs recording). */
  whoWrote(address: number): Promise<void> {
    return this.#whoLast(address, 'written', (info) => info.lastWriterPc);
  }

  /** Jumps to the instruction that last read `address` (needs recording). */
  whoRead(address: number): Promise<void> {
    return this.#whoLast(address, 'read', (info) => info.lastReaderPc);
  }

  async #whoLast(address: number, verb: string, pcOf: (info: AccessInfo) => number | null): Promise<void> {
    const info = await this.inspectByte(address);
    if (!info) return;
    const pc = pcOf(info);
    if (pc === null) {
      this.#say(
        'error',
        info.recording
          ? `Nothing has ${verb} $${hex4(address)} since recording started.`
          : `Turn on "Record accesses" first: the last instruction to have ${verb} a byte is known only while recording.`,
      );
      return;
    }
    this.openDisassembly(pc);
    this.#say('info', `$${hex4(address)} was last ${verb} by the instruction at $${hex4(pc)}.`);
  }

  async poke(address: number, value: number): Promise<void> {
    try {
      const result = await this.#client.request('memory.poke', { address, value });
      this.#pokes = [...this.#pokes, { address, before: result.before }];
      if (result.after !== value) {
        this.#say(
          'info',
          `$${hex4(address)} did not take $${hex2(value)}: it reads $${hex2(result.after)} (ROM or I/O).`,
        );
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  async undo(): Promise<void> {
    const last = this.#pokes.at(-1);
    if (!last) return;
    try {
      await this.#client.request('memory.poke', { address: last.address, value: last.before });
      this.#pokes = this.#pokes.slice(0, -1);
      this.#say('info', `Put $${hex2(last.before)} back at $${hex4(last.address)}.`);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Finds bytes, "text" or w:$1234 after the selected byte; shows the match in the hex view. */
  async find(query: string): Promise<void> {
    const pattern = parseSearch(query);
    if (!pattern.ok) {
      this.#say('error', pattern.error);
      return;
    }
    try {
      const { bytes } = await this.#client.request('machine.peek', { start: 0, length: 0x10000 });
      const from = ((this.selected ?? this.hexStart - 1) + 1) & 0xffff;
      const at = findBytes(decodeBase64(bytes), pattern.bytes, from);
      if (at < 0) this.#say('info', `Did not find ${pattern.what}.`);
      else {
        this.openHex(at);
        this.#say('info', `Found ${pattern.what} at $${hex4(at)}.`);
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  async toggleBreakpoint(address: number): Promise<void> {
    const list = this.#machine.status?.breakpoints ?? [];
    await this.#machine.setBreakpoints(
      list.includes(address) ? list.filter((a) => a !== address) : [...list, address],
    );
  }

  async watch(address: number, kind: 'read' | 'write' | 'access'): Promise<void> {
    const list = (this.#machine.status?.watchpoints ?? []).filter((w) => w.address !== address);
    await this.#machine.setWatchpoints([...list, { address, kind }]);
    this.#say(
      'info',
      `Watching ${kind === 'access' ? 'reads and writes' : `${kind}s`} of $${hex4(address)}.`,
    );
  }

  /** Step over: a JSR runs until it returns; anything else is one step. */
  async stepOver(): Promise<void> {
    const pc = this.#machine.status?.pc;
    if (pc === undefined) return;
    const { bytes } = await this.#client.request('machine.peek', { start: pc, length: 1 });
    if (decodeBase64(bytes)[0] === 0x20) await this.#machine.runTo((pc + 3) & 0xffff);
    else await this.#machine.control('step');
    this.followPc = true;
  }

  // ---- Labels ----

  async loadLabels(userLabels: Record<string, string>): Promise<void> {
    try {
      const { romSet, builtin } = await this.#client.request('memory.labels');
      this.romSet = romSet;
      this.builtinLabels = builtin;
      this.userLabelText = userLabels[romSet] ?? '';
    } catch (error) {
      this.#fail(error);
    }
  }

  /** The user labels after adding `name` at `address`, or an error message. */
  addLabel(address: number, name: string): string | { error: string } {
    const trimmed = name.trim().replace(/^\./, '');
    if (!isLabelName(trimmed)) return { error: `"${trimmed}" is not a label name: letters, digits and _.` };
    const others = this.userLabels.filter((l) => l.name !== trimmed);
    return formatLabelFile([...others, { address, name: trimmed }]);
  }

  /** Merges a VICE label file into the user labels; reports lines it could not read. */
  importLabels(text: string): string | { error: string } {
    const { labels, errors } = parseLabelFile(text);
    if (labels.length === 0) {
      return { error: `No labels in that file${errors.length ? `: ${errors.slice(0, 3).join('; ')}` : '.'}` };
    }
    const names = labels.map((l) => l.name);
    const merged = formatLabelFile([...this.userLabels.filter((l) => !names.includes(l.name)), ...labels]);
    this.#say(
      errors.length ? 'error' : 'info',
      `Imported ${labels.length} labels${errors.length ? `; skipped ${errors.length} lines (${errors[0]})` : ''}.`,
    );
    return merged;
  }

  // ---- Exports ----

  async accessMap(): Promise<{ reads: Uint32Array; writes: Uint32Array; executes: Uint32Array } | null> {
    try {
      const map = await this.#client.request('memory.accessMap');
      const words = (text: string): Uint32Array => new Uint32Array(decodeBase64(text).buffer);
      return { reads: words(map.reads), writes: words(map.writes), executes: words(map.executes) };
    } catch (error) {
      this.#fail(error);
      return null;
    }
  }

  async exportAccessText(): Promise<void> {
    const map = await this.accessMap();
    if (map) downloadBlob('access-map.txt', new Blob([formatAccessMap(map.reads, map.writes, map.executes)]));
  }

  async exportHexDump(start: number, end: number): Promise<void> {
    if (end < start) {
      this.#say('error', `The range ends ($${hex4(end)}) before it starts ($${hex4(start)}).`);
      return;
    }
    try {
      const { bytes } = await this.#client.request('machine.peek', { start, length: end - start + 1 });
      downloadBlob(
        `memory-${hex4(start)}-${hex4(end)}.txt`,
        new Blob([formatHexDump(start, decodeBase64(bytes))]),
      );
    } catch (error) {
      this.#fail(error);
    }
  }
}
