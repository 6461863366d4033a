// Streaming Kansas City Standard receiver (Superboard II flavour: 300 baud, mark 2,400 Hz = 1, space
// 1,200 Hz = 0, 8N2 frames, LSB first).
//
// Signal chain, all in one pass with fixed-size state:
//  1. A second-order CIC (cic-decimator.ts, the filter stage) decimates to about 8 kHz; it also removes
//     most noise above the KCS band before it can alias.
//  2. Non-coherent FSK: the signal is mixed with complex tones at the tracked mark and space
//     frequencies and summed over one bit (integrate-and-dump as a sliding window). Over a bit both
//     tones hold whole cycles, so the two correlators are orthogonal; DC and mains hum, being nearly
//     constant over a 3.3 ms window, fall out, and taking magnitudes makes polarity irrelevant.
//  3. A frequency-locked loop measures the rotation of short mark correlations during steady mark and
//     retunes both tones and the bit period together (tape speed scales all three), which tracks a
//     +/-10% speed error and wow.
//  4. Frame sync like a UART, but with hindsight: a mark-to-space crossing after enough mark proposes a
//     start bit; once the whole frame is in the history ring the frame timing is chosen to maximise the
//     decision margin over all its bit cells, then the start and stop bits judge the frame.
//  5. Levels without loudness (tone-levels.ts): the mark/space balance is learned per frame relative to
//     the frame's own energy, and whether tones are there comes from the decision margin (a tone-to-noise
//     ratio), so AGC pumping, level steps and dips do not stop decoding; a squelch keeps noise from
//     turning into bytes, and inside data a frame slot that cannot be read is still reported.

import { CicDecimator, cicGain } from './cic-decimator.ts';
import { ToneBalance, TonePresence } from './tone-levels.ts';
import type { KcsDecoderOptions, KcsEvent, KcsParity, KcsSegmentKind } from './kcs-events.ts';

export type {
  KcsSegmentKind,
  KcsBitRole,
  KcsParity,
  KcsByteEvent,
  KcsBitEvent,
  KcsFramingErrorEvent,
  KcsSegmentEvent,
  KcsCarrierEvent,
  KcsRecordingEvent,
  KcsEvent,
  KcsDecoderOptions,
} from './kcs-events.ts';

const LUT_BITS = 10;
const LUT_SIZE = 1 << LUT_BITS;
const LUT_MASK = LUT_SIZE - 1;
const QUARTER = LUT_SIZE >> 2;
const COS = new Float64Array(LUT_SIZE);
for (let i = 0; i < LUT_SIZE; i++) COS[i] = Math.cos((2 * Math.PI * i) / LUT_SIZE);
/** The oscillators' table: cosine and the quadrature (the cosine three quarters on) side by side. */
const TRIG = new Float64Array(2 * LUT_SIZE);
for (let i = 0; i < LUT_SIZE; i++) {
  TRIG[2 * i] = COS[i]!;
  TRIG[2 * i + 1] = COS[(i + 3 * QUARTER) & LUT_MASK]!;
}

const PRODUCT_RING = 128;
const PRODUCT_MASK = PRODUCT_RING - 1;
const HISTORY_RING = 4096;
const HISTORY_MASK = HISTORY_RING - 1;

// Frequency-locked loop: speed range, gain per update while acquiring and inside data, and how many
// mark-looking blocks in a row it needs before it trusts a measurement without a carrier.
const SPEED_MIN = 0.85;
const SPEED_MAX = 1.15;
const FLL_GAIN_ACQUIRE = 0.04;
const FLL_GAIN = 0.012;
const FLL_LOCK_STREAK = 3;
// Without a carrier the loop relaxes towards nominal speed so noise cannot walk it to a limit.
const FLL_LEAK = 0.0005;

// Tone energy below this (a full-scale tone gives about 100 to 300; this is a tone near -140 dBFS, under a
// 24-bit LSB) is what the sliding sums leave over in exact digital silence, rounding residue whose ratio
// would read as a confident tone, so it counts as no signal.
const SILENT_ENERGY = 1e-12;

// Smoothing of the decision quality per bit period or bit cell.
const QUALITY_RATE = 1 / 32;

// Carrier: good mark bit periods to lock, quality below which it is lost, and how long the tones may be
// absent before the carrier is given up.
const LOCK_TICKS = 16;
const QUALITY_OFF = 0.6;
const HANGOVER_SECONDS = 0.25;

// What a frame needs to start data (inside data every frame is reported): mean, start-bit and weakest
// cell confidence, start-bit space energy against the frame's mean energy, and without a carrier a recent
// decision quality clearly above noise (0.5).
const ACCEPT_CONFIDENCE = 0.75;
const START_CONFIDENCE = 0.5;
const WEAKEST_CONFIDENCE = 0.3;
const START_ENERGY = 0.3;
const ENTER_QUALITY = 0.65;
// A frame slot skipped inside data with at most one space cell and at least this mean confidence was
// idle mark.
const SKIPPED_CONFIDENCE = 0.6;
// Share of the best timing's score that the timing continuing the previous frame needs to win.
const ALIGNED_SHARE = 0.9;

interface FrameRecord {
  /** Decimated time of the start bit's leading edge. */
  frameStart: number;
  period: number;
  /** Cells in the frame; the arrays may be longer. */
  bits: number;
  values: Uint8Array;
  confidences: Float64Array;
  energies: Float64Array;
  margins: Float64Array;
  confidence: number;
  framingError: boolean;
  stop1: boolean;
}

/** The longest frame: start, 8 data, parity or a second stop bit, stop. */
const MAX_FRAME_BITS = 11;

const HUNT = 0;
const WAIT = 1;

export class KcsDecoder {
  readonly sampleRate: number;
  readonly baud: number;
  readonly stopBits: number;
  readonly decimation: number;
  readonly decimatedRate: number;
  private readonly frameBits: number;
  readonly dataBits: 7 | 8;
  readonly parity: KcsParity;
  /** Cells after the start bit read by magnitude (data and parity); the stop bits follow them. */
  private readonly freeBits: number;
  private readonly bitEvents: boolean;
  private readonly lowConfidence: number;
  private lowCells = 0;
  private readonly gapSamples: number;
  private readonly markHz: number;
  private readonly spaceHz: number;

