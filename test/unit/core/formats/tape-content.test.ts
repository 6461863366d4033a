import { describe, expect, it } from 'vitest';
import { build65v } from '../../../../src-main/core/formats/osi65v.ts';
import { detectTapeContent, tapeContent } from '../../../../src-main/core/formats/tape-content.ts';

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('tape content', () => {
  it('sends 65V text as typed, line ends as CR', () => {
    const text = build65v({ address: 0x0300, bytes: Uint8Array.of(0xa9, 0x41) }, { run: true });
    expect(detectTapeContent(bytes(text))).toBe('65v');
    const edited = text.replace(/\r/g, '\n');
    expect(tapeContent(bytes(edited), 'auto')).toEqual({ kind: '65v', bytes: bytes(text) });
  });

  it('sends a listing as SAVE writes it, with the chosen NUL padding and a RETURN on the last line', () => {
    const listing = '10 PRINT "HI"\r\n20 END';
    expect(detectTapeContent(bytes(listing))).toBe('basic');
    const content = tapeContent(bytes(listing), 'auto', 3);
    expect(content.kind).toBe('basic');
    expect(content.bytes).toEqual(bytes('10 PRINT "HI"\r\0\0\0' + '20 END\r\0\0\0'));
    expect(tapeContent(bytes(listing), 'basic', 0).bytes).toEqual(bytes('10 PRINT "HI"\r20 END\r'));
  });

  it('sends anything else, or what the user asks to be raw, byte for byte', () => {
    const binary = Uint8Array.of(0xa9, 0x00, 0x60);
    expect(tapeContent(binary, 'auto')).toEqual({ kind: 'raw', bytes: binary });
    expect(tapeContent(bytes('10 END\n'), 'raw').bytes).toEqual(bytes('10 END\n'));
    expect(detectTapeContent(new Uint8Array(0))).toBe('raw');
  });
});
