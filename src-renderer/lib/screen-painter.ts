// DOM-free core of the Screen canvas: paints Superboard video RAM (32 x 32 character cells) into an RGBA
// pixel buffer at one pixel per dot. The canvas scales it up with `image-rendering: pixelated`.

export const SCREEN_ROWS = 32;
export const SCREEN_COLS = 32;
export const VIDEO_RAM_SIZE = SCREEN_ROWS * SCREEN_COLS;
export const CELL_SIZE = 8;
const GLYPH_BYTES = 256 * CELL_SIZE;

export type Rgb = readonly [number, number, number];

/** A window of the 32 x 32 cell grid; the target shows cell (row0, col0) at its top-left corner. */
export interface ScreenCrop {
  row0: number;
  col0: number;
  rows: number;
  cols: number;
}

/** Anything shaped like ImageData. */
export interface PixelTarget {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface PaintOptions {
  crop?: ScreenCrop;
  fg: Rgb;
  bg: Rgb;
  /**
   * The video RAM that was last painted into this same target with the same glyphs, colours and crop.
   * When given, only cells whose code differs from it are repainted. The caller keeps it up to date.
   */
  previous?: Uint8Array;
}

export const FULL_SCREEN: ScreenCrop = { row0: 0, col0: 0, rows: SCREEN_ROWS, cols: SCREEN_COLS };

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function checkChannel(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new RangeError(`${what} must be an integer 0-255, got ${value}`);
  }
  return value;
}

/** Packs an opaque colour as it lies in memory when an RGBA buffer is viewed as 32-bit words. */
function packColour(rgb: Rgb, what: string): number {
  const [r, g, b] = rgb;
  checkChannel(r, `${what} red`);
  checkChannel(g, `${what} green`);
  checkChannel(b, `${what} blue`);
  return LITTLE_ENDIAN
    ? ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | 0xff) >>> 0;
}

function checkCrop(crop: ScreenCrop): void {
  const { row0, col0, rows, cols } = crop;
  const whole = [row0, col0, rows, cols].every(Number.isInteger);
  if (!whole || row0 < 0 || col0 < 0 || rows < 1 || cols < 1) {
    throw new RangeError(
      `Crop must be whole cells with at least one row and column, got ${JSON.stringify(crop)}`,
    );
  }
  if (row0 + rows > SCREEN_ROWS || col0 + cols > SCREEN_COLS) {
    throw new RangeError(
      `Crop ${JSON.stringify(crop)} reaches outside the ${SCREEN_ROWS}x${SCREEN_COLS} screen`,
    );
  }
}

/**
 * Paints the cells of `crop` (default: all 32 x 32) into `target`, which must be exactly
 * cols*8 x rows*8 pixels. `glyphs` holds 8 bytes per code, bit 7 = leftmost pixel.
 * Returns the number of cells painted.
 */
export function paintScreen(
  videoRam: Uint8Array,
  glyphs: Uint8Array,
  target: PixelTarget,
  options: PaintOptions,
): number {
  const crop = options.crop ?? FULL_SCREEN;
  checkCrop(crop);
  if (videoRam.length !== VIDEO_RAM_SIZE) {
    throw new RangeError(`Video RAM must be ${VIDEO_RAM_SIZE} bytes, got ${videoRam.length}`);
  }
  if (glyphs.length !== GLYPH_BYTES) {
    throw new RangeError(`Glyph table must be ${GLYPH_BYTES} bytes, got ${glyphs.length}`);
  }
  const previous = options.previous;
  if (previous !== undefined && previous.length !== VIDEO_RAM_SIZE) {
    throw new RangeError(`Previous video RAM must be ${VIDEO_RAM_SIZE} bytes, got ${previous.length}`);
  }
  const width = crop.cols * CELL_SIZE;
  const height = crop.rows * CELL_SIZE;
  if (target.width !== width || target.height !== height || target.data.length !== width * height * 4) {
    throw new RangeError(
      `Target must be ${width}x${height} pixels (${width * height * 4} bytes) for a ${crop.cols}x${crop.rows} ` +
        `cell crop, got ${target.width}x${target.height} (${target.data.length} bytes)`,
    );
  }

  const fg = packColour(options.fg, 'Foreground');
  const bg = packColour(options.bg, 'Background');
  const data = target.data;
  const aligned = data.byteOffset % 4 === 0;
  const words = aligned
    ? new Uint32Array(data.buffer, data.byteOffset, width * height)
    : new Uint32Array(width * height);

  let painted = 0;
  for (let row = 0; row < crop.rows; row++) {
    const ramRow = (crop.row0 + row) * SCREEN_COLS + crop.col0;
    for (let col = 0; col < crop.cols; col++) {
      const code = videoRam[ramRow + col] ?? 0;
      if (previous !== undefined && previous[ramRow + col] === code) continue;
      painted++;
      let glyphIndex = code * CELL_SIZE;
      let pixel = row * CELL_SIZE * width + col * CELL_SIZE;
      for (let y = 0; y < CELL_SIZE; y++) {
        const bits = glyphs[glyphIndex++] ?? 0;
        words[pixel] = bits & 0x80 ? fg : bg;
        words[pixel + 1] = bits & 0x40 ? fg : bg;
        words[pixel + 2] = bits & 0x20 ? fg : bg;
        words[pixel + 3] = bits & 0x10 ? fg : bg;
        words[pixel + 4] = bits & 0x08 ? fg : bg;
        words[pixel + 5] = bits & 0x04 ? fg : bg;
        words[pixel + 6] = bits & 0x02 ? fg : bg;
        words[pixel + 7] = bits & 0x01 ? fg : bg;
        pixel += width;
      }
      if (!aligned) copyCell(words, data, row, col, width);
    }
  }
  return painted;
}

/** Slow path for a byte buffer that cannot be viewed as 32-bit words: copy one painted cell across. */
function copyCell(
  words: Uint32Array,
  data: Uint8ClampedArray,
  row: number,
  col: number,
  width: number,
): void {
  const bytes = new Uint8Array(words.buffer);
  for (let y = 0; y < CELL_SIZE; y++) {
    const start = ((row * CELL_SIZE + y) * width + col * CELL_SIZE) * 4;
    data.set(bytes.subarray(start, start + CELL_SIZE * 4), start);
  }
}
