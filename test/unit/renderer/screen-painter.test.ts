import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFontText } from '../../../src-main/core/formats/font-text.ts';
import { paintScreen } from '../../../src-renderer/lib/screen-painter.ts';
import type { PixelTarget, Rgb } from '../../../src-renderer/lib/screen-painter.ts';

const FG: Rgb = [200, 210, 220];
const BG: Rgb = [10, 20, 30];

/** A glyph table where code 1 is a distinctive asymmetric pattern and every other code is blank. */
function testGlyphs(): Uint8Array {
  const glyphs = new Uint8Array(2048);
  glyphs.set([0x80, 0xc0, 0xa0, 0x90, 0x88, 0x84, 0x82, 0xff], 1 * 8);
  glyphs.fill(0xff, 2 * 8, 3 * 8);
  return glyphs;
}

function target(cols: number, rows: number, fill = 0): PixelTarget {
  const width = cols * 8;
  const height = rows * 8;
  return { width, height, data: new Uint8ClampedArray(width * height * 4).fill(fill) };
}

function pixel(image: PixelTarget, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [...image.data.subarray(i, i + 4)];
}

function isInk(glyphs: Uint8Array, code: number, x: number, y: number): boolean {
  return ((glyphs[code * 8 + y] ?? 0) & (0x80 >> x)) !== 0;
}

/** Checks every pixel of the target against the cells of video RAM it shows. */
function expectScreen(image: PixelTarget, ram: Uint8Array, glyphs: Uint8Array, row0 = 0, col0 = 0): void {
  const wrong: string[] = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const code = ram[(row0 + Math.floor(y / 8)) * 32 + col0 + Math.floor(x / 8)] ?? 0;
      const expected = isInk(glyphs, code, x % 8, y % 8) ? [...FG, 255] : [...BG, 255];
      if (pixel(image, x, y).join() !== expected.join()) wrong.push(`(${x},${y})`);
    }
  }
  expect(wrong.slice(0, 10)).toEqual([]);
}

describe('paintScreen', () => {
  it('draws a cell at 8 * column, 8 * row with bit 7 on the left', () => {
    const glyphs = testGlyphs();
    const ram = new Uint8Array(1024);
    ram[5 * 32 + 7] = 1;
    const image = target(32, 32);
    expect(paintScreen(ram, glyphs, image, { fg: FG, bg: BG })).toBe(1024);
    expect(pixel(image, 56, 40)).toEqual([...FG, 255]);
    expect(pixel(image, 57, 40)).toEqual([...BG, 255]);
    expect(pixel(image, 63, 46)).toEqual([...BG, 255]);
    expect(pixel(image, 62, 46)).toEqual([...FG, 255]);
    expect(pixel(image, 63, 47)).toEqual([...FG, 255]);
    expect(pixel(image, 55, 40)).toEqual([...BG, 255]);
    expectScreen(image, ram, glyphs);
  });

  it('paints every code of the lab font where video RAM says', () => {
    const fontPath = fileURLToPath(new URL('../../../resources/font/lab-font.txt', import.meta.url));
    const glyphs = parseFontText(readFileSync(fontPath, 'utf8'));
    const ram = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) & 0xff);
    const image = target(32, 32);
    paintScreen(ram, glyphs, image, { fg: FG, bg: BG });
    expectScreen(image, ram, glyphs);
  });

  it('paints only the cropped window, with its first cell at the top left', () => {
    const glyphs = testGlyphs();
    const ram = new Uint8Array(1024);
    ram[6 * 32 + 9] = 1;
    ram[0] = 2;
    ram[31 * 32 + 31] = 2;
    const crop = { row0: 5, col0: 8, rows: 3, cols: 4 };
    const image = target(4, 3);
    expect(paintScreen(ram, glyphs, image, { fg: FG, bg: BG, crop })).toBe(12);
    expect(pixel(image, 8, 8)).toEqual([...FG, 255]);
    expect(pixel(image, 9, 8)).toEqual([...BG, 255]);
    expectScreen(image, ram, glyphs, 5, 8);
  });

  it('repaints only the cells that changed since the previous frame', () => {
    const glyphs = testGlyphs();
    const previous = new Uint8Array(1024);
    const image = target(32, 32);
    paintScreen(previous, glyphs, image, { fg: FG, bg: BG });
    const ram = Uint8Array.from(previous);
    ram[3] = 2;
    ram[1000] = 1;
    // Mark a pixel of an unchanged cell: a full repaint would overwrite it.
    image.data.set([1, 2, 3, 4], 0);
    expect(paintScreen(ram, glyphs, image, { fg: FG, bg: BG, previous })).toBe(2);
    expect(pixel(image, 0, 0)).toEqual([1, 2, 3, 4]);
    image.data.set([...BG, 255], 0);
    expectScreen(image, ram, glyphs);
  });

  it('gives the same pixels in a buffer that is not 4-byte aligned', () => {
    const glyphs = testGlyphs();
    const ram = Uint8Array.from({ length: 1024 }, (_, i) => i % 3);
    const aligned = target(32, 32);
    const backing = new Uint8ClampedArray(256 * 256 * 4 + 1);
    const unaligned = { width: 256, height: 256, data: backing.subarray(1) };
    paintScreen(ram, glyphs, aligned, { fg: FG, bg: BG });
    paintScreen(ram, glyphs, unaligned, { fg: FG, bg: BG });
    expect(unaligned.data).toEqual(aligned.data);
    expect(backing[0]).toBe(0);
  });

  it('rejects bad sizes, crops and colours with a clear message', () => {
    const glyphs = testGlyphs();
    const ram = new Uint8Array(1024);
    const colours = { fg: FG, bg: BG };
    expect(() => paintScreen(new Uint8Array(1000), glyphs, target(32, 32), colours)).toThrow(
      'Video RAM must be 1024 bytes, got 1000',
    );
    expect(() => paintScreen(ram, new Uint8Array(2000), target(32, 32), colours)).toThrow(
      'Glyph table must be 2048 bytes, got 2000',
    );
    expect(() => paintScreen(ram, glyphs, target(24, 24), colours)).toThrow(
      'Target must be 256x256 pixels (262144 bytes) for a 32x32 cell crop, got 192x192',
    );
    const outside = { row0: 30, col0: 0, rows: 4, cols: 4 };
    expect(() => paintScreen(ram, glyphs, target(4, 4), { ...colours, crop: outside })).toThrow(
      'reaches outside the 32x32 screen',
    );
    const empty = { row0: 0, col0: 0, rows: 0, cols: 4 };
    expect(() => paintScreen(ram, glyphs, target(4, 1), { ...colours, crop: empty })).toThrow(
      'Crop must be whole cells',
    );
    expect(() => paintScreen(ram, glyphs, target(32, 32), { fg: [256, 0, 0], bg: BG })).toThrow(
      'Foreground red must be an integer 0-255, got 256',
    );
    expect(() =>
      paintScreen(ram, glyphs, target(32, 32), { ...colours, previous: new Uint8Array(10) }),
    ).toThrow('Previous video RAM must be 1024 bytes, got 10');
  });
});
