// The last few seconds of a live recording, as the Waveform area's overlay painter wants them: min/max columns
// and the decoded bits and bytes, all in the captured stream's sample positions. Older data is dropped, so a
// long recording costs no more than a short one.
import type { EventPayload, TapeAnnotations, TapePeaks } from '../../src-main/ipc/contract.ts';

type Update = EventPayload<'recorder.update'>;
type ColumnPeaks = Extract<TapePeaks, { kind: 'peaks' }>;

interface LiveByte {
  index: number;
  start: number;
  end: number;
  value: number;
  framingError: boolean;
}

export class LiveTrace {
  /** Seconds kept (the widest view the Recorder offers). */
  readonly keepSeconds: number;
  sampleRate: number;
  #min: number[] = [];
  #max: number[] = [];
  /** Stream position of #min[0]. */
  #columnsStart = 0;
  #step = 1;
  #bits: Update['bits'] = [];
  #bytes: LiveByte[] = [];
  #byteCount = 0;
  /** Stream position just past the newest column. */
  end = 0;

  constructor(sampleRate: number, keepSeconds = 10) {
    this.sampleRate = sampleRate;
    this.keepSeconds = keepSeconds;
  }

  get byteCount(): number {
    return this.#byteCount;
  }

  push(update: Update): void {
    const { envelope, origin } = update;
    if (envelope.min.length > 0) {
      // A gap (a restart) or a new step starts the columns afresh.
      if (
        envelope.step !== this.#step ||
        envelope.start !== this.#columnsStart + this.#min.length * this.#step
      ) {
        this.#min = [];
        this.#max = [];
        this.#columnsStart = envelope.start;
        this.#step = envelope.step;
      }
      this.#min.push(...envelope.min);
      this.#max.push(...envelope.max);
      this.end = this.#columnsStart + this.#min.length * this.#step;
    }
    for (const bit of update.bits)
      this.#bits.push({ ...bit, start: bit.start + origin, end: bit.end + origin });
    for (const byte of update.bytes) {
      this.#bytes.push({
        ...byte,
        index: this.#byteCount++,
        start: byte.start + origin,
        end: byte.end + origin,
      });
    }
    this.#trim();
  }

  #trim(): void {
    const keepFrom = this.end - this.keepSeconds * this.sampleRate;
    const drop = Math.floor((keepFrom - this.#columnsStart) / this.#step);
    if (drop > 4096) {
      this.#min.splice(0, drop);
      this.#max.splice(0, drop);
      this.#columnsStart += drop * this.#step;
    }
    const firstBit = this.#bits.findIndex((b) => b.end >= keepFrom);
    if (firstBit > 2048 || firstBit === -1) this.#bits = firstBit === -1 ? [] : this.#bits.slice(firstBit);
    const firstByte = this.#bytes.findIndex((b) => b.end >= keepFrom);
    if (firstByte > 256 || firstByte === -1)
      this.#bytes = firstByte === -1 ? [] : this.#bytes.slice(firstByte);
  }

  /** The columns and decoding in samples [start, end), for paintOverlay. */
  window(start: number, end: number): { peaks: ColumnPeaks; annotations: TapeAnnotations } {
    const first = Math.max(0, Math.floor((start - this.#columnsStart) / this.#step));
    const last = Math.min(this.#min.length, Math.ceil((end - this.#columnsStart) / this.#step));
    const columns = Math.max(0, last - first);
    const peaks: ColumnPeaks = {
      kind: 'peaks',
      start: this.#columnsStart + first * this.#step,
      end: this.#columnsStart + (first + columns) * this.#step,
      min: this.#min.slice(first, first + columns),
      max: this.#max.slice(first, first + columns),
    };
    const bits = this.#bits.filter((b) => b.end > start && b.start < end);
    const bytes = this.#bytes.filter((b) => b.end > start && b.start < end);
    const errors = bytes.filter((b) => b.framingError);
    const annotations: TapeAnnotations = {
      start,
      end,
      bits: {
        start: bits.map((b) => b.start),
        end: bits.map((b) => b.end),
        value: bits.map((b) => b.value),
        confidence: bits.map((b) => b.confidence),
      },
      bytes: {
        index: bytes.map((b) => b.index),
        start: bytes.map((b) => b.start),
        end: bytes.map((b) => b.end),
        value: bytes.map((b) => b.value),
        framingError: bytes.map((b) => (b.framingError ? 1 : 0)),
        lowConfidence: bytes.map(() => 0),
      },
      segments: [],
      errors: {
        start: errors.map((b) => b.start),
        end: errors.map((b) => b.end),
        framing: errors.map(() => 1),
      },
      truncated: false,
    };
    return { peaks, annotations };
  }
}

/** Decoded tape bytes as text that grows as they arrive: CR ends a line, NULs and LFs are padding. */
export function liveText(bytes: readonly number[]): string {
  let out = '';
  for (const byte of bytes) {
    if (byte === 0x0d) out += '\n';
    else if (byte === 0x00 || byte === 0x0a) continue;
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += '·';
  }
  return out;
}
