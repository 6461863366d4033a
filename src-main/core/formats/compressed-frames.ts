// Frame headers of compressed audio, read without decoding: where a FLAC frame starts again after damage
// (and which sample it holds), and how many samples the MPEG audio frames of an MP3 promise, so that audio
// a decoder drops silently can be noticed, located and measured.

const CRC8 = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
  CRC8[i] = c;
}

export interface FlacFrameHeader {
  /** Header length in bytes (through its CRC-8). */
  readonly length: number;
  /** Frame number (fixed block size) or first sample number (variable block size). */
  readonly number: number;
  readonly variable: boolean;
  readonly blockSize: number;
}

/**
 * The FLAC frame header at `offset` (RFC 9639 section 9.1), checked down to its CRC-8, or null. `bytes`
 * must hold at least 16 bytes from `offset` for a header to be recognised.
 */
export function flacFrameHeaderAt(bytes: Uint8Array, offset: number): FlacFrameHeader | null {
  const at = (i: number): number => bytes[offset + i] ?? -1;
  if (at(0) !== 0xff || (at(1) & 0xfe) !== 0xf8) return null;
  const sizeCode = at(2) >> 4;
  const rateCode = at(2) & 0x0f;
  const channels = at(3) >> 4;
  const depth = (at(3) >> 1) & 7;
  if (sizeCode === 0 || rateCode === 15 || channels > 10 || depth === 3 || (at(3) & 1) !== 0) return null;
  // The coded number: UTF-8 style, up to 7 bytes.
  const first = at(4);
  if (first < 0) return null;
  let extra = 0;
  while (extra < 7 && first & (0x80 >> extra)) extra++;
  if (extra === 1 || extra === 7 || (extra === 0 && first >= 0x80)) return null;
  const lengthBytes = extra === 0 ? 1 : extra;
  let number = extra === 0 ? first : first & (0xff >> (extra + 1));
  for (let i = 1; i < lengthBytes; i++) {
    const b = at(4 + i);
    if ((b & 0xc0) !== 0x80) return null;
    number = number * 64 + (b & 0x3f);
  }
  let cursor = 4 + lengthBytes;
  let blockSize: number;
  if (sizeCode === 1) blockSize = 192;
  else if (sizeCode <= 5) blockSize = 576 << (sizeCode - 2);
  else if (sizeCode === 6) blockSize = at(cursor++) + 1;
  else if (sizeCode === 7) {
    blockSize = at(cursor) * 256 + at(cursor + 1) + 1;
    cursor += 2;
  } else blockSize = 256 << (sizeCode - 8);
  if (rateCode === 12) cursor += 1;
  else if (rateCode === 13 || rateCode === 14) cursor += 2;
  if (offset + cursor >= bytes.length) return null;
  let crc = 0;
  for (let i = 0; i < cursor; i++) crc = CRC8[crc ^ at(i)] ?? 0;
  if (crc !== at(cursor)) return null;
  return { length: cursor + 1, number, variable: (at(1) & 1) === 1, blockSize };
}

/** Offset of the first FLAC frame (after the 'fLaC' marker and every metadata block), or null. */
export function flacFirstFrameOffset(head: Uint8Array): number | null {
  let at = 4;
  for (;;) {
    if (at + 4 > head.length) return null;
    const last = ((head[at] ?? 0) & 0x80) !== 0;
    const size = ((head[at + 1] ?? 0) << 16) | ((head[at + 2] ?? 0) << 8) | (head[at + 3] ?? 0);
    at += 4 + size;
    if (last) return at;
  }
}

export interface MpegFrame {
  /** Frame length in bytes, padding included. */
  readonly length: number;
  /** Samples per channel the frame decodes to. */
  readonly samples: number;
  readonly sampleRate: number;
}

