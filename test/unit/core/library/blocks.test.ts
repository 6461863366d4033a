import { describe, expect, it } from 'vitest';
import { build65v } from '../../../../src-main/core/formats/osi65v.ts';
import {
  detectKind,
  preview,
  splitBlocks,
  type TakeDecode,
} from '../../../../src-main/core/library/blocks.ts';
import { basicTextToBytes } from '../../../../src-main/core/modem/kcs-encoder.ts';

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** A decode of `parts` laid one after another at 147 samples a byte, `gap` samples between parts. */
function decodeOf(parts: Uint8Array[], gap: number, weak: number[] = []): TakeDecode {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 1000;
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
    for (let i = 0; i < part.length; i++) {
      starts.push(at);
      ends.push(at + 147);
      at += 147;
    }
    at += gap;
  }
  const confidence = new Uint8Array(bytes.length).fill(230);
  for (const i of weak) confidence[i] = 0;
  return { bytes, confidence, starts, ends };
}

describe('block kinds and previews', () => {
  it('tells a BASIC listing, a 65V program and other bytes apart', () => {
    const basic = basicTextToBytes('10 PRINT "HI"\n20 GOTO 10\n');
    const monitor = ascii(
      build65v({ address: 0x0200, bytes: Uint8Array.of(0xa9, 0x41, 0x60) }, { run: true }),
    );
    expect(detectKind(basic)).toBe('basic');
    expect(detectKind(monitor)).toBe('65v');
    expect(detectKind(Uint8Array.of(0xa9, 0x41, 0x8d, 0x00, 0xd0, 0x60, 0x01, 0xff))).toBe('bytes');
    expect(detectKind(ascii('Just some words\r'))).toBe('bytes');
    expect(detectKind(new Uint8Array(0))).toBe('bytes');
  });

  it('previews the first line, the 65V load range and run address, or hex', () => {
    expect(preview(basicTextToBytes('\n10 PRINT "HI"\n20 GOTO 10\n'), 'basic')).toBe('10 PRINT "HI"');
    const monitor = ascii(build65v({ address: 0x0300, bytes: new Uint8Array(16) }, { run: 0x0305 }));
    expect(preview(monitor, '65v')).toBe('65V $0300-$030F, 16 bytes, runs at $0305');
    expect(preview(Uint8Array.of(1, 2, 0xab), 'bytes')).toBe('01 02 AB');
    expect(preview(new Uint8Array(20), 'bytes').endsWith('…')).toBe(true);
  });
});

describe('splitBlocks', () => {
  const one = basicTextToBytes('10 PRINT "ONE"\n');
  const two = ascii(build65v({ address: 0x0200, bytes: Uint8Array.of(1, 2, 3) }));

  it('splits where the tape is quiet for the gap or longer, and only there', () => {
    const decode = decodeOf([one, two], 44100);
    const blocks = splitBlocks(decode, 44100);
    expect(blocks.map((b) => [b.index, b.kind, b.offset, b.length])).toEqual([
      [0, 'basic', 0, one.length],
      [1, '65v', one.length, two.length],
    ]);
    expect(blocks[0]!.startSample).toBe(1000);
    expect(blocks[0]!.endSample).toBe(1000 + one.length * 147);
    expect(blocks[1]!.startSample).toBe(1000 + one.length * 147 + 44100);
    expect(splitBlocks(decodeOf([one, two], 44099), 44100)).toHaveLength(1);
  });

  it('counts weak bytes per block and points at the first', () => {
    const decode = decodeOf([one, two], 50000, [3, one.length + 2, one.length + 4]);
    const [a, b] = splitBlocks(decode, 44100);
    expect(a!.errors).toBe(1);
    expect(a!.firstError).toBe(1000 + 3 * 147);
    expect(b!.errors).toBe(2);
    expect(b!.firstError).toBe(decode.starts![one.length + 2]);
  });

  it('keeps a decode without sample positions as one block with byte offsets for errors', () => {
    const bytes = Uint8Array.of(...one, ...two);
    const confidence = new Uint8Array(bytes.length).fill(255);
    confidence[5] = 10;
    const blocks = splitBlocks({ bytes, confidence }, 1);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({
      offset: 0,
      length: bytes.length,
      errors: 1,
      firstError: 5,
      startSample: 0,
    });
  });
});