  private readonly decimator: CicDecimator;
  private inputCount = 0;

  // Correlators.
  private speed = 1;
  /** Oscillator phases in table steps, 0..LUT_SIZE. */
  private phaseMark = 0;
  private phaseSpace = 0;
  /** The four products (mark I, Q, space I, Q) of each of the last PRODUCT_RING samples, side by side. */
  private readonly products = new Float64Array(4 * PRODUCT_RING);
  private sumMI = 0;
  private sumMQ = 0;
  private sumSI = 0;
  private sumSQ = 0;
  private shortMI = 0;
  private shortMQ = 0;
  private shortSI = 0;
  private shortSQ = 0;
  private window: number;
  private readonly shortWindow: number;
  private period: number;
  private readonly spaceBalance: number;
  private readonly balance: ToneBalance;
  private readonly presence = new TonePresence();

  // Frequency-locked loop.
  private fllCountdown: number;
  private fllPrevI = 0;
  private fllPrevQ = 0;
  private fllPrevGate = false;
  private fllStreak = 0;

  // History (decimated samples).
  private n = 0;
  private readonly dRing = new Float32Array(HISTORY_RING);
  private readonly eRing = new Float32Array(HISTORY_RING);
  private readonly runRing = new Int32Array(HISTORY_RING);
  // Before the first sample the line counts as idle mark, so a tape without leader frames its first byte.
  private markRun = 1 << 30;
  private negRun = 0;

  // Frame machine.
  private state = HUNT;
  private huntFrom = 0;
  private trigger = 0;
  private decodeAt = 0;
  private needRun: number;
  private inSync = false;
  private syncUntil = 0;
  private nextTick = 0;

  // Carrier, segments, recordings.
  private carrier = false;
  private quality = 0.5;
  /** Decimated time where the last accepted frame of the current data ended, or -1. */
  private lastFrameEnd = -1;
  /** A frame judged again at the timing that continues the previous one (see decodeFrame). */
  private deferredTrigger = -1;
  /** The tones went away since the last accepted frame. */
  private gapSinceFrame = false;
  private markTicks = 0;
  private lastGood = 0;
  private segmentKind: KcsSegmentKind = 'silence';
  private segmentStart = 0;
  private dataEnd = 0;
  private recordingOpen = false;
  private recordingIndex = 0;
  private recordingStart = 0;
  private recordingBytes = 0;
  private recordingErrors = 0;
  private lastCarrierSpeed = 0;
  private lastCarrierSample = -Infinity;
  private finished = false;

  private out: KcsEvent[] = [];
  private pending: FrameRecord | undefined;
  private readonly frameOffsets = new Int32Array(MAX_FRAME_BITS);
  /** The frame being judged (its arrays are reused for the next one). */
  private readonly frame: FrameRecord = {
    frameStart: 0,
    period: 0,
    bits: 0,
    values: new Uint8Array(MAX_FRAME_BITS),
    confidences: new Float64Array(MAX_FRAME_BITS),
    energies: new Float64Array(MAX_FRAME_BITS),
    margins: new Float64Array(MAX_FRAME_BITS),
    confidence: 0,
    framingError: false,
    stop1: false,
  };
  /**
   * The last frame of a run of data that a dropout ended (the carrier given up inside data): if data
   * resumes in the same recording, the frame slots in between were lost and are reported as unreadable.
   */
  private lostRun: { start: number; spacing: number; period: number; bits: number } | undefined;
  /** The bit period and start of the last frame accepted (the tracked period wanders once the tones are gone). */
  private lastFramePeriod = 0;
  private lastFrameStart = -1;
  /** The distance between the starts of the last two frames sent back to back (0 before there were two). */
  private frameSpacing = 0;
  private readonly skippedValues = new Uint8Array(MAX_FRAME_BITS);
  private readonly skippedConfidences = new Float64Array(MAX_FRAME_BITS);

  constructor(options: KcsDecoderOptions) {
    const {
      sampleRate,
      baud = 300,
      stopBits = 2,
      dataBits = 8,
      parity = 'none',
      bitEvents = true,
      gapSeconds = 1,
    } = options;
    if (!Number.isFinite(sampleRate) || sampleRate < 8000 || sampleRate > 192000) {
      throw new RangeError(`KCS decoder: sample rate ${sampleRate} Hz is outside 8000..192000 Hz`);
    }
    if (baud !== 300 && baud !== 600)
      throw new RangeError(`KCS decoder: baud ${String(baud)} is not 300 or 600`);
    if (stopBits !== 1 && stopBits !== 2) {
      throw new RangeError(`KCS decoder: stop bits ${String(stopBits)} is not 1 or 2`);
    }
    if ((dataBits !== 7 && dataBits !== 8) || !['none', 'even', 'odd'].includes(parity)) {
      throw new RangeError(`KCS decoder: ${String(dataBits)} data bits, parity '${String(parity)}' unknown`);
    }
    if (!(gapSeconds > 0)) throw new RangeError(`KCS decoder: gapSeconds ${gapSeconds} must be positive`);
    this.sampleRate = sampleRate;
    this.baud = baud;
    this.stopBits = stopBits;
    this.dataBits = dataBits;
    this.parity = parity;
    this.freeBits = dataBits + (parity === 'none' ? 0 : 1);
    this.frameBits = 1 + this.freeBits + stopBits;
    if (this.frameBits > MAX_FRAME_BITS) {
      throw new RangeError(
        `KCS decoder: a frame of ${this.frameBits} cells is longer than ${MAX_FRAME_BITS}`,
      );
    }
    this.bitEvents = bitEvents;
    this.lowConfidence = options.lowConfidence ?? 0.4;
    this.gapSamples = gapSeconds * sampleRate;
    this.markHz = options.markHz ?? 2400;
    this.spaceHz = options.spaceHz ?? 1200;
    this.decimation = Math.max(1, Math.floor(sampleRate / 8000));
    this.decimatedRate = sampleRate / this.decimation;
    this.decimator = new CicDecimator(this.decimation);
    if (!(
      this.spaceHz > 0 &&
      this.markHz > this.spaceHz &&
      this.markHz * SPEED_MAX < this.decimatedRate / 2
    )) {
      throw new RangeError(
        `KCS decoder: tones ${this.markHz}/${this.spaceHz} Hz need 0 < space < mark below ` +
          `${Math.floor(this.decimatedRate / 2 / SPEED_MAX)} Hz`,
      );
    }
    this.period = this.decimatedRate / baud;
    this.window = Math.round(this.period);
    this.shortWindow = Math.max(2, Math.round(this.period / 4));
    this.fllCountdown = this.shortWindow;
    this.huntFrom = 0;
    this.needRun = Math.round(this.period * (stopBits === 2 ? 1.25 : 0.6));
    const markGain = cicGain(this.markHz, sampleRate, this.decimation);
    const spaceGain = cicGain(this.spaceHz, sampleRate, this.decimation);
    this.spaceBalance = (markGain * markGain) / (spaceGain * spaceGain);
    this.balance = new ToneBalance(this.spaceBalance);
  }

