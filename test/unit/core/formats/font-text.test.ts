import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CHARSET_SIZE,
  FontTextError,
  charsetFromRom,
  formatFontText,
  parseFontText,
  readFontText,
} from '../../../../src-main/core/formats/font-text.ts';

const fontPath = fileURLToPath(new URL('../../../../resources/font/lab-font.txt', import.meta.url));
const fontText = readFileSync(fontPath, 'utf8');

function glyph(bytes: Uint8Array, code: number): number[] {
  return [...bytes.subarray(code * 8, code * 8 + 8)];
}

function issuesOf(text: string): FontTextError {
  try {
    parseFontText(text);
  } catch (error) {
    if (error instanceof FontTextError) return error;
    throw error;
  }
  throw new Error('expected parseFontText to throw');
}

/** A small valid font text with every code blank except the given glyph rows. */
function sampleText(): string {
  const bytes = new Uint8Array(CHARSET_SIZE);
  bytes.set([0x18, 0x24, 0x42, 0x7e, 0x42, 0x42, 0x42, 0x00], 0x41 * 8);
  return formatFontText(bytes);
}

function lineIndexOf(lines: string[], text: string): number {
  const index = lines.indexOf(text);
  if (index < 0) throw new Error(`no line "${text}"`);
  return index;
}

describe('parseFontText', () => {
  it('reads a text made by formatFontText back to the same bytes', () => {
    const bytes = new Uint8Array(CHARSET_SIZE);
    let seed = 12345;
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    const names = Array.from({ length: 256 }, (_, code) => (code % 3 === 0 ? `glyph ${code}` : undefined));
    const text = formatFontText(bytes, names);
    const read = readFontText(text);
    expect(read.glyphs).toEqual(bytes);
    expect(read.names[0x30]).toBe('glyph 48');
    expect(read.names[0x31]).toBe('');
    expect(formatFontText(read.glyphs, read.names)).toBe(text);
  });

  it('puts the leftmost pixel in bit 7 and row 0 first', () => {
    const lines = sampleText().split('\n');
    const at = lineIndexOf(lines, '== $00');
    lines[at + 1] = '#.......';
    lines[at + 8] = '.......#';
    const bytes = parseFontText(lines.join('\n'));
    expect(glyph(bytes, 0)).toEqual([0x80, 0, 0, 0, 0, 0, 0, 0x01]);
  });

  it('accepts codes in any order, comments, blank lines, CRLF and lower-case hex', () => {
    const text = sampleText();
    const blocks = text.trim().split(/\n(?===)/);
    const shuffled = [...blocks].reverse().join('\n\n').replace('== $4A', '== $4a');
    const crlf = `; a comment\r\n\r\n${shuffled.replaceAll('\n', '\r\n')}\r\n`;
    expect(crlf).toContain('== $4a\r\n');
    expect(parseFontText(crlf)).toEqual(parseFontText(text));
    expect(parseFontText(`\uFEFF${text}`)).toEqual(parseFontText(text));
  });

  it('names missing codes', () => {
    const lines = sampleText().split('\n');
    const at = lineIndexOf(lines, '== $42');
    lines.splice(at, 9);
    const error = issuesOf(lines.join('\n'));
    expect(error.issues).toEqual([{ line: undefined, message: 'missing code(s): $42' }]);
  });

  it('reports a duplicate code with both line numbers', () => {
    const lines = sampleText().split('\n');
    const first = lineIndexOf(lines, '== $41');
    const second = lineIndexOf(lines, '== $42');
    lines[second] = '== $41 again';
    const error = issuesOf(lines.join('\n'));
    expect(error.issues).toContainEqual({
      line: second + 1,
      message: `duplicate code $41 (first defined on line ${first + 1})`,
    });
    expect(error.issues).toContainEqual({ line: undefined, message: 'missing code(s): $42' });
    expect(error.message).toContain(`line ${second + 1}: duplicate code $41`);
  });

  it('reports rows of the wrong width by line', () => {
    const lines = sampleText().split('\n');
    const at = lineIndexOf(lines, '== $41');
    lines[at + 3] = '.#....#';
    lines[at + 5] = '.#....#..';
    const error = issuesOf(lines.join('\n'));
    expect(error.issues).toEqual([
      { line: at + 4, message: '$41 row 2 is 7 pixels wide, expected 8' },
      { line: at + 6, message: '$41 row 4 is 9 pixels wide, expected 8' },
    ]);
  });

  it('reports bad characters by line', () => {
    const lines = sampleText().split('\n');
    const at = lineIndexOf(lines, '== $10');
    lines[at + 1] = '..XX....';
    lines[at + 2] = '.. .....';
    const error = issuesOf(lines.join('\n'));
    expect(error.issues.map((issue) => issue.line)).toEqual([at + 2, at + 3]);
    expect(error.issues[0]?.message).toBe('$10 row 0: bad character "X" (use "#" for ink and "." for paper)');
    expect(error.issues[1]?.message).toContain('bad character " "');
  });

  it('reports glyphs with too few or too many rows', () => {
    const lines = sampleText().split('\n');
    const short = lineIndexOf(lines, '== $20');
    lines.splice(short + 1, 1);
    const long = lineIndexOf(lines, '== $30');
    lines.splice(long + 1, 0, '########');
    const error = issuesOf(lines.join('\n'));
    expect(error.issues).toEqual([
      { line: short + 1, message: '$20 has 7 pixel row(s), expected 8' },
      { line: long + 10, message: '$30 has more than 8 pixel rows' },
    ]);
  });

  it('reports bad headers, codes out of range and rows before the first header', () => {
    const lines = sampleText().split('\n');
    lines.unshift('........');
    const bad = lineIndexOf(lines, '== $07');
    lines[bad] = '== 07';
    const big = lineIndexOf(lines, '== $08');
    lines[big] = '== $108';
    const error = issuesOf(lines.join('\n'));
    expect(error.issues).toEqual([
      { line: 1, message: 'expected a "== $hh" header before "........"' },
      { line: bad + 1, message: 'bad header "== 07", expected "== $hh name"' },
      { line: big + 1, message: 'code $108 is out of range ($00-$FF)' },
      { line: undefined, message: 'missing code(s): $07, $08' },
    ]);
  });

  it('rejects an empty text', () => {
    expect(() => parseFontText('')).toThrow(/missing code\(s\): \$00, \$01/);
  });
});

