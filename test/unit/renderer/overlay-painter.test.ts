import { describe, expect, it } from 'vitest';
import type { TapeAnnotations } from '../../../src-main/ipc/contract.ts';
import { paintOverlay } from '../../../src-renderer/components/waveform/overlay-painter.ts';

interface Call {
  name: string;
  args: unknown[];
  fillStyle: unknown;
}

/** A 2D context that records what is drawn (Node has no canvas): every call with the fill style of the moment. */
function recordingContext(): { ctx: CanvasRenderingContext2D; calls: Call[] } {
  const calls: Call[] = [];
  const state: Record<string | symbol, unknown> = {};
  const ctx = new Proxy(state, {
    get: (_, name) =>
      name in state
        ? state[name]
        : (...args: unknown[]) => {
            calls.push({ name: String(name), args, fillStyle: state.fillStyle });
            return name === 'measureText' ? { width: String(args[0]).length * 6 } : undefined;
          },
    set: (_, name, value) => {
      state[name] = value;
      return true;
    },
  });
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const RATE = 48_000;
const BIT = RATE / 300;

/** One data segment with a run of bytes (11 bits each), byte 2 with a framing error. */
function annotations(bytes: number): TapeAnnotations {
  const byteSpan = 11 * BIT;
  const list = Array.from({ length: bytes }, (_, i) => i);
  const bitList = Array.from({ length: bytes * 11 }, (_, i) => i);
  return {
    start: 0,
    end: bytes * byteSpan,
    bits: {
      start: bitList.map((i) => i * BIT),
      end: bitList.map((i) => (i + 1) * BIT),
      value: bitList.map((i) => i % 2),
      confidence: bitList.map(() => 1),
    },
    bytes: {
      index: list,
      start: list.map((i) => i * byteSpan),
      end: list.map((i) => (i + 1) * byteSpan),
      value: list.map(() => 0x41),
      framingError: list.map((i) => (i === 2 ? 1 : 0)),
      lowConfidence: list.map(() => 0),
    },
    segments: [{ kind: 'data', start: 0, end: bytes * byteSpan }],
    errors: { start: [2 * byteSpan], end: [3 * byteSpan], framing: [1] },
    truncated: false,
  };
}

const view = { width: 1000, height: 300, pixelRatio: 1, sampleRate: RATE };

describe('the waveform overlay', () => {
  it('labels a byte wider than the view in the part that is in view', () => {
    const { ctx, calls } = recordingContext();
    // Single cycles: a fifth of one bit cell across the whole view, inside byte 1.
    const start = 11 * BIT + 3 * BIT;
    paintOverlay(
      ctx,
      { ...view, start, end: start + BIT / 5 },
      { peaks: null, annotations: annotations(4), selected: null, cursor: null },
    );
    const label = calls.find((c) => c.name === 'fillText' && String(c.args[0]).startsWith('A'));
    expect(label).toBeDefined();
    expect(label?.args[1]).toBeGreaterThan(0);
    expect(label?.args[1]).toBeLessThan(view.width);
  });

  it('draws the segment names over the error ticks, on a backing of their own', () => {
    const { ctx, calls } = recordingContext();
    // Bytes 4 px wide: the error ticks are on the segment band.
    const bytes = 200;
    paintOverlay(
      ctx,
      { ...view, start: 0, end: bytes * 11 * BIT * (1000 / (bytes * 4)) },
      { peaks: null, annotations: annotations(bytes), selected: null, cursor: null },
    );
    const tick = calls.findIndex(
      (c) => c.name === 'fillRect' && c.fillStyle === '#e07a6f' && c.args[1] === 0,
    );
    const name = calls.findIndex((c) => c.name === 'fillText' && c.args[0] === 'data');
    expect(tick).toBeGreaterThanOrEqual(0);
    expect(name).toBeGreaterThan(tick);
    const backing = calls[name - 1];
    expect(backing?.name).toBe('fillRect');
    expect(backing?.args[2]).toBeGreaterThanOrEqual('data'.length * 6);
  });

  it('fills the rectangles of many byte blocks with a few colour changes', () => {
    const { ctx, calls } = recordingContext();
    const bytes = 150;
    paintOverlay(
      ctx,
      { ...view, start: 0, end: bytes * 11 * BIT },
      { peaks: null, annotations: annotations(bytes), selected: null, cursor: null },
    );
    const blocks = calls.filter((c) => c.name === 'fillRect' && (c.args[3] as number) > 20);
    expect(blocks.length).toBeGreaterThanOrEqual(bytes);
    let changes = 0;
    for (let i = 1; i < blocks.length; i++) if (blocks[i]?.fillStyle !== blocks[i - 1]?.fillStyle) changes++;
    expect(changes).toBeLessThan(10);
  });
});
