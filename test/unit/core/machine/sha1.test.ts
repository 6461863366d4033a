import { describe, expect, it } from 'vitest';
import { sha1Hex } from '../../../../src-main/core/machine/sha1.ts';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('sha1Hex', () => {
  it('matches the FIPS 180 example vectors', () => {
    expect(sha1Hex(ascii('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(sha1Hex(ascii(''))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(sha1Hex(ascii('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    );
  });

  it('hashes a million repetitions of "a"', () => {
    expect(sha1Hex(new Uint8Array(1_000_000).fill(0x61))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  it('handles lengths around the padding boundary (55, 56, 64 bytes)', () => {
    expect(sha1Hex(ascii('a'.repeat(55)))).toBe('c1c8bbdc22796e28c0e15163d20899b65621d65a');
    expect(sha1Hex(ascii('a'.repeat(56)))).toBe('c2db330f6083854c99d4b5bfb6e8f29f201be699');
    expect(sha1Hex(ascii('a'.repeat(64)))).toBe('0098ba824b5c16427bd7a1122a5a442a25ec644d');
  });

  it('hashes 2048 zero bytes like a blank ROM', () => {
    expect(sha1Hex(new Uint8Array(2048))).toBe('605db3fdbaff4ba13729371ad0c4fbab3889378e');
  });
});
