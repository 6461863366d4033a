import type {
  TapeAnnotations,
  TapeByteSpan,
  TapeExportKind,
  TapeInfo,
  TapePeaks,
  TapeSummary,
} from '../../src-main/ipc/contract.ts';
import { TAPE_EXPORT_PATH } from '../../src-main/ipc/contract.ts';
import { downloadUrl } from './download.ts';
import type { IpcClient } from './ipc-client.ts';

export interface TapeContent {
  bytes: Uint8Array;
  nulCount: number;
  errorIndices: number[];
  /** Per byte: 0 clean, 1 a low-confidence bit, 2 a framing error. */
  errorFlags: Uint8Array;
  errorsTruncated: boolean;
}

/** A request to bring samples [start, end) into view; `seq` makes repeated requests distinct. */
export interface TapeFocus {
  start: number;
  end: number;
  seq: number;
}

export interface VisibleData {
  peaks: TapePeaks;
  annotations: TapeAnnotations | null;
}

type Notify = (kind: 'info' | 'error', text: string) => void;

/** A tape whose waveform is hidden (another area maximized) counts as drawn this long after its analysis. */
const SETTLE_HIDDEN_MS = 1000;

/** The open tape of the Waveform area: its analysis, decoded content, selection and what to show. */
export class TapeView {
  readonly #client: IpcClient;
  readonly #notify: Notify;
  info = $state<TapeInfo | null>(null);
  summary = $state<TapeSummary | null>(null);
  progress = $state<number | null>(null);
  status = $state<'idle' | 'opening' | 'analysing' | 'done' | 'failed'>('idle');
  error = $state<string | null>(null);
  content = $state.raw<TapeContent | null>(null);
  /** Min/max overview of the whole tape for the minimap. */
  overview = $state.raw<{ min: number[]; max: number[] } | null>(null);
  /** Segments and error bytes along the whole tape, for the minimap. */
  map = $state.raw<TapeAnnotations | null>(null);
  /** The byte at (or next after) the middle of the waveform view, followed by the text and hex views. */
  centreByte = $state(-1);
  selected = $state.raw<TapeByteSpan | null>(null);
  focus = $state.raw<TapeFocus | null>(null);
  #focusSeq = 0;
  #visibleSeq = 0;
  #followSeq = 0;
  /** Where to look once the analysis is done (a library block opened here). */
  #pendingFocus: { start: number; end: number } | null = null;
  /** Settles the promise `settled` hands out, when the tape opening now is drawn, fails or is closed. */
  #settle: () => void = () => {};
  #settled: Promise<void> = Promise.resolve();

  constructor(client: IpcClient, notify: Notify) {
    this.#client = client;
    this.#notify = notify;
    client.on('tape.progress', (event) => {
      if (event.tapeId !== this.info?.tapeId) return;
      this.progress = event.fraction;
      this.summary = event.summary;
    });
    client.on('tape.analyzed', (event) => {
      if (event.tapeId !== this.info?.tapeId) return;
      this.summary = event.summary;
      this.info = { ...this.info, format: event.format };
      void this.#finish();
    });
    client.on('tape.failed', (event) => {
      if (event.tapeId !== this.info?.tapeId) return;
      this.status = 'failed';
      this.error = event.message;
      this.#settle();
      this.#notify('error', event.message);
    });
  }

  get sampleRate(): number {
    return this.info?.format.sampleRate ?? 1;
  }

  get frames(): number {
    return this.summary?.frames ?? 0;
  }

  get duration(): number {
    return this.frames / this.sampleRate;
  }

  /**
   * Resolves once the tape being opened is drawn (analysed, its content fetched and its waveform painted),
   * has failed or was closed: work that can wait for the tape to be on screen waits for this.
   */
  settled(): Promise<void> {
    return this.#settled;
  }

  async open(fileId: string, focus: { start: number; end: number } | null = null): Promise<void> {
    // Named before the first await: a caller may ask for `settled` as soon as this returns its promise.
    const closing = this.close();
    this.#settled = new Promise((resolve) => (this.#settle = resolve));
    await closing;
    this.#pendingFocus = focus;
    this.status = 'opening';
    this.progress = 0;
    try {
      const info = await this.#client.request('tape.open', { fileId });
      this.info = info;
      this.summary = info.summary;
      this.status = 'analysing';
      // The analysis may have ended before this answer arrived.
      const now = await this.#client.request('tape.info', { tapeId: info.tapeId });
      if (now.state === 'done') {
        this.summary = now.summary;
        await this.#finish();
      } else if (now.state === 'failed') {
        this.status = 'failed';
        this.error = now.error;
        this.#settle();
      }
    } catch (error) {
      this.status = 'failed';
      this.error = error instanceof Error ? error.message : String(error);
      this.#settle();
      throw error;
    }
  }

  async close(): Promise<void> {
    const tapeId = this.info?.tapeId;
    this.info = null;
    this.summary = null;
    this.content = null;
    this.overview = null;
    this.map = null;
    this.centreByte = -1;
    this.selected = null;
    this.focus = null;
    this.error = null;
    this.status = 'idle';
    this.#settle();
    if (tapeId) await this.#client.request('tape.close', { tapeId }).catch(() => {});
  }

