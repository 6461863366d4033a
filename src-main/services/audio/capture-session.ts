// Live capture in the audio worker: the input device's blocks go through the level meter and the same
// streaming KCS decoder a file goes through, and (when recording) into a WAV on disk. Arm-on-signal holds
// the file back until a carrier appears. A device that fails or goes quiet ends the capture with a clear
// reason, and everything recorded so far is kept.
import { rm } from 'node:fs/promises';
import { findDevice } from '../../core/audio/devices.ts';
import { EnvelopeReducer } from '../../core/audio/envelope.ts';
import { LevelMeter, type Level } from '../../core/audio/level-meter.ts';
import { SignalGate } from '../../core/audio/signal-gate.ts';
import { KcsDecoder, type KcsEvent } from '../../core/modem/kcs-decoder.ts';
import type { CaptureOptions, CaptureSummary, CaptureUpdate, DecodedByte } from './audio-protocol.ts';
import {
  RTAUDIO_FLOAT32,
  devicePresent,
  isFatalRtError,
  openRtAudio,
  toAudioDevice,
  type RtAudioInstance,
} from './rtaudio.ts';
import { WavRecording } from './wav-recording.ts';

export const FRAME_SIZE = 1024;
/**
 * Frames per capture block. RtAudio asks PulseAudio to hold only four blocks for us, so the block sets how
 * long the capture thread may be kept from the CPU before audio is dropped: 2,048 frames (46 ms at 44.1 kHz)
 * give 186 ms, where 1,024 lost bytes on a loaded machine (2 cores at a load of 15), and a decoded byte waits
 * at most 46 ms for its block.
 */
export const CAPTURE_FRAMES = 2048;
/** How often the main thread hears of the capture. */
const UPDATE_MS = 100;
/** An input that delivers nothing for this long has gone (unplugged, the daemon died). */
const STALL_MS = 2000;
/** How often (in updates) the device list is checked for the device in use. */
export const PRESENCE_TICKS = 5;
/** A check this much later than due means this thread was held up (not the device). */
const LATE_MS = 500;

/**
 * Whether an input has stopped delivering: nothing for `stallMs` while the checks ran on time. A check that
 * runs late (the thread was kept from the CPU, as on a loaded machine) decides nothing, because the input
 * that arrived meanwhile is still queued behind it: its timer fires before the queued callbacks run.
 */
export class InputWatch {
  readonly #stallMs: number;
  readonly #lateMs: number;
  #lastInput: number;
  #lastCheck: number;

  constructor(now: number, stallMs = STALL_MS, lateMs = LATE_MS) {
    this.#stallMs = stallMs;
    this.#lateMs = lateMs;
    this.#lastInput = now;
    this.#lastCheck = now;
  }

  input(now: number): void {
    this.#lastInput = now;
  }

  stalled(now: number): boolean {
    const late = now - this.#lastCheck > this.#lateMs;
    this.#lastCheck = now;
    return !late && now - this.#lastInput > this.#stallMs;
  }
}

/** Float32 samples out of an RtAudio buffer (copied: the buffer need not be 4-byte aligned). */
export function floatSamples(buffer: Buffer): Float32Array {
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return new Float32Array(copy.buffer);
}

export class CaptureSession {
  readonly sampleRate: number;
  readonly #rt: RtAudioInstance;
  readonly #options: CaptureOptions;
  readonly #onUpdate: (update: CaptureUpdate) => void;
  readonly #onEnd: (summary: CaptureSummary) => void;
  readonly #decoder: KcsDecoder;
  readonly #meter = new LevelMeter();
  /** The last level reported, and how much had been captured then: a report before the next block repeats it. */
  #level: Level = { peak: 0, rms: 0, clipped: 0 };
  #levelAt = 0;
  readonly #gate: SignalGate | null;
  readonly #envelope: EnvelopeReducer | null;
  #file: WavRecording | null = null;
  /** Decoder sample position where the file starts (arm-on-signal starts it late). */
  #fileOrigin = 0;
  #captured = 0;
  #bytes: DecodedByte[] = [];
  #bits: NonNullable<CaptureUpdate['bits']> = [];
  #byteCount = 0;
  #framingErrors = 0;
  readonly #watch = new InputWatch(Date.now());
  #timer: ReturnType<typeof setInterval> | null = null;
  #ticks = 0;
  #ended = false;
  readonly #deviceName: string;

