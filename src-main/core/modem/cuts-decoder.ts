// Receiver for the 1,200-baud CUTS variant (see cuts-encoder.ts): a 1 is one cycle of 1,200 Hz, a 0 half a
// cycle of 600 Hz, so the signal is a chain of half-cell levels (1/2,400 s each) with a level change at
// every cell boundary and another in the middle of each 1. FSK correlators do not apply (half a cycle of
// 600 Hz is not orthogonal to 1,200 Hz over one cell); instead:
//
// 1. Half-cell integrals. A running sum of the input (at the input rate, no filter) gives the integral of
//    any stretch with fractional ends; each half-cell's integral h[k] is a matched filter for its level.
// 2. Clock. A half-cell clock (2,400 Hz nominal, 0.85-1.17 of it) is kept on the level changes by an
//    early-late detector: the integral over half a half-cell either side of a boundary, less the local
//    mean, is zero when the change is on the boundary and grows with its offset; it is weighted by the
//    step across the boundary (zero where there is no change) and normalised by a tracked level, so it
//    works at any loudness. A second-order loop follows speed error and wow; its gain is high while it
//    has not locked and low once it has.
// 3. Cells. For the pair of half-cells j, j+1 and their outer neighbours (which always differ in sign
//    from them: every boundary has a change) a 0 reads x = (h[j] + h[j+1] - h[j-1] - h[j+2]) / 4 and
//    a 1 reads y = (3 (h[j] - h[j+1]) - (h[j-1] - h[j+2])) / 8; both are free of DC and of any linear
//    drift (hum), and neither depends on polarity. The bit is the larger; its confidence the margin
//    |(|y| - |x|)| / (|x| + |y|), which does not depend on loudness.
// 4. Frames. Which half-cells pair up into cells is known only from a start bit (in idle 1s both pairings
//    read as 1s): a 0 after idle proposes a start bit, and once the whole frame is in, the alignment from
//    half a cell early to one and a half late that fits the known cells best (as in KcsDecoder) is taken.
// 5. Carrier, data runs, segments and recordings as in KcsDecoder: the carrier is the pair confidence
//    smoothed over about 16 half-cells with hysteresis; a run of data starts with a clean frame while the
//    carrier is there and ends at a frame slot of idle 1s or after 0.25 s without carrier; inside a run,
//    every frame slot that is neither a frame nor idle is reported as an unreadable byte at its position.

import type {
  KcsBitRole,
  KcsDecoderOptions,
  KcsEvent,
  KcsParity,
  KcsSegmentEvent,
  KcsSegmentKind,
} from './kcs-events.ts';
import { CUTS_BAUD, CUTS_MARK_HZ, CUTS_SPACE_HZ } from './cuts-encoder.ts';

/** The KCS decoder's options but the ones CUTS fixes (its baud rate and its two tones). */
export type CutsDecoderOptions = Omit<KcsDecoderOptions, 'baud' | 'markHz' | 'spaceHz'>;

const SUM_RING = 1024;
const SUM_MASK = SUM_RING - 1;
const HALF_RING = 512;
const HALF_MASK = HALF_RING - 1;

// Clock loop gains (per half-cell): wide while hunting, narrow once the carrier is there.
const KP_ACQUIRE = 0.3;
const KI_ACQUIRE = 0.04;
const KP_TRACK = 0.12;
const KI_TRACK = 0.006;
const MIN_SPEED = 0.85;
const MAX_SPEED = 1.17;

// Carrier presence: the cell confidence smoothed over about 16 cells for each of the two pairings of
// half-cells, the better of the two (in data only one pairing reads cleanly); noise sits near 0.44.
const PRESENCE_SMOOTHING = 1 / 16;
const CARRIER_FOUND = 0.72;
const CARRIER_LOST = 0.6;
/** Half-cells (about 0.25 s) without carrier after which a run of data ends. */
const RUN_TIMEOUT_HALVES = 600;
/** Frame slots kept pending inside a run before it is given up. */
const MAX_PENDING_SLOTS = 64;
/** Input samples beyond this are clamped (full scale is 1). */
const SAMPLE_LIMIT = 1000;
/** Frames looked back at when a run of data starts. */
const LOOKBACK_SLOTS = 16;
/** Integrals below this (per sample of a half-cell) count as no signal. */
const SILENCE_FLOOR = 1e-9;