  /** Current speed estimate relative to nominal. */
  get measuredSpeed(): number {
    return this.speed;
  }

  get measuredBaud(): number {
    return this.baud * this.speed;
  }

  /** Smoothed decision margin of recent bit cells or idle carrier, 0..1 (noise sits near 0.5). */
  get signalQuality(): number {
    return this.quality;
  }

  get carrierPresent(): boolean {
    return this.carrier;
  }

  /** Bit cells of reported frames whose confidence was below `lowConfidence`, with or without bit events. */
  get lowConfidenceCells(): number {
    return this.lowCells;
  }

  /** Input samples consumed so far. */
  get position(): number {
    return this.inputCount;
  }

  /**
   * Feeds mono samples (any chunk size); returns the events they completed. An Int16Array is 16-bit PCM
   * as read from a file (`v` stands for `v / 32768`), decoded exactly as its float conversion would be.
   */
  push(samples: Float32Array | Int16Array): KcsEvent[] {
    if (this.finished) throw new Error('KCS decoder: push() after finish()');
    this.out = [];
    const decimated =
      samples instanceof Int16Array ? this.decimator.processPcm16(samples) : this.decimator.process(samples);
    this.inputCount += samples.length;
    if (decimated.length > 0) this.processDecimated(decimated);
    return this.out;
  }

  /** Ends the stream: decodes what can still be decoded and closes segments and the recording. */
  finish(): KcsEvent[] {
    if (this.finished) return [];
    this.finished = true;
    this.out = [];
    if (this.state === WAIT) this.decodeFrame(true);
    const end = this.inputCount;
    if (this.carrier) {
      this.closeSegment(end);
      if (this.recordingOpen) this.closeRecording(end);
    } else {
      const silenceStart = Math.min(this.segmentStart, end);
      if (this.recordingOpen) this.closeRecording(silenceStart);
      this.emitSegment('silence', silenceStart, end);
    }
    return this.out;
  }

  private retune(): void {
    this.period = this.decimatedRate / (this.baud * this.speed);
    const target = Math.round(this.period);
    const n = this.n - 1;
    while (this.window < target && this.window < PRODUCT_RING - 2) {
      const i = 4 * ((n - this.window) & PRODUCT_MASK);
      this.sumMI += this.products[i] ?? 0;
      this.sumMQ += this.products[i + 1] ?? 0;
      this.sumSI += this.products[i + 2] ?? 0;
      this.sumSQ += this.products[i + 3] ?? 0;
      this.window++;
    }
    while (this.window > target) {
      const i = 4 * ((n - this.window + 1) & PRODUCT_MASK);
      this.sumMI -= this.products[i] ?? 0;
      this.sumMQ -= this.products[i + 1] ?? 0;
      this.sumSI -= this.products[i + 2] ?? 0;
      this.sumSQ -= this.products[i + 3] ?? 0;
      this.window--;
    }
    this.needRun = Math.round(this.period * (this.stopBits === 2 ? 1.25 : 0.6));
  }

