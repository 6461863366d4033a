// Draws the visible part of a tape: a time ruler, the waveform from min/max columns or raw samples, and over it
// the decoding at a level of detail that suits the zoom (as PulseView collapses its annotations): bit cells
// shaded by confidence with byte boundaries and labels when bits are a few pixels wide; byte blocks coloured
// by error or confidence (labelled when they fit) when only bytes are; segments and error ticks always. Only
// what falls inside the view is drawn, so the cost follows the view's width, not the tape's length.
import type { TapeAnnotations, TapeByteSpan, TapePeaks } from '../../../src-main/ipc/contract.ts';
import { byteGlyph, hex2 } from '../../lib/tape-text.ts';

export interface OverlayView {
  /** Visible samples [start, end). */
  start: number;
  end: number;
  /** CSS pixels. */
  width: number;
  height: number;
  pixelRatio: number;
  sampleRate: number;
}

export interface OverlayData {
  peaks: TapePeaks | null;
  annotations: TapeAnnotations | null;
  selected: TapeByteSpan | null;
  /** The playback cursor, in samples, or null. */
  cursor: number | null;
}

/** Narrowest bit cell (CSS px) that gets drawn; narrower, bytes are drawn as blocks. */
export const MIN_BIT_PX = 3;
/** Narrowest byte (CSS px) that gets drawn; narrower, only segments and error ticks remain. */
export const MIN_BYTE_PX = 2;

export const OVERLAY_COLOURS = {
  mark: '127, 183, 164',
  space: '143, 159, 224',
  wave: 'rgba(176, 192, 210, 0.5)',
  grid: 'rgba(138, 147, 163, 0.35)',
  text: '#d5d9e0',
  dim: '#8a93a3',
  warn: '#e0b35a',
  error: '#e07a6f',
  select: 'rgba(143, 193, 255, 0.9)',
} as const;

export const SEGMENT_FILL: Record<string, string> = {
  carrier: 'rgba(127, 183, 164, 0.28)',
  data: 'rgba(127, 183, 164, 0.6)',
  gap: 'rgba(224, 179, 90, 0.55)',
  silence: 'rgba(138, 147, 163, 0.12)',
};

export const SEGMENT_BAND = 14;
const RULER = 14;
const BLOCK_EVEN = `rgba(${OVERLAY_COLOURS.mark}, 0.55)`;
const BLOCK_ODD = `rgba(${OVERLAY_COLOURS.mark}, 0.4)`;
const ERROR_TINT = 'rgba(224, 122, 111, 0.16)';
const DARK_TEXT = '#0f1115';
const DARK_BACKING = 'rgba(15, 17, 21, 0.75)';
const DATA_BACKING = `rgb(${OVERLAY_COLOURS.mark})`;
const BIT_ROW = 16;
const BIT_STRIP = 4;
const BYTE_ROW = 18;

/**
 * Rectangles gathered by fill colour and filled colour by colour, so the fill style changes a few times a
 * frame rather than once a rectangle. Each is still its own fillRect: a path of many rectangles is far slower
 * to fill (Skia's software path filler took seconds where the same rectangle fills took milliseconds).
 */
class RectBatch {
  readonly #rects = new Map<string, number[]>();

  add(style: string, left: number, top: number, width: number, height: number): void {
    let rects = this.#rects.get(style);
    if (!rects) this.#rects.set(style, (rects = []));
    rects.push(left, top, width, height);
  }

  fill(ctx: CanvasRenderingContext2D): void {
    for (const [style, r] of this.#rects) {
      ctx.fillStyle = style;
      for (let i = 0; i < r.length; i += 4)
        ctx.fillRect(r[i] ?? 0, r[i + 1] ?? 0, r[i + 2] ?? 0, r[i + 3] ?? 0);
    }
    this.#rects.clear();
  }
}

/** A tone's colour at one of 16 steps of opacity from `base` to `base + range` (so bits batch by colour). */
const toneStyle = (tone: string, base: number, range: number, confidence: number): string =>
  `rgba(${tone}, ${(base + (range * Math.round(Math.max(0, Math.min(1, confidence)) * 15)) / 15).toFixed(3)})`;

