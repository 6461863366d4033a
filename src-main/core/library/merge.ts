/**
 * Repairs a program from several takes of one tape by a vote per byte, each take's vote weighed by the
 * decoder's confidence in that byte. Every take is aligned (compare.ts) to a reference take, the one with
 * the fewest weak bytes; then for each reference byte the takes vote for a value or for "no byte here", and
 * between two reference bytes they vote on bytes the reference lacks. A take's "no byte" carries the
 * confidence of its bytes on either side of the hole: a take that decoded its neighbours cleanly is sure
 * nothing was there, one that lost sync there is not. Ties keep the byte: losing data is the worse mistake.
 */
import { align } from './compare.ts';
import { ERROR_CONFIDENCE } from './blocks.ts';

export interface MergeTake {
  bytes: Uint8Array;
  /** Per byte 0..255, 0 for a framing error. */
  confidence: Uint8Array;
}

export interface MergeResult {
  bytes: Uint8Array;
  confidence: Uint8Array;
  /** Which take served as the reference. */
  reference: number;
  /** Places where the takes disagreed and the vote decided. */
  decided: number;
  /** Bytes of the result still below the error threshold. */
  weak: number;
}

const MIN_WEIGHT = 2;

const weakCount = (take: MergeTake): number =>
  take.confidence.reduce((n, c) => n + (c < ERROR_CONFIDENCE ? 1 : 0), 0);

export function mergeTakes(takes: readonly MergeTake[]): MergeResult {
  if (takes.length === 0) throw new RangeError('merge needs at least one take');
  let reference = 0;
  for (let t = 1; t < takes.length; t++) {
    const here = takes[t]!;
    const best = takes[reference]!;
    const diff = weakCount(here) - weakCount(best);
    if (diff < 0 || (diff === 0 && here.bytes.length > best.bytes.length)) reference = t;
  }
  const ref = takes[reference]!;
  const n = ref.bytes.length;
  // Per reference byte: the weight each value gets, and the weight of "no byte".
  const votes: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const absent = new Float64Array(n);
  const bestConfidence: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  // Per slot before reference byte i (slot n: after the last): candidate insertions and the weight against.
  const inserted: { bytes: number[]; confidence: number[]; weight: number }[][] = Array.from(
    { length: n + 1 },
    () => [],
  );
  const againstInsert = new Float64Array(n + 1);

  const weight = (c: number): number => Math.max(MIN_WEIGHT, c);
  for (const take of takes) {
    const alignment = take === ref ? null : align(ref.bytes, take.bytes);
    const columns = alignment?.a.length ?? n;
    const holeWeight = (before: number, after: number): number =>
      Math.min(
        before >= 0 ? weight(take.confidence[before] ?? 0) : 255,
        after < take.bytes.length ? weight(take.confidence[after] ?? 0) : 255,
      );
    let lastTake = -1;
    let pending: { bytes: number[]; confidence: number[] } | null = null;
    let slotRef = 0;
    const closeSlot = (nextTake: number): void => {
      if (pending) {
        const mean = pending.confidence.reduce((s, c) => s + weight(c), 0) / pending.confidence.length;
        inserted[slotRef]!.push({ ...pending, weight: mean });
      } else {
        againstInsert[slotRef]! += holeWeight(lastTake, nextTake);
      }
      pending = null;
    };
    for (let c = 0; c < columns; c++) {
      const ia = alignment ? (alignment.a[c] ?? -1) : c;
      const ib = alignment ? (alignment.b[c] ?? -1) : c;
      if (ia < 0) {
        pending ??= { bytes: [], confidence: [] };
        pending.bytes.push(take.bytes[ib] ?? 0);
        pending.confidence.push(take.confidence[ib] ?? 0);
        lastTake = ib;
        continue;
      }
      slotRef = ia;
      let nextTake = lastTake + 1;
      if (ib >= 0) nextTake = ib;
      closeSlot(nextTake);
      if (ib >= 0) {
        const value = take.bytes[ib] ?? 0;
        const conf = take.confidence[ib] ?? 0;
        const cell = votes[ia]!;
        cell.set(value, (cell.get(value) ?? 0) + weight(conf));
        const best = bestConfidence[ia]!;
        best.set(value, Math.max(best.get(value) ?? 0, conf));
        lastTake = ib;
      } else {
        absent[ia]! += holeWeight(lastTake, lastTake + 1);
      }
    }
    slotRef = n;
    closeSlot(take.bytes.length);
  }

  const out: number[] = [];
  const outConfidence: number[] = [];
  let decided = 0;
  const emitInsertions = (slot: number): void => {
    const candidates = inserted[slot]!;
    if (candidates.length === 0) return;
    decided++;
    const support = candidates.reduce((s, c) => s + c.weight, 0);
    if (support < againstInsert[slot]!) return;
    const chosen = candidates.reduce((a, b) => (b.weight > a.weight ? b : a));
    out.push(...chosen.bytes);
    outConfidence.push(...chosen.confidence);
  };
  for (let i = 0; i < n; i++) {
    emitInsertions(i);
    const cell = votes[i]!;
    if (cell.size > 1 || absent[i]! > 0) decided++;
    let value = -1;
    let support = 0;
    for (const [v, w] of cell) {
      if (w > support) {
        support = w;
        value = v;
      }
    }
    if (value < 0 || support < absent[i]!) continue;
    out.push(value);
    outConfidence.push(bestConfidence[i]!.get(value) ?? 0);
  }
  emitInsertions(n);
  const confidence = Uint8Array.from(outConfidence);
  return {
    bytes: Uint8Array.from(out),
    confidence,
    reference,
    decided,
    weak: weakCount({ bytes: new Uint8Array(0), confidence }),
  };
}
