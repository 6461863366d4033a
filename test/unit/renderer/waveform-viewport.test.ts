import { describe, expect, it } from 'vitest';
import { MAX_PX_PER_SECOND, WaveformViewport } from '../../../src-renderer/lib/waveform-viewport.ts';

const RATE = 48_000;
const HOURS3 = 3 * 3600 * RATE;

describe('the Waveform area viewport', () => {
  it('starts with the whole tape in view', () => {
    const vp = new WaveformViewport(HOURS3, RATE, 1600);
    expect(vp.start).toBe(0);
    expect(vp.end).toBe(HOURS3);
    expect(vp.fitted).toBe(true);
    expect(vp.pxPerSecond).toBeCloseTo(1600 / (3 * 3600), 6);
  });

  it('zooms around an anchor and keeps the sample under it', () => {
    const vp = new WaveformViewport(HOURS3, RATE, 1600);
    vp.zoomTo(1000);
    const under = vp.sampleAt(400);
    vp.zoomBy(2, 400);
    expect(vp.pxPerSecond).toBeCloseTo(2000, 6);
    expect(vp.sampleAt(400)).toBeCloseTo(under, 3);
    expect(vp.xOf(under)).toBeCloseTo(400, 6);
  });

  it('stops at single cycles and at the whole tape, and never leaves the tape', () => {
    const vp = new WaveformViewport(HOURS3, RATE, 1600);
    vp.zoomTo(1e9);
    expect(vp.pxPerSecond).toBeCloseTo(MAX_PX_PER_SECOND, 6);
    vp.centreOn(HOURS3 + 1e6);
    expect(vp.end).toBeCloseTo(HOURS3, 3);
    vp.panBy(-1e12);
    expect(vp.start).toBe(0);
    vp.zoomTo(1e-9);
    expect(vp.fitted).toBe(true);
    expect(vp.start).toBe(0);
  });

  it('fetches the view and a width either side at the view resolution, whatever the tape length', () => {
    for (const frames of [15 * RATE, HOURS3]) {
      const vp = new WaveformViewport(frames, RATE, 1600);
      vp.zoomTo(1000);
      vp.centreOn(frames / 2);
      const window = vp.fetchWindow();
      expect(window.columns).toBeGreaterThanOrEqual(1600 * 3 - 2);
      expect(window.columns).toBeLessThanOrEqual(1600 * 3 + 2);
      expect(window.start).toBeLessThan(vp.start);
      expect(window.end).toBeGreaterThan(vp.end);
      expect(vp.covers(window)).toBe(true);
      // Scrolling within the margin needs nothing new; past it, or zoomed, it does.
      vp.panBy(800);
      expect(vp.covers(window)).toBe(true);
      vp.panBy(1600);
      expect(vp.covers(window)).toBe(false);
      vp.panBy(-2400);
      vp.zoomBy(2);
      expect(vp.covers(window)).toBe(false);
    }
  });

  it('keeps the centre when the width changes, and the whole tape when it was fitted', () => {
    const vp = new WaveformViewport(HOURS3, RATE, 1600);
    vp.resize(800);
    expect(vp.fitted).toBe(true);
    vp.zoomTo(500);
    vp.centreOn(1e8);
    vp.resize(1200);
    expect(vp.centre).toBeCloseTo(1e8, 3);
    expect(vp.pxPerSecond).toBeCloseTo(500, 6);
  });

  it('works out a zoom step on a copy: the neighbour ranges it fetches ahead leave the view where it is', () => {
    const vp = new WaveformViewport(HOURS3, RATE, 1600);
    vp.zoomTo(300);
    vp.centreOn(2e8);
    const zoomedIn = vp.clone();
    zoomedIn.zoomBy(2);
    expect(vp.pxPerSecond).toBeCloseTo(300, 6);
    expect(vp.centre).toBeCloseTo(2e8, 3);
    expect(zoomedIn.pxPerSecond).toBeCloseTo(600, 6);
    expect(zoomedIn.centre).toBeCloseTo(2e8, 3);
    // What was fetched for the copy serves the view once it takes the same step, and not before.
    const ahead = zoomedIn.fetchWindow();
    expect(vp.covers(ahead)).toBe(false);
    vp.zoomBy(2);
    expect(vp.covers(ahead)).toBe(true);
  });
});
