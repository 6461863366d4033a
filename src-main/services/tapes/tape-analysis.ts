// One pass over a tape file: streams one channel (or both of a stereo file, until the decoder picks the
// better one) through the KCS decoder and the peaks pyramid, keeping only
// the compact results. Raw samples for deep zoom are read back from the WAV file itself; compressed files
// leave a 16-bit copy of the channel in a temporary file while the tape is open.
import { open, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { WavFormat } from '../../core/formats/wav.ts';
import type { KcsBaudChoice, KcsFrameChoice } from '../../core/modem/kcs-format-decoder.ts';
import { tapeDecoder, type TapeFormatFound } from './tape-decoder.ts';
import { PeaksPyramid, type PeaksResult } from '../../core/waveform/peaks.ts';
import { AudioFileError, streamAudioFile, type AudioContainer } from '../audio-files.ts';
import type { GrowingFile } from '../growing-file.ts';
import type { DecodeThread } from './decode-thread.ts';
import { TapeResults, type ResultsSummary } from './tape-results.ts';

/** Warning codes that mean audio in the file could not be read. */
const LOSSES = new Set(['audio-lost', 'truncated-data']);

export interface AnalysisFormat {
  container: AudioContainer;
  sampleRate: number;
  channels: number;
  channel: number;
  bitsPerSample: number | null;
  frames: number | null;
}

export interface TapeAnalysisOptions {
  /** The channel to decode; absent: the better of a stereo recording's two, chosen by the decoder. */
  channel?: number;
  /** Build the peaks pyramid and keep raw samples readable (default true; the CLI needs neither). */
  waveform?: boolean;
  /**
   * Decode in this worker script (decode-worker) beside the reading thread; absent: in this thread. A mono
   * 16-bit WAV is always decoded in this thread, from its words (see #decoder).
   */
  decodeWorker?: URL;
  /**
   * The files a compressed tape spills its channel to: the first, and the second for a stereo file's other
   * channel while the decoder picks one. Absent: new files in the OS temporary folder.
   */
  spillFiles?: readonly [string, string];
  /** The file's name as the user knows it, for messages (default: the path's last part). */
  name?: string;
  /** Baud rate and frame format (default 'auto': detected, in each channel of a stereo file). */
  baud?: KcsBaudChoice;
  frame?: KcsFrameChoice;
  /** What the results keep (default 'full'; 'values': only the byte values, see TapeResults). */
  detail?: 'full' | 'values';
  /** The file is an upload still arriving: it is read as its bytes come. */
  growing?: GrowingFile;
  /** Bytes read from the file at a time (default 1 MiB); smaller reads keep a one-pass decode's memory low. */
  chunkBytes?: number;
  signal?: AbortSignal;
  onFormat?: (format: AnalysisFormat) => void;
  onProgress?: (frames: number) => void;
  onWarning?: (message: string) => void;
}

/** A problem with the file or the request, worded for the user. */
export class TapeAnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TapeAnalysisError';
  }
}

interface Decoder {
  /** The channels' samples, or the one channel's 16-bit words (a mono 16-bit WAV decoded here). */
  push(channels: Float32Array[] | Int16Array): Promise<void> | void;
  /** The channel a two-channel decoder picked (0 or 1), or null. */
  finish(): Promise<number | null>;
}

export class TapeAnalysis {
  readonly path: string;
  readonly results: TapeResults;
  readonly warnings: string[] = [];
  /** The tape format decoded and whether it was detected. */
  tapeFormat: TapeFormatFound | null = null;
  /** The file is damaged and some of its audio could not be read (decoded around it). */
  audioLost = false;
  pyramid: PeaksPyramid | null = null;
  format: AnalysisFormat | null = null;
  frames = 0;
  done = false;
  readonly #options: TapeAnalysisOptions;
  #wav: WavFormat | null = null;
  #reader: FileHandle | null = null;
  #spill: FileHandle | null = null;
  #spillPath: string | null = null;
  /** While a stereo file is analysed with the channel left to the decoder: both channels' peaks and spills. */
  #thread: DecodeThread | null = null;
  #candidates: { pyramid: PeaksPyramid | null; spill: FileHandle | null; spillPath: string | null }[] = [];
  #closed = false;

