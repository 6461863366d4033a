// The one decoder set-up every tape analysis uses (the command line, the Waveform area's worker and the
// library's import): a mono channel, or the better of a stereo file's two, with the baud rate and frame
// format detected unless given.
import type { KcsEvent } from '../../core/modem/kcs-decoder.ts';
import {
  KcsFormatDecoder,
  type KcsBaud,
  type KcsBaudChoice,
  type KcsFrameChoice,
  type KcsFrameFormat,
} from '../../core/modem/kcs-format-decoder.ts';
import { KcsStereoDecoder } from '../../core/modem/kcs-stereo-decoder.ts';
import { LOW_CONFIDENCE } from './tape-results.ts';

export interface TapeDecoderSettings {
  sampleRate: number;
  /** Two channels pushed, the decoder keeps the better one. */
  stereo: boolean;
  baud: KcsBaudChoice;
  frame: KcsFrameChoice;
  /**
   * Bit events (the Waveform area's bit cells); without them a one-pass decode allocates far less, and the
   * low-confidence cells are only counted (`lowConfidenceCells`).
   */
  bitEvents: boolean;
}

/** The tape format decoded, and whether it was detected or given. */
export interface TapeFormatFound {
  /** 1200 is the CUTS variant. */
  baud: KcsBaud;
  frame: KcsFrameFormat;
  detected: boolean;
}

export interface TapeDecoder {
  /** The channels' samples, or one channel's 16-bit PCM words as read from a WAV (see KcsDecoder.push). */
  push(channels: Float32Array[] | Int16Array): KcsEvent[];
  finish(): KcsEvent[];
  format(): TapeFormatFound | null;
  /** The channel a stereo decoder kept (0 or 1); null for one channel. */
  channel(): number | null;
  lowConfidenceCells(): number;
}

export function tapeDecoder(settings: TapeDecoderSettings): TapeDecoder {
  const { sampleRate, baud, frame, bitEvents } = settings;
  const options = { sampleRate, baud, frame, bitEvents, lowConfidence: LOW_CONFIDENCE };
  const found = (decoder: KcsFormatDecoder | KcsStereoDecoder): TapeFormatFound | null => {
    const format = decoder.format;
    return format ? { ...format, detected: decoder.detecting } : null;
  };
  if (settings.stereo) {
    const both = new KcsStereoDecoder({ ...options, channel: 'auto' });
    return {
      push: (channels) => {
        if (channels instanceof Int16Array) throw new RangeError('a stereo decoder needs two channels');
        return both.push(channels[0]!, channels[1]!);
      },
      finish: () => both.finish(),
      format: () => found(both),
      channel: () => (both.channel === 'right' ? 1 : 0),
      lowConfidenceCells: () => both.lowConfidenceCells,
    };
  }
  const one = new KcsFormatDecoder(options);
  return {
    push: (channels) => one.push(channels instanceof Int16Array ? channels : channels[0]!),
    finish: () => one.finish(),
    format: () => found(one),
    channel: () => null,
    lowConfidenceCells: () => one.lowConfidenceCells,
  };
}
