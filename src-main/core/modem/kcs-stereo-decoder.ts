// Stereo recordings: decode one channel, the mix, or let the two channels compete for a while and keep
// the one that frames bytes better (a cassette deck often has one weak or dead channel). Each channel's
// decoder detects the tape format as a mono file's does.

import type { KcsEvent } from './kcs-decoder.ts';
import { KcsFormatDecoder, type KcsFormatDecoderOptions, type KcsTapeFormat } from './kcs-format-decoder.ts';

export type KcsChannel = 'left' | 'right' | 'mix';
export type KcsChannelChoice = KcsChannel | 'auto';

export interface KcsStereoDecoderOptions extends Omit<
  KcsFormatDecoderOptions,
  'decideAfterBytes' | 'decideAfterSeconds'
> {
  /** Which channel to decode (default 'auto'). */
  channel?: KcsChannelChoice;
  /** Auto: decide once a channel has this many clean bytes (default 64)... */
  decideAfterBytes?: number;
  /** ...or after this many seconds of input, whichever comes first (default 30). */
  decideAfterSeconds?: number;
}

interface Candidate {
  channel: 'left' | 'right';
  decoder: KcsFormatDecoder;
  events: KcsEvent[];
  cleanBytes: number;
  score: number;
}

export function deinterleave(samples: Float32Array): { left: Float32Array; right: Float32Array } {
  if (samples.length % 2 !== 0) {
    throw new RangeError(`stereo samples: odd length ${samples.length}, the last frame is incomplete`);
  }
  const frames = samples.length / 2;
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    left[i] = samples[2 * i] ?? 0;
    right[i] = samples[2 * i + 1] ?? 0;
  }
  return { left, right };
}

export class KcsStereoDecoder {
  private readonly candidates: Candidate[];
  private chosenChannel: KcsChannel | undefined;
  private single: KcsFormatDecoder | undefined;
  private readonly decideBytes: number;
  private readonly decideSamples: number;
  private samplesSeen = 0;
  private mixBuffer = new Float32Array(0);

  constructor(options: KcsStereoDecoderOptions) {
    const { channel = 'auto', decideAfterBytes = 64, decideAfterSeconds = 30, ...decoderOptions } = options;
    if (!['left', 'right', 'mix', 'auto'].includes(channel)) {
      throw new RangeError(
        `KCS stereo decoder: channel '${String(channel)}' is not left, right, mix or auto`,
      );
    }
    this.decideBytes = decideAfterBytes;
    this.decideSamples = decideAfterSeconds * options.sampleRate;
    if (channel === 'auto') {
      this.candidates = (['left', 'right'] as const).map((name) => ({
        channel: name,
        decoder: new KcsFormatDecoder(decoderOptions),
        events: [],
        cleanBytes: 0,
        score: 0,
      }));
    } else {
      this.candidates = [];
      this.chosenChannel = channel;
      this.single = new KcsFormatDecoder(decoderOptions);
    }
  }

  /** The channel being decoded; undefined while 'auto' is still comparing. */
  get channel(): KcsChannel | undefined {
    return this.chosenChannel;
  }

  /** The tape format of the decoded channel; undefined while channels or formats still compete. */
  get format(): KcsTapeFormat | undefined {
    return this.single?.format;
  }

  /** True when the tape format is detected rather than given. */
  get detecting(): boolean {
    return (this.single ?? this.candidates[0]?.decoder)?.detecting ?? false;
  }

  /** The kept channel's count of low-confidence cells (see KcsDecoder). */
  get lowConfidenceCells(): number {
    return this.single?.lowConfidenceCells ?? 0;
  }

  pushInterleaved(samples: Float32Array): KcsEvent[] {
    const { left, right } = deinterleave(samples);
    return this.push(left, right);
  }

  push(left: Float32Array, right: Float32Array): KcsEvent[] {
    if (left.length !== right.length) {
      throw new RangeError(`KCS stereo decoder: left has ${left.length} samples but right ${right.length}`);
    }
    this.samplesSeen += left.length;
    if (this.single) return this.single.push(this.select(left, right));
    for (const candidate of this.candidates) {
      const events = candidate.decoder.push(candidate.channel === 'left' ? left : right);
      this.collect(candidate, events);
    }
    const best = Math.max(...this.candidates.map((c) => c.cleanBytes));
    return best >= this.decideBytes || this.samplesSeen >= this.decideSamples ? this.decide() : [];
  }

  finish(): KcsEvent[] {
    if (this.single) return this.single.finish();
    for (const candidate of this.candidates) this.collect(candidate, candidate.decoder.finish());
    return this.decide();
  }

  private select(left: Float32Array, right: Float32Array): Float32Array {
    if (this.chosenChannel === 'left') return left;
    if (this.chosenChannel === 'right') return right;
    if (this.mixBuffer.length < left.length) this.mixBuffer = new Float32Array(left.length);
    const mix = this.mixBuffer.subarray(0, left.length);
    for (let i = 0; i < left.length; i++) mix[i] = 0.5 * ((left[i] ?? 0) + (right[i] ?? 0));
    return mix;
  }

  private collect(candidate: Candidate, events: KcsEvent[]): void {
    for (const event of events) {
      candidate.events.push(event);
      if (event.type === 'byte') {
        if (event.framingError) candidate.score -= 1;
        else {
          candidate.cleanBytes++;
          candidate.score += event.confidence;
        }
      }
    }
  }

  /** Keeps the better channel; returns its events so far. The other decoder is dropped. */
  private decide(): KcsEvent[] {
    const [left, right] = this.candidates;
    if (!left || !right) return [];
    const winner =
      right.score > left.score ||
      (right.score === left.score && right.decoder.signalQuality > left.decoder.signalQuality)
        ? right
        : left;
    this.chosenChannel = winner.channel;
    this.single = winner.decoder;
    this.candidates.length = 0;
    return winner.events;
  }
}