  constructor(filePath: string, options: TapeAnalysisOptions = {}) {
    this.path = filePath;
    this.#options = options;
    this.results = new TapeResults({ detail: options.detail ?? 'full' });
  }

  get durationSeconds(): number {
    return this.format === null ? 0 : this.frames / this.format.sampleRate;
  }

  /** Streams the whole file. Throws TapeAnalysisError (or AudioFileError) for files it cannot read. */
  async run(): Promise<void> {
    const { waveform = true } = this.#options;
    let decoder: Decoder | null = null;
    const name = this.#options.name ?? path.basename(this.path);
    try {
      const { signal, chunkBytes, growing } = this.#options;
      for await (const event of streamAudioFile(this.path, {
        signal,
        ...(chunkBytes ? { chunkBytes } : {}),
        ...(growing ? { growing } : {}),
        // Every block is decoded (or copied to the decode thread), measured and spilled before the next is read.
        reuseBlocks: true,
        // A mono 16-bit WAV (what owners record) comes as its words: the decoder and the peaks take them as
        // they are, without a float copy.
        pcm16: true,
      })) {
        if (this.#closed) return;
        if (event.type === 'format') {
          const info = event.format;
          const auto = this.#options.channel === undefined && info.channels === 2;
          const channel = this.#options.channel ?? 0;
          if (channel >= info.channels) {
            throw new TapeAnalysisError(
              `${name} has ${info.channels} channel${info.channels === 1 ? '' : 's'}; there is no channel ${channel + 1}.`,
            );
          }
          // Its words go to the decoder in this thread: see #decoder.
          const words =
            info.wav !== null &&
            info.wav.encoding === 'pcm' &&
            info.wav.bitsPerSample === 16 &&
            info.channels === 1;
          try {
            decoder = await this.#decoder(info.sampleRate, auto, words);
          } catch (error) {
            const reason = error instanceof Error ? error.message : String(error);
            // The decoder refuses the rate (here or in its thread); anything else is not the file's fault.
            if (/sample rate/i.test(reason)) {
              throw new TapeAnalysisError(
                `${name} is sampled at ${info.sampleRate} Hz; tapes need 8,000 to 192,000 Hz.`,
              );
            }
            throw new TapeAnalysisError(
              `${name} could not be analysed: the decoder did not start (${reason}).`,
            );
          }
          this.format = {
            container: info.container,
            sampleRate: info.sampleRate,
            channels: info.channels,
            channel,
            bitsPerSample: info.bitsPerSample,
            frames: info.totalFrames,
          };
          this.#wav = info.wav;
          for (let c = 0; c < (auto ? 2 : 1); c++) {
            const pyramid = waveform ? new PeaksPyramid({ expectedSamples: info.totalFrames ?? 0 }) : null;
            const spill = waveform && info.wav === null ? await this.#openSpill(c) : null;
            this.#candidates.push({ pyramid, spill: spill?.handle ?? null, spillPath: spill?.path ?? null });
          }
          this.#options.onFormat?.(this.format);
        } else if (event.type === 'warning') {
          this.warnings.push(event.warning.message);
          if (LOSSES.has(event.warning.code)) this.audioLost = true;
          this.#options.onWarning?.(event.warning.message);
        } else if (decoder !== null && this.format !== null) {
          const words = event.pcm16;
          if (words !== undefined) {
            if (words.length === 0) continue;
            await decoder.push(words);
            const candidate = this.#candidates[0];
            candidate?.pyramid?.pushPcm16(words);
            // A word v is the sample v / 32768, whose 16-bit copy is the word itself.
            if (candidate?.spill)
              await candidate.spill.write(new Uint8Array(words.buffer, words.byteOffset, words.byteLength));
            this.frames += words.length;
            this.#options.onProgress?.(this.frames);
            continue;
          }
          const shown =
            this.#candidates.length === 2
              ? event.channels.slice(0, 2)
              : [event.channels[this.format.channel]];
          const first = shown[0];
          if (first === undefined || first.length === 0) continue;
          await decoder.push(shown as Float32Array[]);
          for (let c = 0; c < this.#candidates.length; c++) {
            const samples = shown[c] ?? first;
            const candidate = this.#candidates[c]!;
            candidate.pyramid?.push(samples);
            if (candidate.spill !== null) await candidate.spill.write(toInt16Bytes(samples));
          }
          this.frames += first.length;
          this.#options.onProgress?.(this.frames);
        }
      }
      if (decoder === null || this.format === null) throw new TapeAnalysisError(`${name} holds no audio.`);
      const picked = await decoder.finish();
      this.results.trim();
      const chosen = picked ?? this.format.channel;
      await this.#keep(picked ?? 0);
      this.format = { ...this.format, channel: chosen, frames: this.frames };
      this.done = true;
    } catch (error) {
      if (error instanceof AudioFileError) {
        // Its message starts with the full path; the user knows the file by its name.
        throw new TapeAnalysisError(error.message.replace(this.path, name));
      }
      throw error;
    }
  }

  /** What has been decoded so far (while a decode thread works, its latest report). */
  liveSummary(): ResultsSummary {
    return this.#thread?.summary ?? this.results.summary();
  }

  /**
   * The decoder for the analysed channel, or for the better of two (`stereo`): in a thread of its own when
   * a decode worker is given, unless the samples come as 16-bit `words`. It takes the channels to decode
   * and returns the channel it picked, if it did.
   *
   * The thread puts the decoding beside the reading, the float conversion and the peaks of the other
   * formats. A mono 16-bit WAV's words need no conversion and their peaks cost little, so a thread would
   * save little time and cost processor time (copies and hand-overs, a second V8 isolate), which the host
   * and the browser share on a small machine (docs/waveform.md, "Opening and memory").
   */
  async #decoder(sampleRate: number, stereo: boolean, words: boolean): Promise<Decoder> {
    const { baud = 'auto', frame = 'auto', detail = 'full' } = this.#options;
    const settings = { sampleRate, stereo, baud, frame, bitEvents: detail === 'full' };
    if (this.#options.decodeWorker && !words) {
      // Loaded only here: a one-pass decode in this thread does without worker_threads.
      const { DecodeThread } = await import('./decode-thread.ts');
      const thread = new DecodeThread(this.#options.decodeWorker, settings);
      this.#thread = thread;
      await thread.ready();
      return {
        push: (channels) =>
          thread.push(
            channels instanceof Int16Array ? [Float32Array.from(channels, (v) => v / 32768)] : channels,
          ),
        finish: async () => {
          const { state, channel, format } = await thread.finish();
          this.#thread = null;
          this.results.importState(state);
          this.tapeFormat = format;
          this.results.setTapeFormat(format);
          return channel;
        },
      };
    }
    const decoder = tapeDecoder(settings);
    return {
      push: (channels) => this.results.add(decoder.push(channels)),
      finish: async () => {
        this.results.add(decoder.finish());
        if (!settings.bitEvents) this.results.setLowConfidenceBits(decoder.lowConfidenceCells());
        this.tapeFormat = decoder.format();
        this.results.setTapeFormat(this.tapeFormat);
        return decoder.channel();
      },
    };
  }

  /** Keeps the peaks and spill of the channel the decoder used, and drops the other's. */
  async #keep(index: number): Promise<void> {
    if (this.#candidates.length === 0) return;
    for (const [c, candidate] of this.#candidates.entries()) {
      if (c === index) continue;
      await candidate.spill?.close();
      if (candidate.spillPath !== null) await rm(candidate.spillPath, { force: true });
    }
    const kept = this.#candidates[index];
    this.pyramid = kept?.pyramid ?? null;
    this.#spill = kept?.spill ?? null;
    this.#spillPath = kept?.spillPath ?? null;
    this.#candidates = [];
  }

  async #openSpill(index: number): Promise<{ handle: FileHandle; path: string }> {
    let spillPath = this.#options.spillFiles?.[index];
    if (spillPath === undefined) {
      const [{ randomUUID }, os] = await Promise.all([import('node:crypto'), import('node:os')]);
      spillPath = path.join(os.tmpdir(), `superboard-tape-${randomUUID()}.s16`);
    }
    return { handle: await open(spillPath, 'w+'), path: spillPath };
  }