interface FrameRead {
  /** Signed margin of each cell (positive reads 1). */
  margins: number[];
  /** Start sample of each cell, and the end of the last. */
  times: number[];
  value: number;
  confidence: number;
  framingError: boolean;
  stopBit: number;
  parityError: boolean;
  /** Good enough to start a run of data on. */
  clean: boolean;
  /** Reads as idle 1s. */
  idle: boolean;
  /** Cells below the low-confidence mark. */
  low: number;
  unreadable: boolean;
}

export class CutsDecoder {
  readonly sampleRate: number;
  readonly baud = CUTS_BAUD;
  readonly stopBits: 1 | 2;
  readonly dataBits: 7 | 8;
  readonly parity: KcsParity;
  /** Cells per frame. */
  readonly frameBits: number;
  private readonly bitEvents: boolean;
  private readonly lowConfidence: number;
  private readonly gapHalves: number;
  private readonly nominalHalf: number;
  private readonly floor: number;
  private lowCells = 0;
  private out: KcsEvent[] = [];
  private finished = false;

  // Running sum of the input: sums[i & mask] is the sum of samples 0..i-1.
  private readonly sums = new Float64Array(SUM_RING);
  private n = 0;
  private total = 0;

  // Half-cell clock.
  private half: number;
  private boundary: number;
  private previousBoundary = 0;
  private level = 0;
  private needAt: number;

  // Half-cells: integral and start time.
  private readonly hRing = new Float64Array(HALF_RING);
  private readonly tRing = new Float64Array(HALF_RING);
  private hCount = 0;

  // Carrier.
  private presence = 0;
  private presenceEven = 0;
  private presenceOdd = 0;
  private carrier = false;
  private lostAt = 0;
  private lostHalf = 0;

  // Framer.
  private huntJ = 2;
  private trigger = -1;
  private expected = -1;
  private inRun = false;
  private nextSlot = 0;
  private pending: FrameRead[] = [];
  /** Framing errors in a row inside a run. */
  private errorsInRow = 0;
  /** After two framing errors in a row: hunting from just after the last start bit, until this half-cell. */
  private resyncUntil = -1;
  private resyncFrom = 0;
  /** Half-cells inside a run not accounted for by frames or slots (see decodeAt). */
  private debt = 0;
  /** End (input sample) and length of the last frame read in a run. */
  private lastFrameEnd = -1;
  private lastFrameLength = 0;
  /**
   * Where a run that ended without idle 1s (a dropout, or garbage) stopped: if data resumes in the same
   * recording, the frame slots in between were lost and are reported as unreadable.
   */
  private lostFrom: { end: number; length: number } | undefined;
  private cleanInRow = 0;
  /** Where the last run of data ended (its last frame's end): looking back stops there. */
  private runEnd = 0;
  /** Half-cell where the carrier was last found. */
  private carrierHalf = 0;

  // Segments and recordings.
  private segKind: KcsSegmentKind = 'silence';
  private segStart = 0;
  private heldSegment: KcsSegmentEvent | undefined;
  private recordingOpen = false;
  private recordingIndex = 0;
  private recordingStart = 0;
  private recordingBytes = 0;
  private recordingErrors = 0;
  private lastCarrierSpeed = 0;

