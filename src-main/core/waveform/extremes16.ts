// The smallest and largest of each bucket of 16-bit words, eight words at a time (WebAssembly SIMD): the
// peaks of an hour-long mono 16-bit tape are 173 million comparisons each way, which a JavaScript loop
// takes about ten times as long to make. The module is written out below instruction by instruction.

/** Unsigned LEB128, as the WebAssembly binary format writes sizes and counts. */
function leb(value: number): number[] {
  const out: number[] = [];
  let rest = value >>> 0;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    out.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return out;
}

const vector = (items: number[][]): number[] => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];

// Opcodes (WebAssembly core and SIMD specifications).
const I32 = 0x7f;
const V128 = 0x7b;
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const I32_CONST = 0x41;
const I32_EQZ = 0x45;
const I32_LT_U = 0x49;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_SHL = 0x74;
/** i32.store16 with a 2-byte alignment hint, at an offset. */
const store16 = (offset: number): number[] => [0x3b, 1, offset];
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00, 0, 0];
const I16X8_SPLAT = [SIMD, 0x10];
const I16X8_FIRST_LANE = [SIMD, 0x18, 0];
const I16X8_MIN_S = [SIMD, 0x96, 0x01];
const I16X8_MAX_S = [SIMD, 0x98, 0x01];
const shuffle = (lanes: number[]): number[] => [SIMD, 0x0d, ...lanes];
const get = (local: number): number[] => [0x20, local];
const set = (local: number): number[] => [0x21, local];
const tee = (local: number): number[] => [0x22, local];

// extremes(at, buckets, size, out): for each of `buckets` buckets of `size` words (a multiple of 8) from
// byte `at`, stores its smallest and its largest word at `out` (two words per bucket).
const AT = 0;
const BUCKETS = 1;
const SIZE = 2;
const OUT = 3;
const STOP = 4;
const LO = 5;
const HI = 6;
const WORDS = 7;
/** Folds the eight lanes of a vector into its first lane with `op`: halves, quarters, eighths. */
const fold = (local: number, op: number[]): number[] =>
  [
    [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7],
    [4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3],
    [2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1],
  ].flatMap((lanes) => [
    ...get(local),
    ...get(local),
    ...get(local),
    ...shuffle(lanes),
    ...op,
    ...set(local),
  ]);

const BODY = [
  ...BLOCK,
  ...LOOP,
  // No bucket left: done.
  ...get(BUCKETS),
  I32_EQZ,
  BR_IF,
  1,
  // stop = at + size * 2; lo = 32767 in every lane, hi = -32768.
  ...get(AT),
  ...get(SIZE),
  I32_CONST,
  1,
  I32_SHL,
  I32_ADD,
  ...set(STOP),
  ...[I32_CONST, 0xff, 0xff, 0x01],
  ...I16X8_SPLAT,
  ...set(LO),
  ...[I32_CONST, 0x80, 0x80, 0x7e],
  ...I16X8_SPLAT,
  ...set(HI),
  // Eight words at a time until the bucket's end.
  ...LOOP,
  ...get(AT),
  ...V128_LOAD,
  ...set(WORDS),
  ...get(LO),
  ...get(WORDS),
  ...I16X8_MIN_S,
  ...set(LO),
  ...get(HI),
  ...get(WORDS),
  ...I16X8_MAX_S,
  ...set(HI),
  ...get(AT),
  I32_CONST,
  16,
  I32_ADD,
  ...tee(AT),
  ...get(STOP),
  I32_LT_U,
  BR_IF,
  0,
  END,
  ...fold(LO, I16X8_MIN_S),
  ...fold(HI, I16X8_MAX_S),
  ...get(OUT),
  ...get(LO),
  ...I16X8_FIRST_LANE,
  ...store16(0),
  ...get(OUT),
  ...get(HI),
  ...I16X8_FIRST_LANE,
  ...store16(2),
  // out += 4; buckets -= 1; next bucket.
  ...get(OUT),
  I32_CONST,
  4,
  I32_ADD,
  ...set(OUT),
  ...get(BUCKETS),
  I32_CONST,
  1,
  I32_SUB,
  ...set(BUCKETS),
  BR,
  0,
  END,
  END,
  END,
];

const CODE = [
  ...vector([
    [1, I32],
    [3, V128],
  ]),
  ...BODY,
];
const MODULE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  // Types: (i32 i32 i32 i32) -> ().
  ...section(1, vector([[0x60, 4, I32, I32, I32, I32, 0]])),
  // Functions: one, of type 0.
  ...section(3, vector([[0]])),
  // Memory: one page to start with, grown as needed.
  ...section(5, vector([[0x00, 1]])),
  // Exports: "m" the memory, "e" the function.
  ...section(
    7,
    vector([
      [1, 0x6d, 0x02, 0],
      [1, 0x65, 0x00, 0],
    ]),
  ),
  ...section(10, vector([[...leb(CODE.length), ...CODE]])),
]);

interface Module {
  memory: WebAssembly.Memory;
  extremes: (at: number, buckets: number, size: number, out: number) => void;
}

const PAGE = 65536;
let instance: Module | null | undefined;

function load(): Module | null {
  try {
    if (typeof WebAssembly !== 'object' || !WebAssembly.validate(MODULE)) return null;
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(MODULE));
    return {
      memory: exports.m as WebAssembly.Memory,
      extremes: exports.e as Module['extremes'],
    };
  } catch {
    return null;
  }
}

/**
 * The smallest and largest word of each of `buckets` buckets of `size` words at the start of `words`, as
 * [min, max, min, max, …] (a view valid until the next call); null when the engine lacks WebAssembly SIMD
 * or `size` is not a multiple of 8 (the caller then finds them itself).
 */
export function bucketExtremes(words: Int16Array, size: number, buckets: number): Int16Array | null {
  if (size % 8 !== 0 || size <= 0 || buckets * size > words.length) return null;
  instance ??= load();
  if (instance === null) return null;
  const { memory, extremes } = instance;
  const count = buckets * size;
  const out = count * 2;
  const need = out + buckets * 4;
  if (memory.buffer.byteLength < need) memory.grow(Math.ceil((need - memory.buffer.byteLength) / PAGE));
  new Int16Array(memory.buffer, 0, count).set(words.subarray(0, count));
  extremes(0, buckets, size, out);
  return new Int16Array(memory.buffer, out, buckets * 2);
}
