import { describe, expect, it } from 'vitest';
import { viewportRect } from '../../../src-renderer/components/waveform/minimap-painter.ts';
import { clock } from '../../../src-renderer/components/waveform/overlay-painter.ts';

const view = { width: 1000, height: 30, pixelRatio: 1, frames: 1_000_000, cursor: null };

describe('the minimap', () => {
  it('puts the viewport rectangle where the view is along the tape', () => {
    expect(viewportRect({ ...view, viewStart: 250_000, viewEnd: 500_000 })).toEqual({
      left: 250,
      right: 500,
    });
    expect(viewportRect({ ...view, viewStart: 0, viewEnd: 1_000_000 })).toEqual({ left: 0, right: 1000 });
  });

  it('keeps a tiny view grabbable, centred on where it is and inside the map', () => {
    const middle = viewportRect({ ...view, viewStart: 500_000, viewEnd: 500_010 });
    expect(middle.right - middle.left).toBe(6);
    expect((middle.left + middle.right) / 2).toBeCloseTo(500, 1);
    const end = viewportRect({ ...view, viewStart: 999_990, viewEnd: 1_000_000 });
    expect(end.right).toBe(1000);
  });
});

describe('clock labels', () => {
  it('reads seconds under a minute, then minutes and hours', () => {
    expect(clock(12.3456, 3)).toBe('12.346 s');
    expect(clock(75.5, 1)).toBe('1:15.5');
    expect(clock(3 * 3600 + 62, 0)).toBe('3:01:02');
    expect(clock(3600 + 5.25, 3)).toBe('1:00:05.250');
  });
});