const MPEG_RATES = [
  [11025, 12000, 8000],
  [0, 0, 0],
  [22050, 24000, 16000],
  [44100, 48000, 32000],
];
// kbit/s by [version 1 ? 0 : 1][layer - 1][index].
const MPEG_BITRATES = [
  [
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  [
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
];

/** The MPEG audio frame at `offset` (ISO 11172-3 / 13818-3), or null (free-format frames included). */
export function mpegFrameAt(bytes: Uint8Array, offset: number): MpegFrame | null {
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0 || offset + 3 >= bytes.length) return null;
  const version = (b1 >> 3) & 3; // 0: 2.5, 2: 2, 3: 1
  const layer = 4 - ((b1 >> 1) & 3);
  const index = b2 >> 4;
  const sampleRate = MPEG_RATES[version]?.[(b2 >> 2) & 3] ?? 0;
  if (version === 1 || layer === 4 || index === 0 || index === 15 || sampleRate === 0) return null;
  const kbps = MPEG_BITRATES[version === 3 ? 0 : 1]![layer - 1]![index]! * 1000;
  const padding = (b2 >> 1) & 1;
  if (layer === 1)
    return { length: (Math.floor((12 * kbps) / sampleRate) + padding) * 4, samples: 384, sampleRate };
  const samples = layer === 3 && version !== 3 ? 576 : 1152;
  return { length: Math.floor(((samples / 8) * kbps) / sampleRate) + padding, samples, sampleRate };
}

/** Where an MP3's frame chain broke: the byte where a header was expected, and where frames resumed. */
export interface MpegBreak {
  readonly byte: number;
  readonly resumedAt: number | null;
  /** Samples promised by the frames before the break. */
  readonly sample: number;
}

/** Consecutive valid headers, alike in rate and frame size, that resynchronise after a break. */
const RESYNC_FRAMES = 3;

/**
 * Follows an MP3's frames across chunks, header to header: counts the samples they promise and notes each
 * place where the next header is not where the previous frame said (damage), resynchronising on the next
 * run of consecutive headers like the stream's own.
 */
export class MpegFrameCounter {
  samples = 0;
  frames = 0;
  /** Bytes of frames counted: with `frames`, the mean frame length. */
  frameBytes = 0;
  readonly breaks: MpegBreak[] = [];
  #kind: MpegFrame | null = null;
  #next: number;
  #buffer = new Uint8Array(0);
  #bufferStart = 0;
  #lost = false;

  /** `start`: the byte offset of the first frame (after an ID3v2 tag). */
  constructor(start: number) {
    this.#next = start;
  }

  /** The file's bytes in order, from its first byte. */
  push(chunk: Uint8Array): void {
    const keep = this.#buffer.subarray(Math.min(this.#buffer.length, this.#next - this.#bufferStart));
    const joined = new Uint8Array(keep.length + chunk.length);
    joined.set(keep);
    joined.set(chunk, keep.length);
    this.#bufferStart += this.#buffer.length - keep.length;
    this.#buffer = joined;
    this.#scan(false);
  }

  /** The end of the file: a trailing tag or a cut last frame is not counted as a break. */
  finish(): void {
    this.#scan(true);
  }

  /** The samples the frames skipped at the breaks would have held, from the mean frame length. */
  get skippedSamples(): number {
    if (this.frames === 0 || this.#kind === null) return 0;
    const mean = this.frameBytes / this.frames;
    let bytes = 0;
    for (const b of this.breaks) bytes += (b.resumedAt ?? b.byte) - b.byte;
    return Math.round(bytes / mean) * this.#kind.samples;
  }

  #alike(frame: MpegFrame): boolean {
    const kind = this.#kind;
    return kind === null || (kind.sampleRate === frame.sampleRate && kind.samples === frame.samples);
  }

  #scan(atEnd: boolean): void {
    const bytes = this.#buffer;
    for (;;) {
      let i = this.#next - this.#bufferStart;
      // Both this header and the next one must be readable to judge a resynchronisation.
      if (i + 4 > bytes.length) return;
      const frame = mpegFrameAt(bytes, i);
      if (frame !== null && !this.#lost && this.#alike(frame)) {
        if (i + frame.length > bytes.length && !atEnd) return;
        this.#kind ??= frame;
        this.samples += frame.samples;
        this.frames++;
        this.frameBytes += frame.length;
        this.#next += frame.length;
        continue;
      }
      // Search for two valid headers in a row.
      if (!this.#lost) {
        this.#lost = true;
        const tag = String.fromCharCode(bytes[i] ?? 0, bytes[i + 1] ?? 0, bytes[i + 2] ?? 0);
        if (tag === 'TAG' || tag === 'APE' || tag === 'LYR') {
          // A trailing tag: the audio has ended.
          this.#next = this.#bufferStart + bytes.length;
          return;
        }
        this.breaks.push({ byte: this.#next, resumedAt: null, sample: this.samples });
      }
      search: for (; i + 4 <= bytes.length; i++) {
        let after = i;
        for (let k = 0; k < RESYNC_FRAMES; k++) {
          if (after + 4 > bytes.length) {
            if (atEnd) i = bytes.length;
            break search;
          }
          const candidate = mpegFrameAt(bytes, after);
          if (candidate === null || !this.#alike(candidate)) continue search;
          after += candidate.length;
        }
        this.#lost = false;
        const last = this.breaks.pop();
        if (last) this.breaks.push({ ...last, resumedAt: this.#bufferStart + i });
        break;
      }
      this.#next = this.#bufferStart + i;
      if (this.#lost) return;
    }
  }
}