  private processDecimated(y: Float64Array): void {
    const count = y.length;
    const products = this.products;
    const dRing = this.dRing;
    const eRing = this.eRing;
    const runRing = this.runRing;
    const short = this.shortWindow;
    const fd = this.decimatedRate;
    const markHz = this.markHz;
    const spaceHz = this.spaceHz;
    const baud = this.baud;
    const spaceBalance = this.spaceBalance;
    // Changed only by the calls below (frames, ticks), so read again after each.
    let carrier = this.carrier;
    let inData = this.segmentKind === 'data';
    let fllStreak = this.fllStreak;
    let fllPrevGate = this.fllPrevGate;
    let fllPrevI = this.fllPrevI;
    let fllPrevQ = this.fllPrevQ;
    // Phases and their steps in table steps (scaling by LUT_SIZE, a power of two, is exact).
    let incMark = ((this.markHz * this.speed) / fd) * LUT_SIZE;
    let incSpace = ((this.spaceHz * this.speed) / fd) * LUT_SIZE;
    let phM = this.phaseMark;
    let phS = this.phaseSpace;
    let sumMI = this.sumMI;
    let sumMQ = this.sumMQ;
    let sumSI = this.sumSI;
    let sumSQ = this.sumSQ;
    let shMI = this.shortMI;
    let shMQ = this.shortMQ;
    let shSI = this.shortSI;
    let shSQ = this.shortSQ;
    let window = this.window;
    let run = this.markRun;
    let negRun = this.negRun;
    let n = this.n;
    let fllCountdown = this.fllCountdown;
    let weightSpace = this.balance.weightSpace;
    let state = this.state;
    let needRun = this.needRun;
    let huntFrom = this.huntFrom;
    let nextTick = this.nextTick;
    let decodeAt = this.decodeAt;
    let syncUntil = this.syncUntil;
    let called = false;
    let prevRun = n > 0 ? (runRing[(n - 1) & HISTORY_MASK] ?? 0) : run;
    for (let i = 0; i < count; i++) {
      const x = y[i]!;
      const im = 2 * (phM | 0);
      const is = 2 * (phS | 0);
      const pMI = x * TRIG[im]!;
      const pMQ = x * TRIG[im + 1]!;
      const pSI = x * TRIG[is]!;
      const pSQ = x * TRIG[is + 1]!;
      phM += incMark;
      if (phM >= LUT_SIZE) phM -= LUT_SIZE;
      phS += incSpace;
      if (phS >= LUT_SIZE) phS -= LUT_SIZE;
      const slot = 4 * (n & PRODUCT_MASK);
      const old = 4 * ((n - window) & PRODUCT_MASK);
      sumMI += pMI - products[old]!;
      sumMQ += pMQ - products[old + 1]!;
      sumSI += pSI - products[old + 2]!;
      sumSQ += pSQ - products[old + 3]!;
      shMI += pMI;
      shMQ += pMQ;
      shSI += pSI;
      shSQ += pSQ;
      products[slot] = pMI;
      products[slot + 1] = pMQ;
      products[slot + 2] = pSI;
      products[slot + 3] = pSQ;
      const m = sumMI * sumMI + sumMQ * sumMQ;
      const s = (sumSI * sumSI + sumSQ * sumSQ) * weightSpace;
      const d = m - s;
      const h = n & HISTORY_MASK;
      dRing[h] = d;
      eRing[h] = m + s;
      if (d > 0) {
        run++;
        negRun = 0;
      } else if (++negRun > short) {
        run = 0;
      }
      runRing[h] = run;

      if (--fllCountdown === 0) {
        fllCountdown = short;
        const em = shMI * shMI + shMQ * shMQ;
        const es = (shSI * shSI + shSQ * shSQ) * spaceBalance;
        const markish = em > 1.5 * es;
        fllStreak = markish ? fllStreak + 1 : 0;
        const gate = markish && (carrier ? d > 0.25 * (m + s) : fllStreak >= FLL_LOCK_STREAK);
        let speed = this.speed;
        if (!carrier) speed += (1 - speed) * FLL_LEAK;
        if (gate && fllPrevGate) {
          // The correlator mixes with e^{+j theta}, so a tone above the tuned frequency turns backwards.
          const re = shMI * fllPrevI + shMQ * fllPrevQ;
          const imag = shMQ * fllPrevI - shMI * fllPrevQ;
          const offsetHz = (-Math.atan2(imag, re) * fd) / (2 * Math.PI * short);
          const gain = inData ? FLL_GAIN : FLL_GAIN_ACQUIRE;
          speed += (gain * offsetHz) / markHz;
          speed = speed < SPEED_MIN ? SPEED_MIN : speed > SPEED_MAX ? SPEED_MAX : speed;
        }
        if (speed !== this.speed) {
          this.speed = speed;
          incMark = ((markHz * speed) / fd) * LUT_SIZE;
          incSpace = ((spaceHz * speed) / fd) * LUT_SIZE;
          const period = fd / (baud * speed);
          if (Math.abs(period - window) > 0.5) {
            this.sumMI = sumMI;
            this.sumMQ = sumMQ;
            this.sumSI = sumSI;
            this.sumSQ = sumSQ;
            this.n = n + 1;
            this.window = window;
            this.retune();
            sumMI = this.sumMI;
            sumMQ = this.sumMQ;
            sumSI = this.sumSI;
            sumSQ = this.sumSQ;
            window = this.window;
            needRun = this.needRun;
          } else {
            this.period = period;
          }
        }
        fllPrevGate = gate;
        fllPrevI = shMI;
        fllPrevQ = shMQ;
        shMI = 0;
        shMQ = 0;
        shSI = 0;
        shSQ = 0;
      }

      if (state === HUNT) {
        if (d < 0 && n >= huntFrom && (prevRun >= needRun || n < syncUntil)) {
          this.n = n + 1;
          this.startFrame(n);
          called = true;
        } else if (n >= nextTick) {
          this.n = n + 1;
          this.tick(n, d, m + s);
          called = true;
        }
      } else if (n >= decodeAt) {
        this.n = n + 1;
        this.decodeFrame(false);
        called = true;
      }
      if (called) {
        called = false;
        weightSpace = this.balance.weightSpace;
        state = this.state;
        needRun = this.needRun;
        huntFrom = this.huntFrom;
        nextTick = this.nextTick;
        decodeAt = this.decodeAt;
        syncUntil = this.syncUntil;
        carrier = this.carrier;
        inData = this.segmentKind === 'data';
      }
      prevRun = run;
      n++;
    }
    this.phaseMark = phM;
    this.phaseSpace = phS;
    this.fllStreak = fllStreak;
    this.fllPrevGate = fllPrevGate;
    this.fllPrevI = fllPrevI;
    this.fllPrevQ = fllPrevQ;
    this.sumMI = sumMI;
    this.sumMQ = sumMQ;
    this.sumSI = sumSI;
    this.sumSQ = sumSQ;
    this.shortMI = shMI;
    this.shortMQ = shMQ;
    this.shortSI = shSI;
    this.shortSQ = shSQ;
    this.window = window;
    this.markRun = run;
    this.negRun = negRun;
    this.n = n;
    this.fllCountdown = fllCountdown;
  }

  /** Decimated time (sample i covers [i - 0.5, i + 0.5)) to an input sample position. */
  private toInput(t: number): number {
    return Math.max(0, Math.round(t * this.decimation));
  }

  private startFrame(at: number): void {
    this.state = WAIT;
    this.trigger = at;
    const half = Math.floor(this.window / 2);
    const frameStart = at + 0.5 - this.window / 2;
    this.decodeAt = Math.ceil(frameStart + half + this.window + this.frameBits * this.period) + 1;
  }

