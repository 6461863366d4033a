import { describe, expect, it } from 'vitest';
import {
  asciiGlyph,
  byteGlyph,
  hex2,
  hexRowHtml,
  textLayout,
  textLine,
  textLines,
  textRowHtml,
} from '../../../src-renderer/lib/tape-text.ts';

describe('tape text for the content views', () => {
  it('keeps the byte behind every shown character', () => {
    const bytes = Uint8Array.from([0x31, 0x30, 0x0d, 0, 0, 0x0a, 0xc1, 0x07, 0x7f]);
    expect(textLines(bytes)).toEqual([
      { chars: ['1', '0', '\u21b5'], indices: [0, 1, 2] },
      { chars: ['A', '^G', '^?'], indices: [6, 7, 8] },
    ]);
  });

  it('lays out the lines compactly: the line of each byte, -1 for hidden ones, and where each starts', () => {
    const bytes = Uint8Array.from([0x31, 0x30, 0x0d, 0, 0, 0x0a, 0xc1, 0x07, 0x7f]);
    const layout = textLayout(bytes);
    expect(layout.lineCount).toBe(2);
    expect([...layout.starts]).toEqual([0, 6]);
    expect([...layout.lineOfByte]).toEqual([0, 0, 0, -1, -1, -1, 1, 1, 1]);
    expect(textLine(bytes, layout, 1)).toEqual({ chars: ['A', '^G', '^?'], indices: [6, 7, 8] });
    // Empty lines and a tape ending on a line end: no line after the last CR.
    const empty = textLayout(Uint8Array.from([0x0d, 0x0d, 0x41, 0x0d]));
    expect(empty.lineCount).toBe(3);
    expect(textLine(Uint8Array.from([0x0d, 0x0d, 0x41, 0x0d]), empty, 2).chars).toEqual(['A', '\u21b5']);
  });

  it('starts a new line for an LF that follows something other than CR', () => {
    expect(textLines(Uint8Array.from([0x41, 0x0a, 0x0a, 0x42])).map((line) => line.chars.join(''))).toEqual([
      'A\u21b5',
      '\u21b5',
      'B',
    ]);
  });

  it('names bytes by character or hex', () => {
    expect(byteGlyph(0x41)).toBe('A');
    expect(byteGlyph(0x20)).toBe('$20');
    expect(byteGlyph(0xff)).toBe('$FF');
    expect(hex2(7)).toBe('07');
  });

  it('writes a text row as one button per byte, escaped, with its classes', () => {
    const [line] = textLines(Uint8Array.from([0x3c, 0x26, 0x07, 0x41]));
    const classOf = (index: number): string => (index === 3 ? 'sel err' : ' ');
    expect(textRowHtml(line!, classOf)).toBe(
      '<button class="ch" data-byte="0">&lt;</button><button class="ch" data-byte="1">&amp;</button>' +
        '<button class="ch ctl" data-byte="2">^G</button><button class="ch sel err" data-byte="3">A</button>',
    );
  });

  it('writes a hex row with its offset, hex cells and characters', () => {
    const bytes = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 0x3e, 0xc1]);
    const html = hexRowHtml(bytes, 1, 8, (index) => (index === 9 ? 'weak' : ''));
    expect(html).toBe(
      '<span class="offset">00008</span><span class="hex"><button class="hx" data-byte="8">3E</button>' +
        '<button class="hx weak" data-byte="9">C1</button></span><span class="ascii">' +
        '<button class="ch" data-at="8">&gt;</button><button class="ch weak" data-at="9">A</button></span>',
    );
    expect(asciiGlyph(0x07)).toBe('\u00b7');
  });
});
