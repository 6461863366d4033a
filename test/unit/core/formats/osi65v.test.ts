import { describe, expect, it } from 'vitest';
import { build65v, parse65v } from '../../../../src-main/core/formats/osi65v.ts';

describe('build65v', () => {
  it('writes .ADDR/ then each byte as two hex digits and CR, with an optional .ADDRG', () => {
    const text = build65v({ address: 0x0200, bytes: Uint8Array.of(0xa9, 0x41, 0x0d) }, { run: true });
    expect(text).toBe('.0200/A9\r41\r0D\r.0200G');
  });

  it('writes several blocks and a run address of choice, skipping empty blocks', () => {
    const text = build65v(
      [
        { address: 0x0300, bytes: Uint8Array.of(1) },
        { address: 0x0400, bytes: new Uint8Array(0) },
        { address: 0x1000, bytes: Uint8Array.of(0xff, 0) },
      ],
      { run: 0x1000 },
    );
    expect(text).toBe('.0300/01\r.1000/FF\r00\r.1000G');
  });

  it('rejects addresses outside 64K', () => {
    expect(() => build65v({ address: 0xffff, bytes: Uint8Array.of(1, 2) })).toThrow(/runs past \$FFFF/);
    expect(() => build65v({ address: 0x10000, bytes: Uint8Array.of(1) })).toThrow(/outside/);
  });
});

describe('parse65v', () => {
  it('round-trips what build65v writes', () => {
    const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff);
    const result = parse65v(build65v({ address: 0x0ff0, bytes }, { run: true }));
    expect(result.runAddress).toBe(0x0ff0);
    expect(result.problems).toEqual([]);
    expect(result.memory.size).toBe(300);
    for (let i = 0; i < bytes.length; i++) expect(result.memory.get(0x0ff0 + i)).toBe(bytes[i]);
  });

  it('rolls digits into the address and into the byte, storing every digit as typed', () => {
    const result = parse65v('.12345/7\r8\nABC\r');
    expect(result.writes).toEqual([
      { address: 0x2345, value: 0x07 },
      { address: 0x2346, value: 0x08 },
      { address: 0x2346, value: 0x8a },
      { address: 0x2346, value: 0xab },
      { address: 0x2346, value: 0xbc },
    ]);
    expect(result.runAddress).toBeUndefined();
  });

  it('rolls a single digit into the old memory contents when told what memory holds', () => {
    const result = parse65v('.0010/5', { readMemory: () => 0x12 });
    expect(result.memory.get(0x10)).toBe(0x25);
  });

  it('stops at G in address mode and reports where it stopped', () => {
    const text = '.0200/EA\r.0200G.0300/FF\r';
    const result = parse65v(text);
    expect(result.runAddress).toBe(0x200);
    expect(result.consumed).toBe('.0200/EA\r.0200G'.length);
    expect(result.memory.has(0x300)).toBe(false);
  });

  it('ignores LF, spaces and NULs, notes L, and reports stray characters with their offset', () => {
    const result = parse65v('L.0200/ 4 1\n\0\r?G');
    expect(result.switchesToAcia).toBe(true);
    expect(result.memory.get(0x200)).toBe(0x41);
    expect(result.problems).toEqual([
      { offset: 14, message: 'unexpected character "?" (code 63), ignored' },
      { offset: 15, message: "'G' in data mode is ignored" },
    ]);
  });
});
