// The NULs a BASIC SAVE writes after each line's CR give a slow board time to digest the line on LOAD. A tape
// played back to a board may need more (or fewer) than it was saved with: this sets every line's run.

const CR = 0x0d;
const NUL = 0x00;

/** `bytes` with the run of NULs after every CR replaced by exactly `nulls` of them. */
export function padBasicLines(bytes: Uint8Array, nulls: number): Uint8Array {
  if (!Number.isInteger(nulls) || nulls < 0 || nulls > 255)
    throw new RangeError(`NUL count ${nulls} is not an integer in 0..255`);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    out.push(byte);
    if (byte !== CR) continue;
    while (bytes[i + 1] === NUL) i++;
    for (let n = 0; n < nulls; n++) out.push(NUL);
  }
  return Uint8Array.from(out);
}