export function paintOverlay(ctx: CanvasRenderingContext2D, view: OverlayView, data: OverlayData): void {
  const { width, height, pixelRatio } = view;
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const span = view.end - view.start;
  if (span <= 0 || width <= 0) return;
  const x = (sample: number): number => ((sample - view.start) / span) * width;
  const waveTop = SEGMENT_BAND + RULER + 2;
  const waveBottom = height - BIT_ROW - BYTE_ROW - 2;
  const notes = data.annotations;

  if (notes) {
    // Once bytes are wide enough to carry their own marks, the ticks would only hide the segments.
    const firstByte =
      notes.bytes.index.length > 0 ? x(notes.bytes.end[0] ?? 0) - x(notes.bytes.start[0] ?? 0) : 0;
    paintSegments(ctx, notes, x, width, firstByte < 16);
  }
  paintRuler(ctx, view);

  if (data.peaks) paintWave(ctx, data.peaks, view, x, waveTop + 2, waveBottom - 2);

  const bits = notes?.bits;
  const bitWidth = bits && bits.start.length > 0 ? x(bits.end[0] ?? 0) - x(bits.start[0] ?? 0) : 0;
  const drawBits = bits !== undefined && bitWidth >= MIN_BIT_PX;
  if (drawBits) {
    const cells = new RectBatch();
    const warnings: number[] = [];
    const labels: [string, string, number][] = [];
    for (let i = 0; i < bits.start.length; i++) {
      const left = x(bits.start[i] ?? 0);
      const right = x(bits.end[i] ?? 0);
      if (right < 0 || left > width) continue;
      const confidence = bits.confidence[i] ?? 0;
      const tone = bits.value[i] === 1 ? OVERLAY_COLOURS.mark : OVERLAY_COLOURS.space;
      const cell = Math.max(1, right - left - (bitWidth > 6 ? 1 : 0));
      cells.add(toneStyle(tone, 0.06, 0.2, confidence), left, waveTop, cell, waveBottom - waveTop);
      cells.add(toneStyle(tone, 0.25, 0.75, confidence), left, waveBottom, cell, BIT_STRIP);
      const mid = (left + right) / 2;
      if (confidence < 0.4) {
        warnings.push(mid);
      } else if (bitWidth >= 9) labels.push([`rgba(${tone}, 0.95)`, String(bits.value[i]), mid]);
    }
    cells.fill(ctx);
    ctx.fillStyle = OVERLAY_COLOURS.warn;
    ctx.beginPath();
    for (const mid of warnings) {
      ctx.moveTo(mid - 4, waveBottom + BIT_ROW);
      ctx.lineTo(mid + 4, waveBottom + BIT_ROW);
      ctx.lineTo(mid, waveBottom + BIT_STRIP + 3);
      ctx.closePath();
    }
    ctx.fill();
    ctx.font = '10px ui-monospace, "DejaVu Sans Mono", monospace';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const [style, text, mid] of labels) {
      ctx.fillStyle = style;
      ctx.fillText(text, mid, waveBottom + BIT_STRIP + (BIT_ROW - BIT_STRIP) / 2 + 1);
    }
  }

  if (notes && drawBits) paintBytes(ctx, notes, data.selected, x, waveTop, height, width);
  else if (notes) paintByteBlocks(ctx, notes, data.selected, x, waveBottom, height, width);

  const selected = data.selected;
  if (selected && x(selected.end) >= 0 && x(selected.start) <= width) {
    const left = x(selected.start);
    const w = Math.max(2, x(selected.end) - left);
    ctx.fillStyle = 'rgba(143, 193, 255, 0.08)';
    ctx.fillRect(left, waveTop, w, height - waveTop);
    ctx.strokeStyle = OVERLAY_COLOURS.select;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(left + 0.75, waveTop + 0.75, w - 1.5, height - waveTop - 1.5);
  }
  if (data.cursor !== null) {
    const at = x(data.cursor);
    if (at >= -2 && at <= width + 2) {
      ctx.fillStyle = OVERLAY_COLOURS.warn;
      ctx.fillRect(Math.round(at) - 1, SEGMENT_BAND, 2, height - SEGMENT_BAND);
    }
  }
}

/** The segment band, with the error ticks on it when `ticks`, and the segments' names over both. */
function paintSegments(
  ctx: CanvasRenderingContext2D,
  notes: TapeAnnotations,
  x: (sample: number) => number,
  width: number,
  ticks: boolean,
): void {
  const names: [string, string, string, number][] = [];
  for (const segment of notes.segments) {
    const left = Math.max(0, x(segment.start));
    const right = Math.min(width, x(segment.end));
    if (right <= left) continue;
    ctx.fillStyle = SEGMENT_FILL[segment.kind] ?? 'transparent';
    ctx.fillRect(left, 2, Math.max(1, right - left - 1), SEGMENT_BAND - 4);
    if (right - left > 60) {
      const name = segment.kind === 'carrier' ? 'carrier (leader)' : segment.kind;
      names.push(
        segment.kind === 'data'
          ? [DARK_TEXT, DATA_BACKING, name, left + 4]
          : [OVERLAY_COLOURS.text, DARK_BACKING, name, left + 4],
      );
    }
  }
  if (ticks) paintErrorTicks(ctx, notes, x, width);
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  for (const [style, backing, name, at] of names) {
    // On a backing as wide as the name, so error ticks under it do not break it up.
    ctx.fillStyle = backing;
    ctx.fillRect(at - 2, 2, ctx.measureText(name).width + 4, SEGMENT_BAND - 4);
    ctx.fillStyle = style;
    ctx.fillText(name, at, SEGMENT_BAND / 2);
  }
}