  /** Idle bookkeeping once per bit period while hunting: carrier lock, mark level, quality. */
  private tick(at: number, d: number, e: number): void {
    this.nextTick = at + Math.max(1, Math.round(this.period));
    const confidence = e > SILENT_ENERGY ? Math.abs(d) / e : 0;
    this.quality += (confidence - this.quality) * QUALITY_RATE;
    const sample = this.toInput(at);
    this.observePresence(confidence, sample);
    if (d > 0 && confidence > 0.6) {
      this.markTicks++;
      this.lastGood = sample;
      if (!this.carrier && this.markTicks >= LOCK_TICKS) {
        this.carrierOn(Math.max(0, sample - Math.round(LOCK_TICKS * this.period * this.decimation)));
      }
    } else {
      // A bad tick costs more than a good one earns, so noise (good one time in five) never locks.
      this.markTicks = Math.max(0, this.markTicks - 4);
    }
    if (this.carrier) {
      if (this.quality < QUALITY_OFF) {
        this.carrierOff(this.lastGood);
      } else if (
        this.segmentKind === 'data' &&
        sample - this.dataEnd > 16 * this.frameBits * this.period * this.decimation
      ) {
        this.emitSegment('data', this.segmentStart, this.dataEnd);
        this.segmentKind = 'carrier';
        this.segmentStart = this.dataEnd;
        this.lastFrameEnd = -1;
      }
    }
    if (!this.carrier && this.recordingOpen && sample - this.segmentStart >= this.gapSamples) {
      this.closeRecording(this.segmentStart);
    }
    if (this.segmentKind === 'data' && Math.abs(this.speed - this.lastCarrierSpeed) > 0.005) {
      this.emitCarrier(sample, false);
    }
  }

  /**
   * A dropout is the tones giving way to noise (a tone-to-noise measure, whatever the loudness). The
   * carrier is kept through short ones (reported as gaps) and dropped after HANGOVER_SECONDS.
   */
  private observePresence(confidence: number, sample: number): void {
    if (!this.carrier) return;
    const cell = this.period * this.decimation;
    const change = this.presence.observe(confidence, sample, cell);
    if (change === 'lost') this.gapSinceFrame = true;
    if (change === 'found') {
      const since = this.presence.gapStart;
      const from = Math.max(since, this.segmentStart);
      if (sample - from >= cell) {
        const wasData = this.segmentKind === 'data';
        this.closeSegment(from);
        this.emitSegment('gap', from, sample);
        this.segmentKind = wasData ? 'data' : 'carrier';
        this.segmentStart = sample;
      }
    } else if (
      this.presence.absentSince >= 0 &&
      sample - this.presence.absentSince > HANGOVER_SECONDS * this.sampleRate
    ) {
      this.carrierOff(this.presence.absentSince);
    }
  }

  /** Forgets levels learned from a signal that has gone (the next one may differ). */
  private resetLevels(): void {
    this.balance.reset();
    this.presence.reset();
  }

  /**
   * How well the frame fits at `shift` from the offsets in frameOffsets: the cell `before` a start bit is
   * always mark (a stop bit or idle line), the start bit space, data cells count by margin, stop bits mark.
   */
  private frameScore(before: number, shift: number, penalty: number): number {
    const dRing = this.dRing;
    const offsets = this.frameOffsets;
    const free = this.freeBits;
    const bits = this.frameBits;
    let sum = dRing[(before + shift) & HISTORY_MASK]! - dRing[(offsets[0]! + shift) & HISTORY_MASK]!;
    for (let k = 1; k <= free; k++) sum += Math.abs(dRing[(offsets[k]! + shift) & HISTORY_MASK]!);
    for (let k = free + 1; k < bits; k++) sum += dRing[(offsets[k]! + shift) & HISTORY_MASK]!;
    return sum - penalty * Math.abs(shift);
  }

