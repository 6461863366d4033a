// Messages between the audio service (main thread) and the audio worker, which owns the sound card.
import type { AudioDevice } from '../../core/audio/devices.ts';
import type { EnvelopeColumns } from '../../core/audio/envelope.ts';
import type { Level } from '../../core/audio/level-meter.ts';

export interface DecodedByte {
  value: number;
  /** Sample span in the recording (or, without a file, since capture started). */
  start: number;
  end: number;
  framingError: boolean;
}

export interface CaptureOptions {
  /** A device name or a unique part of it; '' for the default input. */
  device: string;
  sampleRate?: number;
  /** The WAV to write; none for a decode-only capture (the soft-modem). */
  file?: string;
  /** Where the journal of recordings in progress lives (needed with `file`). */
  journalDir?: string;
  /** Stop after this many seconds of recording. */
  seconds?: number;
  /** Arm-on-signal: start at the first carrier, stop after this many seconds without one. */
  untilSilence?: number;
  /** Report every bit cell too (for overlays), not just bytes. */
  bits?: boolean;
  /** Report the min/max of every this many samples (the live waveform). */
  envelopeStep?: number;
  /**
   * Frames per block (default CAPTURE_FRAMES). The sound server holds only four blocks for a busy reader, so a
   * capture that values every sample over latency (a ROM dump) asks for bigger ones.
   */
  frameSize?: number;
}

/** What plays: a recording as it is, or bytes encoded as KCS on the fly. */
export type PlaySource =
  | { kind: 'audio'; path: string }
  | { kind: 'bytes'; bytes: Uint8Array; leaderSeconds: number; trailerSeconds: number };

export interface PlayOptions {
  device: string;
  source: PlaySource;
  /** Output rate for encoded bytes (default: the device's preferred rate). */
  sampleRate?: number;
}

export interface ModemOptions {
  deviceIn: string;
  deviceOut: string;
  sampleRate?: number;
}

export type AudioRequest =
  | { id: number; kind: 'devices' }
  | { id: number; kind: 'capture'; options: CaptureOptions }
  | { id: number; kind: 'captureStop' }
  | { id: number; kind: 'play'; options: PlayOptions }
  | { id: number; kind: 'playControl'; action: 'pause' | 'resume' | 'stop' }
  | { id: number; kind: 'modem'; options: ModemOptions }
  | { id: number; kind: 'modemSend'; bytes: Uint8Array }
  | { id: number; kind: 'modemStop' }
  | { id: number; kind: 'shutdown' };

export interface CaptureUpdate {
  state: 'armed' | 'recording';
  /** Seconds recorded to the file (or captured, without one). */
  seconds: number;
  level: Level;
  carrier: boolean;
  bytes: DecodedByte[];
  bits?: { value: 0 | 1; start: number; end: number; confidence: number }[];
  framingErrors: number;
  /** Where the recording starts in the captured stream (arm-on-signal starts it late). */
  origin: number;
  /** The live waveform's columns since the last update, positioned in the captured stream. */
  envelope?: EnvelopeColumns;
}

export interface CaptureSummary {
  file: string | null;
  seconds: number;
  bytes: number;
  framingErrors: number;
  /** Why it stopped. */
  reason: 'stopped' | 'seconds' | 'silence' | 'error';
  error?: string;
}

export interface PlayProgress {
  /** Seconds played so far (as the device has taken them). */
  position: number;
  /** Total length in seconds, when known. */
  total: number | null;
  paused: boolean;
}

export type AudioMessage =
  | { kind: 'reply'; id: number; ok: true; value?: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string }
  | { kind: 'capture'; update: CaptureUpdate }
  | { kind: 'captureEnded'; summary: CaptureSummary }
  | { kind: 'playProgress'; progress: PlayProgress }
  | { kind: 'playEnded'; position: number; error?: string }
  | { kind: 'modemSent'; bytes: number };

export type { AudioDevice };
