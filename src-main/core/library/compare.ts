/**
 * Byte-by-byte comparison of two takes, aligned by edit distance (Levenshtein: substitutions, insertions and
 * deletions cost 1) rather than by position, so a take that starts later or misses a byte still lines up.
 * The dynamic programme runs in a diagonal band around the length difference, widened until the distance
 * found fits inside it (then no path outside the band can be shorter), so similar takes cost O(n·k).
 */

/** One column of an alignment: the index in each take, or -1 where that take has no byte. */
export interface Alignment {
  a: Int32Array;
  b: Int32Array;
  /** The edit distance: substitutions, insertions and deletions. */
  distance: number;
}

export interface Difference {
  /** Bytes [aStart, aEnd) of take A against [bStart, bEnd) of take B. */
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

const DIAGONAL = 0;
const UP = 1; // a byte of A with nothing in B
const LEFT = 2; // a byte of B with nothing in A

export function align(a: Uint8Array, b: Uint8Array, initialBand = 32): Alignment {
  const n = a.length;
  const m = b.length;
  const longest = Math.max(n, m);
  for (let k = Math.max(1, initialBand); ; k *= 2) {
    const band = Math.min(k, longest);
    const result = alignInBand(a, b, band);
    if (result.distance <= band || band >= longest) return result;
  }
}

function alignInBand(a: Uint8Array, b: Uint8Array, k: number): Alignment {
  const n = a.length;
  const m = b.length;
  const lo = Math.min(0, m - n) - k;
  const hi = Math.max(0, m - n) + k;
  const width = hi - lo + 1;
  const INF = 0x3fffffff;
  let previous = new Int32Array(width).fill(INF);
  let current = new Int32Array(width).fill(INF);
  const trace = new Uint8Array((n + 1) * width);
  for (let i = 0; i <= n; i++) {
    current.fill(INF);
    for (let t = 0; t < width; t++) {
      const j = i + lo + t;
      if (j < 0 || j > m) continue;
      if (i === 0 && j === 0) {
        current[t] = 0;
        continue;
      }
      let best = INF;
      let move = DIAGONAL;
      if (i > 0 && j > 0) {
        best = (previous[t] ?? INF) + (a[i - 1] === b[j - 1] ? 0 : 1);
      }
      if (i > 0 && t + 1 < width) {
        const up = (previous[t + 1] ?? INF) + 1;
        if (up < best) {
          best = up;
          move = UP;
        }
      }
      if (j > 0 && t > 0) {
        const left = (current[t - 1] ?? INF) + 1;
        if (left < best) {
          best = left;
          move = LEFT;
        }
      }
      current[t] = best;
      trace[i * width + t] = move;
    }
    [previous, current] = [current, previous];
  }
  const distance = previous[m - n - lo] ?? INF;
  const colsA: number[] = [];
  const colsB: number[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const move = trace[i * width + (j - i - lo)];
    if (move === DIAGONAL && i > 0 && j > 0) {
      colsA.push(--i);
      colsB.push(--j);
    } else if (move === UP || j === 0) {
      colsA.push(--i);
      colsB.push(-1);
    } else {
      colsA.push(-1);
      colsB.push(--j);
    }
  }
  return { a: Int32Array.from(colsA.reverse()), b: Int32Array.from(colsB.reverse()), distance };
}

/** The stretches where two aligned takes differ, in order. */
export function differences(alignment: Alignment, a: Uint8Array, b: Uint8Array): Difference[] {
  const out: Difference[] = [];
  let open: Difference | null = null;
  let nextA = 0;
  let nextB = 0;
  for (let c = 0; c < alignment.a.length; c++) {
    const ia = alignment.a[c] ?? -1;
    const ib = alignment.b[c] ?? -1;
    const same = ia >= 0 && ib >= 0 && a[ia] === b[ib];
    if (same) {
      if (open) out.push(open);
      open = null;
    } else {
      open ??= { aStart: nextA, aEnd: nextA, bStart: nextB, bEnd: nextB };
      if (ia >= 0) open.aEnd = ia + 1;
      if (ib >= 0) open.bEnd = ib + 1;
    }
    if (ia >= 0) nextA = ia + 1;
    if (ib >= 0) nextB = ib + 1;
  }
  if (open) out.push(open);
  return out;
}