  private decodeFrame(atEnd: boolean): void {
    const period = this.period;
    const bits = this.frameBits;
    const free = this.freeBits;
    const half = Math.floor(this.window / 2);
    const base = this.trigger + 0.5 - this.window / 2 - 0.5;
    const newest = this.n - 1;
    const oldest = this.n - HISTORY_RING + 1;
    const dRing = this.dRing;
    const offsets = this.frameOffsets;
    for (let k = 0; k < bits; k++) offsets[k] = Math.round(base + (k + 1) * period);
    const lowShift = Math.max(-half, oldest - (offsets[0] ?? 0));
    // Noise in the stop bits fires early triggers, so the search reaches a bit later than early.
    const highShift = Math.min(half + this.window, newest - (offsets[bits - 1] ?? 0));
    if (highShift < lowShift) {
      // Only at the end of the stream: the frame is cut off.
      this.state = HUNT;
      return;
    }
    // Timing that best fits the whole frame: known start (0) and stop (1) bits count with their sign,
    // data bits with their margin whichever way they go; distance from the trigger costs a little.
    let scale = 0;
    for (let k = 0; k < bits; k++) scale += this.eRing[(offsets[k] ?? 0) & HISTORY_MASK]!;
    const penalty = (0.3 * scale) / bits / this.window;
    const before = Math.round(base);
    // The score peaks over about a bit, so a coarse pass in steps of 3 and a refinement find the top.
    let bestShift = lowShift;
    let bestScore = -Infinity;
    for (let shift = lowShift; shift <= highShift; shift += 3) {
      const value = this.frameScore(before, shift, penalty);
      if (value > bestScore) {
        bestScore = value;
        bestShift = shift;
      }
    }
    const coarse = bestShift;
    for (let shift = Math.max(lowShift, coarse - 1); shift <= Math.min(highShift, coarse + 1); shift += 2) {
      const value = this.frameScore(before, shift, penalty);
      if (value > bestScore) {
        bestScore = value;
        bestShift = shift;
      }
    }
    // A run of data is frames back to back, or resuming after the tones went away; after idle mark only a
    // clean frame continues it. Inside a run, after a dropout or a noisy stretch the framer can lock onto
    // a data bit, so the timing that continues the previous frame's wins when it fits nearly as well.
    const inRun =
      this.segmentKind === 'data' &&
      this.lastFrameEnd >= 0 &&
      (base + 0.5 - this.lastFrameEnd < 2 * bits * period || this.gapSinceFrame);
    if (inRun) {
      const span = bits * period;
      const slots = (base + 0.5 + bestShift - this.lastFrameEnd) / span;
      const bar = ALIGNED_SHARE * (bestScore + penalty * Math.abs(bestShift));
      let alignedBest = -Infinity;
      for (let side = 0; side < 2; side++) {
        const slot = side === 0 ? Math.floor(slots) : Math.ceil(slots);
        const aligned = Math.round(this.lastFrameEnd + slot * span - base - 0.5);
        if (
          slot < 0 ||
          Math.abs(aligned - bestShift) < period / 2 ||
          (offsets[0] ?? 0) + aligned - period < oldest ||
          (offsets[bits - 1] ?? 0) + aligned > newest
        ) {
          continue;
        }
        const value = this.frameScore(before, aligned, penalty) + penalty * Math.abs(aligned);
        if (value >= bar && value > alignedBest) {
          alignedBest = value;
          bestShift = aligned;
        }
      }
      const later = this.lastFrameEnd + Math.ceil(slots) * span;
      const offGrid = Math.abs(slots - Math.round(slots)) * span >= period / 2;
      if (
        alignedBest === -Infinity &&
        offGrid &&
        this.gapSinceFrame &&
        this.deferredTrigger !== this.trigger
      ) {
        // The slot that continues the grid is not all in the history yet: judge the frame there once
        // it is, and let reportSkipped cover the slot before it.
        const trigger = Math.round(later - 0.5 + this.window / 2);
        if (trigger > this.trigger && (offsets[bits - 1] ?? 0) + (trigger - this.trigger) > newest) {
          this.deferredTrigger = trigger;
          this.startFrame(trigger);
          return;
        }
      }
    }
    const frameStart = base + 0.5 + bestShift;
    const frame = this.frame;
    const { values, confidences, energies, margins } = frame;
    let confidenceSum = 0;
    for (let k = 0; k < bits; k++) {
      const t = ((offsets[k] ?? 0) + bestShift) & HISTORY_MASK;
      const d = dRing[t] ?? 0;
      const e = this.eRing[t] ?? 0;
      values[k] = d > 0 ? 1 : 0;
      const c = e > SILENT_ENERGY ? Math.abs(d) / e : 0;
      confidences[k] = c;
      energies[k] = e;
      margins[k] = d;
      confidenceSum += c;
    }
    const confidence = confidenceSum / bits;
    // Every frame tried tells how clean the signal is, accepted or not (noise averages 0.5).
    if (!this.carrier)
      for (let k = 0; k < bits; k++) this.quality += ((confidences[k] ?? 0) - this.quality) * QUALITY_RATE;
    if (values[0] === 1) {
      this.resumeHunt(this.trigger + 1, atEnd);
      return;
    }
    const stop1 = values[free + 1] === 1;
    const stop2 = this.stopBits < 2 || values[free + 2] === 1;
    const framingError = !stop1 || !stop2;
    // Outside a run of data (noise, or a leader with a dip in it) only a clean frame starts data.
    let energySum = 0;
    for (let k = 0; k < bits; k++) energySum += energies[k] ?? 0;
    const sampleAtEnd = this.toInput(frameStart + bits * period);
    for (let k = 0; k < bits; k++) this.observePresence(confidences[k] ?? 0, sampleAtEnd);
    const entering = !this.carrier || !inRun;
    // A start bit is space tone as loud as the frame around it, not a dip in the mark or the tail of a
    // dropout.
    const weakStart =
      entering && ((energies[0] ?? 0) - (margins[0] ?? 0)) / 2 < (START_ENERGY * energySum) / bits;
    // Inside data a frame without tones (a dropout's noise) is left for reportSkipped, which reports its
    // slot if data resumes after it and drops it if the tape goes on with idle mark or nothing.
    const toneless = !entering && this.presence.absentSince >= 0;
    if (weakStart || toneless) {
      this.resumeHunt(this.trigger + 1, atEnd);
      return;
    }
    let weakest = 1;
    for (let k = 0; k < bits; k++) weakest = Math.min(weakest, confidences[k] ?? 0);
    if (
      entering &&
      (framingError ||
        confidence < ACCEPT_CONFIDENCE ||
        (confidences[0] ?? 0) < START_CONFIDENCE ||
        weakest < WEAKEST_CONFIDENCE)
    ) {
      this.resumeHunt(this.trigger + 1, atEnd);
      return;
    }
    frame.frameStart = frameStart;
    frame.period = period;
    frame.bits = bits;
    frame.confidence = confidence;
    frame.framingError = framingError;
    frame.stop1 = stop1;
    if (!this.carrier) {
      // Without a carrier noise can forge a clean frame now and then, but hardly two frames in a row
      // while the recent decisions are clearly better than noise's.
      const pending = this.pending;
      const distance = pending ? frame.frameStart - pending.frameStart : 0;
      const follows = pending && distance >= (bits - 0.5) * period && distance <= (bits + 2.5) * period;
      if (!follows || this.quality < ENTER_QUALITY) {
        // Held back: copy out of the scratch arrays the next frame reuses.
        this.pending = {
          ...frame,
          values: frame.values.slice(),
          confidences: frame.confidences.slice(),
          energies: frame.energies.slice(),
          margins: frame.margins.slice(),
        };
        this.syncUntil = Math.round(base + bestShift + (bits + 1) * period + this.window / 2);
        this.resumeHunt(Math.round(base + bestShift + (bits - 1) * period + this.window / 2), atEnd);
        return;
      }
      this.pending = undefined;
      this.acceptFrame(pending);
    }
    this.acceptFrame(frame);
    this.markTicks = 0;
    const resync = !stop1 && !this.inSync;
    this.inSync = stop1;
    const next = resync
      ? this.trigger + Math.round(period)
      : Math.round(base + bestShift + (bits - 1) * period + this.window / 2);
    // Right after a good frame the next start bit needs no run of mark before it: a noise dip in the
    // stop bits must not hide it.
    this.syncUntil = stop1 ? Math.round(base + bestShift + (bits + 1) * period + this.window / 2) : 0;
    this.resumeHunt(next, atEnd);
    if (this.carrier && this.quality < QUALITY_OFF) this.carrierOff(this.lastGood);
  }

