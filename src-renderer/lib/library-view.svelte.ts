import type {
  FileRef,
  LibraryExportFormat,
  LibraryImportEntry,
  LibraryInfo,
  LibraryListQuery,
  LibraryTape,
  LibraryTapeDetail,
  RequestInput,
  RequestOutput,
} from '../../src-main/ipc/contract.ts';
import { TAPE_EXPORT_PATH } from '../../src-main/ipc/contract.ts';
import { downloadUrl } from './download.ts';
import type { IpcClient } from './ipc-client.ts';
import { pickFiles } from './pick-file.ts';

/** Rows fetched per request while scrolling the list. */
export const PAGE = 100;
/** Files uploaded, then imported, at a time in the browser host (the host keeps 16 uploads at once). */
const UPLOAD_BATCH = 8;

export interface ImportState {
  importId: string | null;
  phase: 'uploading' | 'importing' | 'done';
  done: number;
  total: number;
  current: string | null;
  entries: LibraryImportEntry[];
  cancelled: boolean;
}

export type Comparison = RequestOutput<'library.compare'> & { a: number; b: number };

interface Hooks {
  say: (text: string) => void;
  fail: (error: unknown) => void;
  /** Opens a registered file in the Waveform area and brings samples [start, end) into view. */
  openInWaveform: (file: FileRef, focus: { start: number; end: number } | null) => Promise<void>;
}

interface ImportOptions {
  tapeId?: number;
  origin?: 'imported' | 'emulator' | 'line-in';
}

/** The Library area's state: the catalogue list (fetched a page at a time), the chosen tape, imports. */
export class LibraryView {
  readonly #client: IpcClient;
  readonly #hooks: Hooks;
  info = $state<LibraryInfo | null>(null);
  query = $state<LibraryListQuery>({ sort: 'modified' });
  total = $state(0);
  /** Fetched rows by index; a sparse window over the whole list. */
  rows = $state.raw<Readonly<Record<number, LibraryTape>>>({});
  selectedId = $state<number | null>(null);
  /** The chosen tape's details; null while they load (never another tape's in the meantime). */
  detail = $state<LibraryTapeDetail | null>(null);
  /** The tape clicked whose details are on their way, with its title from the list; null once they are in. */
  loading = $state<{ id: number; title: string } | null>(null);
  importing = $state<ImportState | null>(null);
  chosenTakes = $state<number[]>([]);
  comparison = $state.raw<Comparison | null>(null);
  trash = $state.raw<RequestOutput<'library.trashList'>['items']>([]);
  /** What the last trash action moved, for Undo. */
  lastTrashed = $state<{ kind: 'tape' | 'take'; id: number; title: string } | null>(null);
  #generation = 0;
  /** Counts the choices of a tape: a reply for an earlier choice is dropped rather than shown. */
  #choice = 0;
  /** Pages asked for since the last refresh. */
  #pages: Record<number, true> = {};
  #cancelUpload = false;
  /** Files before the running batch, for the progress bar. */
  #offset = 0;
  /** Imports waiting for their report, by import id. */
  readonly #waiting: Record<string, (done: { cancelled: boolean; entries: LibraryImportEntry[] }) => void> =
    {};

  constructor(client: IpcClient, hooks: Hooks) {
    this.#client = client;
    this.#hooks = hooks;
    client.on('library.changed', () => void this.refresh());
    client.on('library.importProgress', (event) => {
      if (!this.importing || this.importing.importId !== event.importId) return;
      this.importing = {
        ...this.importing,
        phase: 'importing',
        done: this.#offset + event.done,
        current: event.current,
      };
    });
    client.on('library.importDone', (event) => {
      this.#waiting[event.importId]?.(event);
      delete this.#waiting[event.importId];
    });
  }