  constructor(options: CutsDecoderOptions) {
    const {
      sampleRate,
      stopBits = 2,
      dataBits = 8,
      parity = 'none',
      bitEvents = true,
      lowConfidence = 0.4,
      gapSeconds = 1,
    } = options;
    if (!Number.isFinite(sampleRate) || sampleRate < 8000 || sampleRate > 192000)
      throw new RangeError(`CUTS decoder: sample rate ${sampleRate} Hz is outside 8000..192000 Hz`);
    if (stopBits !== 1 && stopBits !== 2)
      throw new RangeError(`CUTS decoder: stop bits ${String(stopBits)} is not 1 or 2`);
    if (dataBits !== 7 && dataBits !== 8)
      throw new RangeError(`CUTS decoder: data bits ${String(dataBits)} is not 7 or 8`);
    if (parity !== 'none' && parity !== 'even' && parity !== 'odd')
      throw new RangeError(`CUTS decoder: parity '${String(parity)}' is not none, even or odd`);
    if (!(gapSeconds > 0)) throw new RangeError(`CUTS decoder: gap ${gapSeconds} s is not positive`);
    this.sampleRate = sampleRate;
    this.stopBits = stopBits;
    this.dataBits = dataBits;
    this.parity = parity;
    this.frameBits = 1 + dataBits + (parity === 'none' ? 0 : 1) + stopBits;
    this.bitEvents = bitEvents;
    this.lowConfidence = lowConfidence;
    this.nominalHalf = sampleRate / (2 * CUTS_BAUD);
    this.half = this.nominalHalf;
    this.gapHalves = Math.round(gapSeconds * 2 * CUTS_BAUD);
    this.floor = SILENCE_FLOOR * this.nominalHalf;
    this.boundary = 0;
    this.needAt = this.requiredFor(this.boundary);
  }

  /** Measured speed relative to nominal (1.05 = 5% fast). */
  get measuredSpeed(): number {
    return this.nominalHalf / this.half;
  }

  get measuredBaud(): number {
    return CUTS_BAUD * this.measuredSpeed;
  }

  /** Smoothed cell confidence, 0..1 (noise near 0.6, a clean tape near 1). */
  get signalQuality(): number {
    return this.presence;
  }

  get carrierPresent(): boolean {
    return this.carrier;
  }

  get lowConfidenceCells(): number {
    return this.lowCells;
  }

  /** Input samples pushed so far. */
  get position(): number {
    return this.n;
  }

  /** Mono samples: floats, or 16-bit PCM (read as value / 32768, exactly the float a WAV reader would give). */
  push(samples: Float32Array | Int16Array): KcsEvent[] {
    if (this.finished) throw new Error('CUTS decoder: push() after finish()');
    this.out = [];
    this.feed(samples, samples instanceof Int16Array ? 1 / 32768 : 1);
    return this.out;
  }

  private feed(samples: Float32Array | Int16Array, scale: number): void {
    const sums = this.sums;
    let n = this.n;
    let total = this.total;
    for (let i = 0; i < samples.length; i++) {
      const v = samples[i]! * scale;
      // NaN and infinities count as silence; a wild sample is clamped, so the running sum keeps its
      // precision for the rest of the tape.
      if (v - v === 0) total += v > SAMPLE_LIMIT ? SAMPLE_LIMIT : v < -SAMPLE_LIMIT ? -SAMPLE_LIMIT : v;
      n++;
      sums[n & SUM_MASK] = total;
      if (n >= this.needAt) {
        this.n = n;
        this.total = total;
        while (this.n >= this.needAt) this.step();
      }
    }
    this.n = n;
    this.total = total;
  }

  finish(): KcsEvent[] {
    if (this.finished) return [];
    this.finished = true;
    this.out = [];
    const end = this.n;
    // A frame is read a few half-cells after its end: a tape that stops right after its last byte gets
    // that much silence, so the byte is not lost. Nothing after `end` is reported.
    if (this.trigger >= 0 || this.inRun) this.feed(new Float32Array(Math.ceil(this.nominalHalf * 8)), 1);
    if (this.segStart > end) this.segStart = end;
    if (this.inRun && this.segKind === 'data')
      this.switchTo(this.carrier ? 'carrier' : 'gap', Math.min(this.time(this.expected), end));
    if (this.carrier) {
      this.emitSegment(end);
      if (this.recordingOpen) this.closeRecording(end);
    } else {
      if (this.recordingOpen) this.closeRecording(this.segStart);
      this.segKind = 'silence';
      this.emitSegment(end);
    }
    this.flushSegment();
    return this.out;
  }

