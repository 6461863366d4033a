// Tape formats an owner meets: 300 baud (the Superboard) or 600 baud, and the frames the board's MC6850
// ACIA can send: 8N2 (the monitor's), 8N1, 7E2, 7O2, 7E1, 7O1, 8E1, 8O1. When either is not given, a
// decoder per candidate frame shape runs until one has framed enough clean bytes (or enough audio has
// passed); the one that frames the most tape time cleanly is kept and its events so far returned. Parity
// is then read from the kept bytes: a 7-bit format frames exactly like 8N2 or 8N1 with its parity in bit 7,
// and 8E1 and 8O1 differ only in what their parity cell should hold. 1,200 baud is the CUTS variant UK101
// owners used (cuts-decoder.ts), decoded by its own detector with the same events and frames.

import { CutsDecoder } from './cuts-decoder.ts';
import { KcsDecoder, type KcsDecoderOptions, type KcsEvent } from './kcs-decoder.ts';
import type { KcsParity } from './kcs-events.ts';

/** 300 and 600 are KCS; 1200 is the CUTS variant (a 1 one cycle of 1,200 Hz, a 0 half a cycle of 600 Hz). */
export type KcsBaud = 300 | 600 | 1200;
export type KcsBaudChoice = KcsBaud | 'auto';
export type KcsFrameFormat = '8N2' | '8N1' | '7E2' | '7O2' | '7E1' | '7O1' | '8E1' | '8O1';
export type KcsFrameChoice = KcsFrameFormat | 'auto';
export const KCS_FRAME_FORMATS: readonly KcsFrameFormat[] = [
  '8N2',
  '8N1',
  '7E2',
  '7O2',
  '7E1',
  '7O1',
  '8E1',
  '8O1',
];

export interface KcsFrameShape {
  dataBits: 7 | 8;
  parity: KcsParity;
  stopBits: 1 | 2;
}

export function frameShape(format: KcsFrameFormat): KcsFrameShape {
  const parity = format[1] === 'E' ? 'even' : format[1] === 'O' ? 'odd' : 'none';
  return { dataBits: format[0] === '7' ? 7 : 8, parity, stopBits: format[2] === '2' ? 2 : 1 };
}

export interface KcsTapeFormat {
  baud: KcsBaud;
  frame: KcsFrameFormat;
}

/** How a format is shown: '300 baud 8N2', '1200 baud CUTS 8N2'. */
export function describeTapeFormat(format: KcsTapeFormat): string {
  return `${format.baud} baud ${format.baud === 1200 ? 'CUTS ' : ''}${format.frame}`;
}

/** What the format decoder needs of a candidate's decoder. */
interface FrameDecoder {
  push(samples: Float32Array | Int16Array): KcsEvent[];
  finish(): KcsEvent[];
  readonly signalQuality: number;
  readonly lowConfidenceCells: number;
}

export interface KcsFormatDecoderOptions extends Omit<
  KcsDecoderOptions,
  'baud' | 'stopBits' | 'dataBits' | 'parity'
> {
  /** Default 'auto'. */
  baud?: KcsBaudChoice;
  /** Default 'auto'. */
  frame?: KcsFrameChoice;
  /** Decide once a candidate has this many clean bytes (default 64)... */
  decideAfterBytes?: number;
  /** ...or after this many seconds of input, whichever comes first (default 30). */
  decideAfterSeconds?: number;
}

interface Candidate {
  baud: KcsBaud;
  /** The frame decoded; parity may still be read from the bytes when detecting. */
  frame: KcsFrameFormat;
  decoder: FrameDecoder;
  events: KcsEvent[];
  cleanBytes: number;
  score: number;
}

// Parity is detected from clean bytes only when nearly all agree and the values vary (a run of NULs has
// even parity in any format).
const PARITY_MIN_BYTES = 16;
const PARITY_MIN_VALUES = 8;
const PARITY_SHARE = 0.97;

const ones = (value: number): number => {
  let count = 0;
  for (let v = value; v !== 0; v &= v - 1) count++;
  return count;
};

export class KcsFormatDecoder {
  private candidates: Candidate[];
  private chosen: Candidate | undefined;
  /** How byte events of the chosen decoder are read: 7-bit with parity in bit 7, or 8E1 read as 8O1. */
  private reading: 'as-is' | '7E' | '7O' | 'flip' = 'as-is';
  private chosenFrame: KcsFrameFormat | undefined;
  private dataCells = 0;
  /** True when the format was detected rather than given. */
  readonly detecting: boolean;
  private readonly decideBytes: number;
  private readonly decideSamples: number;
  private samplesSeen = 0;

