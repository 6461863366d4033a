import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../src-main/core/machine/random.ts';

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const seqA = Array.from({ length: 16 }, () => a.nextUint32());
    expect(Array.from({ length: 16 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 16 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('continues the same sequence from a saved seed', () => {
    const a = new SeededRandom(7);
    a.nextUint32();
    const resumed = new SeededRandom(a.seed);
    expect(resumed.nextUint32()).toBe(a.nextUint32());
  });

  it('fills bytes roughly uniformly', () => {
    const bytes = new Uint8Array(65_536);
    new SeededRandom(1).fill(bytes);
    const counts = new Array<number>(256).fill(0);
    for (const byte of bytes) counts[byte] = (counts[byte] ?? 0) + 1;
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(370);
  });
});
