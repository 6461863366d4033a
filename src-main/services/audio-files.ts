// Opens audio files from disk and streams them as Float32 channel blocks: WAV through the core reader,
// FLAC / Ogg FLAC, Ogg Vorbis and MPEG audio (MP3) through the WebAssembly decoders. The container is
// recognised from the first bytes, never from the file name.
import { open, type FileHandle } from 'node:fs/promises';
import { flacFrameHeaderAt, MpegFrameCounter } from '../core/formats/compressed-frames.ts';
import { OggPageReader, type OggPage, type OggPageEvent } from '../core/formats/ogg-pages.ts';
import { WavError, WavReader, type WavFormat } from '../core/formats/wav.ts';
import type { GrowingFile } from './growing-file.ts';

export type AudioContainer = 'wav' | 'flac' | 'ogg-flac' | 'ogg-vorbis' | 'mp3';

export interface AudioFormatInfo {
  readonly container: AudioContainer;
  readonly sampleRate: number;
  readonly channels: number;
  /** Bits per sample of the source (WAV, FLAC); null for lossy formats. */
  readonly bitsPerSample: number | null;
  /** Frames per channel when the file header says so; null when it can only be known by decoding. */
  readonly totalFrames: number | null;
  readonly fileBytes: number;
  /** The WAV header details, for WAV files. */
  readonly wav: WavFormat | null;
}

export interface AudioFileWarning {
  /**
   * 'audio-lost': after the last samples of a damaged compressed file, one summary: where the damage starts,
   * how much audio was skipped (or may be wrong) and how many decoder errors there were (first, last);
   * 'damaged': the same when no audio is missing (bytes between two Ogg pages that belong to neither, or
   * after the last page); WAV reader codes otherwise.
   */
  readonly code: string;
  readonly message: string;
  readonly byteOffset: number | null;
  readonly frame: number | null;
}

export type AudioFileEvent =
  | { readonly type: 'format'; readonly format: AudioFormatInfo }
  | {
      readonly type: 'samples';
      readonly startFrame: number;
      readonly channels: Float32Array[];
      /** With the `pcm16` option, a mono 16-bit WAV's samples as its words (and no `channels`). */
      readonly pcm16?: Int16Array;
    }
  | { readonly type: 'warning'; readonly warning: AudioFileWarning };

export type AudioFileErrorCode =
  | 'not-found'
  | 'not-a-file'
  | 'unreadable'
  | 'empty'
  | 'unknown-format'
  | 'unsupported-format'
  | 'invalid-wav'
  | 'decode-failed'
  | 'aborted';

export class AudioFileError extends Error {
  readonly code: AudioFileErrorCode;
  readonly path: string;
  readonly byteOffset: number | null;

  constructor(code: AudioFileErrorCode, path: string, message: string, byteOffset: number | null = null) {
    super(`${path}: ${message}`);
    this.name = 'AudioFileError';
    this.code = code;
    this.path = path;
    this.byteOffset = byteOffset;
  }
}

export type Detection =
  | { readonly kind: 'audio'; readonly container: AudioContainer; readonly offset: number }
  | { readonly kind: 'unsupported'; readonly name: string }
  | { readonly kind: 'id3'; readonly audioOffset: number }
  | { readonly kind: 'unknown' };

export interface AudioFileOptions {
  /** Bytes read from disk at a time (default 1 MiB). */
  readonly chunkBytes?: number;
  /**
   * A WAV's sample blocks are views of buffers refilled after the consumer asks for the next event (see
   * WavReaderOptions.reuseBlocks): only for a consumer that keeps no block.
   */
  readonly reuseBlocks?: boolean;
  /**
   * A mono 16-bit PCM WAV's blocks come as its 16-bit words in `pcm16` (see WavReaderOptions.pcm16), valid
   * until the consumer asks for the next event; other files as floats.
   */
  readonly pcm16?: boolean;
  readonly signal?: AbortSignal;
  /** The file is still being written (an upload arriving): reads wait for its bytes. */
  readonly growing?: GrowingFile;
}

const DEFAULT_CHUNK = 1 << 20;
const HEAD_BYTES = 4096;

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(bytes[offset + i] ?? 0);
  return text;
}