  /** Samples needed (the count pushed) before the boundary at `b` can be processed. */
  private requiredFor(b: number): number {
    return Math.ceil(b + 1.5 * this.half) + 2;
  }

  /** The integral of the input from sample time 0 to `t` (samples held constant over their period). */
  private sumAt(t: number): number {
    if (t <= 0) return 0;
    const i = Math.floor(t);
    if (i >= this.n) return this.sums[this.n & SUM_MASK]!;
    const a = this.sums[i & SUM_MASK]!;
    const b = this.sums[(i + 1) & SUM_MASK]!;
    return a + (t - i) * (b - a);
  }

  /** One half-cell boundary: the half-cell before it is complete; the clock is corrected. */
  private step(): void {
    const b = this.boundary;
    const half = this.half;
    const sB = this.sumAt(b);
    const hPrev = sB - this.sumAt(this.previousBoundary);
    const hNext = this.sumAt(b + half) - sB;
    const window = this.sumAt(b + half / 2) - this.sumAt(b - half / 2) - (hPrev + hNext) / 2;
    const step = hPrev - hNext;
    this.level += ((step * step) / 4 - this.level) * 0.1;
    let delta = 0;
    if (this.level > this.floor * this.floor) {
      delta = (window * step * half) / (4 * this.level);
      if (delta > half / 2) delta = half / 2;
      else if (delta < -half / 2) delta = -half / 2;
    }
    const kp = this.carrier ? KP_TRACK : KP_ACQUIRE;
    const ki = this.carrier ? KI_TRACK : KI_ACQUIRE;
    // The half-cell just completed.
    const k = this.hCount;
    this.hRing[k & HALF_MASK] = hPrev;
    this.tRing[k & HALF_MASK] = this.previousBoundary;
    this.tRing[(k + 1) & HALF_MASK] = b;
    this.hCount = k + 1;
    this.previousBoundary = b;
    let next = half + ki * delta;
    const min = this.nominalHalf / MAX_SPEED;
    const max = this.nominalHalf / MIN_SPEED;
    next = next < min ? min : next > max ? max : next;
    this.half = next;
    this.boundary = b + half + kp * delta;
    this.needAt = this.requiredFor(this.boundary);
    this.afterHalfCell();
  }

  /** Signed margin of the cell made of half-cells j, j+1: positive reads 1, negative 0; |m| is the confidence. */
  private margin(j: number): number {
    const h = this.hRing;
    const a = h[(j - 1) & HALF_MASK]!;
    const b = h[j & HALF_MASK]!;
    const c = h[(j + 1) & HALF_MASK]!;
    const d = h[(j + 2) & HALF_MASK]!;
    const x = Math.abs(b + c - a - d) / 4;
    const y = Math.abs(3 * (b - c) - (a - d)) / 8;
    const sum = x + y;
    return sum < this.floor ? 0 : (y - x) / sum;
  }

  private time(j: number): number {
    return Math.max(0, Math.round(this.tRing[j & HALF_MASK]!));
  }

