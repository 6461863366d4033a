// What the analysis of one tape keeps: bytes with their sample spans, bit cells, segments and recordings, in
// growable typed arrays (about 12 bytes per bit cell, 16 per byte), and the queries the Waveform area makes.
// Pure TypeScript: the worker, the CLI and the tests share it.
import type { KcsEvent, KcsSegmentKind } from '../../core/modem/kcs-decoder.ts';
import { describeTapeFormat, type KcsTapeFormat } from '../../core/modem/kcs-format-decoder.ts';

/** Bit cells with a decision margin below this are marked as low-confidence. */
export const LOW_CONFIDENCE = 0.4;

type Typed = Float64Array | Uint16Array | Uint8Array | Uint32Array;

class Column<A extends Typed> {
  data: A;
  length = 0;
  readonly #make: (size: number) => A;

  constructor(make: (size: number) => A, capacity = 1024) {
    this.#make = make;
    this.data = make(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = this.#make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** Drops the spare capacity once nothing more will be pushed. */
  trim(): void {
    if (this.length < this.data.length) this.data = this.data.slice(0, Math.max(1, this.length)) as A;
  }

  at(index: number): number {
    return this.data[index] ?? 0;
  }

  get byteLength(): number {
    return this.data.byteLength;
  }
}

const f64 = (n: number): Float64Array => new Float64Array(n);
const u16 = (n: number): Uint16Array => new Uint16Array(n);
const u8 = (n: number): Uint8Array => new Uint8Array(n);
const u32 = (n: number): Uint32Array => new Uint32Array(n);

const FRAMING = 1;
const LOW = 2;

export interface Segment {
  kind: KcsSegmentKind;
  start: number;
  end: number;
}

export interface Recording {
  index: number;
  start: number;
  end: number;
  bytes: number;
  framingErrors: number;
}

export interface ByteSpan {
  index: number;
  start: number;
  end: number;
  value: number;
  framingError: boolean;
  lowConfidence: boolean;
}

export interface Annotations {
  start: number;
  end: number;
  bits: { start: number[]; end: number[]; value: number[]; confidence: number[] };
  bytes: {
    index: number[];
    start: number[];
    end: number[];
    value: number[];
    framingError: number[];
    lowConfidence: number[];
  };
  segments: Segment[];
  errors: { start: number[]; end: number[]; framing: number[] };
  truncated: boolean;
}

export interface ResultsSummary {
  bytes: number;
  bits: number;
  framingErrors: number;
  /** Bytes whose parity bit was wrong (formats with parity). */
  parityErrors: number;
  lowConfidenceBits: number;
  /** The tape format decoded, e.g. '300 baud 8N2 (detected)'; null until known. */
  tapeFormat: string | null;
  markHz: number | null;
  spaceHz: number | null;
  baud: number | null;
  speedDeviationPercent: number | null;
  recordings: Recording[];
}

/** TapeResults as data: what `exportState` gives and `importState` takes. */
export interface TapeResultsState {
  columns: Typed[];
  segments: Segment[];
  recordings: Recording[];
  counters: number[];
  tapeFormat: string | null;
}

const MAX_SEGMENTS = 2000;
const MAX_ERRORS = 2000;

/** First index in [0, length) whose value is greater than `value` (columns sorted ascending). */
function upperBound(column: Column<Typed>, value: number): number {
  let lo = 0;
  let hi = column.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (column.at(mid) > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export class TapeResults {
  readonly #byteValue = new Column(u8);
  readonly #byteStart = new Column(f64);
  readonly #byteLength = new Column(u16);
  readonly #byteFlags = new Column(u8);
  readonly #bitStart = new Column(f64, 8192);
  readonly #bitLength = new Column(u16, 8192);
  // Value in bit 7, confidence * 127 in bits 0..6.
  readonly #bitCell = new Column(u8, 8192);
  readonly #errors = new Column(u32);
  readonly #segments: Segment[] = [];
  readonly #recordings: Recording[] = [];
  #framingErrors = 0;
  #parityErrors = 0;
  #tapeFormat: string | null = null;
  #lowBits = 0;
  #weakestSinceByte = 1;
  #speed = 1;
  #markHz = 2400;
  #spaceHz = 1200;
  #baud = 300;
  #speedSum = 0;
  #markSum = 0;
  #spaceSum = 0;
  #baudSum = 0;
  readonly #full: boolean;

  /**
   * `detail: 'values'` keeps only the byte values (one byte each) and the counts, not the spans, bit cells
   * and error index the Waveform area needs: a one-pass decode then stays flat in memory.
   */
  constructor(options: { detail?: 'full' | 'values' } = {}) {
    this.#full = (options.detail ?? 'full') === 'full';
  }

  /** Takes the decoder's events in the order it emitted them. */
  add(events: readonly KcsEvent[]): void {
    for (const event of events) {
      switch (event.type) {
        case 'bit': {
          const confidence = Math.max(0, Math.min(1, event.confidence));
          if (this.#full) {
            this.#bitStart.push(event.start);
            this.#bitLength.push(Math.min(0xffff, event.end - event.start));
            this.#bitCell.push((event.value << 7) | Math.round(confidence * 127));
          }
          if (confidence < LOW_CONFIDENCE) this.#lowBits++;
          this.#weakestSinceByte = Math.min(this.#weakestSinceByte, confidence);
          break;
        }
        case 'byte': {
          const index = this.#byteValue.length;
          const low = this.#weakestSinceByte < LOW_CONFIDENCE;
          this.#weakestSinceByte = 1;
          this.#byteValue.push(event.value);
          if (event.framingError) this.#framingErrors++;
          if (event.parityError) this.#parityErrors++;
          if (this.#full) {
            this.#byteStart.push(event.start);
            this.#byteLength.push(Math.min(0xffff, event.end - event.start));
            this.#byteFlags.push((event.framingError ? FRAMING : 0) | (low ? LOW : 0));
            if (event.framingError || event.parityError || low) this.#errors.push(index);
          }
          this.#speedSum += this.#speed;
          this.#markSum += this.#markHz;
          this.#spaceSum += this.#spaceHz;
          this.#baudSum += this.#baud;
          break;
        }
        case 'carrier':
          this.#speed = event.speed;
          this.#markHz = event.markHz;
          this.#spaceHz = event.spaceHz;
          this.#baud = event.baud;
          break;
        case 'segment':
          this.#insertSegment({ kind: event.kind, start: event.start, end: event.end });
          break;
        case 'recording':
          this.#recordings.push({
            index: event.index,
            start: event.start,
            end: event.end,
            bytes: event.bytes,
            framingErrors: event.framingErrors,
          });
          break;
        case 'framing-error':
          break;
      }
    }
  }

  // The decoder closes a data segment after the carrier or gap that follows it, so keep the list sorted.
  #insertSegment(segment: Segment): void {
    let at = this.#segments.length;
    while (at > 0 && (this.#segments[at - 1]?.start ?? 0) > segment.start) at--;
    this.#segments.splice(at, 0, segment);
  }

  /** Everything kept, as plain data and typed arrays (trim first), to hand to another thread. */
  exportState(): TapeResultsState {
    return {
      columns: this.#columns().map((column) => column.data.subarray(0, column.length)),
      segments: this.#segments,
      recordings: this.#recordings,
      counters: [
        this.#framingErrors,
        this.#lowBits,
        this.#weakestSinceByte,
        this.#speed,
        this.#markHz,
        this.#spaceHz,
        this.#baud,
        this.#speedSum,
        this.#markSum,
        this.#spaceSum,
        this.#baudSum,
        this.#parityErrors,
      ],
      tapeFormat: this.#tapeFormat,
    };
  }

  /** Takes over what another TapeResults exported; this one must still be empty. */
  importState(state: TapeResultsState): void {
    this.#columns().forEach((column, i) => {
      const data = state.columns[i];
      if (data === undefined) throw new Error('tape results state is missing a column');
      column.data = data as never;
      column.length = data.length;
    });
    this.#segments.push(...state.segments);
    this.#recordings.push(...state.recordings);
    const c = state.counters;
    this.#framingErrors = c[0] ?? 0;
    this.#lowBits = c[1] ?? 0;
    this.#weakestSinceByte = c[2] ?? 1;
    this.#speed = c[3] ?? 1;
    this.#markHz = c[4] ?? 2400;
    this.#spaceHz = c[5] ?? 1200;
    this.#baud = c[6] ?? 300;
    this.#speedSum = c[7] ?? 0;
    this.#markSum = c[8] ?? 0;
    this.#spaceSum = c[9] ?? 0;
    this.#baudSum = c[10] ?? 0;
    this.#parityErrors = c[11] ?? 0;
    this.#tapeFormat = state.tapeFormat;
  }

  #columns(): Column<Typed>[] {
    return [
      this.#byteValue,
      this.#byteStart,
      this.#byteLength,
      this.#byteFlags,
      this.#bitStart,
      this.#bitLength,
      this.#bitCell,
      this.#errors,
    ];
  }