/** Error bytes as ticks on the segment band, so they show at any zoom. */
function paintErrorTicks(
  ctx: CanvasRenderingContext2D,
  notes: TapeAnnotations,
  x: (sample: number) => number,
  width: number,
): void {
  const errors = notes.errors;
  const ticks = new RectBatch();
  for (let i = 0; i < errors.start.length; i++) {
    const left = x(errors.start[i] ?? 0);
    const w = Math.max(2, x(errors.end[i] ?? 0) - left);
    if (left + w < 0 || left > width) continue;
    ticks.add(
      errors.framing[i] === 1 ? OVERLAY_COLOURS.error : OVERLAY_COLOURS.warn,
      left,
      0,
      w,
      SEGMENT_BAND,
    );
  }
  ticks.fill(ctx);
}

const NICE_STEPS = [1, 2, 5];

/** `seconds` as [h:]mm:ss with `decimals` places, or plain seconds under a minute. */
export function clock(seconds: number, decimals: number): string {
  if (seconds < 60) return `${seconds.toFixed(decimals)} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds - h * 3600) / 60);
  const s = (seconds - h * 3600 - m * 60).toFixed(decimals).padStart(decimals > 0 ? 3 + decimals : 2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Time ticks at a round step at least 110 px apart, labelled in seconds (or minutes and seconds). */
function paintRuler(ctx: CanvasRenderingContext2D, view: OverlayView): void {
  const seconds = (view.end - view.start) / view.sampleRate;
  const minimum = (seconds / view.width) * 110;
  let step = 10 ** Math.floor(Math.log10(minimum));
  for (const factor of NICE_STEPS) {
    if (step * factor >= minimum) {
      step *= factor;
      break;
    }
    if (factor === 5) step *= 10;
  }
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(step))));
  const first = Math.ceil(view.start / view.sampleRate / step);
  const top = SEGMENT_BAND;
  ctx.font = '10px ui-monospace, "DejaVu Sans Mono", monospace';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (let k = first; ; k++) {
    const t = k * step;
    const px = ((t * view.sampleRate - view.start) / (view.end - view.start)) * view.width;
    if (px > view.width) break;
    ctx.fillStyle = OVERLAY_COLOURS.grid;
    ctx.fillRect(Math.round(px), top + 3, 1, RULER - 3);
    ctx.fillStyle = OVERLAY_COLOURS.dim;
    ctx.fillText(clock(t, decimals), Math.round(px) + 4, top + RULER / 2 + 1);
  }
}

function paintWave(
  ctx: CanvasRenderingContext2D,
  peaks: TapePeaks,
  view: OverlayView,
  x: (sample: number) => number,
  top: number,
  bottom: number,
): void {
  const middle = (top + bottom) / 2;
  const half = (bottom - top) / 2 - 1;
  const y = (value: number): number => middle - Math.max(-1, Math.min(1, value)) * half;
  ctx.strokeStyle = OVERLAY_COLOURS.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, Math.round(middle) + 0.5);
  ctx.lineTo(view.width, Math.round(middle) + 0.5);
  ctx.stroke();
  ctx.strokeStyle = OVERLAY_COLOURS.wave;
  ctx.fillStyle = OVERLAY_COLOURS.wave;
  if (peaks.kind === 'raw') {
    const samples = peaks.samples;
    const step = x(peaks.start + 1) - x(peaks.start);
    // Only the samples in view, and one either side so the line reaches the edges.
    const first = Math.max(0, Math.floor(view.start - peaks.start) - 1);
    const last = Math.min(samples.length, Math.ceil(view.end - peaks.start) + 2);
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let i = first; i < last; i++) {
      const px = x(peaks.start + i + 0.5);
      const py = y(samples[i] ?? 0);
      if (i === first) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.stroke();
    if (step >= 6) {
      for (let i = first; i < last; i++) {
        ctx.fillRect(x(peaks.start + i + 0.5) - 1.5, y(samples[i] ?? 0) - 1.5, 3, 3);
      }
    }
    return;
  }
  const columns = peaks.min.length;
  const columnWidth = (x(peaks.end) - x(peaks.start)) / columns;
  const origin = x(peaks.start);
  const first = Math.max(0, Math.floor(-origin / columnWidth));
  const last = Math.min(columns, Math.ceil((view.width - origin) / columnWidth) + 1);
  for (let c = first; c < last; c++) {
    const left = origin + c * columnWidth;
    const top0 = y(peaks.max[c] ?? 0);
    const bottom0 = y(peaks.min[c] ?? 0);
    ctx.fillRect(left, top0, Math.max(1, columnWidth), Math.max(1, bottom0 - top0));
  }
}

function paintBytes(
  ctx: CanvasRenderingContext2D,
  notes: TapeAnnotations,
  selected: TapeByteSpan | null,
  x: (sample: number) => number,
  top: number,
  height: number,
  width: number,
): void {
  const bytes = notes.bytes;
  const labelTop = height - BYTE_ROW;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = '11px ui-monospace, "DejaVu Sans Mono", monospace';
  for (let i = 0; i < bytes.index.length; i++) {
    const left = x(bytes.start[i] ?? 0);
    const right = x(bytes.end[i] ?? 0);
    const w = right - left;
    if (w < 3 || right < 0 || left > width) continue;
    const framing = bytes.framingError[i] === 1;
    const low = bytes.lowConfidence[i] === 1;
    ctx.fillStyle = framing ? OVERLAY_COLOURS.error : OVERLAY_COLOURS.grid;
    ctx.fillRect(Math.round(left), top, 1, height - top);
    if (framing) {
      ctx.fillStyle = ERROR_TINT;
      ctx.fillRect(left, top, w, height - top);
      ctx.fillStyle = OVERLAY_COLOURS.error;
      ctx.fillRect(left, top, w, 3);
    } else if (low) {
      ctx.fillStyle = OVERLAY_COLOURS.warn;
      ctx.fillRect(left, top, w, 2);
    }
    if (w >= 16) {
      const value = bytes.value[i] ?? 0;
      const isSelected = selected?.index === bytes.index[i];
      ctx.fillStyle = isSelected ? 'rgba(143, 193, 255, 0.25)' : 'rgba(15, 17, 21, 0.75)';
      ctx.fillRect(left + 1, labelTop, w - 2, BYTE_ROW - 1);
      ctx.fillStyle = framing ? OVERLAY_COLOURS.error : low ? OVERLAY_COLOURS.warn : OVERLAY_COLOURS.text;
      const glyph = byteGlyph(value);
      const label = w >= 70 && !glyph.startsWith('$') ? `${glyph}  $${hex2(value)}` : glyph;
      // In the middle of the part in view, so a byte wider than the view (single cycles) still shows it.
      const centre = (Math.max(left, 0) + Math.min(right, width)) / 2;
      ctx.fillText(label, centre, labelTop + BYTE_ROW / 2);
    }
  }
}

/**
 * Bytes too narrow for their bits: a block per byte in the strip under the waveform, teal (in two shades so
 * neighbours stand apart), amber with a low-confidence bit, red with a framing error (which also tints the
 * waveform above it), blue when selected, labelled with the character when it fits.
 */
function paintByteBlocks(
  ctx: CanvasRenderingContext2D,
  notes: TapeAnnotations,
  selected: TapeByteSpan | null,
  x: (sample: number) => number,
  top: number,
  height: number,
  width: number,
): void {
  const bytes = notes.bytes;
  const rowTop = top + 2;
  const rowHeight = height - rowTop - 1;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.font = '11px ui-monospace, "DejaVu Sans Mono", monospace';
  const blocks = new RectBatch();
  const labels: [string, number][] = [];
  for (let i = 0; i < bytes.index.length; i++) {
    const left = x(bytes.start[i] ?? 0);
    const right = x(bytes.end[i] ?? 0);
    if (right < 0 || left > width) continue;
    const w = right - left;
    if (w < MIN_BYTE_PX) continue;
    const framing = bytes.framingError[i] === 1;
    const low = bytes.lowConfidence[i] === 1;
    const isSelected = selected?.index === bytes.index[i];
    const fill = framing
      ? OVERLAY_COLOURS.error
      : low
        ? OVERLAY_COLOURS.warn
        : isSelected
          ? OVERLAY_COLOURS.select
          : i % 2 === 0
            ? BLOCK_EVEN
            : BLOCK_ODD;
    blocks.add(fill, left, rowTop, Math.max(1, w - (w > 4 ? 1 : 0)), rowHeight);
    if (framing)
      blocks.add(ERROR_TINT, left, SEGMENT_BAND + RULER + 2, Math.max(1, w), top - SEGMENT_BAND - RULER - 2);
    const glyph = byteGlyph(bytes.value[i] ?? 0);
    if (w >= glyph.length * 7 + 4) labels.push([glyph, (left + right) / 2]);
  }
  blocks.fill(ctx);
  ctx.fillStyle = DARK_TEXT;
  for (const [glyph, centre] of labels) ctx.fillText(glyph, centre, rowTop + rowHeight / 2 + 1);
}