  private constructor(
    rt: RtAudioInstance,
    deviceName: string,
    sampleRate: number,
    options: CaptureOptions,
    onUpdate: (update: CaptureUpdate) => void,
    onEnd: (summary: CaptureSummary) => void,
  ) {
    this.#rt = rt;
    this.#deviceName = deviceName;
    this.sampleRate = sampleRate;
    this.#options = options;
    this.#onUpdate = onUpdate;
    this.#onEnd = onEnd;
    this.#decoder = new KcsDecoder({ sampleRate, bitEvents: options.bits === true });
    this.#gate =
      options.untilSilence === undefined
        ? null
        : new SignalGate({ sampleRate, silenceSeconds: options.untilSilence });
    this.#envelope = options.envelopeStep === undefined ? null : new EnvelopeReducer(options.envelopeStep);
  }

  /** Opens the device and starts; throws (with nothing left open) when the device cannot be had. */
  static async start(
    options: CaptureOptions,
    onUpdate: (update: CaptureUpdate) => void,
    onEnd: (summary: CaptureSummary) => void,
  ): Promise<CaptureSession> {
    const rt = openRtAudio();
    const infos = rt.getDevices();
    const device = findDevice(infos.map(toAudioDevice), options.device, 'input');
    const info = infos.find((d) => d.name === device.name) as (typeof infos)[number];
    const sampleRate = options.sampleRate ?? device.preferredSampleRate;
    const session = new CaptureSession(rt, device.name, sampleRate, options, onUpdate, onEnd);
    if (options.file !== undefined) {
      if (options.journalDir === undefined) throw new Error('a recording needs a journal folder');
      session.#file = await WavRecording.create(options.file, sampleRate, options.journalDir);
    }
    try {
      rt.openStream(
        null,
        { deviceId: info.id, nChannels: 1 },
        RTAUDIO_FLOAT32,
        sampleRate,
        options.frameSize ?? CAPTURE_FRAMES,
        'Superboard Lab capture',
        (data) => session.#input(data),
        null,
        0,
        (type, message) => {
          if (isFatalRtError(type)) void session.stop('error', `the input device failed: ${message}`);
        },
      );
      rt.start();
    } catch (error) {
      if (rt.isStreamOpen()) rt.closeStream();
      // The empty file is ours: nothing was recorded into it.
      if (session.#file) {
        await session.#file.finish();
        await rm(session.#file.path, { force: true });
      }
      throw new Error(
        `cannot open the input device '${device.name}': ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    session.#timer = setInterval(() => session.#tick(), UPDATE_MS);
    return session;
  }

  #input(data: Buffer): void {
    if (this.#ended) return;
    this.#watch.input(Date.now());
    const samples = floatSamples(data);
    this.#meter.push(samples);
    const events = this.#decoder.push(samples);
    this.#envelope?.push(samples);
    this.#captured += samples.length;
    for (const event of events) this.#take(event);
    let blocks: Float32Array[] = [samples];
    if (this.#gate) {
      const wasArmed = this.#gate.state === 'armed';
      blocks = this.#gate.push(samples, this.#decoder.carrierPresent);
      if (wasArmed) {
        // What was decoded before the carrier counted (noise) is not on the recording.
        this.#bytes = [];
        this.#bits = [];
        this.#byteCount = 0;
        this.#framingErrors = 0;
        if (this.#gate.state !== 'armed')
          this.#fileOrigin = this.#captured - blocks.reduce((n, b) => n + b.length, 0);
      }
    }
    for (const block of blocks) this.#file?.write(block);
    // A decoded byte goes out at once (it is what the user waits to see); the rest waits for the tick.
    if (this.#bytes.length > 0) this.#report();
    if (this.#gate?.state === 'done') void this.stop('silence');
    else if (
      this.#options.seconds !== undefined &&
      this.#recordedFrames() >= this.#options.seconds * this.sampleRate
    ) {
      void this.stop('seconds');
    }
  }

  /** Keeps a decoder event for the next report, with positions in the recording's own samples. */
  #take(event: KcsEvent): void {
    if (event.type === 'byte') {
      this.#byteCount++;
      if (event.framingError) this.#framingErrors++;
      this.#bytes.push({
        value: event.value,
        start: event.start - this.#fileOrigin,
        end: event.end - this.#fileOrigin,
        framingError: event.framingError,
      });
    } else if (event.type === 'bit' && this.#options.bits === true) {
      this.#bits.push({
        value: event.value,
        start: event.start - this.#fileOrigin,
        end: event.end - this.#fileOrigin,
        confidence: event.confidence,
      });
    }
  }

  #recordedFrames(): number {
    if (this.#file) return this.#file.frames;
    return this.#gate?.state === 'armed' ? 0 : this.#captured - this.#fileOrigin;
  }

  #tick(): void {
    if (this.#ended) return;
    if (++this.#ticks % PRESENCE_TICKS === 0 && !devicePresent(this.#deviceName, 'input')) {
      // PulseAudio moves the stream to another device when its own goes: stop rather than record that.
      void this.stop('error', `the input device '${this.#deviceName}' is gone (unplugged?)`);
      return;
    }
    if (this.#watch.stalled(Date.now())) {
      void this.stop(
        'error',
        'the input device stopped delivering audio (unplugged, or the sound server went away)',
      );
      return;
    }
    this.#report();
  }

  /**
   * The level since the last report. The sound server hands blocks over in bursts, so a report can fall
   * between two of them: it then repeats the last reading rather than saying the input went silent.
   */
  #takeLevel(): Level {
    if (this.#captured > this.#levelAt) {
      this.#level = this.#meter.take();
      this.#levelAt = this.#captured;
    }
    return this.#level;
  }

  #report(): void {
    const update: CaptureUpdate = {
      state: this.#gate?.state === 'armed' ? 'armed' : 'recording',
      seconds: this.#recordedFrames() / this.sampleRate,
      level: this.#takeLevel(),
      carrier: this.#decoder.carrierPresent,
      bytes: this.#bytes,
      framingErrors: this.#framingErrors,
      origin: this.#fileOrigin,
    };
    if (this.#options.bits === true) update.bits = this.#bits;
    if (this.#envelope) update.envelope = this.#envelope.take();
    this.#bytes = [];
    this.#bits = [];
    this.#onUpdate(update);
  }

  async stop(reason: CaptureSummary['reason'] = 'stopped', error?: string): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#timer) clearInterval(this.#timer);
    if (this.#gate?.state !== 'armed') for (const event of this.#decoder.finish()) this.#take(event);
    this.#report();
    let seconds = this.#recordedFrames() / this.sampleRate;
    let failure = error;
    // The recording first: closing a stream whose device has gone can block.
    if (this.#file) {
      try {
        seconds = (await this.#file.finish()).seconds;
      } catch (finishError) {
        failure = `${failure ? `${failure}; ` : ''}could not finish ${this.#file.path}: ${String(finishError)}`;
      }
    }
    this.#onEnd({
      file: this.#file?.path ?? null,
      seconds,
      bytes: this.#byteCount,
      framingErrors: this.#framingErrors,
      reason: failure === undefined ? reason : 'error',
      ...(failure === undefined ? {} : { error: failure }),
    });
    closeQuietly(this.#rt);
  }
}

/** Stops and closes a stream, ignoring a device that has already gone. */
export function closeQuietly(rt: RtAudioInstance): void {
  try {
    if (rt.isStreamOpen()) {
      rt.stop();
      rt.closeStream();
    }
  } catch {
    // Nothing left to save: the device is gone.
  }
}
