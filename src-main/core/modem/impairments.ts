// Test-tape impairments: what a cassette, a tired recorder and a sound card do to a KCS signal.
// Everything is deterministic for a given seed so quality sweeps are repeatable.

/** Small seeded PRNG (a 32-bit multiply-xorshift mixer); not for cryptography. */
export class SeededRandom {
  private state: number;
  private spare: number | undefined;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (polar Box-Muller). */
  gaussian(): number {
    if (this.spare !== undefined) {
      const value = this.spare;
      this.spare = undefined;
      return value;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.next() * 2 - 1;
      v = this.next() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * factor;
    return u * factor;
  }
}

export function signalPower(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] ?? 0;
    sum += v * v;
  }
  return samples.length === 0 ? 0 : sum / samples.length;
}

/** Standard deviation of white noise that gives `snrDb` against a signal of the given mean power. */
export function noiseSigma(power: number, snrDb: number): number {
  return Math.sqrt(power / 10 ** (snrDb / 10));
}

/** Adds white Gaussian noise in place; `sigma` from noiseSigma(). Works chunk by chunk. */
export function addNoise(samples: Float32Array, sigma: number, random: SeededRandom): void {
  for (let i = 0; i < samples.length; i++) samples[i] = (samples[i] ?? 0) + sigma * random.gaussian();
}

export function addDcOffset(samples: Float32Array, offset: number): void {
  for (let i = 0; i < samples.length; i++) samples[i] = (samples[i] ?? 0) + offset;
}

export interface HumOptions {
  /** Mains frequency (50 or 60 Hz). */
  hz: number;
  /** Peak amplitude of the fundamental. */
  amplitude: number;
  /** Relative amplitude of the 3rd harmonic (rectifier buzz), default 0.3. */
  thirdHarmonic?: number;
}

export function addHum(
  samples: Float32Array,
  sampleRate: number,
  options: HumOptions,
  firstSample = 0,
): void {
  const third = options.thirdHarmonic ?? 0.3;
  const w = (2 * Math.PI * options.hz) / sampleRate;
  for (let i = 0; i < samples.length; i++) {
    const t = (firstSample + i) * w;
    samples[i] = (samples[i] ?? 0) + options.amplitude * (Math.sin(t) + third * Math.sin(3 * t + 0.7));
  }
}

export function invert(samples: Float32Array): void {
  for (let i = 0; i < samples.length; i++) samples[i] = -(samples[i] ?? 0);
}

/** Amplifies by `gain` and hard-clips at +/-`level`. */
export function clip(samples: Float32Array, gain: number, level = 1): void {
  for (let i = 0; i < samples.length; i++) {
    const v = (samples[i] ?? 0) * gain;
    samples[i] = v > level ? level : v < -level ? -level : v;
  }
}

/** Second-order section (RBJ audio-EQ cookbook forms), direct form I. */
class Biquad {
  private readonly b0: number;
  private readonly b1: number;
  private readonly b2: number;
  private readonly a1: number;
  private readonly a2: number;
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  constructor(kind: 'lowpass' | 'highpass', hz: number, sampleRate: number, q = Math.SQRT1_2) {
    const w = (2 * Math.PI * hz) / sampleRate;
    const cos = Math.cos(w);
    const alpha = Math.sin(w) / (2 * q);
    const a0 = 1 + alpha;
    const b1 = kind === 'lowpass' ? 1 - cos : -(1 + cos);
    const b0 = kind === 'lowpass' ? (1 - cos) / 2 : (1 + cos) / 2;
    this.b0 = b0 / a0;
    this.b1 = b1 / a0;
    this.b2 = b0 / a0;
    this.a1 = (-2 * cos) / a0;
    this.a2 = (1 - alpha) / a0;
  }

  process(samples: Float32Array): void {
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i] ?? 0;
      const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
      this.x2 = this.x1;
      this.x1 = x;
      this.y2 = this.y1;
      this.y1 = y;
      samples[i] = y;
    }
  }
}

export interface BandLimitOptions {
  /** High-pass corner (4th order), default 300 Hz. */
  lowHz?: number;
  /** Low-pass corner (4th order), default 3,000 Hz. */
  highHz?: number;
  /**
   * Treble loss: a first-order low-pass at this corner on top, so 2,400 Hz comes back weaker than
   * 1,200 Hz as from a worn head. Off when undefined.
   */
  trebleLossHz?: number;
}

export function bandLimit(samples: Float32Array, sampleRate: number, options: BandLimitOptions = {}): void {
  const { lowHz = 300, highHz = 3000, trebleLossHz } = options;
  new Biquad('highpass', lowHz, sampleRate).process(samples);
  new Biquad('highpass', lowHz, sampleRate).process(samples);
  if (highHz < sampleRate / 2) {
    new Biquad('lowpass', highHz, sampleRate).process(samples);
    new Biquad('lowpass', highHz, sampleRate).process(samples);
  }
  if (trebleLossHz !== undefined) {
    const k = Math.exp((-2 * Math.PI * trebleLossHz) / sampleRate);
    let y = 0;
    for (let i = 0; i < samples.length; i++) {
      y = (1 - k) * (samples[i] ?? 0) + k * y;
      samples[i] = y;
    }
  }
}

export interface SpeedOptions {
  /** Playback speed relative to recording: 1.1 plays 10% fast (higher tones, shorter bits). */
  speed?: number;
  /** Wow: peak relative speed deviation (0.02 = 2%) at wowHz. */
  wow?: number;
  wowHz?: number;
  /** Flutter: peak relative speed deviation at flutterHz. */
  flutter?: number;
  flutterHz?: number;
}

