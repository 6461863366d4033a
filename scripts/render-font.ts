// Renders the Superboard Lab font for review:
//   .cache/font-sheet.png  all 256 glyphs on a 16 x 16 grid with hex labels
//   .cache/font-demo.png   a 32 x 32 screen of text and multi-cell pictures, painted by the screen painter
// Usage: node scripts/render-font.ts [--font resources/font/lab-font.txt] [--scale 4] [--out .cache]
//        [--rows 0-f]  (only these rows of the sheet, by high hex digit, for a closer look)

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { parseFontText } from '../src-main/core/formats/font-text.ts';
import { paintScreen, SCREEN_COLS, VIDEO_RAM_SIZE } from '../src-renderer/lib/screen-painter.ts';
import type { Rgb } from '../src-renderer/lib/screen-painter.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Image {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

function newImage(width: number, height: number, fill: Rgb): Image {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = fill[0];
    data[i + 1] = fill[1];
    data[i + 2] = fill[2];
    data[i + 3] = 255;
  }
  return { width, height, data };
}

function fillRect(image: Image, x: number, y: number, w: number, h: number, rgb: Rgb): void {
  for (let py = Math.max(0, y); py < Math.min(image.height, y + h); py++) {
    for (let px = Math.max(0, x); px < Math.min(image.width, x + w); px++) {
      const i = (py * image.width + px) * 4;
      image.data[i] = rgb[0];
      image.data[i + 1] = rgb[1];
      image.data[i + 2] = rgb[2];
    }
  }
}

function drawGlyph(image: Image, glyphs: Uint8Array, code: number, x: number, y: number, ink: Rgb): void {
  for (let row = 0; row < 8; row++) {
    const bits = glyphs[code * 8 + row] ?? 0;
    for (let col = 0; col < 8; col++) {
      if (bits & (0x80 >> col)) fillRect(image, x + col, y + row, 1, 1, ink);
    }
  }
}

function scaleImage(image: Image, scale: number): Image {
  const out = newImage(image.width * scale, image.height * scale, [0, 0, 0]);
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      const from = (Math.floor(y / scale) * image.width + Math.floor(x / scale)) * 4;
      out.data.set(image.data.subarray(from, from + 4), (y * out.width + x) * 4);
    }
  }
  return out;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