  private afterHalfCell(): void {
    const count = this.hCount;
    // Carrier presence from the two pairings around the newest readable half-cell.
    if (count >= 5) {
      const j = count - 3;
      const p = Math.abs(this.margin(j));
      if (j % 2 === 0) this.presenceEven += (p - this.presenceEven) * PRESENCE_SMOOTHING;
      else this.presenceOdd += (p - this.presenceOdd) * PRESENCE_SMOOTHING;
      this.presence = Math.max(this.presenceEven, this.presenceOdd);
      if (!this.carrier && this.presence > CARRIER_FOUND) this.carrierFound(Math.max(0, j - 16));
      else if (this.carrier && this.presence < CARRIER_LOST) this.carrierLost(Math.max(0, j - 8));
    }
    if (!this.carrier) {
      if (this.recordingOpen && count - this.lostHalf >= this.gapHalves) {
        this.closeRecording(this.lostAt);
        if (this.segKind === 'gap') this.segKind = 'silence';
      }
      if (this.inRun && count - this.lostHalf >= RUN_TIMEOUT_HALVES) this.endRun(false);
    }
    this.frame();
  }

  private carrierFound(j: number): void {
    this.carrier = true;
    // The smoothing took about 16 cells to notice it; frames may be looked back at from there.
    this.carrierHalf = Math.max(0, j - 32);
    const at = this.time(j);
    if (!this.recordingOpen) {
      this.recordingOpen = true;
      this.recordingStart = Math.max(at, this.segStart);
      this.recordingBytes = 0;
      this.recordingErrors = 0;
    }
    if (!this.inRun) this.switchTo('carrier', at);
    else this.switchTo('data', at);
  }

  private carrierLost(j: number): void {
    this.carrier = false;
    this.lostHalf = j;
    this.lostAt = Math.max(this.time(j), this.segStart);
    this.switchTo('gap', this.lostAt);
  }

  /** The frame machine: hunts for start bits, decodes frames, reports idle and unreadable slots. */
  private frame(): void {
    const F = this.frameBits;
    const count = this.hCount;
    for (;;) {
      if (this.trigger >= 0) {
        // Alignments up to three half-cells late need the whole frame and one more half-cell after it.
        if (count < this.trigger + 3 + 2 * F + 1) return;
        this.decodeAt(this.trigger);
        continue;
      }
      if (this.resyncUntil >= 0 && this.huntJ >= this.resyncUntil) this.resyncUntil = -1;
      if (
        this.inRun &&
        this.resyncUntil < 0 &&
        this.huntJ >= this.nextSlot + 2 * F &&
        count >= this.nextSlot + 2 * F + 1
      ) {
        this.judgeSlot();
        continue;
      }
      const j = this.huntJ;
      if (count < j + 3) return;
      const m = this.margin(j);
      const afterFrame = this.resyncUntil < 0 && (j === this.expected || (this.inRun && j === this.nextSlot));
      if (m < -0.2 && (afterFrame || (j >= 2 && this.margin(j - 2) > 0.3) || j <= 3)) {
        this.trigger = j;
        continue;
      }
      this.huntJ = j + 1;
    }
  }

  /** Reads the frame slot whose start cell is half-cells s, s+1. */
  private readFrame(s: number): FrameRead {
    const F = this.frameBits;
    const free = F - 1 - this.stopBits;
    const margins: number[] = [];
    const times: number[] = [];
    let value = 0;
    let ones = 0;
    let sum = 0;
    let signed = 0;
    let min = 1;
    let zeros = 0;
    let low = 0;
    let stopBit = 0;
    for (let c = 0; c < F; c++) {
      const m = this.margin(s + 2 * c);
      margins.push(m);
      times.push(this.time(s + 2 * c));
      const conf = Math.abs(m);
      sum += conf;
      signed += m;
      if (conf < min) min = conf;
      if (m <= 0) zeros++;
      if (conf < this.lowConfidence) low++;
      const bit = m > 0 ? 1 : 0;
      if (c >= 1 && c <= this.dataBits) value |= bit << (c - 1);
      if (c >= 1 && c <= free) ones += bit;
      if (c > free && bit === 0 && stopBit === 0) stopBit = c - free;
    }
    times.push(this.time(s + 2 * F));
    // Every half-cell of a CUTS frame carries a level: one that does not (2,400 Hz, as in a KCS mark,
    // integrates to nothing) makes the frame unfit to start data on.
    let hSum = 0;
    let hMin = Infinity;
    for (let k = s; k < s + 2 * F; k++) {
      const h = Math.abs(this.hRing[k & HALF_MASK]!);
      hSum += h;
      if (h < hMin) hMin = h;
    }
    const level = hMin >= 0.35 * (hSum / (2 * F));
    return {
      margins,
      times,
      value,
      confidence: sum / F,
      framingError: stopBit !== 0,
      stopBit,
      parityError: this.parity !== 'none' && ones % 2 !== (this.parity === 'even' ? 0 : 1),
      clean: level && stopBit === 0 && margins[0]! < 0 && sum / F >= 0.7 && min >= 0.2,
      idle: zeros <= 1 && signed / F > 0.4,
      low,
      unreadable: false,
    };
  }