  /** Reports an accepted frame: segments, bit and byte events, levels. */
  private acceptFrame(frame: FrameRecord): void {
    const { frameStart, period, bits, values, confidences, energies, margins, confidence } = frame;
    const { framingError, stop1 } = frame;
    const start = this.toInput(frameStart);
    const end = this.toInput(frameStart + bits * period);
    const wasCarrier = this.carrier;
    if (!this.carrier) this.carrierOn(start);
    if (this.segmentKind !== 'data') {
      const from = Math.max(start, this.segmentStart);
      this.closeSegment(from);
      this.segmentKind = 'data';
      this.segmentStart = from;
      if (
        Math.abs(this.speed - this.lastCarrierSpeed) > 0.001 ||
        start - this.lastCarrierSample > this.sampleRate
      ) {
        this.emitCarrier(start, true);
      }
    }
    if (!wasCarrier) this.reportLost(frameStart);
    this.reportSkipped(frameStart, period, bits);
    const badStop = framingError ? (stop1 ? 2 : 1) : 0;
    this.emitFrame(frameStart, period, bits, values, confidences, badStop, confidence);
    let local = 0;
    for (let k = 0; k < bits; k++) local += (energies[k] ?? 0) / bits;
    for (let k = 0; k < bits; k++) {
      const c = confidences[k] ?? 0;
      if (wasCarrier) this.quality += (c - this.quality) * QUALITY_RATE;
      if (c > 0.5) this.balance.observe(energies[k] ?? 0, margins[k] ?? 0, local);
    }
    this.dataEnd = end;
    this.lastGood = end;
    this.lastFrameEnd = frameStart + bits * period;
    this.gapSinceFrame = false;
    const spacing = frameStart - this.lastFrameStart;
    if (this.lastFrameStart >= 0 && spacing > (bits - 0.5) * period && spacing < (bits + 2.5) * period)
      this.frameSpacing = spacing;
    this.lastFrameStart = frameStart;
    this.lastFramePeriod = period;
  }

  /**
   * Bit and byte events of one frame; `badStop` is 0, or the stop bit (1 or 2) that was a 0, or 3 for a
   * frame slot the framer could not read at all.
   */
  private emitFrame(
    frameStart: number,
    period: number,
    bits: number,
    values: Uint8Array,
    confidences: Float64Array,
    badStop: number,
    confidence: number,
  ): void {
    const start = this.toInput(frameStart);
    const end = this.toInput(frameStart + bits * period);
    let value = 0;
    for (let k = 0; k < this.dataBits; k++) value |= (values[k + 1] ?? 0) << k;
    const unreadable = badStop === 3;
    let parityError = false;
    if (this.parity !== 'none' && !unreadable) {
      let ones = values[this.freeBits] ?? 0;
      for (let v = value; v !== 0; v &= v - 1) ones++;
      parityError = (ones & 1) !== (this.parity === 'odd' ? 1 : 0);
    }
    for (let k = 0; k < bits; k++) if ((confidences[k] ?? 0) < this.lowConfidence) this.lowCells++;
    if (this.bitEvents) {
      for (let k = 0; k < bits; k++) {
        this.out.push({
          type: 'bit',
          value: values[k] === 1 ? 1 : 0,
          confidence: confidences[k] ?? 0,
          start: this.toInput(frameStart + k * period),
          end: this.toInput(frameStart + (k + 1) * period),
          role: k === 0 ? 'start' : k <= this.dataBits ? 'data' : k <= this.freeBits ? 'parity' : 'stop',
        });
      }
    }
    const framingError = badStop !== 0;
    this.out.push(
      unreadable || parityError
        ? {
            type: 'byte',
            value,
            start,
            end,
            framingError,
            confidence,
            ...(unreadable ? { unreadable } : {}),
            ...(parityError ? { parityError } : {}),
          }
        : { type: 'byte', value, start, end, framingError, confidence },
    );
    this.recordingBytes++;
    if (framingError) {
      this.recordingErrors++;
      this.out.push({
        type: 'framing-error',
        start,
        end,
        value,
        stopBit: unreadable ? 0 : badStop,
        ...(unreadable ? { unreadable } : {}),
      });
    }
  }

  /**
   * Inside data, whole frame slots between the previous frame and this one that do not read as idle mark
   * held a byte the framer could not frame (a dropout, a start bit lost in noise): each is reported at its
   * position with its best guess, as an unreadable framing error, so no byte goes missing silently.
   */
  private reportSkipped(frameStart: number, period: number, bits: number): void {
    let slot = this.lastFrameEnd;
    if (slot < 0 || this.segmentKind !== 'data') return;
    const span = bits * period;
    const oldest = this.n - HISTORY_RING + 1;
    const values = this.skippedValues;
    const confidences = this.skippedConfidences;
    for (; slot + span <= frameStart + 0.5 * period; slot += span) {
      if (Math.round(slot - 0.5 + period) < oldest) continue;
      let spaces = 0;
      let sum = 0;
      for (let k = 0; k < bits; k++) {
        const t = Math.round(slot - 0.5 + (k + 1) * period) & HISTORY_MASK;
        const d = this.dRing[t] ?? 0;
        const e = this.eRing[t] ?? 0;
        values[k] = d > 0 ? 1 : 0;
        if (d <= 0) spaces++;
        confidences[k] = e > SILENT_ENERGY ? Math.abs(d) / e : 0;
        sum += confidences[k] ?? 0;
      }
      if (spaces < 2 && sum / bits >= SKIPPED_CONFIDENCE) continue;
      this.emitFrame(slot, period, bits, values, confidences, 3, sum / bits);
    }
  }