/** Minimal PNG writer: 8-bit RGBA, no filtering, one IDAT chunk. */
function encodePng(image: Image): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, image.width);
  view.setUint32(4, image.height);
  header.set([8, 6, 0, 0, 0], 8);
  const stride = image.width * 4;
  const raw = new Uint8Array((stride + 1) * image.height);
  for (let y = 0; y < image.height; y++) {
    raw.set(image.data.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const parts = [
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}

const HEX_CODES = [...'0123456789ABCDEF'].map((ch) => ch.charCodeAt(0));

/** Draws sheet rows `first` to `last` (high nibbles of the codes). */
function renderSheet(glyphs: Uint8Array, first: number, last: number): Image {
  const pitch = 13; // 1 px grid line + 2 px margin + 8 px glyph + 2 px margin
  const labelSize = 20;
  const rows = last - first + 1;
  const image = newImage(labelSize + 16 * pitch + 1, labelSize + rows * pitch + 1, [24, 24, 32]);
  const grid: Rgb = [70, 70, 90];
  const label: Rgb = [230, 190, 80];
  for (let i = 0; i <= 16; i++) {
    fillRect(image, labelSize + i * pitch, labelSize, 1, rows * pitch + 1, grid);
    if (i <= rows) fillRect(image, labelSize, labelSize + i * pitch, 16 * pitch + 1, 1, grid);
  }
  for (let i = 0; i < 16; i++) {
    drawGlyph(image, glyphs, HEX_CODES[i] ?? 0, labelSize + i * pitch + 3, 6, label);
  }
  for (let i = 0; i < rows; i++) {
    drawGlyph(image, glyphs, HEX_CODES[first + i] ?? 0, 2, labelSize + i * pitch + 3, label);
    drawGlyph(image, glyphs, 0x5f, 8, labelSize + i * pitch + 2, label);
  }
  for (let code = first * 16; code < (last + 1) * 16; code++) {
    const x = labelSize + (code % 16) * pitch + 1;
    const y = labelSize + (Math.floor(code / 16) - first) * pitch + 1;
    fillRect(image, x, y, pitch - 1, pitch - 1, [0, 0, 0]);
    drawGlyph(image, glyphs, code, x + 2, y + 2, [240, 240, 240]);
  }
  return image;
}

/** Lines of the demo screen: text, or `[codes]` for raw character codes (hex, space separated). */
const DEMO_LINES = [
  'The quick brown fox jumps',
  'over the lazy dog. 0123456789',
  'PACK MY BOX WITH FIVE DOZEN',
  'liquor jugs! gjpqy {x} $1.50',
  '"#%&\'()*+,-./:;<=>?@[\\]^_',
  '[7b 7c 7d 7e 7f 18 19 1a 1b 1c 1d 1e 1f 20 10 11 12 13 14 15 16 17]',
  '[00 01 02 03 04 20 0d 0e 0f 20 05 08 20 05 06 07 08 20 b5 b4 20 b5 b3 b6 b4]',
  '[09 0a 20 0b 0c 20 d3 d6 20 d5 d4 20 d3 d4 d5 d6 20 e0 e1 20 e2 20 e3 e4]',
  '[cc 83 83 cd 20 dd 83 83 de 20 d2 87 87 cf 20 94 d9 94 d9 94]',
  '[8c 20 20 8b 20 8c 20 20 8b 20 88 20 20 8f 20 94 db 94 db 94]',
  '[cb 84 84 ce 20 dc 84 84 df 20 d1 80 80 d0 20 94 d7 94 d7 94]',
  '[c4 c3 20 c5 c6 20 c8 20 c9 20 bc bd be bf c0 c1 c2 20 af b0 b1 b2]',
  '[20 20 20 20 20 20 c7 20 ca 20 a5 a6 a7 a8 a9 aa ab ac ad ae 20 ea eb]',
  '[80 81 82 83 84 85 86 87 20 88 89 8a 8b 8c 8d 8e 8f 20 b7 b8 b9 ba bb]',
  '[80 90 96 9a 9e 9f a0 a1 20 87 91 97 9b a2 a3 a4 20 88 92 98 9c 8f 93 99 9d]',
  '[e5 e6 e7 e8 e9 20 ec ed ee ef 20 f0 f1 20 f2 f3 f4 20 f5 f6 f7]',
  '[f8 f9 fa fb fc fd fe ff 20 e8 e9 e8 20 a1 bb a1 20 d8 94 da]',
];

const DEMO_ROWS = [1, 2, 3, 4, 5, 7, 9, 11, 13, 14, 15, 17, 18, 20, 22, 24, 26];

function renderDemo(glyphs: Uint8Array): Image {
  const ram = new Uint8Array(VIDEO_RAM_SIZE).fill(0x20);
  DEMO_LINES.forEach((line, index) => {
    const row = DEMO_ROWS[index] ?? 0;
    const codes = line.startsWith('[')
      ? line
          .slice(1, -1)
          .split(' ')
          .map((hex) => Number.parseInt(hex, 16))
      : [...line].map((ch) => ch.charCodeAt(0));
    codes.slice(0, SCREEN_COLS - 1).forEach((code, col) => {
      ram[row * SCREEN_COLS + 1 + col] = code;
    });
  });
  const image = newImage(256, 256, [0, 0, 0]);
  paintScreen(ram, glyphs, image, { fg: [235, 235, 235], bg: [20, 30, 60] });
  return image;
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string): string => {
    const at = args.indexOf(name);
    return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
  };
  const fontPath = resolve(root, option('--font', 'resources/font/lab-font.txt'));
  const outDir = resolve(root, option('--out', '.cache'));
  const scale = Number.parseInt(option('--scale', '4'), 10);
  if (!Number.isInteger(scale) || scale < 1 || scale > 16) throw new RangeError('--scale must be 1-16');
  const rowRange = /^([0-9a-f])-([0-9a-f])$/i.exec(option('--rows', '0-f'));
  const first = Number.parseInt(rowRange?.[1] ?? '', 16);
  const last = Number.parseInt(rowRange?.[2] ?? '', 16);
  if (rowRange === null || first > last) throw new RangeError('--rows must be a hex digit range like 0-3');

  const glyphs = parseFontText(readFileSync(fontPath, 'utf8'));
  mkdirSync(outDir, { recursive: true });
  const sheetPath = join(outDir, 'font-sheet.png');
  const demoPath = join(outDir, 'font-demo.png');
  writeFileSync(sheetPath, encodePng(scaleImage(renderSheet(glyphs, first, last), scale)));
  writeFileSync(demoPath, encodePng(scaleImage(renderDemo(glyphs), scale)));
  console.log(`Wrote ${sheetPath}\nWrote ${demoPath}`);
}

main();
