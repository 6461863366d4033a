import { describe, expect, it } from 'vitest';
import type { KcsEvent } from '../../../../src-main/core/modem/kcs-decoder.ts';
import {
  LOW_CONFIDENCE,
  TapeResults,
  audacityLabels,
  byteLabel,
  textListing,
} from '../../../../src-main/services/tapes/tape-results.ts';

const BIT = 160;

/** Decoder events for one 8N2 frame of `value` starting at `start`, with optional weak bit and framing error. */
function frame(
  value: number,
  start: number,
  options: { weakBit?: number; framing?: boolean } = {},
): KcsEvent[] {
  const events: KcsEvent[] = [];
  for (let k = 0; k < 11; k++) {
    const bit = k === 0 ? 0 : k <= 8 ? (value >> (k - 1)) & 1 : k === 9 && options.framing ? 0 : 1;
    events.push({
      type: 'bit',
      value: bit as 0 | 1,
      confidence: options.weakBit === k ? LOW_CONFIDENCE / 2 : 0.9,
      start: start + k * BIT,
      end: start + (k + 1) * BIT,
      role: k === 0 ? 'start' : k <= 8 ? 'data' : 'stop',
    });
  }
  events.push({
    type: 'byte',
    value,
    start,
    end: start + 11 * BIT,
    framingError: options.framing ?? false,
    confidence: 0.9,
  });
  return events;
}

function tape(): TapeResults {
  const results = new TapeResults();
  results.add([{ type: 'carrier', sample: 0, markHz: 2424, spaceHz: 1212, baud: 303, speed: 1.01 }]);
  results.add(frame(0x41, 1000));
  results.add(frame(0x42, 1000 + 11 * BIT, { weakBit: 3 }));
  results.add(frame(0x43, 1000 + 22 * BIT, { framing: true }));
  results.add(frame(0x0d, 1000 + 33 * BIT));
  // The decoder reports a data segment after the carrier that follows it; the list must still be in order.
  results.add([
    { type: 'segment', kind: 'carrier', start: 0, end: 1000 },
    { type: 'segment', kind: 'carrier', start: 1000 + 44 * BIT, end: 20000 },
    { type: 'segment', kind: 'data', start: 1000, end: 1000 + 44 * BIT },
    { type: 'recording', index: 0, start: 0, end: 20000, bytes: 4, framingErrors: 1 },
  ]);
  results.trim();
  return results;
}