  async start(): Promise<void> {
    try {
      this.info = await this.#client.request('library.info');
      await this.refresh();
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  get needsFileInput(): boolean {
    return this.#client.upload !== undefined;
  }

  /** Drops the fetched rows and fetches the first page again (after a change or a new query). */
  async refresh(): Promise<void> {
    this.#generation++;
    this.#pages = {};
    await this.ensureRows(0, PAGE);
    const shown = this.detail;
    if (shown) {
      const choice = this.#choice;
      try {
        const detail = await this.#client.request('library.tape', { tapeId: shown.id });
        if (choice === this.#choice) this.detail = detail;
      } catch {
        if (choice === this.#choice) this.#clearChoice();
      }
    }
  }

  setQuery(patch: Partial<LibraryListQuery>): void {
    const next: LibraryListQuery = { ...this.query, ...patch };
    for (const key of Object.keys(next) as (keyof LibraryListQuery)[]) {
      if (next[key] === undefined || next[key] === '') delete next[key];
    }
    this.query = next;
    void this.refresh();
  }

  /**
   * Keeps the tapes added (or changed) between two days, both included, as `YYYY-MM-DD` in local time (what a
   * date input gives); an empty day leaves that side open.
   */
  setDateRange(dateOf: 'created' | 'modified', fromDay: string, toDay: string): void {
    this.setQuery({ dateOf, from: dayStart(fromDay, 0), to: dayStart(toDay, 1) });
  }

  /** Whether anything narrows the list (so an empty list is not an empty library). */
  get filtered(): boolean {
    const { search, origin, kind, errors, from, to } = this.query;
    return [search, origin, kind, errors, from, to].some((value) => value !== undefined);
  }

  /** Fetches the pages covering rows [from, from + count) that are not fetched yet. */
  async ensureRows(from: number, count: number): Promise<void> {
    const generation = this.#generation;
    const first = Math.floor(Math.max(0, from) / PAGE);
    const last = Math.floor(Math.max(0, from + count - 1) / PAGE);
    const wanted: number[] = [];
    for (let page = first; page <= last; page++) {
      if (!this.#pages[page] && (page === 0 || page * PAGE < this.total)) wanted.push(page);
    }
    if (wanted.length === 0) return;
    for (const page of wanted) this.#pages[page] = true;
    try {
      const results = await Promise.all(
        wanted.map((page) =>
          this.#client.request('library.list', {
            ...$state.snapshot(this.query),
            offset: page * PAGE,
            limit: PAGE,
          }),
        ),
      );
      if (generation !== this.#generation) return;
      const rows: Record<number, LibraryTape> = wanted.includes(0) ? {} : { ...this.rows };
      results.forEach((result, i) => {
        const offset = (wanted[i] ?? 0) * PAGE;
        result.items.forEach((item, k) => (rows[offset + k] = item));
        this.total = result.total;
      });
      this.rows = rows;
    } catch (error) {
      for (const page of wanted) delete this.#pages[page];
      this.#hooks.fail(error);
    }
  }

  /**
   * Chooses a tape. Until its details are in, the pane shows `title` (the list's, else the one known) and
   * "loading…" with nothing to act on, never the tape shown before; a reply for an earlier choice is dropped.
   */
  async select(tapeId: number, title?: string): Promise<void> {
    const choice = ++this.#choice;
    this.selectedId = tapeId;
    this.comparison = null;
    this.chosenTakes = [];
    if (this.detail?.id !== tapeId) {
      this.detail = null;
      this.loading = { id: tapeId, title: title ?? this.#titleOf(tapeId) };
    }
    try {
      const detail = await this.#client.request('library.tape', { tapeId });
      if (choice === this.#choice) this.detail = detail;
    } catch (error) {
      if (choice !== this.#choice) return;
      this.#clearChoice();
      this.#hooks.fail(error);
    } finally {
      if (choice === this.#choice) this.loading = null;
    }
  }

  /** The title the fetched list rows give a tape, else a name made of its id. */
  #titleOf(tapeId: number): string {
    return Object.values(this.rows).find((row) => row.id === tapeId)?.title ?? `Tape ${tapeId}`;
  }

  /** No tape chosen; any reply on its way for an earlier choice is dropped. */
  #clearChoice(): void {
    this.#choice++;
    this.selectedId = null;
    this.detail = null;
    this.loading = null;
  }

  /** Edits the tape the pane shows. */
  async update(patch: Omit<RequestInput<'library.update'>, 'tapeId'>): Promise<void> {
    const tapeId = this.detail?.id;
    if (tapeId === undefined) return;
    const choice = this.#choice;
    try {
      const detail = await this.#client.request('library.update', { tapeId, ...patch });
      if (choice === this.#choice) this.detail = detail;
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  /**
   * Imports files: in the browser host those the user chose or dropped, uploaded and imported a batch at a
   * time (uploads are temporary files, kept a few at once); in Electron the ones picked in the native dialog.
   * `tapeId` adds them as takes of that tape.
   */
  async import(
    chosen: readonly File[] | null,
    { folders = false, ...options }: ImportOptions & { folders?: boolean } = {},
  ): Promise<void> {
    this.#cancelUpload = false;
    this.#offset = 0;
    const entries: LibraryImportEntry[] = [];
    let cancelled = false;
    const state = (patch: Partial<ImportState>): void => {
      this.importing = { ...(this.importing as ImportState), ...patch };
    };
    this.importing = {
      importId: null,
      phase: 'uploading',
      done: 0,
      total: chosen?.length ?? 0,
      current: null,
      entries: [],
      cancelled: false,
    };
    try {
      if (chosen === null || !this.#client.upload) {
        const refs = await pickFiles(this.#client, 'any', { multiple: true, folders });
        if (refs.length === 0) {
          this.importing = null;
          return;
        }
        state({ phase: 'importing', total: refs.length });
        const done = await this.#importBatch(refs, options);
        entries.push(...done.entries);
        cancelled = done.cancelled;
      } else {
        for (let at = 0; at < chosen.length && !this.#cancelUpload; at += UPLOAD_BATCH) {
          this.#offset = at;
          const refs: FileRef[] = [];
          for (const file of chosen.slice(at, at + UPLOAD_BATCH)) {
            if (this.#cancelUpload) break;
            state({ phase: 'uploading', current: file.name });
            refs.push(...(await pickFiles(this.#client, 'tape', { chosen: [file] })));
          }
          if (refs.length === 0) break;
          const done = await this.#importBatch(refs, options);
          entries.push(...done.entries);
          if (done.cancelled) break;
        }
        cancelled = this.#cancelUpload;
      }
    } catch (error) {
      this.#hooks.fail(error);
    }
    state({ phase: 'done', done: this.importing?.total ?? 0, current: null, entries, cancelled });
    const count = (status: string): number => entries.filter((e) => e.status === status).length;
    this.#hooks.say(
      `Import ${cancelled ? 'cancelled' : 'done'}: ${count('imported')} imported, ${count('skipped')} skipped, ${count('failed')} failed.`,
    );
    const first = entries.find((e) => e.status === 'imported');
    if (options.tapeId !== undefined) void this.select(options.tapeId);
    else if (first?.tapeId) void this.select(first.tapeId);
  }

  /** One library.import of registered files; resolves with its report. */
  async #importBatch(
    refs: readonly FileRef[],
    options: ImportOptions,
  ): Promise<{ cancelled: boolean; entries: LibraryImportEntry[] }> {
    const { importId } = await this.#client.request('library.import', {
      fileIds: refs.map((r) => r.fileId),
      ...options,
    });
    this.importing = { ...(this.importing as ImportState), importId, phase: 'importing' };
    return new Promise((resolve) => (this.#waiting[importId] = resolve));
  }

  async cancelImport(): Promise<void> {
    this.#cancelUpload = true;
    const importId = this.importing?.importId;
    if (importId) await this.#client.request('library.cancelImport', { importId }).catch(() => {});
  }

  /** Keeps a file the app made or opened (a recording from the Record button, the Waveform's tape). */
  async keep(file: FileRef, origin: 'emulator' | 'imported' | 'line-in'): Promise<void> {
    this.#offset = 0;
    this.importing = {
      importId: null,
      phase: 'importing',
      done: 0,
      total: 1,
      current: file.name,
      entries: [],
      cancelled: false,
    };
    try {
      const done = await this.#importBatch([file], { origin });
      this.importing = { ...this.importing, phase: 'done', done: 1, current: null, ...done };
      const entry = done.entries[0];
      this.#hooks.say(
        entry?.status === 'imported'
          ? `Kept ${file.name} in the library.`
          : `${file.name}: ${entry?.reason ?? 'not kept'}.`,
      );
      if (entry?.tapeId) void this.select(entry.tapeId);
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  async trashItem(kind: 'tape' | 'take', id: number, title: string): Promise<void> {
    try {
      await this.#client.request('library.trash', { kind, id });
      this.lastTrashed = { kind, id, title };
      if (kind === 'tape' && this.selectedId === id) this.#clearChoice();
      this.#hooks.say(`Moved ${title} to the trash.`);
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  async undoTrash(): Promise<void> {
    const last = this.lastTrashed;
    if (!last) return;
    try {
      await this.#client.request('library.restore', { kind: last.kind, id: last.id });
      this.lastTrashed = null;
      this.#hooks.say(`Restored ${last.title}.`);
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  async loadTrash(): Promise<void> {
    this.trash = (await this.#client.request('library.trashList')).items;
  }

  async restore(kind: 'tape' | 'take', id: number): Promise<void> {
    await this.#client
      .request('library.restore', { kind, id })
      .catch((error: unknown) => this.#hooks.fail(error));
    await this.loadTrash();
  }

  async emptyTrash(): Promise<void> {
    try {
      const { removed } = await this.#client.request('library.emptyTrash');
      this.lastTrashed = null;
      this.#hooks.say(`Emptied the trash: ${removed} item${removed === 1 ? '' : 's'} deleted for good.`);
      await this.loadTrash();
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  toggleTake(takeId: number): void {
    this.chosenTakes = this.chosenTakes.includes(takeId)
      ? this.chosenTakes.filter((id) => id !== takeId)
      : [...this.chosenTakes, takeId];
    this.comparison = null;
  }

  async compare(): Promise<void> {
    const [a, b] = this.chosenTakes;
    if (a === undefined || b === undefined) return;
    try {
      this.comparison = { ...(await this.#client.request('library.compare', { a, b })), a, b };
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  async merge(): Promise<void> {
    try {
      const result = await this.#client.request('library.merge', { takeIds: this.chosenTakes });
      this.#hooks.say(
        `Merged ${this.chosenTakes.length} takes into take ${result.takeId}: ${result.decided} places decided by vote, ${result.weak} still weak.`,
      );
      this.chosenTakes = [];
      this.comparison = null;
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  async setBest(takeId: number): Promise<void> {
    await this.update({ bestTakeId: takeId });
  }

  async openInWaveform(takeId: number, focus: { start: number; end: number } | null): Promise<void> {
    try {
      const ref = await this.#client.request('library.openTake', { takeId });
      await this.#hooks.openInWaveform(ref, focus);
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  async loadIntoDeck(takeId: number, fast: boolean): Promise<void> {
    try {
      const loaded = await this.#client.request('library.loadIntoDeck', {
        takeId,
        speed: fast ? 'fast' : 'tape',
      });
      this.#hooks.say(
        `${loaded.name} (${loaded.bytes} bytes) is in the tape deck: type L in the monitor, or LOAD in BASIC.`,
      );
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  async export(takeId: number, format: LibraryExportFormat): Promise<void> {
    try {
      const result = await this.#client.request('library.export', { takeId, format });
      if (result.download) {
        downloadUrl(this.#client.hostUrl(`${TAPE_EXPORT_PATH}${result.download.fileId}`), result.fileName);
        this.#hooks.say(`Exported ${result.fileName} (${result.bytes} bytes).`);
      } else if (result.savedAs) this.#hooks.say(`Saved ${result.savedAs} (${result.bytes} bytes).`);
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  async openFolder(folder: string | null, startFresh = false): Promise<void> {
    try {
      this.info = await this.#client.request('library.open', {
        folder,
        ...(startFresh ? { startFresh } : {}),
      });
      this.#clearChoice();
      await this.refresh();
    } catch (error) {
      this.#hooks.fail(error);
    }
  }

  async resolveOrphan(relative: string, action: 'reattach' | 'remove'): Promise<void> {
    try {
      await this.#client.request('library.resolveOrphan', { path: relative, action });
      this.info = await this.#client.request('library.info');
    } catch (error) {
      this.#hooks.fail(error);
    }
  }
}

/** Local midnight of a `YYYY-MM-DD` day plus `days`, in ms since 1970; undefined for an empty or bad day. */
function dayStart(day: string, days: number): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).getTime();
}
