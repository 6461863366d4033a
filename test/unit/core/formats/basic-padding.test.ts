import { describe, expect, it } from 'vitest';
import { padBasicLines } from '../../../../src-main/core/formats/basic-padding.ts';

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const text = (data: Uint8Array): string => String.fromCharCode(...data);

describe('padBasicLines', () => {
  it('sets the NULs after every CR to the count asked for, whatever the tape had', () => {
    const saved = bytes(`10 PRINT\r${'\x00'.repeat(10)}20 END\r\x00\x00`);
    expect(text(padBasicLines(saved, 3))).toBe('10 PRINT\r\x00\x00\x0020 END\r\x00\x00\x00');
    expect(text(padBasicLines(saved, 0))).toBe('10 PRINT\r20 END\r');
    expect(text(padBasicLines(bytes('10 A\r20 B'), 2))).toBe('10 A\r\x00\x0020 B');
  });

  it('leaves NULs that do not follow a CR alone, and refuses a bad count', () => {
    expect(text(padBasicLines(bytes('A\x00B'), 5))).toBe('A\x00B');
    expect(() => padBasicLines(bytes('A\r'), 256)).toThrow(RangeError);
  });
});