  /**
   * Data resumes after a dropout long enough to drop the carrier: every frame slot between the last
   * frame before it and this one was lost (the tones were gone, so nothing of it can be
   * read) and is reported as unreadable with no confidence, so the bytes keep their count and place.
   */
  private reportLost(frameStart: number): void {
    const lost = this.lostRun;
    this.lostRun = undefined;
    if (!lost || !this.recordingOpen) return;
    // Frames arrive back to back at the spacing measured before the dropout (a frame decoded as 8N1 from
    // a board sending 8N2 is a bit shorter than its spacing). The gap's length is known only roughly (a
    // damaged file's lost audio is replaced by an estimate of its length), so the count is rounded.
    const missing = Math.round((frameStart - lost.start) / lost.spacing) - 1;
    // Spread evenly between the two frames that were read, so an error in the spacing does not add up.
    const step = (frameStart - lost.start) / (missing + 1);
    const values = this.skippedValues.fill(0);
    const confidences = this.skippedConfidences.fill(0);
    for (let k = 1; k <= missing; k++) {
      this.emitFrame(lost.start + k * step, lost.period, lost.bits, values, confidences, 3, 0);
    }
  }

  /** Back to hunting from decimated sample `from`, replaying the history already seen. */
  private resumeHunt(from: number, atEnd: boolean): void {
    this.state = HUNT;
    this.huntFrom = from;
    this.nextTick = this.n + Math.round(this.period);
    if (atEnd) return;
    const last = this.n - 1;
    const need = this.needRun;
    for (let j = Math.max(from, this.n - HISTORY_RING + 2); j <= last; j++) {
      const d = this.dRing[j & HISTORY_MASK] ?? 0;
      const prev = this.runRing[(j - 1) & HISTORY_MASK] ?? 0;
      if (d < 0 && (prev >= need || j < this.syncUntil)) {
        this.startFrame(j);
        if (this.decodeAt <= last) this.decodeFrame(false);
        return;
      }
    }
  }

  private carrierOn(at: number): void {
    this.carrier = true;
    this.resetLevels();
    this.quality = Math.max(this.quality, 0.8);
    const start = Math.max(at, this.segmentStart);
    this.closeSilence(start);
    if (!this.recordingOpen) {
      this.recordingOpen = true;
      this.recordingStart = start;
      this.recordingBytes = 0;
      this.recordingErrors = 0;
    }
    this.segmentKind = 'carrier';
    this.segmentStart = start;
  }

  private carrierOff(at: number): void {
    this.lostRun =
      this.segmentKind === 'data' && this.lastFrameEnd >= 0
        ? {
            start: this.lastFrameStart,
            spacing: this.frameSpacing || this.frameBits * this.lastFramePeriod,
            period: this.lastFramePeriod,
            bits: this.frameBits,
          }
        : undefined;
    this.carrier = false;
    this.markTicks = 0;
    this.inSync = false;
    this.lastFrameEnd = -1;
    this.resetLevels();
    const end = Math.max(at, this.segmentStart);
    this.closeSegment(end);
    this.segmentKind = 'silence';
    this.segmentStart = end;
  }

  /** Ends the current carrier or data segment at `end` (a data segment ends at its last frame). */
  private closeSegment(end: number): void {
    if (this.segmentKind === 'silence' || this.segmentKind === 'gap') return;
    if (this.segmentKind === 'data') {
      const stop = Math.min(Math.max(this.dataEnd, this.segmentStart), end);
      this.emitSegment('data', this.segmentStart, stop);
      this.emitSegment('carrier', stop, end);
    } else {
      this.emitSegment('carrier', this.segmentStart, end);
    }
    this.segmentStart = end;
  }

  /** Ends a stretch without carrier at `end`: a gap inside a recording or a silence between them. */
  private closeSilence(end: number): void {
    if (this.segmentKind !== 'silence') return;
    const start = this.segmentStart;
    if (end <= start) return;
    const long = end - start >= this.gapSamples;
    if (this.recordingOpen && long) this.closeRecording(start);
    this.emitSegment(this.recordingOpen && !long ? 'gap' : 'silence', start, end);
    this.segmentStart = end;
  }

  private closeRecording(end: number): void {
    this.recordingOpen = false;
    this.lostRun = undefined;
    this.out.push({
      type: 'recording',
      index: this.recordingIndex++,
      start: this.recordingStart,
      end: Math.max(end, this.recordingStart),
      bytes: this.recordingBytes,
      framingErrors: this.recordingErrors,
    });
  }

  private emitSegment(kind: KcsSegmentKind, start: number, end: number): void {
    if (end > start) this.out.push({ type: 'segment', kind, start, end });
  }

  private emitCarrier(sample: number, force: boolean): void {
    if (!force && sample - this.lastCarrierSample < this.sampleRate / 2) return;
    this.lastCarrierSpeed = this.speed;
    this.lastCarrierSample = sample;
    this.out.push({
      type: 'carrier',
      sample,
      markHz: this.markHz * this.speed,
      spaceHz: this.spaceHz * this.speed,
      baud: this.baud * this.speed,
      speed: this.speed,
    });
  }
}

export interface BytesToTextOptions {
  /** Drop NUL bytes (the pauses after each CR), default true. */
  stripNulls?: boolean;
  /** Clear bit 7, default true. */
  maskBit7?: boolean;
  /** Turn CR into LF and drop LF that follows CR, default true. */
  newlines?: boolean;
}

/** Optional text view of decoded bytes (the byte stream itself stays raw). */
export function bytesToText(bytes: Uint8Array, options: BytesToTextOptions = {}): string {
  const { stripNulls = true, maskBit7 = true, newlines = true } = options;
  let text = '';
  let previous = -1;
  for (const raw of bytes) {
    const byte = maskBit7 ? raw & 0x7f : raw;
    if (stripNulls && byte === 0) continue;
    if (newlines && byte === 0x0a && previous === 0x0d) {
      previous = byte;
      continue;
    }
    text += newlines && byte === 0x0d ? '\n' : String.fromCharCode(byte);
    previous = byte;
  }
  return text;
}

/** Decodes a whole buffer in one go (convenience for tests and small files). */
export function decodeKcs(samples: Float32Array, options: KcsDecoderOptions): KcsEvent[] {
  const decoder = new KcsDecoder(options);
  return [...decoder.push(samples), ...decoder.finish()];
}

export function bytesOf(events: readonly KcsEvent[]): Uint8Array {
  const out: number[] = [];
  for (const event of events) if (event.type === 'byte') out.push(event.value);
  return Uint8Array.from(out);
}
