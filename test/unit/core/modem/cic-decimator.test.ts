import { describe, expect, it } from 'vitest';
import { CicDecimator, cicGain } from '../../../../src-main/core/modem/cic-decimator.ts';

describe('CicDecimator', () => {
  it('passes DC at unity gain and gives one output per factor inputs', () => {
    const cic = new CicDecimator(5);
    const out = cic.process(new Float32Array(500).fill(0.5));
    expect(out).toHaveLength(100);
    for (const v of out.subarray(2)) expect(v).toBeCloseTo(0.5, 12);
  });

  it('has a triangular impulse response spanning two blocks', () => {
    const factor = 4;
    const input = new Float32Array(16);
    input[4] = 1;
    const out = [...new CicDecimator(factor).process(input)];
    // Input 0 of block 1 weighs D in output 1 and 0 in output 2.
    expect(out.map((v) => v * factor * factor)).toEqual([0, 4, 0, 0]);
    input.fill(0);
    input[6] = 1;
    expect([...new CicDecimator(factor).process(input)].map((v) => v * factor * factor)).toEqual([
      0, 2, 2, 0,
    ]);
  });

  it('gives the same outputs whatever the chunking, and treats NaN as silence', () => {
    const input = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i * 0.3) + (i === 77 ? NaN : 0));
    const whole = [...new CicDecimator(6).process(input)];
    const cic = new CicDecimator(6);
    const pieces: number[] = [];
    for (let i = 0; i < input.length; i += 7) pieces.push(...cic.process(input.subarray(i, i + 7)));
    expect(pieces).toHaveLength(whole.length);
    pieces.forEach((v, i) => expect(v).toBeCloseTo(whole[i] ?? NaN, 12));
    expect(whole.every(Number.isFinite)).toBe(true);
  });

  it('attenuates by the response cicGain predicts', () => {
    const rate = 48000;
    const factor = 6;
    const hz = 2400;
    const input = Float32Array.from({ length: 48000 }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));
    const out = new CicDecimator(factor).process(input).subarray(100);
    let power = 0;
    for (const v of out) power += v * v;
    expect(Math.sqrt((2 * power) / out.length)).toBeCloseTo(cicGain(hz, rate, factor), 2);
  });

  it('decimates 16-bit words exactly as their float conversion, whatever the chunking', () => {
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const words = Int16Array.from({ length: 5000 }, (_, i) =>
      i % 997 === 3 ? -32768 : i % 991 === 5 ? 32767 : Math.round((next() * 2 - 1) * 32767),
    );
    const floats = Float32Array.from(words, (v) => v / 32768);
    for (const factor of [1, 2, 5, 6, 12, 24]) {
      const expected = [...new CicDecimator(factor).process(floats)];
      for (const size of [1, 7, factor, 1000, words.length]) {
        const cic = new CicDecimator(factor);
        const got: number[] = [];
        for (let i = 0; i < words.length; i += size) {
          // Alternating with float chunks too: the two share their running sums.
          const part = words.subarray(i, i + size);
          const odd = (i / size) % 2 === 1;
          got.push(...(odd ? cic.process(floats.subarray(i, i + size)) : cic.processPcm16(part)));
        }
        // Bit for bit, not merely close.
        expect(got).toEqual(expected);
      }
    }
  });
});
