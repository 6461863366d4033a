// Tape formats an owner meets: 300 baud (the Superboard) or 600 baud, two stop bits (8N2, the monitor's)
// or one (8N1). When either is not given, a decoder per candidate runs until one has framed enough clean
// bytes (or enough audio has passed), and the one that frames the most tape time cleanly is kept, its
// events so far returned.

import { KcsDecoder, type KcsDecoderOptions, type KcsEvent } from './kcs-decoder.ts';

export type KcsBaudChoice = 300 | 600 | 'auto';
export type KcsStopBitsChoice = 1 | 2 | 'auto';

export interface KcsFormatDecoderOptions extends Omit<KcsDecoderOptions, 'baud' | 'stopBits'> {
  /** Default 'auto'. */
  baud?: KcsBaudChoice;
  /** Default 'auto'. */
  stopBits?: KcsStopBitsChoice;
  /** Decide once a candidate has this many clean bytes (default 64)... */
  decideAfterBytes?: number;
  /** ...or after this many seconds of input, whichever comes first (default 30). */
  decideAfterSeconds?: number;
}

interface Candidate {
  baud: 300 | 600;
  stopBits: 1 | 2;
  decoder: KcsDecoder;
  events: KcsEvent[];
  cleanBytes: number;
  score: number;
}

export class KcsFormatDecoder {
  private candidates: Candidate[];
  private chosen: Candidate | undefined;
  /** True when the format was detected rather than given. */
  readonly detecting: boolean;
  private readonly decideBytes: number;
  private readonly decideSamples: number;
  private samplesSeen = 0;

  constructor(options: KcsFormatDecoderOptions) {
    const {
      baud = 'auto',
      stopBits = 'auto',
      decideAfterBytes = 64,
      decideAfterSeconds = 30,
      ...decoderOptions
    } = options;
    const bauds = baud === 'auto' ? ([300, 600] as const) : [baud];
    // The Superboard's own format first: a near tie keeps it.
    const stops = stopBits === 'auto' ? ([2, 1] as const) : [stopBits];
    this.candidates = bauds.flatMap((b) =>
      stops.map((s) => ({
        baud: b,
        stopBits: s,
        decoder: new KcsDecoder({ ...decoderOptions, baud: b, stopBits: s }),
        events: [],
        cleanBytes: 0,
        score: 0,
      })),
    );
    this.detecting = this.candidates.length > 1;
    this.decideBytes = decideAfterBytes;
    this.decideSamples = decideAfterSeconds * options.sampleRate;
    if (!this.detecting) this.chosen = this.candidates[0];
  }

  /** The format decoded; undefined while candidates still compete. */
  get format(): { baud: 300 | 600; stopBits: 1 | 2 } | undefined {
    return this.chosen && { baud: this.chosen.baud, stopBits: this.chosen.stopBits };
  }

  push(samples: Float32Array): KcsEvent[] {
    if (this.chosen) return this.chosen.decoder.push(samples);
    this.samplesSeen += samples.length;
    for (const candidate of this.candidates) this.collect(candidate, candidate.decoder.push(samples));
    const best = Math.max(...this.candidates.map((c) => c.cleanBytes));
    return best >= this.decideBytes || this.samplesSeen >= this.decideSamples ? this.decide() : [];
  }

  finish(): KcsEvent[] {
    if (this.chosen) return this.chosen.decoder.finish();
    for (const candidate of this.candidates) this.collect(candidate, candidate.decoder.finish());
    return this.decide();
  }

  /**
   * Scores the tape time a candidate frames cleanly (weighted by confidence) less the time of its framing
   * errors: a wrong format may frame many short frames now and then, the right one frames all the data.
   */
  private collect(candidate: Candidate, events: KcsEvent[]): void {
    const seconds = (9 + candidate.stopBits) / candidate.baud;
    for (const event of events) {
      candidate.events.push(event);
      if (event.type !== 'byte') continue;
      if (event.framingError) candidate.score -= seconds;
      else {
        candidate.cleanBytes++;
        candidate.score += event.confidence * seconds;
      }
    }
  }

  /** Keeps the best candidate (the earlier one on a near tie) and returns its events so far. */
  private decide(): KcsEvent[] {
    let winner = this.candidates[0];
    for (const candidate of this.candidates) {
      if (winner && candidate.score > winner.score * 1.02 + 0.01) winner = candidate;
    }
    this.chosen = winner;
    this.candidates = [];
    const events = winner?.events ?? [];
    if (winner) winner.events = [];
    return events;
  }
}
