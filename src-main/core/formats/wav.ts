// Streaming RIFF/WAVE reader and writer.
// Layout facts: Microsoft "Multimedia Programming Interface and Data Specifications 1.0" (RIFF, fmt, data,
// pad bytes), WAVE_FORMAT_EXTENSIBLE (mmreg.h / ksmedia.h subformat GUIDs) and EBU Tech 3306 (RF64, ds64).

export type WavErrorCode =
  | 'empty'
  | 'not-riff'
  | 'big-endian'
  | 'not-wave'
  | 'truncated-header'
  | 'bad-size'
  | 'bad-fmt'
  | 'unsupported-format'
  | 'no-fmt'
  | 'no-data'
  | 'closed'
  | 'bad-input'
  | 'too-large';

export class WavError extends Error {
  readonly code: WavErrorCode;
  /** Byte offset in the file where the problem is, when there is one. */
  readonly byteOffset: number | null;

  constructor(code: WavErrorCode, message: string, byteOffset: number | null = null) {
    super(message);
    this.name = 'WavError';
    this.code = code;
    this.byteOffset = byteOffset;
  }
}

export type WavWarningCode =
  | 'data-size-unknown'
  | 'truncated-data'
  | 'partial-frame'
  | 'duplicate-fmt'
  | 'extra-data-chunk'
  | 'block-align'
  | 'riff-size'
  | 'truncated-chunk'
  | 'trailing-bytes'
  | 'non-finite-samples';

export interface WavWarning {
  readonly code: WavWarningCode;
  readonly message: string;
  readonly byteOffset: number;
  /** Frame (sample per channel) position the warning refers to, when it refers to audio. */
  readonly frame: number | null;
}

export type WavSampleEncoding = 'pcm' | 'float';

export interface WavFormat {
  /** The tag in the fmt chunk: 1 (PCM), 3 (IEEE float) or 0xFFFE (extensible). */
  readonly formatTag: number;
  readonly encoding: WavSampleEncoding;
  readonly channels: number;
  readonly sampleRate: number;
  /** Bits of the sample container (8, 16, 24, 32 or 64). */
  readonly bitsPerSample: number;
  /** Significant bits (from the extensible header, else the fmt bits). */
  readonly validBitsPerSample: number;
  readonly blockAlign: number;
  readonly channelMask: number | null;
  readonly dataByteOffset: number;
  /** Declared data size in bytes; null when the writer left it unset (0 or 0xFFFFFFFF). */
  readonly dataBytes: number | null;
  /** Declared frame count; null when the data size is unknown. */
  readonly frames: number | null;
}

export type WavEvent =
  | { readonly type: 'format'; readonly format: WavFormat }
  | {
      readonly type: 'samples';
      readonly startFrame: number;
      readonly channels: Float32Array[];
      /** With the `pcm16` option on a mono 16-bit PCM file: the samples as the file's words (no `channels`). */
      readonly pcm16?: Int16Array;
    }
  | { readonly type: 'warning'; readonly warning: WavWarning };

export interface WavReaderOptions {
  /** Largest sample block emitted, in frames. */
  readonly maxBlockFrames?: number;
  /**
   * Fill the same sample arrays again: the blocks one `push` (or `finish`) returns are valid only until the
   * next call. For a consumer that is done with them by then, a long file then allocates nothing per block.
   */
  readonly reuseBlocks?: boolean;
  /**
   * A mono 16-bit PCM file's blocks come as its own 16-bit words (`pcm16`, sample `v` being `v / 32768`)
   * with `channels` empty, skipping the float conversion; views of the bytes pushed (or of a buffer reused
   * by the next call), so valid only until the next call. Other files come as floats as usual.
   */
  readonly pcm16?: boolean;
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const UNSET_SIZE = 0xffffffff;
const MAX_HEADER_CHUNK_BYTES = 65536;
const MAX_CHANNELS = 64;
const MAX_SAMPLE_RATE = 16_000_000;
const DEFAULT_BLOCK_FRAMES = 16384;
const FLOAT32_MAX = 3.4028234663852886e38;
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
/** Samples at or above this round to 32768, one past the largest 16-bit value. */
const PCM16_TOP = 32767.5 / 32768;

// Bytes 4..15 shared by every KSDATAFORMAT_SUBTYPE_* GUID derived from a WAVE format tag
// (xxxxxxxx-0000-0010-8000-00AA00389B71, stored little-endian in the first three fields).
const GUID_TAIL = [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

const FORMAT_TAG_NAMES: Readonly<Record<number, string>> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'mu-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG',
  0x0055: 'MPEG Layer 3',
  0x0092: 'Dolby AC3',
  0x00ff: 'AAC',
  0x1610: 'AAC (HE-AAC)',
  0x2000: 'AC3',
};

type SampleKind = 'u8' | 's16' | 's24' | 's32' | 'f32' | 'f64';

type State = 'collect' | 'skip' | 'data' | 'trailing' | 'failed' | 'finished';
type CollectKind = 'riff' | 'chunk' | 'fmt' | 'ds64';

function fourCc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(
    bytes[offset] ?? 0,
    bytes[offset + 1] ?? 0,
    bytes[offset + 2] ?? 0,
    bytes[offset + 3] ?? 0,
  );
}

