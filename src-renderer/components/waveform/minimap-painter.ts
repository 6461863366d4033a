// Draws the minimap under the waveform: the whole tape's peak envelope, its segments along the top, error
// bytes as ticks (red framing errors, amber weak bits) and the rectangle of what the waveform shows.
import type { TapeAnnotations } from '../../../src-main/ipc/contract.ts';
import { OVERLAY_COLOURS, SEGMENT_FILL } from './overlay-painter.ts';

export interface MinimapView {
  /** CSS pixels. */
  width: number;
  height: number;
  pixelRatio: number;
  frames: number;
  /** The waveform's view, in samples. */
  viewStart: number;
  viewEnd: number;
  /** The playback cursor, in samples, or null. */
  cursor: number | null;
}

export interface MinimapData {
  overview: { min: readonly number[]; max: readonly number[] } | null;
  map: TapeAnnotations | null;
}

const BAND = 5;
const MIN_RECT = 6;

/** Left and right edges (CSS px) of the viewport rectangle, at least MIN_RECT wide so it can be grabbed. */
export function viewportRect(view: MinimapView): { left: number; right: number } {
  const scale = view.width / Math.max(1, view.frames);
  let left = view.viewStart * scale;
  let right = view.viewEnd * scale;
  if (right - left < MIN_RECT) {
    const middle = (left + right) / 2;
    left = Math.max(0, Math.min(view.width - MIN_RECT, middle - MIN_RECT / 2));
    right = left + MIN_RECT;
  }
  return { left, right };
}

/**
 * The parts that do not move with the view: the envelope, segments and error ticks. Drawn once per tape and
 * size into a canvas of their own, so a scroll frame only copies it and draws the rectangle.
 */
export function paintMinimapBackground(
  ctx: CanvasRenderingContext2D,
  view: Omit<MinimapView, 'viewStart' | 'viewEnd' | 'cursor'>,
  data: MinimapData,
): void {
  const { width, height, pixelRatio } = view;
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const scale = width / Math.max(1, view.frames);
  const x = (sample: number): number => sample * scale;
  const top = BAND + 1;
  const middle = (top + height) / 2;
  const half = (height - top) / 2 - 1;

  const overview = data.overview;
  if (overview && overview.min.length > 0) {
    const columns = overview.min.length;
    ctx.fillStyle = 'rgba(138, 160, 190, 0.75)';
    // One bar per device pixel column at most: the overview has more columns than the minimap is wide.
    const bars = Math.min(columns, Math.round(width * pixelRatio));
    for (let b = 0; b < bars; b++) {
      const from = Math.floor((b * columns) / bars);
      const to = Math.max(from + 1, Math.floor(((b + 1) * columns) / bars));
      let lo = 1;
      let hi = -1;
      for (let c = from; c < to; c++) {
        lo = Math.min(lo, overview.min[c] ?? 0);
        hi = Math.max(hi, overview.max[c] ?? 0);
      }
      if (hi < lo) continue;
      const y0 = middle - hi * half;
      const y1 = middle - lo * half;
      ctx.fillRect((b / bars) * width, y0, Math.max(1 / pixelRatio, width / bars), Math.max(1, y1 - y0));
    }
  }

  const map = data.map;
  if (map) {
    for (const segment of map.segments) {
      ctx.fillStyle = SEGMENT_FILL[segment.kind] ?? 'transparent';
      ctx.fillRect(x(segment.start), 0, Math.max(1, x(segment.end) - x(segment.start)), BAND);
    }
    const errors = map.errors;
    for (let i = 0; i < errors.start.length; i++) {
      ctx.fillStyle = errors.framing[i] === 1 ? OVERLAY_COLOURS.error : OVERLAY_COLOURS.warn;
      ctx.fillRect(Math.floor(x(errors.start[i] ?? 0)), 0, 1.5, height);
    }
  }
}

/** The background, then the playback cursor and the view's rectangle over it. */
export function paintMinimap(
  ctx: CanvasRenderingContext2D,
  view: MinimapView,
  background: CanvasImageSource,
): void {
  const { width, height, pixelRatio } = view;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width * pixelRatio, height * pixelRatio);
  ctx.drawImage(background, 0, 0);
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  const x = (sample: number): number => (sample * width) / Math.max(1, view.frames);
  if (view.cursor !== null) {
    ctx.fillStyle = OVERLAY_COLOURS.warn;
    ctx.fillRect(x(view.cursor), 0, 1, height);
  }

  const rect = viewportRect(view);
  ctx.fillStyle = 'rgba(143, 193, 255, 0.16)';
  ctx.fillRect(rect.left, 0, rect.right - rect.left, height);
  ctx.strokeStyle = OVERLAY_COLOURS.select;
  ctx.lineWidth = 1.5;
  ctx.strokeRect(rect.left + 0.75, 0.75, Math.max(1, rect.right - rect.left - 1.5), height - 1.5);
}