  /** Releases spare capacity after the last event. */
  trim(): void {
    for (const column of this.#columns()) column.trim();
  }

  get byteCount(): number {
    return this.#byteValue.length;
  }

  get bitCount(): number {
    return this.#bitStart.length;
  }

  get segments(): readonly Segment[] {
    return this.#segments;
  }

  /** Bytes held by the typed arrays. */
  get memoryBytes(): number {
    return this.#columns().reduce((sum, column) => sum + column.byteLength, 0);
  }

  summary(): ResultsSummary {
    const bytes = this.byteCount;
    const mean = (sum: number): number | null => (bytes === 0 ? null : sum / bytes);
    const speed = mean(this.#speedSum);
    return {
      bytes,
      bits: this.bitCount,
      framingErrors: this.#framingErrors,
      parityErrors: this.#parityErrors,
      lowConfidenceBits: this.#lowBits,
      tapeFormat: this.#tapeFormat,
      markHz: mean(this.#markSum),
      spaceHz: mean(this.#spaceSum),
      baud: mean(this.#baudSum),
      speedDeviationPercent: speed === null ? null : (speed - 1) * 100,
      recordings: this.#recordings.map((r) => ({ ...r })),
    };
  }

  /** The count of low-confidence bit cells, from a decoder that did not report its cells one by one. */
  setLowConfidenceBits(count: number): void {
    this.#lowBits = count;
  }

  /** Records the tape format decoded (shown in the summary). */
  setTapeFormat(format: (KcsTapeFormat & { detected: boolean }) | null): void {
    this.#tapeFormat =
      format && `${describeTapeFormat(format)} (${format.detected ? 'detected' : 'as given'})`;
  }

  /** Per byte, its weakest bit's confidence on 0..255; 0 for a byte with a framing error. */
  byteConfidence(): Uint8Array {
    const out = new Uint8Array(this.byteCount);
    let bit = 0;
    for (let i = 0; i < this.byteCount; i++) {
      const start = this.#byteStart.at(i);
      const end = start + this.#byteLength.at(i);
      while (bit < this.bitCount && this.#bitStart.at(bit) < start) bit++;
      let weakest = 127;
      for (let k = bit; k < this.bitCount && this.#bitStart.at(k) < end; k++) {
        weakest = Math.min(weakest, this.#bitCell.at(k) & 0x7f);
      }
      out[i] = (this.#byteFlags.at(i) & FRAMING) !== 0 ? 0 : Math.round((weakest * 255) / 127);
    }
    return out;
  }

  /** A copy of the decoded bytes. */
  bytes(): Uint8Array {
    return this.#byteValue.data.slice(0, this.byteCount);
  }

  byte(index: number): ByteSpan | null {
    if (!Number.isInteger(index) || index < 0 || index >= this.byteCount) return null;
    const start = this.#byteStart.at(index);
    const flags = this.#byteFlags.at(index);
    return {
      index,
      start,
      end: start + this.#byteLength.at(index),
      value: this.#byteValue.at(index),
      framingError: (flags & FRAMING) !== 0,
      lowConfidence: (flags & LOW) !== 0,
    };
  }

  /** The byte whose frame holds `sample`, else the first one after it; null past the last byte. */
  byteAt(sample: number): ByteSpan | null {
    const after = upperBound(this.#byteStart, sample);
    const before = this.byte(after - 1);
    if (before !== null && before.end > sample) return before;
    return this.byte(after);
  }

  /** The next (or previous) byte with a framing error or a low-confidence bit, starting after (before) `from`. */
  findError(from: number, direction: 'next' | 'previous'): ByteSpan | null {
    const errors = this.#errors;
    let lo = 0;
    let hi = errors.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#byteStart.at(errors.at(mid)) > from) hi = mid;
      else lo = mid + 1;
    }
    const at = direction === 'next' ? lo : lo - 1;
    if (direction === 'previous' && at >= 0 && this.#byteStart.at(errors.at(at)) === from) {
      return at > 0 ? this.byte(errors.at(at - 1)) : null;
    }
    return at >= 0 && at < errors.length ? this.byte(errors.at(at)) : null;
  }

  errorIndices(limit: number): { indices: number[]; framing: number[]; truncated: boolean } {
    const count = Math.min(limit, this.#errors.length);
    const indices = Array.from(this.#errors.data.subarray(0, count));
    const framing = indices.filter((i) => (this.#byteFlags.at(i) & FRAMING) !== 0);
    return { indices, framing, truncated: count < this.#errors.length };
  }

  /** Everything overlapping samples [start, end), at most `maxBits` bit cells and as many bytes. */
  annotations(start: number, end: number, maxBits: number, maxBytes = Math.ceil(maxBits / 8)): Annotations {
    const result: Annotations = {
      start,
      end,
      bits: { start: [], end: [], value: [], confidence: [] },
      bytes: { index: [], start: [], end: [], value: [], framingError: [], lowConfidence: [] },
      segments: [],
      errors: { start: [], end: [], framing: [] },
      truncated: false,
    };
    // Cells are at most 0xFFFF samples long, so nothing starting earlier than that can reach `start`.
    for (let i = upperBound(this.#bitStart, start - 0x10000); i < this.bitCount; i++) {
      const s = this.#bitStart.at(i);
      if (s >= end) break;
      const e = s + this.#bitLength.at(i);
      if (e <= start) continue;
      if (result.bits.start.length >= maxBits) {
        result.truncated = true;
        break;
      }
      const cell = this.#bitCell.at(i);
      result.bits.start.push(s);
      result.bits.end.push(e);
      result.bits.value.push(cell >> 7);
      result.bits.confidence.push(Math.round(((cell & 0x7f) / 127) * 1000) / 1000);
    }
    for (let i = upperBound(this.#byteStart, start - 0x10000); i < this.byteCount; i++) {
      const span = this.byte(i);
      if (span === null || span.start >= end) break;
      if (span.end <= start) continue;
      if (result.bytes.index.length >= maxBytes) {
        result.truncated = true;
        break;
      }
      result.bytes.index.push(i);
      result.bytes.start.push(span.start);
      result.bytes.end.push(span.end);
      result.bytes.value.push(span.value);
      result.bytes.framingError.push(span.framingError ? 1 : 0);
      result.bytes.lowConfidence.push(span.lowConfidence ? 1 : 0);
    }
    let lo = 0;
    let hi = this.#errors.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#byteStart.at(this.#errors.at(mid)) < start - 0x10000) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < this.#errors.length; k++) {
      const span = this.byte(this.#errors.at(k));
      if (span === null || span.start >= end) break;
      if (span.end <= start) continue;
      if (result.errors.start.length >= MAX_ERRORS) {
        result.truncated = true;
        break;
      }
      result.errors.start.push(span.start);
      result.errors.end.push(span.end);
      result.errors.framing.push(span.framingError ? 1 : 0);
    }
    for (const segment of this.#segments) {
      if (segment.end <= start || segment.start >= end) continue;
      if (result.segments.length >= MAX_SEGMENTS) {
        result.truncated = true;
        break;
      }
      result.segments.push({ ...segment });
    }
    return result;
  }
}

const CONTROL_PICTURES = 0x2400;

/**
 * The text listing of decoded bytes: bit 7 cleared (the Superboard ignores it), CR as a line end (an LF right
 * after a CR dropped), NULs (the pauses after each line) left out and counted, other control codes shown as
 * Unicode control pictures.
 */
export function textListing(bytes: Uint8Array): { text: string; nulCount: number } {
  let text = '';
  let previous = -1;
  for (const raw of bytes) {
    const byte = raw & 0x7f;
    if (byte === 0) continue;
    if (byte === 0x0a && previous === 0x0d) {
      previous = byte;
      continue;
    }
    previous = byte;
    if (byte === 0x0d || byte === 0x0a) text += '\n';
    else if (byte < 0x20) text += String.fromCharCode(CONTROL_PICTURES + byte);
    else if (byte === 0x7f) text += '\u2421';
    else text += String.fromCharCode(byte);
  }
  return { text, nulCount: countNuls(bytes) };
}

/** The NULs among decoded bytes (bit 7 cleared), which a text listing leaves out. */
export function countNuls(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) if ((byte & 0x7f) === 0) count++;
  return count;
}

/** How a byte reads in a label: the character when printable, else its hex value. */
export function byteLabel(value: number): string {
  const byte = value & 0x7f;
  if (byte > 0x20 && byte < 0x7f && value < 0x80) return String.fromCharCode(byte);
  return `$${value.toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * An Audacity label track: one line per byte, "start<TAB>end<TAB>text" with times in seconds. Bytes with a
 * framing error or a low-confidence bit say so in their text.
 */
export function* audacityLabels(results: TapeResults, sampleRate: number): Generator<string> {
  const seconds = (sample: number): string => (sample / sampleRate).toFixed(6);
  for (let i = 0; i < results.byteCount; i++) {
    const span = results.byte(i);
    if (span === null) break;
    const notes = [span.framingError ? 'framing error' : '', span.lowConfidence ? 'low confidence' : '']
      .filter((note) => note !== '')
      .join(', ');
    const text = byteLabel(span.value) + (notes === '' ? '' : ` (${notes})`);
    yield `${seconds(span.start)}\t${seconds(span.end)}\t${text}\n`;
  }
}
