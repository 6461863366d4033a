import { describe, expect, it } from 'vitest';
import {
  KNOWN_ROMS,
  RomError,
  identifyRom,
  loadBasicRom,
  loadMonitorRom,
} from '../../../../src-main/core/machine/rom-set.ts';
import { sha1Hex } from '../../../../src-main/core/machine/sha1.ts';

function pattern(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

describe('rom-set', () => {
  it('lists the known dumps with 40-digit hashes and their sizes', () => {
    expect(KNOWN_ROMS.map((rom) => rom.sha1)).toContain('4a0241c4015b94c436d0f0f58b3dd9d5207cd847');
    for (const rom of KNOWN_ROMS) {
      expect(rom.sha1).toMatch(/^[0-9a-f]{40}$/);
      expect(rom.size).toBe(rom.kind === 'monitor' ? 2048 : 8192);
    }
  });

  it('accepts an unknown 2K monitor and names it so', () => {
    const rom = loadMonitorRom(pattern(2048, 7), 'cegmon.bin');
    expect(rom.known).toBe(false);
    expect(rom.name).toBe('unknown monitor');
    expect(rom.sha1).toBe(sha1Hex(pattern(2048, 7)));
    expect(identifyRom(rom.bytes)).toBeUndefined();
  });

  it('copies the image so later changes to the caller buffer do not leak in', () => {
    const bytes = pattern(2048, 1);
    const rom = loadMonitorRom(bytes);
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    expect(rom.bytes[0]).not.toBe(bytes[0]);
  });

  it('rejects a monitor of the wrong size, naming the file and the expected size', () => {
    expect(() => loadMonitorRom(new Uint8Array(4096), 'big.rom')).toThrow(RomError);
    expect(() => loadMonitorRom(new Uint8Array(4096), 'big.rom')).toThrow(/big\.rom.*4096 bytes.*2048/);
  });

  it('joins four 2K BASIC parts in address order and hashes the whole', () => {
    const parts = [0, 1, 2, 3].map((i) => pattern(2048, i * 50));
    const rom = loadBasicRom(parts);
    expect(rom.bytes.length).toBe(8192);
    expect(Array.from(rom.bytes.subarray(2048 * 2, 2048 * 2 + 4))).toEqual(
      Array.from(parts[2]!.subarray(0, 4)),
    );
    const whole = new Uint8Array(8192);
    parts.forEach((p, i) => whole.set(p, i * 2048));
    expect(rom.sha1).toBe(loadBasicRom(whole).sha1);
    expect(rom.name).toBe('unknown BASIC');
  });

  it('explains a missing or wrong-sized BASIC part', () => {
    const good = pattern(2048, 3);
    expect(() => loadBasicRom([good, good, undefined, good], ['a', 'b', 'c', 'd'])).toThrow(
      /part 3 of 4 at \$B000 \(c\) is missing/,
    );
    expect(() => loadBasicRom([good, good, good, new Uint8Array(100)])).toThrow(/part 4 of 4.*100 bytes/);
    expect(() => loadBasicRom([good, good])).toThrow(/got 2 parts/);
    expect(() => loadBasicRom(good, ['basic1.rom'])).toThrow(/basic1\.rom.*2048 bytes.*all four/);
  });
});