function printable(id: string): string {
  return /^[\x20-\x7e]{4}$/.test(id) ? `'${id}'` : `0x${[...id].map((c) => hex2(c.charCodeAt(0))).join('')}`;
}

function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}

function u16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, offset: number): number {
  return (u16(bytes, offset) + u16(bytes, offset + 2) * 0x10000) >>> 0;
}

function u64(bytes: Uint8Array, offset: number): number {
  // Sizes above 2^53 are absurd for audio; they stay finite and are rejected by the size checks.
  return u32(bytes, offset) + u32(bytes, offset + 4) * 0x1_0000_0000;
}

function seconds(frame: number, sampleRate: number): string {
  return `${(frame / sampleRate).toFixed(1)} s`;
}

function formatTagName(tag: number): string {
  const name = FORMAT_TAG_NAMES[tag];
  return `0x${tag.toString(16).toUpperCase().padStart(4, '0')}${name === undefined ? '' : ` (${name})`}`;
}

/**
 * Push-based WAV parser: feed bytes in any chunk sizes with `push`, then call `finish`. Each call returns the
 * events it produced: the format once the data chunk starts, sample blocks normalised to -1..1 (one
 * Float32Array per channel, at most `maxBlockFrames` frames each) and warnings. Memory stays bounded by the
 * largest header chunk (64 KiB) plus one frame of carry-over. Malformed headers throw a WavError; once the
 * format event is out, damage further on only produces warnings, so decoded audio is never thrown away.
 */
export class WavReader {
  readonly #maxBlockFrames: number;
  #state: State = 'collect';
  #collectKind: CollectKind = 'riff';
  #collectBuffer = new Uint8Array(12);
  #collectNeed = 12;
  #collectHave = 0;
  #collectStart = 0;
  #position = 0;
  #error: WavError | null = null;

  #rf64 = false;
  #riffEnd: number | null = null;
  #riffSizeWarned = false;
  #ds64DataBytes: number | null = null;
  #skipRemaining = 0;
  #skipChunkId = '';
  #skipChunkStart = 0;
  #trailingBytes = 0;

  #fmt: WavFormat | null = null;
  #fmtOffset = 0;
  #kind: SampleKind = 's16';
  #format: WavFormat | null = null;
  #dataRemaining = 0;
  #dataOdd = false;
  #framesOut = 0;
  #carry = new Uint8Array(0);
  #carryHave = 0;
  #nonFinite = 0;
  readonly #reuse: boolean;
  readonly #pcm16: boolean;
  /** With `pcm16`: room for words that are not aligned in the bytes pushed (or straddle two pushes). */
  #words = new Int16Array(0);
  /** With `reuseBlocks`: full-size arrays per block of one call, and how many this call has used. */
  readonly #pool: Float32Array[][] = [];
  #poolUsed = 0;

  constructor(options: WavReaderOptions = {}) {
    this.#reuse = options.reuseBlocks ?? false;
    this.#pcm16 = (options.pcm16 ?? false) && LITTLE_ENDIAN;
    const block = options.maxBlockFrames ?? DEFAULT_BLOCK_FRAMES;
    if (!Number.isInteger(block) || block < 1) {
      throw new WavError('bad-input', `maxBlockFrames must be a positive integer, got ${block}`);
    }
    this.#maxBlockFrames = block;
  }

  /** The format, once the data chunk has been reached. */
  get format(): WavFormat | null {
    return this.#format;
  }

  /** Frames delivered so far. */
  get framesDelivered(): number {
    return this.#framesOut;
  }

