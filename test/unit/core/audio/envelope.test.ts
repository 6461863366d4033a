import { describe, expect, it } from 'vitest';
import { EnvelopeReducer } from '../../../../src-main/core/audio/envelope.ts';

describe('EnvelopeReducer', () => {
  it('gives the min and max of every step samples, across block boundaries, positioned in the stream', () => {
    const envelope = new EnvelopeReducer(4);
    envelope.push(Float32Array.of(0.1, -0.5, 0.3));
    expect(envelope.take()).toEqual({ start: 0, step: 4, min: [], max: [] });
    envelope.push(Float32Array.of(0.2, 0.9, -0.1, 0, 0.4, -1));
    const first = envelope.take();
    expect(first.start).toBe(0);
    expect(first.min).toEqual([-0.5, -0.1].map(Math.fround));
    expect(first.max).toEqual([0.3, 0.9].map(Math.fround));
    // The ninth sample waits for its column to fill; the next take starts where this one ended.
    envelope.push(Float32Array.of(0.5, 0.6, 0.7));
    expect(envelope.take()).toEqual({ start: 8, step: 4, min: [-1], max: [Math.fround(0.7)] });
  });

  it('refuses a step that is not a whole number of samples', () => {
    expect(() => new EnvelopeReducer(0)).toThrow(RangeError);
    expect(() => new EnvelopeReducer(2.5)).toThrow(RangeError);
  });
});
