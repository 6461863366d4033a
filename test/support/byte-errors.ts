// Byte error counting for round trips: the edit distance between what was sent and what was decoded, so a
// lost, an extra and a wrong byte each count as one error.

export function byteErrors(sent: Uint8Array, received: Uint8Array): number {
  const n = sent.length;
  const m = received.length;
  let previous = new Uint32Array(m + 1);
  let current = new Uint32Array(m + 1);
  for (let j = 0; j <= m; j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    current[0] = i;
    const a = sent[i - 1];
    for (let j = 1; j <= m; j++) {
      const substitute = (previous[j - 1] ?? 0) + (a === received[j - 1] ? 0 : 1);
      const remove = (previous[j] ?? 0) + 1;
      const insert = (current[j - 1] ?? 0) + 1;
      current[j] = Math.min(substitute, remove, insert);
    }
    [previous, current] = [current, previous];
  }
  return previous[m] ?? 0;
}

/** Deterministic pseudo-random bytes (all 256 values appear). */
export function testBytes(count: number, seed = 7): Uint8Array {
  const out = new Uint8Array(count);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = (state >>> 0) & 0xff;
  }
  return out;
}