  /** Chooses the frame alignment near trigger `j`, reads the frame and reports it or resumes hunting. */
  private decodeAt(j: number): void {
    this.trigger = -1;
    const F = this.frameBits;
    const free = F - 1 - this.stopBits;
    const resync = this.resyncUntil >= 0;
    const earliest = Math.max(2, resync ? this.resyncFrom : this.expected >= 0 ? this.expected : 0, j - 1);
    let start = -1;
    let bestScore = -Infinity;
    for (let s = earliest; s <= j + 3; s++) {
      let score = -this.margin(s) + this.margin(s - 2) - 0.1 * Math.abs(s - j);
      if (!resync && (s === this.expected || (this.inRun && s === this.nextSlot))) score += 0.2;
      for (let c = 1; c <= free; c++) score += Math.abs(this.margin(s + 2 * c));
      for (let c = free + 1; c < F; c++) score += this.margin(s + 2 * c);
      if (score > bestScore) {
        bestScore = score;
        start = s;
      }
    }
    if (start < 0 || this.margin(start) >= 0) {
      this.huntJ = j + 1;
      return;
    }
    const read = this.readFrame(start);
    const accept = this.inRun ? this.carrier || read.clean : this.carrier && read.clean;
    // While resynchronising only a well-formed frame is taken.
    if (!accept || (resync && read.framingError)) {
      this.huntJ = j + 1;
      return;
    }
    if (!this.inRun) {
      // The frames just before the first clean one, back to idle 1s, the carrier's start or the last run: a first byte
      // too noisy to start a run on is still reported rather than lost.
      const before: FrameRead[] = [];
      for (
        let s = start - 2 * F;
        s >= Math.max(0, this.carrierHalf, this.runEnd) && before.length < LOOKBACK_SLOTS;
        s -= 2 * F
      ) {
        const earlier = this.readFrame(s);
        if (earlier.idle) break;
        if (earlier.margins[0]! >= 0) earlier.unreadable = true;
        before.unshift(earlier);
      }
      this.inRun = true;
      this.debt = 0;
      this.pending = [];
      const first = before[0] ?? read;
      this.reportLost(first.times[0]!);
      this.switchTo('data', first.times[0]!);
      this.emitCarrier(first.times[0]!);
      for (const earlier of before) this.emitRead(earlier);
    } else {
      // Unreadable slots between the last frame and this one. What is left over less than a slot, when it
      // is not idle 1s (a frame cut by a dropout, frames found off the grid), adds up until it makes half
      // a frame: then one more slot, cut short, is reported.
      const full = start > this.expected ? Math.floor((start - this.expected) / (2 * F)) : 0;
      for (let i = 0; i < full; i++) {
        let slot = this.pending[i];
        if (!slot) {
          // Not judged yet: the hunter found this frame before passing the slot's end.
          slot = this.readFrame(this.expected + i * 2 * F);
          slot.unreadable = true;
        }
        this.emitRead(slot);
      }
      const rest = start - this.expected - full * 2 * F;
      const from = this.expected + full * 2 * F;
      // Idle 1s read as 1s in both pairings of half-cells (but for the odd one in noise); frames off the
      // grid do not.
      let zeros = 0;
      let sum = 0;
      for (let k = from - 1; k < start; k++) {
        const m = this.margin(k);
        sum += m;
        if (m <= 0) zeros++;
      }
      const idle = zeros <= Math.max(1, (start - from) / 8) && sum > 0.3 * (start - from + 1);
      // After an error a stretch of idle-looking cells may be the end of a byte framed off the grid.
      const disturbed = this.debt !== 0 || this.errorsInRow > 0 || full > 0;
      if (rest < 0 || !idle || disturbed) this.debt += rest;
      if (this.debt >= F) {
        this.debt -= 2 * F;
        const part = this.readFrame(from);
        part.unreadable = true;
        const cut = read.times[0]!;
        let cells = 0;
        while (cells < part.margins.length && part.times[cells + 1]! <= cut) cells++;
        part.margins.length = Math.max(cells, 1);
        part.times.length = Math.max(cells, 1);
        part.times.push(Math.max(cut, part.times[0]! + 1));
        this.emitRead(part);
      }
      if (this.segKind !== 'data') this.switchTo('data', this.pending[0]?.times[0] ?? read.times[0]!);
      if (Math.abs(this.measuredSpeed - this.lastCarrierSpeed) > 0.005) this.emitCarrier(read.times[0]!);
    }
    this.pending = [];
    this.emitRead(read);
    this.lastFrameEnd = read.times[read.times.length - 1]!;
    this.lastFrameLength = this.lastFrameEnd - read.times[0]!;
    const end = start + 2 * F;
    this.expected = end;
    this.nextSlot = end;
    this.huntJ = end;
    this.resyncUntil = -1;
    this.errorsInRow = read.framingError ? this.errorsInRow + 1 : 0;
    this.cleanInRow = read.framingError ? 0 : this.cleanInRow + 1;
    if (this.cleanInRow >= 8) this.debt = 0;
    if (this.errorsInRow >= 2) {
      // Probably framing on data bits: hunt again from just after this start bit; the next frame may
      // overlap this one (which then stands in for the byte it garbled).
      this.errorsInRow = 0;
      this.resyncFrom = start + 2;
      this.resyncUntil = end + 2 * F;
      this.huntJ = start + 2;
    }
  }

