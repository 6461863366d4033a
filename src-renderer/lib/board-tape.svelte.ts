// Record from and play to a real board: the Recorder (line-in to a take, with the live decode drawn as it
// arrives) and the tape player (a take, an opened file or typed text to the board's cassette input).
import type { EventPayload, PlaySourceInput } from '../../src-main/ipc/contract.ts';
import type { IpcClient } from './ipc-client.ts';
import { LiveTrace, liveText } from './live-trace.ts';

export type RecorderEnded = EventPayload<'recorder.ended'>;

export class Recorder {
  readonly #client: IpcClient;
  readonly #fail: (error: unknown) => void;
  open = $state(false);
  armed = $state(true);
  silenceSeconds = $state(2);
  state = $state<'idle' | 'starting' | 'armed' | 'recording' | 'keeping'>('idle');
  device = $state('');
  seconds = $state(0);
  peak = $state(0);
  carrier = $state(false);
  framingErrors = $state(0);
  bytes = $state(0);
  text = $state('');
  ended = $state.raw<RecorderEnded | null>(null);
  /** Bumped at every update: the live view redraws from `trace`. */
  version = $state(0);
  trace = new LiveTrace(44100);

  constructor(client: IpcClient, fail: (error: unknown) => void) {
    this.#client = client;
    this.#fail = fail;
    client.on('recorder.update', (update) => {
      if (this.state === 'idle') return;
      this.trace.push(update);
      this.state = update.state;
      this.seconds = update.seconds;
      this.peak = update.peak;
      this.carrier = update.carrier;
      this.framingErrors = update.framingErrors;
      if (update.bytes.length > 0) {
        this.bytes += update.bytes.length;
        this.text += liveText(update.bytes.map((b) => b.value));
      }
      this.version++;
    });
    client.on('recorder.ended', (ended) => {
      this.state = 'idle';
      this.ended = ended;
    });
  }

  get running(): boolean {
    return this.state !== 'idle';
  }

  async start(device: string, sampleRate: number | null): Promise<void> {
    this.trace = new LiveTrace(sampleRate ?? 44100);
    this.ended = null;
    this.text = '';
    this.bytes = 0;
    this.seconds = 0;
    this.framingErrors = 0;
    this.carrier = false;
    this.state = 'starting';
    try {
      const started = await this.#client.request('recorder.start', {
        device,
        armed: this.armed,
        silenceSeconds: this.silenceSeconds,
      });
      this.trace.sampleRate = started.sampleRate;
      this.device = started.device;
      if (this.state === 'starting') this.state = this.armed ? 'armed' : 'recording';
    } catch (error) {
      this.state = 'idle';
      this.#fail(error);
    }
  }

  async stop(): Promise<void> {
    if (this.state === 'idle') return;
    this.state = 'keeping';
    try {
      await this.#client.request('recorder.stop');
    } catch (error) {
      this.#fail(error);
    }
  }
}

export interface PlayChoice {
  source: PlaySourceInput;
  /** What the user sees: the take's or file's name. */
  label: string;
  /** A recording, which can play as it is or re-encoded clean. */
  audio: boolean;
}

export class TapePlayer {
  readonly #client: IpcClient;
  readonly #fail: (error: unknown) => void;
  open = $state(false);
  choice = $state.raw<PlayChoice | null>(null);
  clean = $state(false);
  leaderSeconds = $state(5);
  trailerSeconds = $state(2);
  /** NULs after each BASIC line; null keeps the tape's own. */
  nulls = $state<number | null>(null);
  state = $state<'idle' | 'starting' | 'playing' | 'paused'>('idle');
  position = $state(0);
  total = $state<number | null>(null);
  what = $state('');
  result = $state<string | null>(null);

  constructor(client: IpcClient, fail: (error: unknown) => void) {
    this.#client = client;
    this.#fail = fail;
    client.on('player.progress', (progress) => {
      if (this.state === 'idle') return;
      this.position = progress.position;
      if (progress.total !== null) this.total = progress.total;
      if (progress.ended) {
        this.state = 'idle';
        this.result = progress.error ?? `Played ${clock(progress.position)}.`;
      } else this.state = progress.paused ? 'paused' : 'playing';
    });
  }

  /** Opens the Play panel on a tape. */
  show(choice: PlayChoice | null): void {
    if (this.state === 'idle') {
      this.choice = choice;
      this.clean = false;
      this.result = null;
    }
    this.open = true;
  }

  async play(device: string, source: PlaySourceInput): Promise<void> {
    this.state = 'starting';
    this.position = 0;
    this.result = null;
    try {
      const started = await this.#client.request('player.play', {
        source,
        device,
        leaderSeconds: this.leaderSeconds,
        trailerSeconds: this.trailerSeconds,
        nulls: this.nulls,
      });
      this.total = started.total;
      this.what = started.what;
      if (this.state === 'starting') this.state = 'playing';
    } catch (error) {
      this.state = 'idle';
      this.#fail(error);
    }
  }

  async control(action: 'pause' | 'resume' | 'stop'): Promise<void> {
    try {
      await this.#client.request('player.control', { action });
      if (action === 'pause') this.state = 'paused';
      else if (action === 'resume') this.state = 'playing';
    } catch (error) {
      this.#fail(error);
    }
  }
}

/** m:ss.s, as a tape counter. */
export function clock(seconds: number): string {
  const whole = Math.max(0, seconds);
  return `${Math.floor(whole / 60)}:${(whole % 60).toFixed(1).padStart(4, '0')}`;
}