/** Size of an ID3v2 tag at the start of `head` including its header and footer, or 0 when there is none. */
export function id3v2Size(head: Uint8Array): number {
  if (ascii(head, 0, 3) !== 'ID3' || head.length < 10) return 0;
  const size = [6, 7, 8, 9].reduce((sum, i) => sum * 128 + ((head[i] ?? 0) & 0x7f), 0);
  const footer = ((head[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

/** MPEG audio frame header facts (ISO 11172-3 / 13818-3), or null when the bytes are not a valid header. */
export function mpegFrameHeader(
  bytes: Uint8Array,
  offset: number,
): { layer: number; channels: number } | null {
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  const b3 = bytes[offset + 3] ?? 0;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrate = b2 >> 4;
  const rate = (b2 >> 2) & 3;
  if (version === 1 || layerBits === 0 || bitrate === 15 || rate === 3) return null;
  return { layer: 4 - layerBits, channels: b3 >> 6 === 3 ? 1 : 2 };
}

/**
 * Recognises the container from the first bytes of a file (at least 64 are needed for Ogg). For an MP3 that
 * starts with an ID3v2 tag it answers `id3` with the offset where the audio should start; detect again there.
 */
export function detectAudioContainer(head: Uint8Array): Detection {
  const magic = ascii(head, 0, 4);
  if (magic === 'RIFF' || magic === 'RIFX' || magic === 'RF64') {
    const form = ascii(head, 8, 4);
    if (form === 'WAVE' || head.length < 12) return { kind: 'audio', container: 'wav', offset: 0 };
    const shown = [...form].map((c) =>
      c >= ' ' && c <= '~' ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
    );
    return { kind: 'unsupported', name: `RIFF form '${shown.join('')}' (not WAVE)` };
  }
  if (magic === 'fLaC') return { kind: 'audio', container: 'flac', offset: 0 };
  if (magic === 'OggS') {
    // The first packet starts after the 27-byte page header and its segment table.
    const packet = 27 + (head[26] ?? 0);
    if (ascii(head, packet, 7) === '\x01vorbis') return { kind: 'audio', container: 'ogg-vorbis', offset: 0 };
    if (ascii(head, packet, 5) === '\x7fFLAC') return { kind: 'audio', container: 'ogg-flac', offset: 0 };
    if (ascii(head, packet, 8) === 'OpusHead') return { kind: 'unsupported', name: 'Ogg Opus' };
    if (ascii(head, packet + 1, 6) === 'theora') return { kind: 'unsupported', name: 'Ogg Theora video' };
    return { kind: 'unsupported', name: 'Ogg stream of an unknown codec' };
  }
  if (magic.startsWith('ID3')) return { kind: 'id3', audioOffset: id3v2Size(head) };
  const mpeg = mpegFrameHeader(head, 0);
  if (mpeg !== null) return { kind: 'audio', container: 'mp3', offset: 0 };
  if ((head[0] ?? 0) === 0xff && ((head[1] ?? 0) & 0xf6) === 0xf0)
    return { kind: 'unsupported', name: 'AAC (ADTS)' };
  if (magic === 'FORM') return { kind: 'unsupported', name: `IFF '${ascii(head, 8, 4)}' (AIFF)` };
  if (ascii(head, 4, 4) === 'ftyp') return { kind: 'unsupported', name: 'MP4 / M4A' };
  if (magic === '\x1a\x45\xdf\xa3') return { kind: 'unsupported', name: 'Matroska / WebM' };
  if (magic === '.snd') return { kind: 'unsupported', name: 'Sun/NeXT AU' };
  if (magic === 'wvpk') return { kind: 'unsupported', name: 'WavPack' };
  if (magic === 'MAC ') return { kind: 'unsupported', name: "Monkey's Audio" };
  if (magic === 'caff') return { kind: 'unsupported', name: 'Core Audio (CAF)' };
  if (ascii(head, 0, 5) === '#!AMR') return { kind: 'unsupported', name: 'AMR' };
  return { kind: 'unknown' };
}

function describeBytes(head: Uint8Array): string {
  return [...head.subarray(0, 8)].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

interface OpenedFile {
  readonly handle: FileHandle;
  readonly size: number;
  readonly growing: GrowingFile | null;
}

async function openFile(path: string, growing: GrowingFile | null): Promise<OpenedFile> {
  let handle: FileHandle;
  // An upload's file exists once its first bytes are written.
  if (growing !== null && growing.total > 0) {
    await growing.waitFor(1);
    if (growing.written === 0)
      throw new AudioFileError('unreadable', path, 'the upload stopped before the whole file arrived');
  }
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw fileError(path, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new AudioFileError('not-a-file', path, 'not a regular file');
    const size = growing?.total ?? stats.size;
    if (size === 0) throw new AudioFileError('empty', path, 'file is empty');
    return { handle, size, growing };
  } catch (error) {
    await handle.close();
    throw fileError(path, error);
  }
}

function fileError(path: string, error: unknown): AudioFileError {
  if (error instanceof AudioFileError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return new AudioFileError('not-found', path, 'file not found');
  if (code === 'EISDIR') return new AudioFileError('not-a-file', path, 'is a folder, not a file');
  if (code === 'EACCES' || code === 'EPERM')
    return new AudioFileError('unreadable', path, 'permission denied');
  const message = error instanceof Error ? error.message : String(error);
  return new AudioFileError('unreadable', path, `cannot read the file: ${message}`);
}

/** Waits until bytes [0, end) of a growing file are on disk; throws if the writing failed first. */
async function arrived(file: OpenedFile, path: string, end: number): Promise<void> {
  const growing = file.growing;
  if (growing === null) return;
  await growing.waitFor(Math.min(end, file.size));
  if (growing.state === 'failed' && growing.written < Math.min(end, file.size))
    throw new AudioFileError('unreadable', path, 'the upload stopped before the whole file arrived');
}

async function readAt(file: OpenedFile, path: string, offset: number, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(Math.max(0, Math.min(length, file.size - offset)));
  await arrived(file, path, offset + buffer.length);
  let filled = 0;
  try {
    while (filled < buffer.length) {
      const { bytesRead } = await file.handle.read(buffer, filled, buffer.length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
  } catch (error) {
    throw fileError(path, error);
  }
  return buffer.subarray(0, filled);
}

async function detectFile(
  file: OpenedFile,
  path: string,
): Promise<{ container: AudioContainer; head: Uint8Array }> {
  const head = await readAt(file, path, 0, HEAD_BYTES);
  let detection = detectAudioContainer(head);
  if (detection.kind === 'id3') {
    const at = detection.audioOffset;
    if (at >= file.size) {
      throw new AudioFileError(
        'unknown-format',
        path,
        `only an ID3 tag (${at} bytes) and no audio after it`,
        0,
      );
    }
    const after = await readAt(file, path, at, 64);
    detection = detectAudioContainer(after);
    if (detection.kind === 'audio' && detection.container !== 'mp3' && detection.container !== 'flac') {
      detection = { kind: 'unknown' };
    }
    if (detection.kind !== 'audio') {
      throw new AudioFileError(
        'unknown-format',
        path,
        `an ID3 tag ends at byte ${at} but no MPEG audio frame follows (found ${describeBytes(after)})`,
        at,
      );
    }
  }
  switch (detection.kind) {
    case 'audio':
      return { container: detection.container, head };
    case 'unsupported':
      throw new AudioFileError('unsupported-format', path, `${detection.name} files are not supported`, 0);
    default:
      throw new AudioFileError(
        'unknown-format',
        path,
        `not a recognised audio file (WAV, FLAC, Ogg Vorbis or MP3); it starts with ${describeBytes(head)}`,
        0,
      );
  }
}

async function* chunks(
  file: OpenedFile,
  path: string,
  options: AudioFileOptions,
  reuse: boolean,
): AsyncGenerator<Uint8Array> {
  const size = Math.max(4096, Math.floor(options.chunkBytes ?? DEFAULT_CHUNK));
  const readInto = async (buffer: Uint8Array, at: number): Promise<number> => {
    await arrived(file, path, at + size);
    try {
      return (await file.handle.read(buffer, 0, size, at)).bytesRead;
    } catch (error) {
      throw fileError(path, error);
    }
  };
  // Two buffers: the next chunk is read while the consumer works on this one.
  let current = new Uint8Array(size);
  let spare = reuse ? new Uint8Array(size) : null;
  let position = 0;
  let pending = readInto(current, position);
  try {
    for (;;) {
      if (options.signal?.aborted)
        throw new AudioFileError('aborted', path, 'reading was cancelled', position);
      const bytesRead = await pending;
      if (bytesRead === 0) return;
      position += bytesRead;
      const next = spare ?? new Uint8Array(size);
      pending = readInto(next, position);
      yield current.subarray(0, bytesRead);
      if (reuse) spare = current;
      current = next;
    }
  } finally {
    // A read still in flight when the consumer stops must settle before the file is closed.
    await pending.catch(() => undefined);
  }
}

async function* streamWav(
  file: OpenedFile,
  path: string,
  options: AudioFileOptions,
): AsyncGenerator<AudioFileEvent> {
  const reader = new WavReader({ reuseBlocks: options.reuseBlocks === true, pcm16: options.pcm16 === true });
  const convert = function* (events: ReturnType<WavReader['push']>): Generator<AudioFileEvent> {
    for (const event of events) {
      if (event.type === 'format') {
        const wav = event.format;
        yield {
          type: 'format',
          format: {
            container: 'wav',
            sampleRate: wav.sampleRate,
            channels: wav.channels,
            bitsPerSample: wav.validBitsPerSample,
            totalFrames: wav.frames,
            fileBytes: file.size,
            wav,
          },
        };
      } else if (event.type === 'warning') {
        yield { type: 'warning', warning: { ...event.warning } };
      } else {
        yield event;
      }
    }
  };
  try {
    // The reader copies what it keeps, so one read buffer serves the whole file.
    for await (const chunk of chunks(file, path, options, true)) yield* convert(reader.push(chunk));
    yield* convert(reader.finish());
  } catch (error) {
    if (error instanceof WavError) {
      const code = error.code === 'unsupported-format' ? 'unsupported-format' : 'invalid-wav';
      throw new AudioFileError(code, path, error.message, error.byteOffset);
    }
    throw error;
  }
}

interface DecodeError {
  readonly message: string;
  readonly inputBytes: number;
  readonly outputSamples: number;
}

interface Decoded {
  readonly channelData: Float32Array[];
  readonly samplesDecoded: number;
  readonly sampleRate: number;
  readonly bitDepth?: number;
  readonly errors: DecodeError[];
}

interface StreamDecoder {
  decode(bytes: Uint8Array): Promise<Decoded>;
  flush(): Promise<Decoded | null>;
  free(): void;
}

async function createDecoder(container: Exclude<AudioContainer, 'wav'>): Promise<StreamDecoder> {
  switch (container) {
    case 'flac':
    case 'ogg-flac': {
      const { FLACDecoder } = await import('@wasm-audio-decoders/flac');
      const decoder = new FLACDecoder();
      await decoder.ready;
      return { decode: (b) => decoder.decode(b), flush: () => decoder.flush(), free: () => decoder.free() };
    }
    case 'ogg-vorbis': {
      const { OggVorbisDecoder } = await import('@wasm-audio-decoders/ogg-vorbis');
      const decoder = new OggVorbisDecoder();
      await decoder.ready;
      return { decode: (b) => decoder.decode(b), flush: () => decoder.flush(), free: () => decoder.free() };
    }
    case 'mp3': {
      const { MPEGDecoder } = await import('mpg123-decoder');
      const decoder = new MPEGDecoder();
      await decoder.ready;
      return {
        decode: async (b) => decoder.decode(b),
        flush: async () => null,
        free: () => decoder.free(),
      };
    }
  }
}

/** Total samples and bit depth from the FLAC STREAMINFO block that follows the 'fLaC' marker. */
function flacStreamInfo(head: Uint8Array): { bits: number; totalFrames: number | null } | null {
  if (ascii(head, 0, 4) !== 'fLaC' || ((head[4] ?? 0) & 0x7f) !== 0 || head.length < 42) return null;
  const info = 8;
  const bits = ((((head[info + 12] ?? 0) & 1) << 4) | ((head[info + 13] ?? 0) >> 4)) + 1;
  const total =
    ((head[info + 13] ?? 0) & 0x0f) * 2 ** 32 +
    (((head[info + 14] ?? 0) << 24) >>> 0) +
    ((head[info + 15] ?? 0) << 16) +
    ((head[info + 16] ?? 0) << 8) +
    (head[info + 17] ?? 0);
  return { bits, totalFrames: total === 0 ? null : total };
}

/** Where the frames start and the largest frame, from a FLAC file's metadata blocks. */
async function flacLayout(
  file: OpenedFile,
  path: string,
): Promise<{ firstFrame: number; metadata: Uint8Array; maxFrameBytes: number } | null> {
  let at = 4;
  for (let blocks = 0; blocks < 1024; blocks++) {
    const header = await readAt(file, path, at, 4);
    if (header.length < 4) return null;
    at += 4 + (((header[1] ?? 0) << 16) | ((header[2] ?? 0) << 8) | (header[3] ?? 0));
    if (((header[0] ?? 0) & 0x80) !== 0) {
      const metadata = await readAt(file, path, 0, at);
      const max = ((metadata[8 + 7] ?? 0) << 16) | ((metadata[8 + 8] ?? 0) << 8) | (metadata[8 + 9] ?? 0);
      return { firstFrame: at, metadata, maxFrameBytes: max > 0 ? max : 1 << 20 };
    }
  }
  return null;
}

/**
 * The next FLAC frame at or after byte `from` whose first sample is at or after `sample`: where decoding
 * resumes after damage. Null when no such frame follows.
 */
async function nextFlacFrame(
  file: OpenedFile,
  path: string,
  from: number,
  sample: number,
): Promise<{ offset: number; sample: number } | null> {
  const WINDOW = 1 << 16;
  for (let at = from; at < file.size; at += WINDOW) {
    const bytes = await readAt(file, path, at, WINDOW + 32);
    for (let i = 0; i < Math.min(WINDOW, bytes.length); i++) {
      if (bytes[i] !== 0xff) continue;
      const header = flacFrameHeaderAt(bytes, i);
      if (header === null) continue;
      const first = header.variable ? header.number : header.number * header.blockSize;
      if (first >= sample) return { offset: at + i, sample: first };
    }
  }
  return null;
}

/** Largest block of silence put in for skipped audio, in frames. */
const SILENCE_BLOCK = 1 << 16;

async function* streamCompressed(
  file: OpenedFile,
  path: string,
  container: Exclude<AudioContainer, 'wav'>,
  head: Uint8Array,
  options: AudioFileOptions,
): AsyncGenerator<AudioFileEvent> {
  const start = async (): Promise<StreamDecoder> => {
    try {
      return await createDecoder(container);
    } catch (error) {
      throw new AudioFileError(
        'decode-failed',
        path,
        `cannot start the ${container} decoder: ${String(error)}`,
      );
    }
  };
  let decoder = await start();
  // mpg123 always gives two channels; a mono MP3 (channel mode 3 in the frame header) keeps only the first.
  let outputChannels: number | null = null;
  let mpeg: MpegFrameCounter | null = null;
  if (container === 'mp3') {
    const tag = id3v2Size(head);
    const frame = mpegFrameHeader(tag === 0 ? head : await readAt(file, path, tag, 4), 0);
    outputChannels = frame?.channels ?? null;
    mpeg = new MpegFrameCounter(tag);
  }
  const flacInfo = container === 'flac' ? flacStreamInfo(head) : null;
  const layout = container === 'flac' ? await flacLayout(file, path) : null;
  const chunkBytes = Math.max(4096, Math.floor(options.chunkBytes ?? DEFAULT_CHUNK));
  let format: AudioFormatInfo | null = null;
  let frames = 0;
  let errorCount = 0;
  let firstError = '';
  let firstErrorByte = 0;
  let firstErrorFrame = 0;
  let lastErrorByte = 0;
  /** File offset of the next byte to decode. */
  let position = 0;
  /** File offset reached when the last samples came out: where a silent loss of sync starts. */
  let bytesAtLastSamples = 0;
  /** FLAC: stretches skipped after damage, replaced by silence. */
  const skips: { byte: number; frame: number; frames: number; to?: number }[] = [];
  let lastResync = -1;
  /** FLAC: the first frame that would not decode, while resynchronising. */
  let damagedFrom: number | null = null;
  const span = (n: number): string =>
    format === null ? `${n} samples` : `${(n / format.sampleRate).toFixed(2)} s`;
  const seconds = (n: number): string =>
    format === null ? `${n} samples` : `${(n / format.sampleRate).toFixed(1)} s`;
  const at = (frame: number): string => (format === null ? '' : ` (at ${seconds(frame)} of audio)`);
  /** Ogg: pages checked against their checksums, and the decoder fed only those (see OggPageReader). */
  const ogg = container === 'ogg-vorbis' || container === 'ogg-flac' ? new OggPageReader() : null;
  /** Ogg: the page fed last, whose samples the next decoder call returns (the parser holds a page back). */
  let oggHeld: OggPage | null = null;
  /** Ogg: a skip before the held page (or before the next page fed), not yet measured. */
  let oggSkip: { byte: number; resumedAt: number } | null = null;
  let oggSkipHeld: { byte: number; resumedAt: number } | null = null;
  /** Ogg: the granule position of the last page whose samples came out. */
  let oggGranule: number | null = null;
  /** Ogg: granule position less samples decoded, from the first page of audio (0 for most streams). */
  let oggLag: number | null = null;
  /** Ogg: pages whose checksum fails, decoded as they are. */
  const badPages: { byte: number; frame: number; frames: number; dropped: number }[] = [];
  /** Ogg: what the decoder dropped of the first page of a batch whose checksum failed. */
  let droppedOfBad = 0;
  /** Ogg: the file ends inside a page (or in bytes that are no page) from this byte. */
  let oggTail: number | null = null;
  /** Ogg: the stream's last page has been read (bytes after it are not audio). */
  let oggEnded = false;
  /** Ogg: where a decoder error is (the page its packet ended on, from the samples decoded before it). */
  let locateError: ((error: DecodeError) => { byte: number; frame: number }) | null = null;
  /** Ogg: silence put in so far (the decoder counts only what it decoded). */
  let oggSilence = 0;

  const handle = function* (result: Decoded | null): Generator<AudioFileEvent> {
    if (result === null) return;
    // A damaged stream makes the decoder complain at every packet: the first complaint says where the
    // damage starts, the rest are counted into one summary at the end.
    for (const error of result.errors) {
      errorCount++;
      const where = locateError?.(error) ?? { byte: position, frame: frames };
      lastErrorByte = where.byte;
      if (errorCount > 1) continue;
      firstErrorByte = where.byte;
      firstErrorFrame = where.frame;
      firstError = error.message.replace(/\s+/g, ' ').trim();
    }
    const count = result.samplesDecoded;
    if (count <= 0) return;
    if (format === null) {
      format = {
        container,
        sampleRate: result.sampleRate,
        channels: Math.min(outputChannels ?? result.channelData.length, result.channelData.length),
        bitsPerSample: flacInfo?.bits ?? (container === 'ogg-flac' ? (result.bitDepth ?? null) : null),
        totalFrames: flacInfo?.totalFrames ?? null,
        fileBytes: file.size,
        wav: null,
      };
      yield { type: 'format', format };
    }
    const channels = result.channelData.slice(0, format.channels).map((data) => data.subarray(0, count));
    yield { type: 'samples', startFrame: frames, channels };
    frames += count;
    bytesAtLastSamples = position;
  };

  /** Silence in place of skipped audio, so that later audio keeps its place in time. */
  const silence = function* (info: AudioFormatInfo, count: number): Generator<AudioFileEvent> {
    for (let left = count; left > 0;) {
      const n = Math.min(left, SILENCE_BLOCK);
      const block = new Float32Array(n);
      yield {
        type: 'samples',
        startFrame: frames,
        channels: Array.from({ length: info.channels }, () => block),
      };
      frames += n;
      left -= n;
    }
  };

  /**
   * Ogg: feeds pages to the decoder (null: flushes it). The parser holds the last page back, so the samples
   * that come out belong to the page fed before and all of these but the last. When the first of those
   * follows a skip, the audio lost there (the granule positions against the samples decoded) is put back as
   * silence before them; the page right after a skip is therefore fed on its own.
   */
  const feedPages = async function* (list: OggPage[] | null): AsyncGenerator<AudioFileEvent> {
    const completed = [...(oggHeld === null ? [] : [oggHeld]), ...(list ?? []).slice(0, -1)];
    let bytes: Uint8Array | null = null;
    if (list !== null) {
      bytes =
        list.length === 1 ? list[0]!.bytes : new Uint8Array(list.reduce((n, p) => n + p.bytes.length, 0));
      if (list.length > 1) list.reduce((at, p) => (bytes!.set(p.bytes, at), at + p.bytes.length), 0);
    }
    const input = bytes;
    const result = await quietly(() => (input === null ? decoder.flush() : decoder.decode(input)));
    const n = result?.samplesDecoded ?? 0;
    const end = completed.findLast((page) => page.granule !== null)?.granule ?? null;
    if (end !== null && n > 0) {
      oggLag ??= end - n - frames;
      const missing = end - oggLag - (frames + n);
      const info: AudioFormatInfo | null = format;
      // A page whose checksum fails (fed last in its batch, so first here) may lose a frame in the decoder
      // (FLAC checks its frames): silence keeps later audio in place, to within that page.
      if (oggSkipHeld === null && completed[0]?.checksumOk === false && missing > 0 && info !== null) {
        yield* silence(info, missing);
        oggSilence += missing;
        droppedOfBad = missing;
      }
      if (oggSkipHeld !== null) {
        skips.push({
          byte: oggSkipHeld.byte,
          frame: frames,
          frames: Math.max(0, missing),
          to: oggSkipHeld.resumedAt,
        });
        if (missing > 0 && info !== null) {
          yield* silence(info, missing);
          oggSilence += missing;
        }
        oggSkipHeld = null;
      }
    }
    for (const page of completed) {
      if (page.granule === null) continue;
      if (!page.checksumOk) {
        const from = oggGranule ?? page.granule;
        badPages.push({
          byte: page.offset,
          frame: from - (oggLag ?? 0),
          frames: page.granule - from,
          dropped: page === completed[0] ? droppedOfBad : 0,
        });
      }
      oggGranule = page.granule;
    }
    droppedOfBad = 0;
    locateError = (error) => {
      const frame = error.outputSamples + oggSilence;
      const page =
        completed.find((p) => p.granule !== null && p.granule - (oggLag ?? 0) >= frame) ??
        completed.at(-1) ??
        list?.[0];
      return { byte: page?.offset ?? position, frame };
    };
    yield* handle(result);
    locateError = null;
    oggHeld = list?.at(-1) ?? null;
    if (list !== null && oggSkip !== null) {
      oggSkipHeld ??= oggSkip;
      oggSkip = null;
    }
  };

  const pages = async function* (events: OggPageEvent[]): AsyncGenerator<AudioFileEvent> {
    let batch: OggPage[] = [];
    for (const event of events) {
      if (event.type === 'page') {
        batch.push(event.page);
        oggEnded ||= event.page.last;
      }
      // The pages before a skip are fed before it is noted, the first page after it alone (see feedPages);
      // a page whose checksum fails ends its batch, so its samples come first in the next.
      if (event.type === 'page' && oggSkip === null && event.page.checksumOk) continue;
      if (batch.length > 0) yield* feedPages(batch);
      batch = [];
      if (event.type === 'page') continue;
      // Bytes after the last page (padding, a tag) cost no audio.
      if (event.resumedAt === null) oggTail = oggEnded ? null : event.byte;
      else oggSkip ??= { byte: event.byte, resumedAt: event.resumedAt };
    }
    if (batch.length > 0) yield* feedPages(batch);
  };

  /**
   * FLAC only: after damage, decoding starts again at the next intact frame (a fresh decoder fed the
   * metadata first), and the skipped stretch becomes silence so later audio keeps its place in time.
   */
  const resync = async function* (): AsyncGenerator<AudioFileEvent, boolean> {
    if (layout === null) return false;
    const from = Math.max(
      layout.firstFrame,
      lastResync + 1,
      bytesAtLastSamples - chunkBytes - 2 * layout.maxFrameBytes,
    );
    const next = await nextFlacFrame(file, path, from, frames);
    if (next === null) return false;
    lastResync = next.offset;
    // The frame right after the last one decoded is tried first; if it does not decode either, the damage
    // is in it and the next attempt skips it.
    const skipped = next.sample - frames;
    if (skipped === 0 || damagedFrom === null) damagedFrom = next.offset;
    if (skipped > 0) skips.push({ byte: damagedFrom, frame: frames, frames: skipped });
    decoder.free();
    decoder = await start();
    await quietly(() => decoder.decode(layout.metadata));
    const info: AudioFormatInfo | null = format;
    if (info !== null) yield* silence(info, skipped);
    position = next.offset;
    bytesAtLastSamples = position;
    if (skipped > 0) damagedFrom = null;
    return true;
  };

  try {
    // A stalled FLAC decoder (bytes going in, nothing coming out) has lost sync for good.
    const stall = layout === null ? Infinity : chunkBytes + 4 * layout.maxFrameBytes;
    decoding: for (;;) {
      for (;;) {
        if (options.signal?.aborted)
          throw new AudioFileError('aborted', path, 'reading was cancelled', position);
        const chunk = await readAt(file, path, position, chunkBytes);
        if (chunk.length === 0) break;
        mpeg?.push(chunk);
        position += chunk.length;
        if (ogg !== null) {
          yield* pages(ogg.push(chunk));
          continue;
        }
        yield* handle(await quietly(() => decoder.decode(chunk)));
        if (position - bytesAtLastSamples > stall && (yield* resync())) continue;
      }
      if (ogg !== null) {
        yield* pages(ogg.finish());
        yield* feedPages(null);
      } else yield* handle(await quietly(() => decoder.flush()));
      const expected: number | null = (format as AudioFormatInfo | null)?.totalFrames ?? null;
      if (expected !== null && frames < expected && (yield* resync())) continue decoding;
      break;
    }
    mpeg?.finish();
  } catch (error) {
    if (error instanceof AudioFileError) throw error;
    throw new AudioFileError('decode-failed', path, `${container} decoding failed: ${String(error)}`);
  } finally {
    decoder.free();
  }
  if (format !== null) {
    const info: AudioFormatInfo = format;
    const problems: string[] = [];
    let lost = false;
    const expected = info.totalFrames;
    const places = (list: readonly { frame: number }[], noun: string): string =>
      `${list.length} ${noun}${list.length === 1 ? '' : 's'}${list.length > 1 ? ` (first at ${seconds(list[0]!.frame)}, last at ${seconds(list.at(-1)!.frame)})` : ''}`;
    const lostSkips = skips.filter((skip) => skip.frames > 0);
    if (lostSkips.length > 0) {
      const total = lostSkips.reduce((sum, skip) => sum + skip.frames, 0);
      problems.push(`${span(total)} skipped in ${places(lostSkips, 'place')} and replaced by silence`);
      lost = true;
    }
    // An Ogg skip between two pages whose granule positions follow on (bytes put in): damage, no loss.
    const junk = skips.filter((skip) => skip.frames === 0);
    if (junk.length > 0) {
      const bytes = junk.reduce((sum, skip) => sum + (skip.to ?? skip.byte) - skip.byte, 0);
      problems.push(
        `${bytes} byte${bytes === 1 ? '' : 's'} that belong to no page skipped in ${places(junk, 'place')}; no audio is missing there`,
      );
    }
    if (badPages.length > 0) {
      const total = badPages.reduce((sum, page) => sum + page.frames, 0);
      const dropped = badPages.reduce((sum, page) => sum + page.dropped, 0);
      const header = badPages[0]!.frame === 0 && badPages[0]!.frames === 0;
      problems.push(
        `${places(badPages, 'page')} with a wrong checksum decoded as ${badPages.length === 1 ? 'it is' : 'they are'}: ${header ? `the stream's header${total > 0 ? ` and ${span(total)} of audio` : ''}` : `${span(total)} of audio`} may be wrong${dropped > 0 ? `, ${span(dropped)} of it could not be decoded and was replaced by silence` : ''}`,
      );
      lost = true;
    }
    if (oggTail !== null) {
      problems.push(`the file ends inside a page at byte ${oggTail}: the end of the audio is missing`);
      lost = true;
    }
    if (expected !== null && frames < expected) {
      problems.push(
        `${seconds(expected - frames)} of ${seconds(expected)} could not be decoded (audio stops at ${seconds(frames)}${errorCount === 0 ? `; the decoder found no more frames after byte ${bytesAtLastSamples}` : ''})`,
      );
      lost = true;
    }
    if (mpeg !== null) {
      // The frame headers promise a number of samples; damage shows as breaks in the chain of frames or as
      // fewer samples decoded than promised (the frames skipped at a break counted from their bytes).
      const missing = mpeg.samples + mpeg.skippedSamples - frames;
      const broken = mpeg.breaks[0];
      if (broken !== undefined || missing > 2 * 1152) {
        const where = broken
          ? `frames break at byte ${broken.byte} (at ${seconds(broken.sample)} of audio)${broken.resumedAt === null ? '' : ` and resume at byte ${broken.resumedAt}`}${mpeg.breaks.length > 1 ? `; ${mpeg.breaks.length} breaks in all, the last at byte ${mpeg.breaks.at(-1)!.byte}` : ''}`
          : 'the decoder dropped frames';
        problems.push(`${where}; about ${span(Math.max(0, missing))} of audio could not be decoded`);
        lost = true;
      }
    }
    if (errorCount > 0 && !lost && expected === null && mpeg === null) {
      problems.push('some audio may be missing (this format does not say how long it should be)');
      lost = true;
    }
    if (problems.length > 0) {
      // Where the damage starts (an MP3's message says it already).
      const starts = [
        ...(skips[0] ? [skips[0]] : []),
        ...(badPages[0] ? [badPages[0]] : []),
        ...(errorCount > 0 ? [{ byte: firstErrorByte, frame: firstErrorFrame }] : []),
      ].sort((a, b) => a.byte - b.byte);
      const start = mpeg === null ? starts[0] : undefined;
      const from = start === undefined ? '' : ` from byte ${start.byte}${at(start.frame)}`;
      const errors =
        errorCount > 0
          ? `; ${errorCount} decoder error${errorCount === 1 ? '' : 's'}, first near byte ${firstErrorByte}, last near byte ${lastErrorByte}`
          : '';
      yield {
        type: 'warning',
        warning: {
          code: lost ? 'audio-lost' : 'damaged',
          message: `damaged ${container} file${from}: ${problems.join('; ')}${errors}`,
          byteOffset:
            start?.byte ??
            mpeg?.breaks[0]?.byte ??
            (errorCount > 0 ? firstErrorByte : (oggTail ?? bytesAtLastSamples)),
          frame: frames,
        },
      };
    }
  }
  if (format === null) {
    // The first damage, by where it is in the file (a skip may be pending: no audio came after it).
    const damage = [
      ...badPages.map((page) => ({
        byte: page.byte,
        text: `the page at byte ${page.byte} has a wrong checksum`,
      })),
      ...[...skips, ...[oggSkipHeld, oggSkip].filter((skip) => skip !== null)].map((skip) => ({
        byte: skip.byte,
        text: `bytes from ${skip.byte} are no intact page`,
      })),
    ].sort((a, b) => a.byte - b.byte)[0]?.text;
    const detail = `${damage === undefined ? '' : `: ${damage}`}${errorCount > 0 ? ` (${errorCount} decoder errors, first: ${firstError})` : ''}`;
    throw new AudioFileError(
      'decode-failed',
      path,
      `no audio could be decoded from this ${container} file${detail}`,
    );
  }
}

/**
 * Runs a decoder call with console.error silenced: the WebAssembly decoders print their errors there as
 * well as returning them, and we report them once, in our own words.
 */
async function quietly<T>(call: () => Promise<T>): Promise<T> {
  const original = console.error;
  console.error = () => undefined;
  try {
    return await call();
  } finally {
    console.error = original;
  }
}

/**
 * Streams an audio file: a `format` event before the first samples, then `samples` blocks (one Float32Array
 * per channel, normalised to -1..1, `startFrame` counting from 0) and `warning` events where the file is
 * damaged. Throws AudioFileError for files that cannot be read or recognised; samples decoded before a
 * failure have already been delivered.
 */
export async function* streamAudioFile(
  path: string,
  options: AudioFileOptions = {},
): AsyncGenerator<AudioFileEvent> {
  const file = await openFile(path, options.growing ?? null);
  try {
    const { container, head } = await detectFile(file, path);
    if (container === 'wav') yield* streamWav(file, path, options);
    else yield* streamCompressed(file, path, container, head, options);
  } finally {
    await file.handle.close();
  }
}

export interface DecodedAudioFile {
  readonly format: AudioFormatInfo;
  readonly channels: Float32Array[];
  readonly warnings: AudioFileWarning[];
}

/** Decodes a whole file into memory; for short files (fixtures, clips), not hour-long tapes. */
export async function readAudioFile(path: string, options: AudioFileOptions = {}): Promise<DecodedAudioFile> {
  let format: AudioFormatInfo | null = null;
  const warnings: AudioFileWarning[] = [];
  const blocks: Float32Array[][] = [];
  let frames = 0;
  for await (const event of streamAudioFile(path, options)) {
    if (event.type === 'format') format = event.format;
    else if (event.type === 'warning') warnings.push(event.warning);
    else {
      blocks.push(event.channels);
      frames += event.channels[0]?.length ?? 0;
    }
  }
  if (format === null) throw new AudioFileError('decode-failed', path, 'no audio found');
  const channelCount = (format as AudioFormatInfo).channels;
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  let offset = 0;
  for (const block of blocks) {
    block.forEach((data, c) => channels[c]?.set(data, offset));
    offset += block[0]?.length ?? 0;
  }
  return { format, channels, warnings };
}