  /** A whole frame slot inside a run passed without a frame: idle 1s end the run, anything else is kept. */
  private judgeSlot(): void {
    const read = this.readFrame(this.nextSlot);
    if (this.carrier && read.idle) {
      this.endRun(true);
      return;
    }
    read.unreadable = true;
    this.pending.push(read);
    this.nextSlot += 2 * this.frameBits;
    if (this.pending.length > MAX_PENDING_SLOTS) this.endRun(false);
  }

  private endRun(idle: boolean): void {
    this.lostFrom =
      !idle && this.recordingOpen && this.lastFrameEnd >= 0
        ? { end: this.lastFrameEnd, length: this.lastFrameLength }
        : undefined;
    this.inRun = false;
    this.runEnd = Math.max(this.expected, 0);
    this.resyncUntil = -1;
    this.errorsInRow = 0;
    this.pending = [];
    this.expected = -1;
    if (idle) this.switchTo('carrier', this.time(this.nextSlot));
    else if (this.segKind === 'data')
      this.switchTo(this.carrier ? 'carrier' : 'gap', this.time(this.nextSlot));
  }

  /**
   * A run resumes after one that ended in a dropout: the slots between its last frame and `start` (an
   * input sample) are reported as unreadable, with no confidence (the audio is too old to read again),
   * their count rounded from the frame length and spread evenly, so the bytes keep their count and place.
   */
  private reportLost(start: number): void {
    const lost = this.lostFrom;
    this.lostFrom = undefined;
    if (!lost || !this.recordingOpen || lost.length <= 0) return;
    const missing = Math.round((start - lost.end) / lost.length);
    const step = (start - lost.end) / Math.max(missing, 1);
    const F = this.frameBits;
    for (let k = 0; k < missing; k++) {
      const from = lost.end + k * step;
      const times = Array.from({ length: F + 1 }, (_, c) => Math.round(from + (c * step) / F));
      this.emitRead({
        margins: new Array<number>(F).fill(0),
        times,
        value: 0,
        confidence: 0,
        framingError: true,
        stopBit: 0,
        parityError: false,
        clean: false,
        idle: false,
        low: F,
        unreadable: true,
      });
    }
  }

