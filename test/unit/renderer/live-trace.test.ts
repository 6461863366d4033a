import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-main/ipc/contract.ts';
import { LiveTrace, liveText } from '../../../src-renderer/lib/live-trace.ts';

type Update = EventPayload<'recorder.update'>;

function update(partial: Partial<Update>): Update {
  return {
    state: 'recording',
    seconds: 0,
    peak: 0.5,
    carrier: true,
    framingErrors: 0,
    origin: 0,
    bytes: [],
    bits: [],
    envelope: { start: 0, step: 10, min: [], max: [] },
    ...partial,
  };
}

describe('LiveTrace', () => {
  it('joins the envelope columns and places bits and bytes in the captured stream (recording offset added)', () => {
    const trace = new LiveTrace(1000, 10);
    trace.push(update({ envelope: { start: 0, step: 10, min: [-0.5, -0.4], max: [0.5, 0.4] } }));
    trace.push(
      update({
        origin: 5,
        envelope: { start: 20, step: 10, min: [-0.3], max: [0.3] },
        bits: [{ value: 1, start: 0, end: 3, confidence: 0.9 }],
        bytes: [{ value: 65, start: 0, end: 20, framingError: true }],
      }),
    );
    expect(trace.end).toBe(30);
    expect(trace.byteCount).toBe(1);
    expect(trace.window(10, 30).peaks).toEqual({
      kind: 'peaks',
      start: 10,
      end: 30,
      min: [-0.4, -0.3],
      max: [0.4, 0.3],
    });
    const { annotations } = trace.window(0, 30);
    expect(annotations.bits).toEqual({ start: [5], end: [8], value: [1], confidence: [0.9] });
    expect(annotations.bytes.start).toEqual([5]);
    expect(annotations.bytes.value).toEqual([65]);
    expect(annotations.errors).toEqual({ start: [5], end: [25], framing: [1] });
  });

  it('keeps only its last seconds, so a long recording costs no more than a short one', () => {
    const trace = new LiveTrace(1000, 2);
    for (let i = 0; i < 100; i++) {
      trace.push(
        update({
          envelope: {
            start: i * 1000,
            step: 1,
            min: new Array(1000).fill(-0.1),
            max: new Array(1000).fill(0.1),
          },
          bytes: [{ value: 66, start: i * 1000, end: i * 1000 + 37, framingError: false }],
        }),
      );
    }
    expect(trace.window(0, 90_000).peaks.min.length).toBe(0);
    const recent = trace.window(98_000, 100_000);
    expect(recent.peaks.min.length).toBe(2000);
    expect(recent.annotations.bytes.index).toEqual([98, 99]);
  });
});

describe('liveText', () => {
  it('shows printable bytes, ends lines at CR and drops the NUL and LF padding', () => {
    expect(liveText([...Buffer.from('10 PRINT\r\0\0\n20 END\r')])).toBe('10 PRINT\n20 END\n');
    expect(liveText([0x01, 0x41])).toBe('·A');
  });
});
