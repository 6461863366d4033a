import { describe, expect, it } from 'vitest';
import {
  addDropouts,
  addHum,
  addNoise,
  bandLimit,
  changeSpeed,
  clip,
  impair,
  noiseSigma,
  SeededRandom,
  signalPower,
} from '../../../../src-main/core/modem/impairments.ts';

function tone(hz: number, rate: number, seconds: number): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) =>
    Math.sin((2 * Math.PI * hz * i) / rate),
  );
}

describe('SeededRandom', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = new SeededRandom(5);
    const b = new SeededRandom(5);
    const c = new SeededRandom(6);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('gives standard normal deviates', () => {
    const random = new SeededRandom(1);
    let sum = 0;
    let squares = 0;
    const n = 100000;
    for (let i = 0; i < n; i++) {
      const g = random.gaussian();
      sum += g;
      squares += g * g;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(squares / n).toBeCloseTo(1, 1);
  });
});

describe('impairments', () => {
  it('adds noise at the requested full-band SNR', () => {
    const signal = tone(1200, 44100, 1);
    const noisy = Float32Array.from(signal);
    addNoise(noisy, noiseSigma(signalPower(signal), -3), new SeededRandom(2));
    const noise = noisy.map((v, i) => v - (signal[i] ?? 0));
    const snr = 10 * Math.log10(signalPower(signal) / signalPower(noise));
    expect(snr).toBeCloseTo(-3, 1);
  });

  it('changes speed: 10% fast shortens the tape and raises the pitch', () => {
    const rate = 48000;
    const fast = changeSpeed(tone(1000, rate, 1), rate, { speed: 1.1 });
    expect(fast.length).toBeGreaterThan(rate / 1.1 - 3);
    expect(fast.length).toBeLessThan(rate / 1.1 + 1);
    let crossings = 0;
    for (let i = 1; i < fast.length; i++) if ((fast[i - 1] ?? 0) < 0 && (fast[i] ?? 0) >= 0) crossings++;
    expect(crossings / (fast.length / rate)).toBeCloseTo(1100, -1);
  });

  it('clips and band-limits', () => {
    const samples = tone(100, 8000, 0.1);
    clip(samples, 4, 0.5);
    expect(Math.max(...samples)).toBe(0.5);
    const high = tone(3000, 48000, 0.5);
    const low = tone(1200, 48000, 0.5);
    bandLimit(high, 48000, { lowHz: 300, highHz: 1500 });
    bandLimit(low, 48000, { lowHz: 300, highHz: 1500 });
    expect(signalPower(high)).toBeLessThan(0.1 * signalPower(low));
  });

  it('adds hum and dropouts where it says', () => {
    const silence = new Float32Array(8000);
    addHum(silence, 8000, { hz: 50, amplitude: 0.1, thirdHarmonic: 0 });
    expect(Math.max(...silence)).toBeCloseTo(0.1, 3);
    const ones = new Float32Array(10000).fill(1);
    const spans = addDropouts(ones, 10000, { count: 2, seconds: 0.01 }, new SeededRandom(3));
    expect(spans).toHaveLength(2);
    for (const { start, end } of spans) {
      expect(end - start).toBe(100);
      expect(ones[start]).toBe(0);
    }
  });

  it('is deterministic for a seed', () => {
    const signal = tone(2400, 22050, 0.2);
    const options = {
      seed: 9,
      snrDb: 0,
      speed: { wow: 0.01 },
      hum: { hz: 60, amplitude: 0.1 },
      invert: true,
    };
    expect(impair(signal, 22050, options)).toEqual(impair(signal, 22050, options));
  });
});