describe('TapeResults', () => {
  it('keeps bytes, bits, errors and the measured carrier', () => {
    const results = tape();
    expect(results.byteCount).toBe(4);
    expect(results.bitCount).toBe(44);
    expect([...results.bytes()]).toEqual([0x41, 0x42, 0x43, 0x0d]);
    const summary = results.summary();
    expect(summary).toMatchObject({
      bytes: 4,
      bits: 44,
      framingErrors: 1,
      lowConfidenceBits: 1,
      recordings: [{ bytes: 4 }],
    });
    expect(summary.markHz).toBeCloseTo(2424);
    expect(summary.baud).toBeCloseTo(303);
    expect(summary.speedDeviationPercent).toBeCloseTo(1);
    expect(results.segments.map((s) => s.kind)).toEqual(['carrier', 'data', 'carrier']);
    expect(results.errorIndices(10)).toEqual({ indices: [1, 2], framing: [2], truncated: false });
    expect(results.errorIndices(1)).toEqual({ indices: [1], framing: [], truncated: true });
  });

  it('counts parity errors and lists their bytes among the errors, in both detail levels', () => {
    const byte = (start: number, parityError: boolean): KcsEvent => ({
      type: 'byte',
      value: 0x41,
      start,
      end: start + 100,
      framingError: false,
      confidence: 0.9,
      ...(parityError ? { parityError: true as const } : {}),
    });
    const full = new TapeResults();
    const values = new TapeResults({ detail: 'values' });
    for (const results of [full, values]) results.add([byte(0, false), byte(100, true), byte(200, false)]);
    expect(full.summary().parityErrors).toBe(1);
    expect(values.summary().parityErrors).toBe(1);
    expect(full.errorIndices(10).indices).toEqual([1]);
    expect(full.errorIndices(10).framing).toEqual([]);
  });

  it('finds bytes by index and by sample', () => {
    const results = tape();
    expect(results.byte(2)).toEqual({
      index: 2,
      start: 1000 + 22 * BIT,
      end: 1000 + 33 * BIT,
      value: 0x43,
      framingError: true,
      lowConfidence: false,
    });
    expect(results.byte(4)).toBeNull();
    expect(results.byteAt(1000 + 12 * BIT)?.index).toBe(1);
    expect(results.byteAt(0)?.index).toBe(0);
    expect(results.byteAt(1000 + 44 * BIT)).toBeNull();
  });

  it('steps through errors both ways', () => {
    const results = tape();
    expect(results.findError(0, 'next')?.index).toBe(1);
    expect(results.findError(results.byte(1)?.start ?? 0, 'next')?.index).toBe(2);
    expect(results.findError(results.byte(2)?.start ?? 0, 'next')).toBeNull();
    expect(results.findError(results.byte(2)?.start ?? 0, 'previous')?.index).toBe(1);
    expect(results.findError(results.byte(1)?.start ?? 0, 'previous')).toBeNull();
    expect(results.findError(1e9, 'previous')?.index).toBe(2);
  });

  it('answers annotations for a range and says when it stopped early', () => {
    const results = tape();
    const notes = results.annotations(1000 + 11 * BIT + 5, 1000 + 22 * BIT + 5, 100);
    expect(notes.bytes.index).toEqual([1, 2]);
    expect(notes.bytes.lowConfidence).toEqual([1, 0]);
    expect(notes.bytes.framingError).toEqual([0, 1]);
    expect(notes.bits.start[0]).toBe(1000 + 11 * BIT);
    expect(notes.bits.start).toHaveLength(12);
    expect(notes.bits.confidence[3]).toBeLessThan(LOW_CONFIDENCE);
    expect(notes.segments.map((s) => s.kind)).toEqual(['data']);
    expect(notes.errors).toEqual({
      start: [1000 + 11 * BIT, 1000 + 22 * BIT],
      end: [1000 + 22 * BIT, 1000 + 33 * BIT],
      framing: [0, 1],
    });
    // Errors come at any zoom, even when no bits are asked for.
    expect(results.annotations(0, 30000, 0).errors.framing).toEqual([0, 1]);
    expect(notes.truncated).toBe(false);
    const few = results.annotations(0, 30000, 8);
    expect(few.bits.start).toHaveLength(8);
    expect(few.bytes.index).toHaveLength(1);
    expect(few.truncated).toBe(true);
    // A zoomed-out view asks for bytes without their bits.
    const bytesOnly = results.annotations(0, 30000, 0, 3);
    expect(bytesOnly.bits.start).toHaveLength(0);
    expect(bytesOnly.bytes.index).toEqual([0, 1, 2]);
    expect(bytesOnly.truncated).toBe(true);
  });

  it('writes one Audacity label per byte with its notes', () => {
    const lines = [...audacityLabels(tape(), 16000)];
    expect(lines).toEqual([
      '0.062500\t0.172500\tA\n',
      '0.172500\t0.282500\tB (low confidence)\n',
      '0.282500\t0.392500\tC (framing error)\n',
      '0.392500\t0.502500\t$0D\n',
    ]);
  });
});

describe('text listing', () => {
  it('clears bit 7, ends lines at CR, drops the LF after it and counts the NULs', () => {
    const bytes = Uint8Array.from([0x31, 0xb0, 0x0d, 0, 0, 0x0a, 0x41, 0x07, 0x7f, 0x0a, 0x42]);
    // BASIC's SAVE sends CR, NULs, then LF: the LF still belongs to the CR.
    expect(textListing(bytes)).toEqual({ text: '10\nA\u2407\u2421\nB', nulCount: 2 });
  });

  it('labels printable bytes by character and the rest by hex', () => {
    expect(byteLabel(0x41)).toBe('A');
    expect(byteLabel(0x20)).toBe('$20');
    expect(byteLabel(0xc1)).toBe('$C1');
    expect(byteLabel(0x7e)).toBe('~');
  });
});

describe('TapeResults tape format', () => {
  it('names the format found, CUTS included', () => {
    const results = new TapeResults();
    expect(results.summary().tapeFormat).toBeNull();
    results.setTapeFormat({ baud: 300, frame: '7E2', detected: true });
    expect(results.summary().tapeFormat).toBe('300 baud 7E2 (detected)');
    results.setTapeFormat({ baud: 1200, frame: '8N2', detected: false });
    expect(results.summary().tapeFormat).toBe('1200 baud CUTS 8N2 (as given)');
  });
});
