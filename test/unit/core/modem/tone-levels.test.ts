import { describe, expect, it } from 'vitest';
import { ToneBalance, TonePresence } from '../../../../src-main/core/modem/tone-levels.ts';
import { SeededRandom } from '../../../../src-main/core/modem/impairments.ts';

describe('ToneBalance', () => {
  it('learns a treble loss and ignores a common change of loudness', () => {
    const balance = new ToneBalance(1);
    // Mark cells at energy 1 (margin 0.9), space cells at 4, then the whole signal 20 dB quieter.
    for (const gain of [1, 0.01]) {
      for (let i = 0; i < 200; i++) {
        const local = 2.5 * gain;
        balance.observe(1 * gain, 0.9 * gain, local);
        balance.observe(4 * gain, -3.6 * gain, local);
      }
      expect(balance.weightSpace, `gain ${gain}`).toBeCloseTo(0.25, 2);
    }
    balance.reset();
    expect(balance.weightSpace).toBe(1);
  });

  it('trusts the balance within +/-6 dB only', () => {
    const balance = new ToneBalance(2);
    for (let i = 0; i < 100; i++) {
      balance.observe(1, 0.9, 1);
      balance.observe(1000, -999, 1);
    }
    expect(balance.weightSpace).toBeCloseTo(0.5, 6);
  });
});

describe('TonePresence', () => {
  const cell = 147;
  it('loses the tones in noise and finds them again, whatever the level', () => {
    const presence = new TonePresence();
    const random = new SeededRandom(5);
    let sample = 0;
    const feed = (cells: number, margin: () => number): ('lost' | 'found')[] => {
      const changes: ('lost' | 'found')[] = [];
      for (let i = 0; i < cells; i++) {
        const change = presence.observe(margin(), (sample += cell), cell);
        if (change) changes.push(change);
      }
      return changes;
    };
    expect(feed(100, () => 0.95)).toEqual([]);
    const lostAt = sample;
    expect(feed(30, () => random.next())).toEqual(['lost']);
    // The start of the absence is placed within a few cells of where the tones went.
    expect(Math.abs(presence.absentSince - lostAt)).toBeLessThan(4 * cell);
    expect(feed(30, () => 0.95)).toEqual(['found']);
  });

  it('keeps weak tones (margins of a -9 dB SNR tape) present', () => {
    const presence = new TonePresence();
    const random = new SeededRandom(6);
    let lost = 0;
    for (let i = 0; i < 20000; i++) {
      // Margins spread like a noisy tape's: mean about 0.78.
      const margin = Math.min(1, Math.max(0, 0.78 + 0.2 * random.gaussian()));
      if (presence.observe(margin, i * cell, cell) === 'lost') lost++;
    }
    expect(lost).toBeLessThan(5);
  });
});