/** Resamples as if the tape ran at a different, wavering speed (linear interpolation). */
export function changeSpeed(samples: Float32Array, sampleRate: number, options: SpeedOptions): Float32Array {
  const { speed = 1, wow = 0, wowHz = 1, flutter = 0, flutterHz = 12 } = options;
  if (!(speed > 0.5 && speed < 2)) throw new RangeError(`speed ${speed} is outside 0.5..2`);
  const ww = 2 * Math.PI * wowHz;
  const wf = 2 * Math.PI * flutterHz;
  const position = (t: number): number =>
    sampleRate *
    speed *
    (t +
      (wow > 0 ? (wow * (1 - Math.cos(ww * t))) / ww : 0) +
      (flutter > 0 ? (flutter * (1 - Math.cos(wf * t))) / wf : 0));
  const out: number[] = [];
  const last = samples.length - 1;
  for (let j = 0; ; j++) {
    const p = position(j / sampleRate);
    if (p >= last) break;
    const i = Math.floor(p);
    const f = p - i;
    out.push((samples[i] ?? 0) * (1 - f) + (samples[i + 1] ?? 0) * f);
  }
  return Float32Array.from(out);
}

export interface DropoutOptions {
  count: number;
  /** Length of each dropout in seconds. */
  seconds: number;
  /** Remaining gain inside a dropout (0 = silence). */
  depth?: number;
}

/** Attenuates `count` randomly placed spans; returns the spans (sample indices) for checking. */
export function addDropouts(
  samples: Float32Array,
  sampleRate: number,
  options: DropoutOptions,
  random: SeededRandom,
): { start: number; end: number }[] {
  const length = Math.round(options.seconds * sampleRate);
  const depth = options.depth ?? 0;
  const spans: { start: number; end: number }[] = [];
  for (let n = 0; n < options.count; n++) {
    const start = Math.floor(random.next() * Math.max(1, samples.length - length));
    const end = Math.min(samples.length, start + length);
    for (let i = start; i < end; i++) samples[i] = (samples[i] ?? 0) * depth;
    spans.push({ start, end });
  }
  return spans;
}

export interface LevelOptions {
  /** Amplitude modulation: gain 1 + depth * sin(2 pi hz t), e.g. depth 0.5 at 3 Hz. */
  am?: { depth: number; hz: number };
  /** A level step of `db` (negative: quieter) at this fraction of the tape. */
  step?: { db: number; at: number };
  /**
   * Recorder AGC pumping: every `periodSeconds` the gain falls to `gain` for `duty` of the period, with
   * attack and release ramps of `rampSeconds` (default 10 ms, linear in dB).
   */
  pumping?: { gain: number; duty: number; periodSeconds: number; rampSeconds?: number };
}

/** Gain changes of a recorder or a tape whose level moves (loudness, not frequency). */
export function changeLevel(
  samples: Float32Array,
  sampleRate: number,
  options: LevelOptions,
  firstSample = 0,
  totalSamples = samples.length,
): void {
  const { am, step, pumping } = options;
  const stepAt = step ? Math.round(step.at * totalSamples) : Infinity;
  const stepGain = step ? 10 ** (step.db / 20) : 1;
  const amW = am ? (2 * Math.PI * am.hz) / sampleRate : 0;
  const pumpDb = pumping ? 20 * Math.log10(pumping.gain) : 0;
  const ramp = pumping?.rampSeconds ?? 0.01;
  for (let i = 0; i < samples.length; i++) {
    const n = firstSample + i;
    let gain = n >= stepAt ? stepGain : 1;
    if (am) gain *= 1 + am.depth * Math.sin(n * amW);
    if (pumping) {
      const t = (n / sampleRate) % pumping.periodSeconds;
      const low = pumping.duty * pumping.periodSeconds;
      // Down ramp ends at 0, the low stretch lasts `low`, the release ramp follows.
      const depth =
        t < low
          ? 1
          : t < low + ramp
            ? 1 - (t - low) / ramp
            : t > pumping.periodSeconds - ramp
              ? (t - (pumping.periodSeconds - ramp)) / ramp
              : 0;
      gain *= 10 ** ((pumpDb * depth) / 20);
    }
    samples[i] = (samples[i] ?? 0) * gain;
  }
}

export interface ImpairmentOptions {
  seed?: number;
  speed?: SpeedOptions;
  /** Loudness that moves: amplitude modulation, a level step, AGC pumping. */
  level?: LevelOptions;
  dropouts?: DropoutOptions;
  bandLimit?: BandLimitOptions;
  invert?: boolean;
  hum?: HumOptions;
  dcOffset?: number;
  /** Full-band SNR in dB against the mean power of the signal after speed change and band-limiting. */
  snrDb?: number;
  /** Gain before hard clipping at +/-1. */
  clipGain?: number;
}

/** Applies the impairments in the order a tape meets them: transport, head, cables, sound card. */
export function impair(samples: Float32Array, sampleRate: number, options: ImpairmentOptions): Float32Array {
  const random = new SeededRandom(options.seed ?? 1);
  const out = options.speed ? changeSpeed(samples, sampleRate, options.speed) : Float32Array.from(samples);
  if (options.bandLimit) bandLimit(out, sampleRate, options.bandLimit);
  // SNR is judged against the signal as the tape head delivers it, before dropouts, hum and DC.
  const power = signalPower(out);
  if (options.level) changeLevel(out, sampleRate, options.level);
  if (options.dropouts) addDropouts(out, sampleRate, options.dropouts, random);
  if (options.invert) invert(out);
  if (options.hum) addHum(out, sampleRate, options.hum);
  if (options.dcOffset !== undefined) addDcOffset(out, options.dcOffset);
  if (options.snrDb !== undefined) addNoise(out, noiseSigma(power, options.snrDb), random);
  if (options.clipGain !== undefined) clip(out, options.clipGain);
  return out;
}
