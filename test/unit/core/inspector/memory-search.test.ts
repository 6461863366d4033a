import { describe, expect, it } from 'vitest';
import {
  findBytes,
  formatAccessMap,
  formatHexDump,
  parseSearch,
} from '../../../../src-main/core/inspector/memory-search.ts';

describe('finding bytes', () => {
  it('reads hex bytes, quoted text and 16-bit values', () => {
    expect(parseSearch('A9 41 8d')).toMatchObject({ ok: true, bytes: [0xa9, 0x41, 0x8d] });
    expect(parseSearch('"HI"')).toMatchObject({ ok: true, bytes: [0x48, 0x49] });
    expect(parseSearch('w:$D000')).toMatchObject({ ok: true, bytes: [0x00, 0xd0] });
    expect(parseSearch('w:#256')).toMatchObject({ ok: true, bytes: [0x00, 0x01] });
    expect(parseSearch('')).toMatchObject({ ok: false });
    expect(parseSearch('w:#70000')).toEqual({ ok: false, error: '70000 does not fit in 16 bits.' });
    expect(parseSearch('hello')).toMatchObject({ ok: false, error: expect.stringMatching(/^Cannot search/) });
  });

  it('finds the next match from an address, wrapping round', () => {
    const memory = new Uint8Array(0x10000);
    memory.set([1, 2, 3], 0x100);
    memory.set([1, 2], 0xfffe);
    memory[0] = 3;
    expect(findBytes(memory, [1, 2, 3], 0)).toBe(0x100);
    expect(findBytes(memory, [1, 2, 3], 0x101)).toBe(0xfffe);
    expect(findBytes(memory, [1, 2, 4], 0)).toBe(-1);
  });
});

describe('text exports', () => {
  it('dumps a range as hex and ASCII, aligned to 16', () => {
    const bytes = Uint8Array.from([0x41, 0x42, 0x00, ...new Array<number>(16).fill(0x2e)]);
    expect(formatHexDump(0x030e, bytes)).toBe(
      '0300                                            41 42                AB\n' +
        '0310  00 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E 2E  ................\n' +
        '0320  2E                                               .\n',
    );
  });

  it('writes the access map as one line per touched address', () => {
    const reads = new Uint32Array(0x10000);
    const writes = new Uint32Array(0x10000);
    const executes = new Uint32Array(0x10000);
    reads[0xf000] = 7;
    writes[0x0300] = 2;
    executes[0xff00] = 1;
    expect(formatAccessMap(reads, writes, executes)).toBe(
      '# address reads writes executes\n$0300 0 2 0\n$F000 7 0 0\n$FF00 0 0 1\n',
    );
  });
});