  constructor(options: KcsFormatDecoderOptions) {
    const {
      baud = 'auto',
      frame = 'auto',
      decideAfterBytes = 64,
      decideAfterSeconds = 30,
      ...decoderOptions
    } = options;
    if (frame !== 'auto' && !KCS_FRAME_FORMATS.includes(frame)) {
      throw new RangeError(
        `KCS decoder: frame format '${String(frame)}' is not one of ${KCS_FRAME_FORMATS.join(', ')}`,
      );
    }
    if (baud !== 'auto' && baud !== 300 && baud !== 600 && baud !== 1200) {
      throw new RangeError(`KCS decoder: baud ${String(baud)} is not 300, 600, 1200 (CUTS) or auto`);
    }
    // The KCS rates first (a near tie keeps them), then CUTS.
    const bauds = baud === 'auto' ? ([300, 600, 1200] as const) : [baud];
    // The Superboard's own format first: a near tie keeps it. The 7-bit formats and 8O1 frame as these do.
    const frames: KcsFrameFormat[] = frame === 'auto' ? ['8N2', '8N1', '8E1'] : [frame];
    this.candidates = bauds.flatMap((b) =>
      frames.map((f) => ({
        baud: b,
        frame: f,
        decoder:
          b === 1200
            ? new CutsDecoder({ ...decoderOptions, ...frameShape(f) })
            : new KcsDecoder({ ...decoderOptions, baud: b, ...frameShape(f) }),
        events: [],
        cleanBytes: 0,
        score: 0,
      })),
    );
    this.detecting = this.candidates.length > 1;
    this.decideBytes = decideAfterBytes;
    this.decideSamples = decideAfterSeconds * options.sampleRate;
    if (!this.detecting) {
      this.chosen = this.candidates[0];
      this.chosenFrame = this.chosen?.frame;
    }
  }

  /** The format decoded; undefined while candidates still compete. */
  get format(): KcsTapeFormat | undefined {
    return this.chosen && this.chosenFrame && { baud: this.chosen.baud, frame: this.chosenFrame };
  }

  /** The decoding decoder's signal quality (the best candidate's while they compete). */
  get signalQuality(): number {
    if (this.chosen) return this.chosen.decoder.signalQuality;
    return Math.max(...this.candidates.map((c) => c.decoder.signalQuality));
  }

  /** The decoding decoder's count of low-confidence cells (see KcsDecoder); 0 while candidates compete. */
  get lowConfidenceCells(): number {
    return this.chosen?.decoder.lowConfidenceCells ?? 0;
  }

  /** Mono samples, floats or 16-bit PCM as KcsDecoder.push takes them. */
  push(samples: Float32Array | Int16Array): KcsEvent[] {
    if (this.chosen) return this.read(this.chosen.decoder.push(samples));
    this.samplesSeen += samples.length;
    for (const candidate of this.candidates) this.collect(candidate, candidate.decoder.push(samples));
    const best = Math.max(...this.candidates.map((c) => c.cleanBytes));
    return best >= this.decideBytes || this.samplesSeen >= this.decideSamples ? this.decide() : [];
  }

  finish(): KcsEvent[] {
    if (this.chosen) return this.read(this.chosen.decoder.finish());
    for (const candidate of this.candidates) this.collect(candidate, candidate.decoder.finish());
    return this.decide();
  }

  /**
   * Scores the tape time a candidate frames cleanly (weighted by confidence) less the time of its framing
   * errors: a wrong format may frame many short frames now and then, the right one frames all the data.
   */
  private collect(candidate: Candidate, events: KcsEvent[]): void {
    const seconds = (9 + frameShape(candidate.frame).stopBits) / candidate.baud;
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

  /** Keeps the best candidate (the earlier one on a near tie), reads its parity, returns its events so far. */
  private decide(): KcsEvent[] {
    let winner = this.candidates[0];
    for (const candidate of this.candidates) {
      if (winner && candidate.score > winner.score * 1.02 + 0.01) winner = candidate;
    }
    this.chosen = winner;
    this.candidates = [];
    if (!winner) return [];
    const events = winner.events;
    winner.events = [];
    this.chosenFrame = winner.frame;
    const clean = events.flatMap((e) => (e.type === 'byte' && !e.framingError ? [e] : []));
    const enough =
      clean.length >= PARITY_MIN_BYTES && new Set(clean.map((e) => e.value)).size >= PARITY_MIN_VALUES;
    const share = (test: (e: (typeof clean)[number]) => boolean): number =>
      clean.filter(test).length / clean.length;
    if (enough && winner.frame === '8E1') {
      if (share((e) => e.parityError === true) >= PARITY_SHARE) {
        this.reading = 'flip';
        this.chosenFrame = '8O1';
      }
    } else if (enough && (winner.frame === '8N2' || winner.frame === '8N1')) {
      const stop = winner.frame[2];
      if (share((e) => ones(e.value) % 2 === 0) >= PARITY_SHARE) {
        this.reading = '7E';
        this.chosenFrame = `7E${stop}` as KcsFrameFormat;
      } else if (share((e) => ones(e.value) % 2 === 1) >= PARITY_SHARE) {
        this.reading = '7O';
        this.chosenFrame = `7O${stop}` as KcsFrameFormat;
      }
    }
    return this.read(events);
  }

  /** Byte and framing-error events as the detected format reads them. */
  private read(events: KcsEvent[]): KcsEvent[] {
    const reading = this.reading;
    if (reading === 'as-is') return events;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (event.type === 'byte') {
        const { parityError: _, ...rest } = event;
        let bad: boolean;
        if (reading === 'flip') bad = !event.parityError;
        else {
          rest.value = event.value & 0x7f;
          bad = ones(event.value) % 2 !== (reading === '7E' ? 0 : 1);
        }
        events[i] = event.unreadable || !bad ? rest : { ...rest, parityError: true };
      } else if (event.type === 'framing-error' && reading !== 'flip') {
        events[i] = { ...event, value: event.value & 0x7f };
      } else if (event.type === 'bit' && reading !== 'flip') {
        // Bit events come in frame order; the eighth data cell of an 8-bit frame is a 7-bit one's parity.
        if (event.role === 'start') this.dataCells = 0;
        else if (event.role === 'data' && ++this.dataCells === 8) events[i] = { ...event, role: 'parity' };
      }
    }
    return events;
  }
}
