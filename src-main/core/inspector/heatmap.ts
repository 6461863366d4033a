/**
 * The access heatmap: one cell per address (a 256 x 256 square, page n is row n), lit in three colours when
 * the address is read, written or executed, and fading to black over a chosen time. Its input is the
 * compact bit planes of `Superboard.takeTouched` (8,192 bytes each for reads, writes and executes).
 */

export const HEATMAP_SIZE = 256;
export const PLANE_BYTES = 0x2000;
export const DEFAULT_FADE_MS = 1000;

/** Colours as [r, g, b]: reads blue, writes red, executes green. */
export const HEAT_COLOURS = {
  read: [70, 130, 255],
  write: [255, 60, 40],
  execute: [60, 255, 90],
} as const;

/** Light below this counts as dark: an exponential fade never reaches zero by itself. */
const DARK = 1 / 64;

export class HeatmapFader {
  /** Brightness 0..1 per address for reads, writes and executes. */
  readonly read = new Float32Array(0x10000);
  readonly write = new Float32Array(0x10000);
  readonly execute = new Float32Array(0x10000);
  #fadeMs: number;

  constructor(fadeMs = DEFAULT_FADE_MS) {
    this.#fadeMs = checkFade(fadeMs);
  }

  get fadeMs(): number {
    return this.#fadeMs;
  }

  set fadeMs(value: number) {
    this.#fadeMs = checkFade(value);
  }

  /**
   * Fades everything by `elapsedMs` (light falls to 1/64, i.e. dark, after fadeMs), then lights the
   * addresses set in `planes` at full brightness.
   */
  apply(planes: Uint8Array, elapsedMs: number): void {
    if (planes.length !== 3 * PLANE_BYTES) {
      throw new RangeError(`heatmap planes must be ${3 * PLANE_BYTES} bytes, got ${planes.length}`);
    }
    const factor = elapsedMs <= 0 ? 1 : Math.pow(DARK, elapsedMs / this.#fadeMs);
    fade(this.read, factor);
    fade(this.write, factor);
    fade(this.execute, factor);
    light(this.read, planes, 0);
    light(this.write, planes, PLANE_BYTES);
    light(this.execute, planes, 2 * PLANE_BYTES);
  }

  clear(): void {
    this.read.fill(0);
    this.write.fill(0);
    this.execute.fill(0);
  }

  /**
   * Paints RGBA pixels for `rows` pages from `firstPage`, `zoom` pixels square per address (a whole page is
   * then 256 * zoom pixels wide). `rgba` must hold exactly that many pixels.
   */
  paint(rgba: Uint8ClampedArray, firstPage = 0, rows = HEATMAP_SIZE, zoom = 1): void {
    const width = HEATMAP_SIZE * zoom;
    if (rgba.length !== width * rows * zoom * 4) {
      throw new RangeError(`paint: expected ${width * rows * zoom * 4} bytes of RGBA, got ${rgba.length}`);
    }
    for (let row = 0; row < rows; row++) {
      const base = ((firstPage + row) & 0xff) << 8;
      for (let col = 0; col < HEATMAP_SIZE; col++) {
        const [red, green, blue] = heatColour(
          this.read[base + col] as number,
          this.write[base + col] as number,
          this.execute[base + col] as number,
        );
        for (let dy = 0; dy < zoom; dy++) {
          let at = ((row * zoom + dy) * width + col * zoom) * 4;
          for (let dx = 0; dx < zoom; dx++, at += 4) {
            rgba[at] = red;
            rgba[at + 1] = green;
            rgba[at + 2] = blue;
            rgba[at + 3] = 255;
          }
        }
      }
    }
  }
}

/**
 * The colour of one address: the brightest of its three lights, executes first on a tie (an opcode fetch is
 * also a read, so code would otherwise look like data).
 */
export function heatColour(read: number, write: number, execute: number): [number, number, number] {
  const [colour, level] =
    execute >= write && execute >= read && execute > 0
      ? [HEAT_COLOURS.execute, execute]
      : write >= read
        ? [HEAT_COLOURS.write, write]
        : [HEAT_COLOURS.read, read];
  return [colour[0] * level, colour[1] * level, colour[2] * level];
}

function checkFade(ms: number): number {
  if (!Number.isFinite(ms) || ms < 50 || ms > 60_000) {
    throw new RangeError(`fade time must be from 50 ms to 60 s, got ${ms}`);
  }
  return ms;
}

function fade(values: Float32Array, factor: number): void {
  if (factor === 1) return;
  for (let i = 0; i < values.length; i++) {
    const v = (values[i] as number) * factor;
    values[i] = v < DARK ? 0 : v;
  }
}

function light(values: Float32Array, planes: Uint8Array, offset: number): void {
  for (let byte = 0; byte < PLANE_BYTES; byte++) {
    const bits = planes[offset + byte] as number;
    if (bits === 0) continue;
    for (let bit = 0; bit < 8; bit++) if (bits & (1 << bit)) values[(byte << 3) | bit] = 1;
  }
}

/** Whether `address` is set in one plane (0 reads, 1 writes, 2 executes) of takeTouched's planes. */
export function planeHas(planes: Uint8Array, plane: 0 | 1 | 2, address: number): boolean {
  const a = address & 0xffff;
  return ((planes[plane * PLANE_BYTES + (a >> 3)] ?? 0) & (1 << (a & 7))) !== 0;
}