  /** Samples [start, end) of the analysed channel, as far as analysed. */
  async readRaw(start: number, end: number): Promise<Float32Array> {
    const stop = Math.min(end, this.frames);
    if (stop <= start || this.format === null) return new Float32Array(0);
    const count = stop - start;
    if (this.#spill !== null) {
      const bytes = new Uint8Array(count * 2);
      await this.#spill.read(bytes, 0, bytes.length, start * 2);
      const view = new DataView(bytes.buffer);
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getInt16(i * 2, true) / 32768;
      return out;
    }
    const wav = this.#wav;
    if (wav === null) return new Float32Array(count);
    this.#reader ??= await open(this.path, 'r');
    const bytes = new Uint8Array(count * wav.blockAlign);
    const { bytesRead } = await this.#reader.read(
      bytes,
      0,
      bytes.length,
      wav.dataByteOffset + start * wav.blockAlign,
    );
    return wavChannel(bytes.subarray(0, bytesRead), wav, this.format.channel, count);
  }

  /** Min/max columns (or raw samples for short ranges) of samples [start, end). */
  async peaks(start: number, end: number, columns: number): Promise<PeaksResult> {
    const pyramid = this.pyramid;
    if (pyramid === null || pyramid.length === 0) {
      return {
        kind: 'peaks',
        level: 0,
        samplesPerBucket: 1,
        min: new Float32Array(columns),
        max: new Float32Array(columns),
      };
    }
    return pyramid.queryAsync(start, end, columns, (from, to) => this.readRaw(from, to), {
      maxRawSamples: 16384,
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#thread?.close();
    await this.#keep(-1);
    await this.#reader?.close();
    this.#reader = null;
    await this.#spill?.close();
    this.#spill = null;
    if (this.#spillPath !== null) await rm(this.#spillPath, { force: true });
    this.#spillPath = null;
  }
}

function toInt16Bytes(samples: Float32Array): Uint8Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round((samples[i] ?? 0) * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return new Uint8Array(out.buffer);
}

/** One channel of interleaved WAV frames, normalised to -1..1 as the WAV reader does. */
export function wavChannel(bytes: Uint8Array, wav: WavFormat, channel: number, frames: number): Float32Array {
  const out = new Float32Array(frames);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = wav.bitsPerSample / 8;
  const available = Math.min(frames, Math.floor(bytes.length / wav.blockAlign));
  for (let i = 0; i < available; i++) {
    const at = i * wav.blockAlign + channel * width;
    let value: number;
    if (wav.encoding === 'float') {
      value = width === 8 ? view.getFloat64(at, true) : view.getFloat32(at, true);
      if (!Number.isFinite(value)) value = 0;
    } else if (width === 1) value = ((bytes[at] ?? 128) - 128) / 128;
    else if (width === 2) value = view.getInt16(at, true) / 32768;
    else if (width === 3) {
      const raw = (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16);
      value = ((raw << 8) >> 8) / 8388608;
    } else value = view.getInt32(at, true) / 2147483648;
    out[i] = value;
  }
  return out;
}
