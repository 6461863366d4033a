// Hand-built RIFF files for the WAV tests: each chunk is given explicitly so tests can corrupt any field.

export interface ChunkSpec {
  readonly id: string;
  readonly body: Uint8Array;
  /** Size written in the header; defaults to the body length. */
  readonly size?: number;
  /** Writes the pad byte after an odd body (default true). */
  readonly pad?: boolean;
}

export interface FmtSpec {
  readonly tag?: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bits: number;
  readonly blockAlign?: number;
  /** WAVE_FORMAT_EXTENSIBLE fields: written when given. */
  readonly extensible?: {
    readonly validBits: number;
    readonly channelMask: number;
    readonly subFormat: number;
  };
  readonly guid?: Uint8Array;
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function le(value: number, bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let v = value;
  for (let i = 0; i < bytes; i++) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

export function chunk(spec: ChunkSpec): Uint8Array {
  const parts = [ascii(spec.id), le(spec.size ?? spec.body.length, 4), spec.body];
  if (spec.body.length % 2 === 1 && spec.pad !== false) parts.push(new Uint8Array(1));
  return concat(parts);
}

export function subFormatGuid(tag: number): Uint8Array {
  return concat([
    le(tag, 2),
    Uint8Array.of(0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71),
  ]);
}

export function fmtBody(spec: FmtSpec): Uint8Array {
  const container = Math.ceil(spec.bits / 8);
  const blockAlign = spec.blockAlign ?? spec.channels * container;
  const base = concat([
    le(spec.extensible ? 0xfffe : (spec.tag ?? 1), 2),
    le(spec.channels, 2),
    le(spec.sampleRate, 4),
    le(spec.sampleRate * blockAlign, 4),
    le(blockAlign, 2),
    le(spec.bits, 2),
  ]);
  if (!spec.extensible) return base;
  return concat([
    base,
    le(22, 2),
    le(spec.extensible.validBits, 2),
    le(spec.extensible.channelMask, 4),
    spec.guid ?? subFormatGuid(spec.extensible.subFormat),
  ]);
}

export function riff(
  chunks: readonly Uint8Array[],
  options: { form?: string; size?: number; magic?: string } = {},
) {
  const body = concat([ascii(options.form ?? 'WAVE'), ...chunks]);
  return concat([ascii(options.magic ?? 'RIFF'), le(options.size ?? body.length, 4), body]);
}

export function wav(
  fmt: FmtSpec,
  data: Uint8Array,
  extra: { before?: Uint8Array[]; after?: Uint8Array[] } = {},
) {
  return riff([
    chunk({ id: 'fmt ', body: fmtBody(fmt) }),
    ...(extra.before ?? []),
    chunk({ id: 'data', body: data }),
    ...(extra.after ?? []),
  ]);
}

/** Deterministic PRNG (mulberry32) so failures reproduce. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits bytes into random-sized pieces (1..maxPiece). */
export function split(bytes: Uint8Array, next: () => number, maxPiece: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const size = 1 + Math.floor(next() * maxPiece);
    pieces.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return pieces;
}