  private roleOf(c: number): KcsBitRole {
    if (c === 0) return 'start';
    if (c <= this.dataBits) return 'data';
    if (this.parity !== 'none' && c === this.dataBits + 1) return 'parity';
    return 'stop';
  }

  /** Reports a frame: its cells, the byte, and a framing error after it when it has one. */
  private emitRead(read: FrameRead): void {
    const { margins, times } = read;
    this.lowCells += read.low;
    if (this.bitEvents) {
      for (let c = 0; c < margins.length; c++) {
        const m = margins[c]!;
        const role = this.roleOf(c);
        const start = times[c]!;
        const end = times[c + 1]!;
        this.out.push({ type: 'bit', value: m > 0 ? 1 : 0, confidence: Math.abs(m), start, end, role });
      }
    }
    const start = times[0]!;
    const end = times[times.length - 1]!;
    const framingError = read.framingError || read.unreadable;
    this.out.push({
      type: 'byte',
      value: read.value,
      start,
      end,
      framingError,
      confidence: read.confidence,
      ...(read.unreadable ? { unreadable: true as const } : {}),
      ...(read.parityError && !read.unreadable ? { parityError: true as const } : {}),
    });
    this.recordingBytes++;
    if (framingError) {
      this.recordingErrors++;
      this.out.push({
        type: 'framing-error',
        start,
        end,
        value: read.value,
        stopBit: read.unreadable ? 0 : read.stopBit,
        ...(read.unreadable ? { unreadable: true as const } : {}),
      });
    }
  }

  private emitCarrier(sample: number): void {
    const speed = this.measuredSpeed;
    this.lastCarrierSpeed = speed;
    this.out.push({
      type: 'carrier',
      sample,
      markHz: CUTS_MARK_HZ * speed,
      spaceHz: CUTS_SPACE_HZ * speed,
      baud: CUTS_BAUD * speed,
      speed,
    });
  }

  /** Closes the current segment at `at` (never before its start) and opens one of `kind`. */
  private switchTo(kind: KcsSegmentKind, at: number): void {
    if (kind === this.segKind) return;
    const end = Math.max(at, this.segStart);
    this.emitSegment(end);
    this.segKind = kind;
    this.segStart = end;
  }

  /** Segments are held back one so that two of the same kind that meet (around a blip) become one. */
  private emitSegment(end: number): void {
    if (end <= this.segStart) return;
    const held = this.heldSegment;
    if (held && held.kind === this.segKind && held.end === this.segStart) {
      held.end = end;
      return;
    }
    this.flushSegment();
    this.heldSegment = { type: 'segment', kind: this.segKind, start: this.segStart, end };
  }

  private flushSegment(): void {
    if (this.heldSegment) this.out.push(this.heldSegment);
    this.heldSegment = undefined;
  }

  private closeRecording(end: number): void {
    this.recordingOpen = false;
    this.lostFrom = undefined;
    this.out.push({
      type: 'recording',
      index: this.recordingIndex++,
      start: this.recordingStart,
      end: Math.max(end, this.recordingStart),
      bytes: this.recordingBytes,
      framingErrors: this.recordingErrors,
    });
  }
}

/** Decodes a whole CUTS tape in one go. */
export function decodeCuts(samples: Float32Array, options: CutsDecoderOptions): KcsEvent[] {
  const decoder = new CutsDecoder(options);
  return [...decoder.push(samples), ...decoder.finish()];
}
