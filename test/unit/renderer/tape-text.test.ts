import { describe, expect, it } from 'vitest';
import { byteGlyph, hex2, textLines } from '../../../src-renderer/lib/tape-text.ts';

describe('tape text for the content views', () => {
  it('keeps the byte behind every shown character', () => {
    const bytes = Uint8Array.from([0x31, 0x30, 0x0d, 0, 0, 0x0a, 0xc1, 0x07, 0x7f]);
    expect(textLines(bytes)).toEqual([
      { chars: ['1', '0', '\u21b5'], indices: [0, 1, 2] },
      { chars: ['A', '^G', '^?'], indices: [6, 7, 8] },
    ]);
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
});