  /** Arrays for a block of `frames` frames: new ones, or with `reuseBlocks` the next ones of the pool. */
  #block(channels: number, frames: number): Float32Array[] {
    if (!this.#reuse) return Array.from({ length: channels }, () => new Float32Array(frames));
    let set = this.#pool[this.#poolUsed];
    if (set?.length !== channels) {
      set = Array.from({ length: channels }, () => new Float32Array(this.#maxBlockFrames));
      this.#pool[this.#poolUsed] = set;
    }
    this.#poolUsed++;
    return set.map((samples) => samples.subarray(0, frames));
  }

  push(bytes: Uint8Array): WavEvent[] {
    this.#poolUsed = 0;
    this.#checkOpen();
    const events: WavEvent[] = [];
    try {
      this.#consume(bytes, events);
    } catch (error) {
      this.#fail(error);
    }
    return events;
  }

  finish(): WavEvent[] {
    this.#poolUsed = 0;
    this.#checkOpen();
    const events: WavEvent[] = [];
    try {
      this.#finish(events);
      this.#state = 'finished';
    } catch (error) {
      this.#fail(error);
    }
    return events;
  }

  #checkOpen(): void {
    if (this.#state === 'failed' && this.#error !== null) throw this.#error;
    if (this.#state === 'finished') throw new WavError('closed', 'WAV reader is already finished');
  }

  #fail(error: unknown): never {
    this.#state = 'failed';
    const wavError =
      error instanceof WavError
        ? error
        : new WavError('bad-input', `WAV reader failed: ${String(error)}`, this.#position);
    this.#error = wavError;
    throw wavError;
  }

  #warn(events: WavEvent[], code: WavWarningCode, message: string, byteOffset: number, frame: number | null) {
    events.push({ type: 'warning', warning: { code, message, byteOffset, frame } });
  }

  #consume(bytes: Uint8Array, events: WavEvent[]): void {
    let index = 0;
    const length = bytes.length;
    while (index < length) {
      switch (this.#state) {
        case 'collect': {
          const take = Math.min(this.#collectNeed - this.#collectHave, length - index);
          this.#collectBuffer.set(bytes.subarray(index, index + take), this.#collectHave);
          this.#collectHave += take;
          index += take;
          this.#position += take;
          if (this.#collectHave === this.#collectNeed) this.#collected(events);
          break;
        }
        case 'skip': {
          const take = Math.min(this.#skipRemaining, length - index);
          this.#skipRemaining -= take;
          index += take;
          this.#position += take;
          if (this.#skipRemaining === 0) this.#nextChunk(events);
          break;
        }
        case 'data':
          index = this.#readData(bytes, index, events);
          break;
        case 'trailing':
          this.#trailingBytes += length - index;
          this.#position += length - index;
          index = length;
          break;
        default:
          throw new WavError('closed', 'WAV reader is not accepting data');
      }
    }
  }

  #collect(kind: CollectKind, need: number): void {
    this.#state = 'collect';
    this.#collectKind = kind;
    this.#collectNeed = need;
    this.#collectHave = 0;
    this.#collectStart = this.#position;
    if (this.#collectBuffer.length < need) this.#collectBuffer = new Uint8Array(need);
  }

  #skip(bytes: number, chunkId: string, chunkStart: number, events: WavEvent[]): void {
    this.#skipRemaining = bytes;
    this.#skipChunkId = chunkId;
    this.#skipChunkStart = chunkStart;
    if (bytes === 0) this.#nextChunk(events);
    else this.#state = 'skip';
  }

  #nextChunk(events: WavEvent[]): void {
    if (this.#riffEnd !== null && this.#position >= this.#riffEnd) {
      if (this.#format !== null) {
        this.#state = 'trailing';
        return;
      }
      if (!this.#riffSizeWarned) {
        this.#riffSizeWarned = true;
        this.#warn(
          events,
          'riff-size',
          `RIFF size says the file ends at byte ${this.#riffEnd} but no data chunk came before it; reading on`,
          this.#position,
          null,
        );
      }
    }
    this.#collect('chunk', 8);
  }

  #collected(events: WavEvent[]): void {
    const buffer = this.#collectBuffer;
    switch (this.#collectKind) {
      case 'riff':
        this.#parseRiff(buffer);
        return;
      case 'chunk':
        this.#parseChunkHeader(buffer, events);
        return;
      case 'fmt':
        this.#parseFmt(buffer, this.#collectNeed, events);
        return;
      case 'ds64':
        this.#ds64DataBytes = u64(buffer, 8);
        this.#riffEnd = this.#rf64 ? 8 + u64(buffer, 0) : this.#riffEnd;
        this.#afterHeaderChunk(this.#collectNeed, events);
        return;
    }
  }

  #parseRiff(buffer: Uint8Array): void {
    this.#checkMagic(buffer, 12);
    const riffSize = u32(buffer, 4);
    this.#rf64 = fourCc(buffer, 0) === 'RF64';
    if (!this.#rf64 && riffSize !== 0 && riffSize !== UNSET_SIZE) {
      if (riffSize < 4)
        throw new WavError('bad-size', `RIFF size ${riffSize} is too small to hold 'WAVE'`, 4);
      this.#riffEnd = 8 + riffSize;
    }
    this.#collect('chunk', 8);
  }

