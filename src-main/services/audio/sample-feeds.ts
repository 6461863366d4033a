// Where played audio comes from: a recording read as it plays, bytes encoded as KCS on the fly, or the
// soft-modem's endless line (idle mark, and each byte as it is typed). All give mono blocks on demand.
import { KcsEncoder } from '../../core/modem/kcs-encoder.ts';
import { streamAudioFile } from '../audio-files.ts';

export interface SampleFeed {
  readonly sampleRate: number;
  /** Total frames, when known in advance. */
  readonly totalFrames: number | null;
  /** Up to `frames` samples; fewer only at the end, null once it is over. */
  read(frames: number): Promise<Float32Array | null>;
  close(): Promise<void>;
}

/** Samples queued in order, handed out in blocks of any size. */
class SampleQueue {
  #parts: Float32Array[] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(samples: Float32Array): void {
    if (samples.length === 0) return;
    this.#parts.push(samples);
    this.#length += samples.length;
  }

  take(frames: number): Float32Array {
    const out = new Float32Array(Math.min(frames, this.#length));
    let at = 0;
    while (at < out.length) {
      const part = this.#parts[0] as Float32Array;
      const n = Math.min(part.length, out.length - at);
      out.set(part.subarray(0, n), at);
      at += n;
      if (n === part.length) this.#parts.shift();
      else this.#parts[0] = part.subarray(n);
    }
    this.#length -= out.length;
    return out;
  }
}

/** Bytes per encoding step: about a second of tape at 300 baud. */
const BYTES_PER_STEP = 27;

/** Leader, the bytes as KCS frames (8N2, 300 baud), trailer: encoded a little at a time as it plays. */
export class EncodedBytesFeed implements SampleFeed {
  readonly sampleRate: number;
  readonly totalFrames: number;
  readonly #encoder: KcsEncoder;
  readonly #bytes: Uint8Array;
  readonly #trailerSeconds: number;
  readonly #queue = new SampleQueue();
  #next = 0;
  #stage: 'leader' | 'bytes' | 'trailer' | 'end' = 'leader';
  readonly #leaderSeconds: number;

  constructor(bytes: Uint8Array, sampleRate: number, leaderSeconds: number, trailerSeconds: number) {
    this.#encoder = new KcsEncoder({ sampleRate, waveform: 'sine', amplitude: 0.7 });
    this.sampleRate = sampleRate;
    this.#bytes = bytes;
    this.#leaderSeconds = leaderSeconds;
    this.#trailerSeconds = trailerSeconds;
    const bits = Math.round(leaderSeconds * 300) + bytes.length * 11 + Math.round(trailerSeconds * 300);
    this.totalFrames = this.#encoder.sampleAtBit(bits);
  }

  async read(frames: number): Promise<Float32Array | null> {
    while (this.#queue.length < frames && this.#stage !== 'end') {
      if (this.#stage === 'leader') {
        this.#queue.push(this.#encoder.carrier(this.#leaderSeconds));
        this.#stage = 'bytes';
      } else if (this.#stage === 'bytes') {
        const end = Math.min(this.#bytes.length, this.#next + BYTES_PER_STEP);
        this.#queue.push(this.#encoder.bytes(this.#bytes.subarray(this.#next, end)));
        this.#next = end;
        if (end === this.#bytes.length) this.#stage = 'trailer';
      } else {
        this.#queue.push(this.#encoder.carrier(this.#trailerSeconds));
        this.#stage = 'end';
      }
    }
    return this.#queue.length === 0 ? null : this.#queue.take(frames);
  }

  async close(): Promise<void> {}
}

/** A recording (WAV, FLAC, Ogg, MP3) read as it plays; its first channel. */
export class AudioFileFeed implements SampleFeed {
  sampleRate = 0;
  totalFrames: number | null = null;
  readonly #events: AsyncGenerator<import('../audio-files.ts').AudioFileEvent>;
  readonly #queue = new SampleQueue();
  #done = false;

  private constructor(file: string) {
    this.#events = streamAudioFile(file);
  }

  /** Opens `file` and reads up to its format, so the rate is known (throws for files we cannot read). */
  static async open(file: string): Promise<AudioFileFeed> {
    const feed = new AudioFileFeed(file);
    await feed.#fill(1);
    if (feed.sampleRate === 0) throw new Error(`${file}: no audio found`);
    return feed;
  }

  async #fill(frames: number): Promise<void> {
    while (this.#queue.length < frames && !this.#done) {
      const next = await this.#events.next();
      if (next.done) {
        this.#done = true;
        break;
      }
      const event = next.value;
      if (event.type === 'format') {
        this.sampleRate = event.format.sampleRate;
        this.totalFrames = event.format.totalFrames;
      } else if (event.type === 'samples') {
        const first = event.channels[0];
        if (first) this.#queue.push(first);
      }
    }
  }

  async read(frames: number): Promise<Float32Array | null> {
    await this.#fill(frames);
    return this.#queue.length === 0 ? null : this.#queue.take(frames);
  }

  async close(): Promise<void> {
    await this.#events.return(undefined);
  }
}

/** The soft-modem's transmit line: mark carrier while idle, each queued byte as an 8N2 frame. */
export class LiveKcsFeed implements SampleFeed {
  readonly sampleRate: number;
  readonly totalFrames = null;
  readonly #encoder: KcsEncoder;
  readonly #queue = new SampleQueue();
  readonly #bytes: number[] = [];
  #closed = false;
  /** Bytes encoded onto the line so far. */
  sent = 0;

  constructor(sampleRate: number) {
    this.sampleRate = sampleRate;
    this.#encoder = new KcsEncoder({ sampleRate, waveform: 'sine', amplitude: 0.7 });
  }

  get queued(): number {
    return this.#bytes.length;
  }

  send(bytes: Iterable<number>): void {
    for (const byte of bytes) this.#bytes.push(byte & 0xff);
  }

  async read(frames: number): Promise<Float32Array | null> {
    if (this.#closed) return null;
    while (this.#queue.length < frames) {
      const byte = this.#bytes.shift();
      if (byte === undefined) this.#queue.push(this.#encoder.bits(Uint8Array.of(1)));
      else {
        this.#queue.push(this.#encoder.bytes(Uint8Array.of(byte)));
        this.sent++;
      }
    }
    return this.#queue.take(frames);
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}
