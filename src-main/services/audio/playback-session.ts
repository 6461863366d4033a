// Playback in the audio worker: a feed's samples go to the output device a block at a time, a few blocks
// ahead of what the device has taken (RtAudio tells us each time it takes one), so pause and stop act within
// about a tenth of a second and progress is what the listener hears.
import { findDevice } from '../../core/audio/devices.ts';
import type { PlayProgress } from './audio-protocol.ts';
import { FRAME_SIZE, PRESENCE_TICKS, closeQuietly } from './capture-session.ts';
import {
  RTAUDIO_FLOAT32,
  devicePresent,
  isFatalRtError,
  openRtAudio,
  toAudioDevice,
  type RtAudioInstance,
} from './rtaudio.ts';
import type { SampleFeed } from './sample-feeds.ts';

/**
 * Blocks queued ahead of the device (of 1,024 frames, 23 ms at 44.1 kHz; a tape gets half a second): the
 * slack that keeps a busy machine from leaving a gap in the tape. The soft-modem queues fewer (a third of a
 * second), so a typed key reaches the board sooner.
 */
export const TAPE_AHEAD = 24;
export const MODEM_AHEAD = 16;
const PROGRESS_MS = 100;
/** An output that takes nothing for this long has gone. */
const STALL_MS = 3000;

export class PlaybackSession {
  readonly sampleRate: number;
  readonly #rt: RtAudioInstance;
  readonly #feed: SampleFeed;
  readonly #onProgress: (progress: PlayProgress) => void;
  readonly #onEnd: (position: number, error?: string) => void;
  readonly #ahead: number;
  readonly #deviceName: string;
  #ticks = 0;
  #queued = 0;
  /** Frames of the feed played (silence written while paused does not count). */
  #feedPlayed = 0;
  #feedQueue: number[] = [];
  #feedDone = false;
  #paused = false;
  #ended = false;
  #filling = false;
  #lastTaken = Date.now();
  #timer: ReturnType<typeof setInterval> | null = null;

  private constructor(
    rt: RtAudioInstance,
    feed: SampleFeed,
    onProgress: (progress: PlayProgress) => void,
    onEnd: (position: number, error?: string) => void,
    ahead: number,
    deviceName: string,
  ) {
    this.#ahead = ahead;
    this.#deviceName = deviceName;
    this.#rt = rt;
    this.#feed = feed;
    this.sampleRate = feed.sampleRate;
    this.#onProgress = onProgress;
    this.#onEnd = onEnd;
  }

  static async start(
    deviceName: string,
    feed: SampleFeed,
    onProgress: (progress: PlayProgress) => void,
    onEnd: (position: number, error?: string) => void,
    ahead = TAPE_AHEAD,
  ): Promise<PlaybackSession> {
    const rt = openRtAudio();
    const infos = rt.getDevices();
    const device = findDevice(infos.map(toAudioDevice), deviceName, 'output');
    const info = infos.find((d) => d.name === device.name) as (typeof infos)[number];
    const session = new PlaybackSession(rt, feed, onProgress, onEnd, ahead, device.name);
    try {
      rt.openStream(
        { deviceId: info.id, nChannels: 1 },
        null,
        RTAUDIO_FLOAT32,
        feed.sampleRate,
        FRAME_SIZE,
        'Superboard Lab playback',
        null,
        () => session.#taken(),
        0,
        (type, message) => {
          if (isFatalRtError(type)) void session.stop(`the output device failed: ${message}`);
        },
      );
      await session.#fill();
      rt.start();
    } catch (error) {
      if (rt.isStreamOpen()) rt.closeStream();
      await feed.close();
      throw new Error(
        `cannot open the output device '${device.name}': ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    session.#timer = setInterval(() => session.#tick(), PROGRESS_MS);
    return session;
  }

  get position(): number {
    return this.#feedPlayed / this.sampleRate;
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
  }

  #taken(): void {
    this.#lastTaken = Date.now();
    this.#queued--;
    this.#feedPlayed += this.#feedQueue.shift() ?? 0;
    if (this.#feedDone && this.#queued === 0) {
      void this.stop();
      return;
    }
    void this.#fill();
  }

  async #fill(): Promise<void> {
    if (this.#filling) return;
    this.#filling = true;
    try {
      while (!this.#ended && this.#queued < this.#ahead && !(this.#feedDone && !this.#paused)) {
        const block = new Float32Array(FRAME_SIZE);
        let fromFeed = 0;
        if (!this.#paused && !this.#feedDone) {
          const samples = await this.#feed.read(FRAME_SIZE);
          if (samples === null) {
            this.#feedDone = true;
            if (this.#queued === 0) void this.stop();
            break;
          }
          block.set(samples);
          fromFeed = samples.length;
          if (samples.length < FRAME_SIZE) this.#feedDone = true;
        }
        if (this.#ended) break;
        this.#rt.write(Buffer.from(block.buffer));
        this.#feedQueue.push(fromFeed);
        this.#queued++;
      }
    } catch (error) {
      void this.stop(`could not read the tape: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#filling = false;
    }
  }

  #tick(): void {
    if (this.#ended) return;
    if (++this.#ticks % PRESENCE_TICKS === 0 && !devicePresent(this.#deviceName, 'output')) {
      void this.stop(`the output device '${this.#deviceName}' is gone (unplugged?)`);
      return;
    }
    if (Date.now() - this.#lastTaken > STALL_MS) {
      void this.stop('the output device stopped taking audio (unplugged, or the sound server went away)');
      return;
    }
    if (this.#paused) void this.#fill();
    const total = this.#feed.totalFrames;
    this.#onProgress({
      position: this.position,
      total: total === null ? null : total / this.sampleRate,
      paused: this.#paused,
    });
  }

  async stop(error?: string): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    if (this.#timer) clearInterval(this.#timer);
    await this.#feed.close();
    this.#onEnd(this.position, error);
    try {
      this.#rt.clearOutputQueue();
    } catch {
      // The device is gone.
    }
    closeQuietly(this.#rt);
  }
}
