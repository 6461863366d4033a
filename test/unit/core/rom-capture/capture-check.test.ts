import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src-main/core/machine/random.ts';
import { sha1Hex } from '../../../../src-main/core/machine/sha1.ts';
import {
  checkCapture,
  verdict,
  type CapturedByte,
  type ReferenceRom,
} from '../../../../src-main/core/rom-capture/capture-check.ts';

/** 11 bits at 300 baud, in samples at 44.1 kHz. */
const FRAME = 1617;
const RANGE = { start: 0xf800, end: 0xf8ff };

/** 256 bytes of our own, every value from 0 to 255 in a seeded shuffle (NULs and bit 7 included). */
function ownBytes(): Uint8Array {
  const random = new SeededRandom(7);
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let i = bytes.length - 1; i > 0; i--) {
    const j = random.nextUint32() % (i + 1);
    [bytes[i], bytes[j]] = [bytes[j]!, bytes[i]!];
  }
  return bytes;
}

/** The frames as the decoder reports them: back to back from sample 1000, with the given ones dropped. */
function frames(bytes: Uint8Array, drop: ReadonlySet<number> = new Set()): CapturedByte[] {
  const out: CapturedByte[] = [];
  bytes.forEach((value, i) => {
    if (!drop.has(i))
      out.push({ value, start: 1000 + i * FRAME, end: 1000 + (i + 1) * FRAME - 1, framingError: false });
  });
  return out;
}

describe('checking a ROM capture', () => {
  const bytes = ownBytes();
  const known: ReferenceRom = { name: 'Test ROM 1.0', sha1: sha1Hex(bytes), size: 256 };

  it('names a capture whose SHA-1 is a known dump, and keeps NULs and bit 7 as they came', () => {
    const check = checkCapture(frames(bytes), RANGE, [
      { name: 'Other ROM', sha1: sha1Hex(new Uint8Array(256)), size: 256 },
      known,
    ]);
    expect(check).toMatchObject({
      expected: 256,
      received: 256,
      sha1: sha1Hex(bytes),
      match: 'Test ROM 1.0',
      complete: true,
      problems: [],
      diff: null,
    });
    expect(verdict(check)).toBe('Test ROM 1.0 (SHA-1 matches)');
  });

  it('does not name a known dump of another size even with the same hash field', () => {
    const check = checkCapture(frames(bytes), RANGE, [{ ...known, size: 2048 }]);
    expect(check.match).toBeNull();
    expect(verdict(check)).toBe('unknown: its SHA-1 matches no known dump');
  });

  it('reports a truncated capture and where it stopped', () => {
    const check = checkCapture(frames(bytes.subarray(0, 200)), RANGE, [known]);
    expect(check).toMatchObject({ received: 200, missingAtEnd: 56, match: null, complete: false, gaps: [] });
    expect(check.problems).toEqual(['Short by 56 bytes: nothing arrived for $F8C8-$F8FF.']);
    expect(verdict(check)).toBe('incomplete: 200 of 256 bytes');
  });

  it('finds bytes the decoder lost from the gaps in the frame timing, with their addresses', () => {
    const check = checkCapture(frames(bytes, new Set([10, 100, 101, 102])), RANGE, [known]);
    expect(check.gaps).toEqual([
      { index: 10, address: 0xf80b, missing: 1 },
      { index: 99, address: 0xf867, missing: 3 },
    ]);
    expect(check.missingAtEnd).toBe(0);
    expect(check.problems).toEqual([
      '1 byte lost before $F80B (a gap after byte 9).',
      '3 bytes lost before $F867 (a gap after byte 98).',
    ]);
  });

  it('locates framing errors at the addresses their bytes came from', () => {
    const captured = frames(bytes, new Set([5]));
    captured[20]!.framingError = true;
    captured[21]!.framingError = true;
    const check = checkCapture(captured, RANGE, [known]);
    // Byte 20 received is the 22nd of the range, as one was lost before it.
    expect(check.framingErrors).toEqual([
      { index: 20, address: 0xf815 },
      { index: 21, address: 0xf816 },
    ]);
    expect(check.complete).toBe(false);
    expect(check.problems.at(-1)).toBe('2 framing errors at $F815, $F816: those bytes may be wrong.');
  });

  it('diffs an unknown capture against the closest reference it holds the bytes of', () => {
    const installed = bytes.slice();
    const changed = bytes.slice();
    changed[0x10] = changed[0x10]! ^ 0xff;
    changed[0x40] = changed[0x40]! ^ 0x01;
    changed[0x41] = changed[0x41]! ^ 0x80;
    changed[0x42] = changed[0x42]! ^ 0x02;
    const far = bytes.map((b) => b ^ 0x55);
    const references: ReferenceRom[] = [
      known,
      { name: 'far', sha1: sha1Hex(far), size: 256, bytes: far },
      { name: 'the installed ROM', sha1: sha1Hex(installed), size: 256, bytes: installed },
    ];
    const check = checkCapture(frames(changed), RANGE, references);
    expect(check.match).toBeNull();
    expect(check.diff).toEqual({
      against: 'the installed ROM',
      differing: 4,
      runs: [
        { address: 0xf810, length: 1 },
        { address: 0xf840, length: 3 },
      ],
      moreRuns: 0,
    });
    expect(verdict(check)).toBe('unknown: 4 bytes differ from the installed ROM in 2 places');
  });

  it('says so when nothing came, or more than the range', () => {
    expect(checkCapture([], RANGE, [known]).problems).toEqual([
      'Nothing was decoded: no byte came from the board.',
    ]);
    const long = new Uint8Array(258);
    long.set(bytes);
    expect(checkCapture(frames(long), RANGE, [known]).problems).toEqual([
      '2 bytes more than the 256 expected: something else was sent too.',
    ]);
  });
});
