// One ROM capture over the sound card, for the CLI and the app alike: the input is armed (it starts at the
// board's carrier), the dumper is played to the board when asked, and the raw decoded bytes are gathered
// until the range is complete, the bytes stop coming, the carrier goes or the user stops. What was decoded
// is always handed back, however the capture ended.
import type { CapturedByte } from '../../core/rom-capture/capture-check.ts';
import {
  dumpProgramTape,
  rangeLength,
  type CaptureRange,
  type DumpProgramKind,
} from '../../core/rom-capture/dump-programs.ts';
import type { CaptureSummary } from '../audio/audio-protocol.ts';
import type { AudioService } from '../audio/audio-service.ts';

export interface SendProgram {
  kind: DumpProgramKind;
  /** The output cabled to the board's cassette input. */
  device: string;
}

export interface RomCaptureOptions {
  range: CaptureRange;
  /** The input cabled to the board's cassette output. */
  device: string;
  /** Play the dumper to the board once the input is armed (a 65V tape starts itself when loaded). */
  send?: SendProgram;
  /** Stop when no byte has come for this long after the first one (or the carrier is gone this long). */
  idleSeconds?: number;
  /** Keep the recording as this WAV. */
  wav?: string;
  sampleRate?: number;
}

export interface RomCaptureProgress {
  state: 'armed' | 'recording';
  received: number;
  expected: number;
  framingErrors: number;
  seconds: number;
  carrier: boolean;
  /** The dumper playing to the board: seconds played of the total. */
  sending: { position: number; total: number } | null;
}

export interface RomCaptureOutcome {
  bytes: CapturedByte[];
  summary: CaptureSummary;
  /** Why playing the dumper failed, when it did. */
  sendError?: string;
}

export const DEFAULT_IDLE_SECONDS = 3;
/** Carrier before the dumper, so the board's tape input settles; and a little after it. */
const SEND_LEADER_SECONDS = 2;
const SEND_TRAILER_SECONDS = 0.5;
/**
 * Capture blocks of 8,192 frames: the sound server keeps four blocks for a reader that falls behind, so a
 * busy machine may stall for 0.7 s (at 44.1 kHz) without losing a byte; a dump does not need low latency.
 */
const CAPTURE_FRAMES = 8192;

/** Plays the dumper to the board (for its LOAD, or `L` in the 65V monitor); resolves once it is playing. */
export async function sendDumpProgram(
  audio: AudioService,
  send: SendProgram,
  range: CaptureRange,
): Promise<{ total: number }> {
  const started = await audio.play({
    device: send.device,
    source: {
      kind: 'bytes',
      bytes: dumpProgramTape(send.kind, range),
      leaderSeconds: SEND_LEADER_SECONDS,
      trailerSeconds: SEND_TRAILER_SECONDS,
    },
  });
  return { total: started.total ?? 0 };
}

export class RomCapture {
  readonly expected: number;
  readonly sampleRate: number;
  readonly ended: Promise<RomCaptureOutcome>;
  readonly #audio: AudioService;

  private constructor(
    audio: AudioService,
    expected: number,
    sampleRate: number,
    ended: Promise<RomCaptureOutcome>,
  ) {
    this.#audio = audio;
    this.expected = expected;
    this.sampleRate = sampleRate;
    this.ended = ended;
  }

  /** Arms the input and (when asked) starts the dumper; throws when a device cannot be opened. */
  static async start(
    audio: AudioService,
    options: RomCaptureOptions,
    onProgress: (progress: RomCaptureProgress) => void,
  ): Promise<RomCapture> {
    const expected = rangeLength(options.range);
    const idleSeconds = options.idleSeconds ?? DEFAULT_IDLE_SECONDS;
    const bytes: CapturedByte[] = [];
    let framingErrors = 0;
    /** Recorded seconds at the last byte: idleness is measured in audio, not in a busy machine's time. */
    let lastByteAt: number | null = null;
    let stopping = false;
    let sending: RomCaptureProgress['sending'] = null;
    let sendError: string | undefined;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      void audio.captureStop().catch(() => {});
    };
    const off = audio.on((event) => {
      if (event.kind === 'playProgress' && sending) {
        sending = { position: event.progress.position, total: event.progress.total ?? sending.total };
      } else if (event.kind === 'playEnded' && sending) {
        sending = null;
        if (event.error !== undefined) sendError = event.error;
      } else if (event.kind === 'capture') {
        const { update } = event;
        if (update.bytes.length > 0) lastByteAt = update.seconds;
        for (const b of update.bytes) {
          bytes.push(b);
          if (b.framingError) framingErrors++;
        }
        onProgress({
          state: update.state,
          received: bytes.length,
          expected,
          framingErrors,
          seconds: update.seconds,
          carrier: update.carrier,
          sending,
        });
        if (bytes.length >= expected) stop();
        else if (lastByteAt !== null && update.seconds - lastByteAt > idleSeconds) stop();
      }
    });
    const captureEnded = audio.captureEnded();
    let sampleRate: number;
    try {
      ({ sampleRate } = await audio.capture({
        device: options.device,
        untilSilence: idleSeconds,
        frameSize: CAPTURE_FRAMES,
        ...(options.wav === undefined ? {} : { file: options.wav }),
        ...(options.sampleRate === undefined ? {} : { sampleRate: options.sampleRate }),
      }));
    } catch (error) {
      off();
      throw error;
    }
    if (options.send) {
      try {
        const { total } = await sendDumpProgram(audio, options.send, options.range);
        sending = { position: 0, total };
      } catch (error) {
        stop();
        await captureEnded;
        off();
        throw error;
      }
    }
    const ended = captureEnded.then(async (summary) => {
      if (sending) await audio.playControl('stop').catch(() => {});
      off();
      return { bytes, summary, ...(sendError === undefined ? {} : { sendError }) };
    });
    return new RomCapture(audio, expected, sampleRate, ended);
  }

  /** Ends the capture early (what was decoded is kept) and stops the dumper if it still plays. */
  async stop(): Promise<void> {
    await this.#audio.playControl('stop').catch(() => {});
    await this.#audio.captureStop();
  }
}
