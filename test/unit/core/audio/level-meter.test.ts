import { describe, expect, it } from 'vitest';
import { LevelMeter, levelWarning } from '../../../../src-main/core/audio/level-meter.ts';

describe('LevelMeter', () => {
  it('reports the peak, RMS and clipped samples since the last reading, then starts again', () => {
    const meter = new LevelMeter();
    const sine = Float32Array.from({ length: 4800 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * i) / 48));
    expect(meter.push(sine)).toBeCloseTo(0.5, 3);
    const level = meter.take();
    expect(level.peak).toBeCloseTo(0.5, 3);
    expect(level.rms).toBeCloseTo(0.5 / Math.SQRT2, 3);
    expect(level.clipped).toBe(0);
    expect(levelWarning(level)).toBeNull();
    expect(meter.take()).toEqual({ peak: 0, rms: 0, clipped: 0 });
  });

  it('warns of clipping and of a signal too quiet to decode well', () => {
    const meter = new LevelMeter();
    meter.push(Float32Array.of(0.2, -1, 1, 0.3));
    const loud = meter.take();
    expect(loud.clipped).toBe(2);
    expect(levelWarning(loud)).toBe('clipping');
    meter.push(Float32Array.of(0.01, -0.02));
    expect(levelWarning(meter.take())).toBe('too-quiet');
  });
});