describe('formatFontText', () => {
  it('writes a header with the name and 8 rows per code', () => {
    const bytes = new Uint8Array(CHARSET_SIZE);
    bytes[0x41 * 8] = 0b1000_0001;
    const names: string[] = [];
    names[0x41] = 'A: capital letter A';
    const lines = formatFontText(bytes, names).split('\n');
    expect(lines).toHaveLength(256 * 9 + 1);
    const at = lineIndexOf(lines, '== $41 A: capital letter A');
    expect(lines[at + 1]).toBe('#......#');
    expect(lines[at + 2]).toBe('........');
    expect(lines[0]).toBe('== $00');
  });

  it('rejects a table of the wrong size and names with line breaks', () => {
    expect(() => formatFontText(new Uint8Array(2047))).toThrow('A character set is 2048 bytes, got 2047');
    const names: string[] = [];
    names[5] = 'two\nlines';
    expect(() => formatFontText(new Uint8Array(CHARSET_SIZE), names)).toThrow('$05 contains a line break');
  });
});

describe('charsetFromRom', () => {
  const rom = Uint8Array.from({ length: CHARSET_SIZE }, (_, i) => (i * 37 + 11) & 0xff);

  it('copies an msb-left dump unchanged', () => {
    const charset = charsetFromRom(rom, 'msb-left');
    expect(charset).toEqual(rom);
    expect(charset.buffer).not.toBe(rom.buffer);
  });

  it('mirrors every byte of an lsb-left dump', () => {
    const dump = new Uint8Array(CHARSET_SIZE);
    dump.set([0x01, 0x80, 0x03, 0xf0, 0x55, 0xa5, 0x00, 0xff]);
    const charset = charsetFromRom(dump, 'lsb-left');
    expect(glyph(charset, 0)).toEqual([0x80, 0x01, 0xc0, 0x0f, 0xaa, 0xa5, 0x00, 0xff]);
    expect(charsetFromRom(charsetFromRom(rom, 'lsb-left'), 'lsb-left')).toEqual(rom);
  });

  it('rejects dumps that are not 2K and unknown bit orders', () => {
    expect(() => charsetFromRom(new Uint8Array(4096), 'msb-left')).toThrow(
      'A character ROM must be 2048 bytes (256 characters x 8 rows), got 4096',
    );
    expect(() => charsetFromRom(rom, 'sideways' as 'msb-left')).toThrow('Unknown bit order "sideways"');
  });
});

