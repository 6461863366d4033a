import { describe, expect, it } from 'vitest';
import { align, differences } from '../../../../src-main/core/library/compare.ts';
import { SeededRandom } from '../../../../src-main/core/modem/impairments.ts';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

/** The plain O(n·m) Levenshtein distance, to check the banded one against. */
function levenshtein(a: Uint8Array, b: Uint8Array): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

describe('align', () => {
  it('lines up a take that starts later and misses a byte, not position by position', () => {
    const a = bytes(10, 20, 30, 40, 50, 60);
    const b = bytes(99, 98, 10, 20, 40, 50, 60);
    const result = align(a, b);
    expect(result.distance).toBe(3);
    const pairs = Array.from(result.a, (ia, c) => [ia, result.b[c]]);
    expect(pairs).toEqual([
      [-1, 0],
      [-1, 1],
      [0, 2],
      [1, 3],
      [2, -1],
      [3, 4],
      [4, 5],
      [5, 6],
    ]);
    expect(differences(result, a, b)).toEqual([
      { aStart: 0, aEnd: 0, bStart: 0, bEnd: 2 },
      { aStart: 2, aEnd: 3, bStart: 4, bEnd: 4 },
    ]);
  });

  it('reports a changed byte as one difference on both sides', () => {
    const a = bytes(1, 2, 3, 4);
    const b = bytes(1, 2, 9, 4);
    const result = align(a, b);
    expect(result.distance).toBe(1);
    expect(differences(result, a, b)).toEqual([{ aStart: 2, aEnd: 3, bStart: 2, bEnd: 3 }]);
    expect(differences(align(a, a), a, a)).toEqual([]);
  });

  it('finds the true edit distance even when it is far wider than the first band', () => {
    const random = new SeededRandom(7);
    for (let round = 0; round < 30; round++) {
      const a = Uint8Array.from({ length: 40 + Math.floor(random.next() * 80) }, () =>
        Math.floor(random.next() * 4),
      );
      const b = Uint8Array.from({ length: Math.floor(random.next() * 150) }, () =>
        Math.floor(random.next() * 4),
      );
      const result = align(a, b, 2);
      expect(result.distance).toBe(levenshtein(a, b));
      // Every byte of each take appears once, in order.
      expect(Array.from(result.a).filter((i) => i >= 0)).toEqual(Array.from(a, (_, i) => i));
      expect(Array.from(result.b).filter((i) => i >= 0)).toEqual(Array.from(b, (_, i) => i));
    }
  });

  it('handles empty takes', () => {
    expect(align(bytes(), bytes()).distance).toBe(0);
    expect(align(bytes(1, 2), bytes()).distance).toBe(2);
    expect(align(bytes(), bytes(3)).distance).toBe(1);
  });
});