  #checkMagic(buffer: Uint8Array, have: number): void {
    const magic = fourCc(buffer, 0);
    if (magic === 'RIFX' || magic === 'FFIR') {
      throw new WavError('big-endian', 'big-endian WAV (RIFX) is not supported', 0);
    }
    if (magic !== 'RIFF' && magic !== 'RF64') {
      throw new WavError('not-riff', `not a WAV file: starts with ${printable(magic)}, expected 'RIFF'`, 0);
    }
    if (have >= 12 && fourCc(buffer, 8) !== 'WAVE') {
      throw new WavError('not-wave', `RIFF file of type ${printable(fourCc(buffer, 8))}, not 'WAVE'`, 8);
    }
  }

  #parseChunkHeader(buffer: Uint8Array, events: WavEvent[]): void {
    const id = fourCc(buffer, 0);
    const size = u32(buffer, 4);
    const start = this.#collectStart;
    switch (id) {
      case 'fmt ':
        if (this.#fmt !== null) {
          this.#warn(events, 'duplicate-fmt', `second fmt chunk at byte ${start} ignored`, start, null);
          this.#skip(size + (size & 1), id, start, events);
          return;
        }
        if (size < 16) {
          throw new WavError(
            'bad-fmt',
            `fmt chunk at byte ${start} is ${size} bytes; at least 16 needed`,
            start,
          );
        }
        if (size > MAX_HEADER_CHUNK_BYTES) {
          throw new WavError(
            'bad-size',
            `fmt chunk at byte ${start} claims an absurd size of ${size} bytes`,
            start,
          );
        }
        this.#fmtOffset = start;
        this.#collect('fmt', size);
        return;
      case 'ds64':
        if (this.#rf64 && this.#ds64DataBytes === null && this.#fmt === null) {
          if (size < 24 || size > MAX_HEADER_CHUNK_BYTES) {
            throw new WavError(
              'bad-size',
              `ds64 chunk at byte ${start} has a bad size of ${size} bytes`,
              start,
            );
          }
          this.#collect('ds64', size);
          return;
        }
        this.#skip(size + (size & 1), id, start, events);
        return;
      case 'data':
        this.#startData(size, start, events);
        return;
      default:
        this.#skip(size + (size & 1), id, start, events);
    }
  }

  #afterHeaderChunk(size: number, events: WavEvent[]): void {
    if (size & 1) this.#skip(1, 'pad', this.#position, events);
    else this.#nextChunk(events);
  }

  #parseFmt(buffer: Uint8Array, size: number, events: WavEvent[]): void {
    const at = this.#fmtOffset;
    const tag = u16(buffer, 0);
    const channels = u16(buffer, 2);
    const sampleRate = u32(buffer, 4);
    let blockAlign = u16(buffer, 12);
    const bits = u16(buffer, 14);
    let encodingTag = tag;
    let validBits = bits;
    let channelMask: number | null = null;

    if (tag === WAVE_FORMAT_EXTENSIBLE) {
      const extra = size >= 18 ? u16(buffer, 16) : 0;
      if (size < 40 || extra < 22) {
        throw new WavError(
          'bad-fmt',
          `extensible fmt chunk at byte ${at} is too short (${size} bytes, extension ${extra}); 40 and 22 needed`,
          at,
        );
      }
      validBits = u16(buffer, 18) || bits;
      channelMask = u32(buffer, 20);
      const guidTailMatches = GUID_TAIL.every((value, i) => buffer[28 + i] === value);
      if (!guidTailMatches || u16(buffer, 26) !== 0) {
        const guid = [...buffer.subarray(24, 40)].map(hex2).join('');
        throw new WavError(
          'unsupported-format',
          `unsupported extensible WAV subformat GUID ${guid}`,
          at + 32,
        );
      }
      encodingTag = u16(buffer, 24);
    }
    if (encodingTag !== WAVE_FORMAT_PCM && encodingTag !== WAVE_FORMAT_IEEE_FLOAT) {
      const via = tag === WAVE_FORMAT_EXTENSIBLE ? ' (extensible subformat)' : '';
      throw new WavError(
        'unsupported-format',
        `unsupported WAV format tag ${formatTagName(encodingTag)}${via}: only PCM and IEEE float are read`,
        at + 8,
      );
    }
    if (channels === 0)
      throw new WavError('bad-fmt', `fmt chunk at byte ${at} declares zero channels`, at + 10);
    if (channels > MAX_CHANNELS) {
      throw new WavError(
        'bad-fmt',
        `fmt chunk declares ${channels} channels; at most ${MAX_CHANNELS} are read`,
        at + 10,
      );
    }
    if (sampleRate === 0 || sampleRate > MAX_SAMPLE_RATE) {
      throw new WavError(
        'bad-fmt',
        `fmt chunk declares an impossible sample rate of ${sampleRate} Hz`,
        at + 12,
      );
    }
    const encoding: WavSampleEncoding = encodingTag === WAVE_FORMAT_IEEE_FLOAT ? 'float' : 'pcm';
    if (encoding === 'float' && bits !== 32 && bits !== 64) {
      throw new WavError(
        'unsupported-format',
        `IEEE float WAV with ${bits}-bit samples; only 32 and 64`,
        at + 22,
      );
    }
    if (encoding === 'pcm' && (bits === 0 || bits > 32)) {
      throw new WavError(
        'unsupported-format',
        `PCM WAV with ${bits}-bit samples; only 1 to 32 bits`,
        at + 22,
      );
    }
    if (validBits > bits) validBits = bits;

    let container = Math.ceil(bits / 8);
    if (blockAlign !== channels * container) {
      const perChannel = blockAlign / channels;
      // A 24-bit sample in a 32-bit container is the one widening seen in the wild.
      const usable = encoding === 'pcm' && perChannel === 4 && bits > 16;
      if (usable) {
        container = perChannel;
      } else {
        this.#warn(
          events,
          'block-align',
          `fmt block align ${blockAlign} does not fit ${channels} channels of ${bits} bits; using ${channels * container}`,
          at + 20,
          null,
        );
        blockAlign = channels * container;
      }
    }
    this.#kind =
      encoding === 'float'
        ? container === 4
          ? 'f32'
          : 'f64'
        : ((['u8', 's16', 's24', 's32'] as const)[container - 1] ?? 's32');
    this.#fmt = {
      formatTag: tag,
      encoding,
      channels,
      sampleRate,
      bitsPerSample: container * 8,
      validBitsPerSample: validBits,
      blockAlign,
      channelMask,
      dataByteOffset: 0,
      dataBytes: null,
      frames: null,
    };
    this.#afterHeaderChunk(size, events);
  }

  #startData(size: number, start: number, events: WavEvent[]): void {
    const fmt = this.#fmt;
    if (fmt === null) {
      throw new WavError('no-fmt', `data chunk at byte ${start} comes before any fmt chunk`, start);
    }
    if (this.#format !== null) {
      this.#warn(events, 'extra-data-chunk', `second data chunk at byte ${start} ignored`, start, null);
      this.#skip(size + (size & 1), 'data', start, events);
      return;
    }
    const payload = start + 8;
    let declared: number | null = size;
    if (this.#rf64 && size === UNSET_SIZE && this.#ds64DataBytes !== null) {
      declared = this.#ds64DataBytes;
    } else if (size === UNSET_SIZE) {
      declared = null;
    } else if (size === 0 && (this.#riffEnd === null || this.#riffEnd <= payload)) {
      declared = null;
    }
    if (declared === null) {
      this.#warn(
        events,
        'data-size-unknown',
        `data chunk size at byte ${start + 4} is not set (${size === 0 ? '0' : '0xFFFFFFFF'}); reading audio to the end of the file`,
        start + 4,
        0,
      );
    }
    const format: WavFormat = {
      ...fmt,
      dataByteOffset: payload,
      dataBytes: declared,
      frames: declared === null ? null : Math.floor(declared / fmt.blockAlign),
    };
    this.#format = format;
    this.#dataRemaining = declared ?? Number.POSITIVE_INFINITY;
    this.#dataOdd = declared !== null && declared % 2 === 1;
    this.#carry = new Uint8Array(format.blockAlign);
    this.#carryHave = 0;
    events.push({ type: 'format', format });
    if (this.#dataRemaining === 0) this.#endData(events);
    else this.#state = 'data';
  }

  #endData(events: WavEvent[]): void {
    if (this.#carryHave > 0) this.#partialFrameWarning(events);
    if (this.#dataOdd) this.#skip(1, 'pad', this.#position, events);
    else this.#nextChunk(events);
  }

  #partialFrameWarning(events: WavEvent[]): void {
    const format = this.#format;
    if (format === null) return;
    this.#warn(
      events,
      'partial-frame',
      `data ends with ${this.#carryHave} bytes of an incomplete ${format.blockAlign}-byte frame at ${seconds(this.#framesOut, format.sampleRate)}; dropped`,
      this.#position - this.#carryHave,
      this.#framesOut,
    );
    this.#carryHave = 0;
  }

  #readData(bytes: Uint8Array, index: number, events: WavEvent[]): number {
    const format = this.#format;
    if (format === null) throw new WavError('no-fmt', 'internal: data without format', this.#position);
    const blockAlign = format.blockAlign;
    const available = Math.min(bytes.length - index, this.#dataRemaining);
    const end = index + available;
    let cursor = index;

    let carryFrame = false;
    if (this.#carryHave > 0) {
      const take = Math.min(blockAlign - this.#carryHave, available);
      this.#carry.set(bytes.subarray(cursor, cursor + take), this.#carryHave);
      this.#carryHave += take;
      cursor += take;
      carryFrame = this.#carryHave === blockAlign;
    }
    if (this.#pcm16 && this.#kind === 's16' && format.channels === 1 && blockAlign === 2) {
      cursor = this.#emitWords(bytes, cursor, end, carryFrame, events);
      carryFrame = false;
    }
    const wholeFrames = Math.floor((end - cursor) / blockAlign);
    let framesLeft = wholeFrames + (carryFrame ? 1 : 0);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const carryView = new DataView(this.#carry.buffer);
    while (framesLeft > 0) {
      const blockFrames = Math.min(framesLeft, this.#maxBlockFrames);
      const channels = this.#block(format.channels, blockFrames);
      let outIndex = 0;
      if (carryFrame) {
        this.#decode(this.#carry, carryView, 0, 1, channels, 0);
        this.#carryHave = 0;
        carryFrame = false;
        outIndex = 1;
      }
      const frames = blockFrames - outIndex;
      this.#decode(bytes, view, cursor, frames, channels, outIndex);
      cursor += frames * blockAlign;
      events.push({ type: 'samples', startFrame: this.#framesOut, channels });
      this.#framesOut += blockFrames;
      framesLeft -= blockFrames;
    }
    if (cursor < end) {
      this.#carry.set(bytes.subarray(cursor, end), 0);
      this.#carryHave = end - cursor;
    }
    this.#position += available;
    this.#dataRemaining -= available;
    if (this.#dataRemaining === 0) this.#endData(events);
    return end;
  }

  /**
   * With `pcm16`, a mono 16-bit file's whole frames in bytes [cursor, end) (after the carried frame if it is
   * complete) as sample events of 16-bit words; returns where the frames end.
   */
  #emitWords(
    bytes: Uint8Array,
    cursor: number,
    end: number,
    carryFrame: boolean,
    events: WavEvent[],
  ): number {
    const frames = Math.floor((end - cursor) / 2);
    const total = frames + (carryFrame ? 1 : 0);
    if (total === 0) return cursor;
    let words: Int16Array;
    if (!carryFrame && (bytes.byteOffset + cursor) % 2 === 0) {
      words = new Int16Array(bytes.buffer, bytes.byteOffset + cursor, frames);
    } else {
      if (this.#words.length < total) this.#words = new Int16Array(total);
      words = this.#words.subarray(0, total);
      const into = new Uint8Array(words.buffer, words.byteOffset, total * 2);
      if (carryFrame) into.set(this.#carry.subarray(0, 2), 0);
      into.set(bytes.subarray(cursor, cursor + frames * 2), carryFrame ? 2 : 0);
      this.#carryHave = 0;
    }
    for (let at = 0; at < total; at += this.#maxBlockFrames) {
      const block = words.subarray(at, Math.min(total, at + this.#maxBlockFrames));
      events.push({ type: 'samples', startFrame: this.#framesOut, channels: [], pcm16: block });
      this.#framesOut += block.length;
    }
    return cursor + frames * 2;
  }

  #decode(
    src: Uint8Array,
    view: DataView,
    offset: number,
    frames: number,
    out: Float32Array[],
    outOffset: number,
  ): void {
    const format = this.#format;
    if (format === null || frames <= 0) return;
    const channelCount = format.channels;
    const blockAlign = format.blockAlign;
    const bytesPer = blockAlign / channelCount;
    for (let c = 0; c < channelCount; c++) {
      const target = out[c];
      if (target === undefined) continue;
      let p = offset + c * bytesPer;
      const last = outOffset + frames;
      switch (this.#kind) {
        case 'u8':
          for (let i = outOffset; i < last; i++, p += blockAlign) target[i] = ((src[p] ?? 128) - 128) / 128;
          break;
        case 's16':
          // Samples narrower than the container (e.g. 12 bits in 16) are left-justified, so scaling by the
          // container size is exact.
          if (LITTLE_ENDIAN && (src.byteOffset + p) % 2 === 0) {
            const words = new Int16Array(src.buffer, src.byteOffset + p, (frames - 1) * channelCount + 1);
            for (let i = outOffset, w = 0; i < last; i++, w += channelCount) {
              target[i] = (words[w] as number) / 32768;
            }
            break;
          }
          for (let i = outOffset; i < last; i++, p += blockAlign) {
            target[i] = ((((src[p + 1] ?? 0) << 24) >> 16) | (src[p] ?? 0)) / 32768;
          }
          break;
        case 's24':
          for (let i = outOffset; i < last; i++, p += blockAlign) {
            const top = bytesPer - 1;
            target[i] =
              ((((src[p + top] ?? 0) << 24) >> 8) |
                ((src[p + top - 1] ?? 0) << 8) |
                (src[p + top - 2] ?? 0)) /
              8388608;
          }
          break;
        case 's32':
          for (let i = outOffset; i < last; i++, p += blockAlign)
            target[i] = view.getInt32(p, true) / 2147483648;
          break;
        case 'f32':
          for (let i = outOffset; i < last; i++, p += blockAlign) {
            const value = view.getFloat32(p, true);
            target[i] = Number.isFinite(value) ? value : this.#nonFiniteSample();
          }
          break;
        case 'f64':
          for (let i = outOffset; i < last; i++, p += blockAlign) {
            const value = view.getFloat64(p, true);
            // Beyond the float32 range a value would turn into an infinity in the output.
            target[i] = Math.abs(value) <= FLOAT32_MAX ? value : this.#nonFiniteSample();
          }
          break;
      }
    }
  }

  #nonFiniteSample(): number {
    this.#nonFinite++;
    return 0;
  }

  #finish(events: WavEvent[]): void {
    const format = this.#format;
    switch (this.#state) {
      case 'collect':
        this.#finishCollect(events);
        break;
      case 'skip':
        if (format === null) {
          throw new WavError(
            'no-data',
            `no data chunk: chunk ${printable(this.#skipChunkId)} at byte ${this.#skipChunkStart} runs past the end of the file at byte ${this.#position}`,
            this.#skipChunkStart,
          );
        }
        if (this.#skipChunkId !== 'pad') {
          this.#warn(
            events,
            'truncated-chunk',
            `chunk ${printable(this.#skipChunkId)} at byte ${this.#skipChunkStart} is cut off by the end of the file`,
            this.#skipChunkStart,
            null,
          );
        }
        break;
      case 'data':
        if (format === null) break;
        if (this.#dataRemaining !== Number.POSITIVE_INFINITY) {
          const declaredFrames = format.frames ?? 0;
          this.#warn(
            events,
            'truncated-data',
            `WAV data chunk is truncated at ${seconds(this.#framesOut, format.sampleRate)} (byte ${this.#position}): ` +
              `decoded ${this.#framesOut} of ${declaredFrames} frames (${seconds(declaredFrames, format.sampleRate)})`,
            this.#position,
            this.#framesOut,
          );
        }
        if (this.#carryHave > 0) this.#partialFrameWarning(events);
        break;
      default:
        break;
    }
    if (this.#trailingBytes > 0) {
      this.#warn(
        events,
        'trailing-bytes',
        `${this.#trailingBytes} bytes after the end of the RIFF chunk ignored`,
        this.#riffEnd ?? this.#position,
        null,
      );
    }
    if (this.#nonFinite > 0) {
      this.#warn(
        events,
        'non-finite-samples',
        `${this.#nonFinite} float samples were NaN, infinite or out of range and were replaced by 0`,
        format?.dataByteOffset ?? 0,
        null,
      );
    }
  }

  #finishCollect(events: WavEvent[]): void {
    const have = this.#collectHave;
    const start = this.#collectStart;
    switch (this.#collectKind) {
      case 'riff':
        if (this.#position === 0) throw new WavError('empty', 'file is empty', 0);
        if (have >= 4) this.#checkMagic(this.#collectBuffer, have);
        throw new WavError('truncated-header', `file is too short to be a WAV file (${have} bytes)`, 0);
      case 'fmt':
      case 'ds64':
        throw new WavError(
          'truncated-header',
          `${this.#collectKind} chunk at byte ${start - 8} is cut off by the end of the file at byte ${this.#position}`,
          start - 8,
        );
      case 'chunk':
        if (this.#format !== null) {
          if (have > 0) {
            this.#warn(
              events,
              'truncated-chunk',
              `file ends inside a chunk header at byte ${start}`,
              start,
              null,
            );
          }
          return;
        }
        if (this.#fmt === null) throw new WavError('no-fmt', 'no fmt chunk found in the WAV file', start);
        throw new WavError('no-data', 'no data chunk found in the WAV file', start);
    }
  }
}

export interface WavContents {
  readonly format: WavFormat;
  readonly channels: Float32Array[];
  readonly warnings: WavWarning[];
}

/** Reads a whole WAV file held in memory. */
export function readWav(bytes: Uint8Array): WavContents {
  const reader = new WavReader({ maxBlockFrames: 1 << 20 });
  const events = [...reader.push(bytes), ...reader.finish()];
  let format: WavFormat | null = null;
  const warnings: WavWarning[] = [];
  const blocks: Float32Array[][] = [];
  let frames = 0;
  for (const event of events) {
    if (event.type === 'format') format = event.format;
    else if (event.type === 'warning') warnings.push(event.warning);
    else {
      blocks.push(event.channels);
      frames += event.channels[0]?.length ?? 0;
    }
  }
  if (format === null) throw new WavError('no-data', 'no data chunk found in the WAV file');
  const channels: Float32Array[] = [];
  for (let c = 0; c < format.channels; c++) {
    const channel = new Float32Array(frames);
    let offset = 0;
    for (const block of blocks) {
      const part = block[c];
      if (part === undefined) continue;
      channel.set(part, offset);
      offset += part.length;
    }
    channels.push(channel);
  }
  return { format, channels, warnings };
}

export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'float32';

export interface WavWriterOptions {
  readonly sampleRate: number;
  readonly channels: number;
  readonly encoding: WavEncoding;
}

export interface WavFinalization {
  /** Header with the real sizes, to write over the placeholder at byte 0. */
  readonly header: Uint8Array;
  /** Bytes to append after the data (the pad byte of an odd-sized data chunk), possibly empty. */
  readonly trailer: Uint8Array;
  readonly frames: number;
  readonly dataBytes: number;
}

const BYTES_PER_SAMPLE: Readonly<Record<WavEncoding, number>> = { pcm8: 1, pcm16: 2, pcm24: 3, float32: 4 };
const MAX_RIFF_BYTES = 0xfffffffe;

/**
 * Streaming WAV writer: `start()` gives a header with placeholder sizes (0xFFFFFFFF, which readers take as
 * "read to the end"), `write()` encodes sample blocks, `finalize()` gives the header to patch in at byte 0.
 * PCM is plain format tag 1 (44-byte header); float32 is tag 3 with a fact chunk (58-byte header).
 */
export class WavWriter {
  readonly sampleRate: number;
  readonly channels: number;
  readonly encoding: WavEncoding;
  readonly headerBytes: number;
  #frames = 0;
  #finalized = false;

  constructor(options: WavWriterOptions) {
    const { sampleRate, channels, encoding } = options;
    if (!Number.isInteger(sampleRate) || sampleRate < 1 || sampleRate > MAX_SAMPLE_RATE) {
      throw new WavError(
        'bad-input',
        `sample rate must be an integer from 1 to ${MAX_SAMPLE_RATE}, got ${sampleRate}`,
      );
    }
    if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
      throw new WavError(
        'bad-input',
        `channel count must be an integer from 1 to ${MAX_CHANNELS}, got ${channels}`,
      );
    }
    if (!(encoding in BYTES_PER_SAMPLE)) {
      throw new WavError('bad-input', `unknown WAV encoding '${String(encoding)}'`);
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.encoding = encoding;
    this.headerBytes = encoding === 'float32' ? 58 : 44;
  }

  get framesWritten(): number {
    return this.#frames;
  }

  start(): Uint8Array {
    return this.#header(UNSET_SIZE, UNSET_SIZE, UNSET_SIZE);
  }

  /** Encodes frames; with `target` (large enough) the bytes go into it and a view of it is returned. */
  write(channels: readonly Float32Array[], target?: Uint8Array): Uint8Array {
    if (this.#finalized) throw new WavError('closed', 'WAV writer is already finalized');
    if (channels.length !== this.channels) {
      throw new WavError('bad-input', `expected ${this.channels} channel arrays, got ${channels.length}`);
    }
    const frames = channels[0]?.length ?? 0;
    if (channels.some((channel) => channel.length !== frames)) {
      throw new WavError('bad-input', 'channel arrays differ in length');
    }
    const bytesPer = BYTES_PER_SAMPLE[this.encoding];
    const blockAlign = bytesPer * this.channels;
    if (this.headerBytes - 8 + (this.#frames + frames) * blockAlign > MAX_RIFF_BYTES) {
      throw new WavError('too-large', 'WAV data would exceed the 4 GiB RIFF limit');
    }
    const size = frames * blockAlign;
    const out = target && target.length >= size ? target.subarray(0, size) : new Uint8Array(size);
    const view = new DataView(out.buffer, out.byteOffset, size);
    if (this.encoding === 'pcm16' && LITTLE_ENDIAN && out.byteOffset % 2 === 0) {
      // The common case, without a DataView call per sample.
      const words = new Int16Array(out.buffer, out.byteOffset, size >> 1);
      const stride = this.channels;
      for (let c = 0; c < stride; c++) {
        const source = channels[c];
        if (source === undefined) continue;
        for (let i = 0, p = c; i < frames; i++, p += stride) {
          const x = source[i]!;
          // Math.round(y) is floor(y + 0.5); shifted to be positive, `| 0` floors it.
          words[p] =
            x >= PCM16_TOP ? 32767 : x <= -1 ? -32768 : x === x ? ((x * 32768 + 32768.5) | 0) - 32768 : 0;
        }
      }
      this.#frames += frames;
      return out;
    }
    for (let c = 0; c < this.channels; c++) {
      const source = channels[c];
      if (source === undefined) continue;
      let p = c * bytesPer;
      for (let i = 0; i < frames; i++, p += blockAlign) {
        const raw = source[i] ?? 0;
        const x = Number.isNaN(raw) ? 0 : raw < -1 ? -1 : raw > 1 ? 1 : raw;
        switch (this.encoding) {
          case 'pcm8':
            out[p] = Math.min(255, Math.round(x * 128) + 128);
            break;
          case 'pcm16':
            view.setInt16(p, Math.min(32767, Math.round(x * 32768)), true);
            break;
          case 'pcm24': {
            const v = Math.min(8388607, Math.round(x * 8388608));
            out[p] = v & 0xff;
            out[p + 1] = (v >> 8) & 0xff;
            out[p + 2] = (v >> 16) & 0xff;
            break;
          }
          case 'float32':
            view.setFloat32(p, x, true);
            break;
        }
      }
    }
    this.#frames += frames;
    return out;
  }

  finalize(): WavFinalization {
    if (this.#finalized) throw new WavError('closed', 'WAV writer is already finalized');
    this.#finalized = true;
    const dataBytes = this.#frames * BYTES_PER_SAMPLE[this.encoding] * this.channels;
    const pad = dataBytes & 1;
    const header = this.#header(this.headerBytes - 8 + dataBytes + pad, dataBytes, this.#frames);
    return { header, trailer: new Uint8Array(pad), frames: this.#frames, dataBytes };
  }

  #header(riffSize: number, dataBytes: number, frames: number): Uint8Array {
    const out = new Uint8Array(this.headerBytes);
    const view = new DataView(out.buffer);
    const ascii = (offset: number, text: string) => {
      for (let i = 0; i < 4; i++) out[offset + i] = text.charCodeAt(i);
    };
    const float = this.encoding === 'float32';
    const bytesPer = BYTES_PER_SAMPLE[this.encoding];
    ascii(0, 'RIFF');
    view.setUint32(4, riffSize >>> 0, true);
    ascii(8, 'WAVE');
    ascii(12, 'fmt ');
    view.setUint32(16, float ? 18 : 16, true);
    view.setUint16(20, float ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM, true);
    view.setUint16(22, this.channels, true);
    view.setUint32(24, this.sampleRate, true);
    view.setUint32(28, this.sampleRate * bytesPer * this.channels, true);
    view.setUint16(32, bytesPer * this.channels, true);
    view.setUint16(34, bytesPer * 8, true);
    let p = 36;
    if (float) {
      view.setUint16(36, 0, true);
      ascii(38, 'fact');
      view.setUint32(42, 4, true);
      view.setUint32(46, frames >>> 0, true);
      p = 50;
    }
    ascii(p, 'data');
    view.setUint32(p + 4, dataBytes >>> 0, true);
    return out;
  }
}

/** Encodes whole channels into a complete WAV file. */
export function encodeWav(channels: readonly Float32Array[], options: WavWriterOptions): Uint8Array {
  const writer = new WavWriter(options);
  writer.start();
  const data = writer.write(channels);
  const { header, trailer } = writer.finalize();
  const out = new Uint8Array(header.length + data.length + trailer.length);
  out.set(header, 0);
  out.set(data, header.length);
  out.set(trailer, header.length + data.length);
  return out;
}