describe('the lab font (resources/font/lab-font.txt)', () => {
  const { glyphs, names } = readFontText(fontText);
  const at = (code: number): number[] => glyph(glyphs, code);
  const rows = (code: number): string[] =>
    at(code).map((byte) => byte.toString(2).padStart(8, '0').replaceAll('0', '.').replaceAll('1', '#'));
  const mirror = (code: number): string[] => rows(code).map((row) => [...row].reverse().join(''));
  const flip = (code: number): string[] => [...rows(code)].reverse();
  const rotate = (code: number): string[] => {
    const r = rows(code);
    return r.map((_, y) => r.map((_row, x) => r[7 - x]?.[y] ?? '.').join(''));
  };
  const ink = (code: number): number => rows(code).join('').split('#').length - 1;
  const hex = (code: number): string => `$${code.toString(16).toUpperCase().padStart(2, '0')}`;

  it('has all 256 codes exactly once, each with a name', () => {
    expect(glyphs).toHaveLength(2048);
    const headers = fontText.split('\n').filter((line) => line.startsWith('=='));
    expect(headers).toHaveLength(256);
    const codes = headers.map((line) => line.slice(4, 6));
    expect(new Set(codes).size).toBe(256);
    expect(names.filter((name) => name.length === 0)).toEqual([]);
  });

  it('survives a format and parse round trip unchanged', () => {
    const text = formatFontText(glyphs, names);
    expect(parseFontText(text)).toEqual(glyphs);
    expect(formatFontText(parseFontText(text), names)).toBe(text);
  });

  it('has blank spaces at $20 and $60 and no other identical glyphs', () => {
    expect(at(0x20)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect(at(0x60)).toEqual(at(0x20));
    const seen = new Map<string, number>();
    const duplicates: string[] = [];
    for (let code = 0; code < 256; code++) {
      const key = at(code).join(',');
      const first = seen.get(key);
      if (first !== undefined && !(first === 0x20 && code === 0x60))
        duplicates.push(`${hex(first)}=${hex(code)}`);
      seen.set(key, first ?? code);
    }
    expect(duplicates).toEqual([]);
  });

  it('keeps capitals, digits and lower case distinct within each group', () => {
    const groups = [
      [0x41, 0x5a],
      [0x30, 0x39],
      [0x61, 0x7a],
    ];
    for (const [first, last] of groups) {
      const keys = new Set<string>();
      for (let code = first ?? 0; code <= (last ?? 0); code++) keys.add(at(code).join(','));
      expect(keys.size).toBe((last ?? 0) - (first ?? 0) + 1);
    }
    expect(at(0x30)).not.toEqual(at(0x4f));
    expect(at(0x31)).not.toEqual(at(0x6c));
  });

  it('keeps printable text inside columns 1-5, with only descenders on row 7', () => {
    for (let code = 0x21; code <= 0x7f; code++) {
      if (code === 0x60) continue;
      for (const byte of at(code))
        expect(byte & 0b1000_0011, `${hex(code)} spills into the gap columns`).toBe(0);
      expect(ink(code), `${hex(code)} is blank`).toBeGreaterThan(0);
    }
    const descenders = new Set([0x2c, 0x3b, 0x67, 0x6a, 0x70, 0x71, 0x79]);
    for (let code = 0x21; code <= 0x7f; code++) {
      if (!descenders.has(code)) expect(at(code)[7], `${hex(code)} uses row 7`).toBe(0);
    }
    for (const code of descenders) expect(at(code)[7], `${hex(code)} has no descender`).not.toBe(0);
  });

  it('draws the 1-px lines and edge fills where the character set has them', () => {
    for (let i = 0; i < 8; i++) {
      expect(at(0x80 + i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((row) => (row === 7 - i ? 0xff : 0)));
      expect(at(0x88 + i)).toEqual(new Array(8).fill(0x80 >> i));
    }
    const fromBottom = [0x80, 0x90, 0x96, 0x9a, 0x9e, 0x9f, 0xa0, 0xa1];
    const fromTop = [0x87, 0x91, 0x97, 0x9b, 0xa2, 0xa3, 0xa4];
    fromBottom.forEach((code, i) =>
      expect(rows(code).filter((row) => row === '########')).toHaveLength(i + 1),
    );
    fromBottom.forEach((code, i) => expect(at(code)[7 - i]).toBe(0xff));
    fromTop.forEach((code, i) => expect(flip(code)).toEqual(rows(fromBottom[i] ?? 0)));
    const fromLeft = [0x88, 0x92, 0x98, 0x9c];
    const fromRight = [0x8f, 0x93, 0x99, 0x9d];
    fromLeft.forEach((code, i) => expect(at(code)).toEqual(new Array(8).fill((0xff00 >> (i + 1)) & 0xff)));
    fromRight.forEach((code, i) => expect(mirror(code)).toEqual(rows(fromLeft[i] ?? 0)));
  });

  it('has the exact inverse pairs the character set has', () => {
    const pairs = [
      [0x20, 0xa1],
      [0x80, 0xa4],
      [0x87, 0xa0],
      [0x90, 0xa3],
      [0x91, 0x9f],
      [0x96, 0xa2],
      [0x97, 0x9e],
      [0x9a, 0x9b],
      [0x9c, 0x9d],
      [0xa9, 0xaa],
      [0xe8, 0xe9],
    ];
    for (const [a, b] of pairs) {
      expect(
        at(a ?? 0).map((byte) => byte ^ 0xff),
        `${hex(a ?? 0)} / ${hex(b ?? 0)}`,
      ).toEqual(at(b ?? 0));
    }
  });

  it('draws left- and right-facing pictures as exact mirror images', () => {
    const pairs = [
      [0x05, 0x08],
      [0x06, 0x07],
      [0x09, 0x0c],
      [0x0a, 0x0b],
      [0xb3, 0xb6],
      [0xb4, 0xb5],
      [0xd3, 0xd6],
      [0xd4, 0xd5],
      [0xe0, 0xe1],
      [0xe3, 0xe4],
      [0xea, 0xeb],
      [0xf2, 0xf5],
      [0xf3, 0xf6],
      [0xf4, 0xf7],
      [0x12, 0x16],
      [0x11, 0x17],
      [0xed, 0xef],
      [0xfa, 0xfe],
      [0xf9, 0xff],
    ];
    for (const [a, b] of pairs)
      expect(mirror(a ?? 0), `${hex(a ?? 0)} / ${hex(b ?? 0)}`).toEqual(rows(b ?? 0));
  });

  it('turns arrows, aeroplanes and tanks clockwise in 45-degree steps from one design', () => {
    for (const base of [0x10, 0xf8]) {
      for (let step = 0; step < 6; step++) {
        expect(rotate(base + step), `${hex(base + step)} turned`).toEqual(rows(base + step + 2));
      }
    }
    expect(rotate(0xec)).toEqual(rows(0xed));
    expect(rotate(0xed)).toEqual(rows(0xee));
    expect(rotate(0xee)).toEqual(rows(0xef));
    expect(flip(0x10)).toEqual(rows(0x14));
    expect(flip(0xec)).toEqual(rows(0xee));
    expect(flip(0x1d)).toEqual(rows(0x1f));
  });

  it('joins the half-slope lines and box-drawing pieces across cell edges', () => {
    const pixel = (code: number, row: number, col: number): boolean => rows(code)[row]?.[col] === '#';
    // $C4 then $C3 to its right rises over two cells; $C5 then $C6 falls.
    expect(pixel(0xc4, 4, 7) && pixel(0xc3, 3, 0) && pixel(0xc4, 7, 0) && pixel(0xc3, 0, 7)).toBe(true);
    expect(pixel(0xc5, 0, 0) && pixel(0xc5, 3, 7) && pixel(0xc6, 4, 0) && pixel(0xc6, 7, 7)).toBe(true);
    // $C8 above $C7 and $C9 above $CA make steep lines over two rows of cells.
    expect(pixel(0xc8, 0, 0) && pixel(0xc8, 7, 3) && pixel(0xc7, 0, 4) && pixel(0xc7, 7, 7)).toBe(true);
    expect(pixel(0xc9, 0, 7) && pixel(0xc9, 7, 4) && pixel(0xca, 0, 3) && pixel(0xca, 7, 0)).toBe(true);
    // Thin corners, sharp and rounded, end on the middle lines $83/$84 and $8B/$8C.
    const ends: [number, number, number, number, number][] = [
      [0xcb, 0, 4, 3, 7],
      [0xcc, 4, 7, 7, 4],
      [0xcd, 4, 0, 7, 3],
      [0xce, 0, 3, 3, 0],
    ];
    for (const [code, r1, c1, r2, c2] of ends) {
      for (const corner of [code, code + 0x11]) {
        expect(pixel(corner, r1, c1) && pixel(corner, r2, c2), hex(corner)).toBe(true);
        expect(ink(corner), hex(corner)).toBeLessThanOrEqual(8);
      }
    }
    // Thick T-junctions and the cross are built from the bands $94 and $95.
    for (const code of [0xd7, 0xd8, 0xd9, 0xda, 0xdb]) {
      const band = code === 0xd8 || code === 0xda ? 0x95 : 0x94;
      at(band).forEach((byte, row) => expect((at(code)[row] ?? 0) & byte, hex(code)).toBe(byte));
      expect(ink(code), hex(code)).toBeLessThan(ink(0x94) * 2);
    }
  });
});