  async #finish(): Promise<void> {
    const info = this.info;
    if (!info || this.status === 'done') return;
    const tapeId = info.tapeId;
    const frames = this.frames;
    const [content, overview, map] = await Promise.all([
      this.#client.request('tape.content', { tapeId }),
      frames > 0
        ? this.#client.request('tape.peaks', { tapeId, start: 0, end: frames, columns: 4000 })
        : null,
      frames > 0
        ? this.#client.request('tape.annotations', { tapeId, start: 0, end: frames, maxBits: 0, maxBytes: 0 })
        : null,
    ]);
    if (this.info?.tapeId !== tapeId) return;
    const bytes = Uint8Array.from(atob(content.bytesBase64), (c) => c.charCodeAt(0));
    this.content = {
      bytes,
      nulCount: content.nulCount,
      errorIndices: content.errorIndices,
      errorFlags: flagsOf(content.errorIndices, content.framingErrorIndices, bytes.length),
      errorsTruncated: content.errorsTruncated,
    };
    if (overview?.kind === 'peaks') this.overview = { min: overview.min, max: overview.max };
    else if (overview?.kind === 'raw') this.overview = { min: overview.samples, max: overview.samples };
    this.map = map;
    this.progress = 1;
    this.status = 'done';
    // Drawn once the waveform has painted its first range (see `visible`); a hidden area asks for none.
    setTimeout(this.#settle, SETTLE_HIDDEN_MS);
    const focus = this.#pendingFocus;
    this.#pendingFocus = null;
    if (focus) {
      this.focus = { ...focus, seq: ++this.#focusSeq };
      void this.selectAt(focus.start);
    }
  }

  /**
   * Peaks and annotations for samples [start, end): bit cells only up to `maxBits`, bytes up to `maxBytes` (0
   * when they would be too narrow to see); segments and errors always. Null if a newer request overtook it.
   */
  async visible(
    start: number,
    end: number,
    columns: number,
    maxBits: number,
    maxBytes: number,
  ): Promise<VisibleData | null> {
    const tapeId = this.info?.tapeId;
    const stop = Math.min(end, this.frames);
    // A hidden area (another one maximized) has no width, so no range to ask for.
    if (!tapeId || !Number.isFinite(start) || !Number.isFinite(stop) || stop <= start) return null;
    const seq = ++this.#visibleSeq;
    const [peaks, annotations] = await Promise.all([
      this.#client.request('tape.peaks', { tapeId, start, end: stop, columns: Math.max(1, columns) }),
      this.#client.request('tape.annotations', { tapeId, start, end: stop, maxBits, maxBytes }),
    ]);
    if (seq !== this.#visibleSeq) return null;
    // The view paints this in its next frame: the tape is drawn after it.
    if (this.status === 'done') {
      const settle = this.#settle;
      requestAnimationFrame(() => setTimeout(settle));
    }
    return { peaks, annotations };
  }

  /** Makes `centreByte` the byte at (or next after) `sample`, the middle of the waveform view. */
  async follow(sample: number): Promise<void> {
    const tapeId = this.info?.tapeId;
    if (!tapeId) return;
    const seq = ++this.#followSeq;
    const span = await this.#client.request('tape.locate', {
      tapeId,
      sample: Math.max(0, Math.round(sample)),
    });
    if (seq === this.#followSeq && this.info?.tapeId === tapeId) this.centreByte = span?.index ?? -1;
  }

  /** Selects byte `index` and asks the waveform to show it. */
  async selectByte(index: number): Promise<void> {
    const tapeId = this.info?.tapeId;
    if (!tapeId) return;
    const span = await this.#client.request('tape.locate', { tapeId, byte: index });
    if (span) this.#select(span, true);
  }

  /** Selects the byte at (or next after) a sample position, as a click in the waveform does. */
  async selectAt(sample: number): Promise<void> {
    const tapeId = this.info?.tapeId;
    if (!tapeId) return;
    const span = await this.#client.request('tape.locate', {
      tapeId,
      sample: Math.max(0, Math.round(sample)),
    });
    if (span && span.start <= sample + this.sampleRate * 0.05) this.#select(span, false);
    else this.selected = null;
  }

  async findError(direction: 'next' | 'previous'): Promise<void> {
    const tapeId = this.info?.tapeId;
    if (!tapeId) return;
    const from = this.selected?.start ?? (direction === 'next' ? 0 : this.frames);
    const span = await this.#client.request('tape.findError', { tapeId, from, direction });
    if (span) this.#select(span, true);
    else
      this.#notify(
        'info',
        direction === 'next' ? 'No more errors after this byte.' : 'No errors before this byte.',
      );
  }

  #select(span: TapeByteSpan, reveal: boolean): void {
    this.selected = span;
    if (reveal) this.focus = { start: span.start, end: span.end, seq: ++this.#focusSeq };
  }

  async export(kind: TapeExportKind): Promise<void> {
    const tapeId = this.info?.tapeId;
    if (!tapeId) return;
    const result = await this.#client.request('tape.export', { tapeId, kind });
    if (result.download) {
      downloadUrl(this.#client.hostUrl(`${TAPE_EXPORT_PATH}${result.download.fileId}`), result.fileName);
      this.#notify('info', `Exported ${result.fileName} (${result.bytes} bytes).`);
    } else if (result.savedAs) {
      this.#notify('info', `Saved ${result.savedAs} (${result.bytes} bytes).`);
    }
  }

  /** Where the media element streams the tape from (HTTP ranges, never the whole file at once). */
  mediaUrl(): string | null {
    const fileId = this.info?.fileId;
    if (!fileId) return null;
    return this.#client.mediaUrl(fileId);
  }
}

function flagsOf(indices: readonly number[], framing: readonly number[], length: number): Uint8Array {
  const flags = new Uint8Array(length);
  for (const index of indices) if (index < length) flags[index] = 1;
  for (const index of framing) if (index < length) flags[index] = 2;
  return flags;
}
