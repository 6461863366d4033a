import { describe, expect, it } from 'vitest';
import { bytesOf, type KcsEvent } from '../../../../src-main/core/modem/kcs-decoder.ts';
import { basicTextToBytes, encodeKcs, KcsEncoder } from '../../../../src-main/core/modem/kcs-encoder.ts';
import {
  frameShape,
  KcsFormatDecoder,
  type KcsFrameFormat,
} from '../../../../src-main/core/modem/kcs-format-decoder.ts';
import { impair } from '../../../../src-main/core/modem/impairments.ts';
import { testBytes } from '../../../support/byte-errors.ts';

const sampleRate = 44100;
const data = testBytes(150, 41);

function decode(samples: Float32Array, decoder: KcsFormatDecoder, chunk = 4096): KcsEvent[] {
  const events: KcsEvent[] = [];
  for (let i = 0; i < samples.length; i += chunk)
    events.push(...decoder.push(samples.subarray(i, i + chunk)));
  events.push(...decoder.finish());
  return events;
}

describe('KcsFormatDecoder', () => {
  for (const baud of [300, 600] as const) {
    for (const stopBits of [1, 2] as const) {
      it(`detects ${baud} baud 8N${stopBits} and decodes it byte for byte`, () => {
        const tape = impair(
          encodeKcs(data, { sampleRate, baud, stopBits, leaderSeconds: 1, trailerSeconds: 0.5 }),
          sampleRate,
          { seed: 4, snrDb: 3 },
        );
        const decoder = new KcsFormatDecoder({ sampleRate });
        expect(decoder.detecting).toBe(true);
        const events = decode(tape, decoder);
        expect(decoder.format).toEqual({ baud, frame: `8N${stopBits}` });
        expect(bytesOf(events)).toEqual(data);
        expect(events.filter((e) => e.type === 'byte' && e.framingError)).toHaveLength(0);
      });
    }
  }

  it('decides early on a long tape and streams from then on', () => {
    const tape = encodeKcs(testBytes(400, 42), { sampleRate, stopBits: 1, leaderSeconds: 1 });
    const decoder = new KcsFormatDecoder({ sampleRate, baud: 300 });
    let decidedAt = -1;
    for (let i = 0; i < tape.length; i += 4096) {
      decoder.push(tape.subarray(i, i + 4096));
      if (decidedAt < 0 && decoder.format) decidedAt = i;
    }
    expect(decoder.format).toEqual({ baud: 300, frame: '8N1' });
    // 64 clean bytes take about 2.4 s after the 1 s leader.
    expect(decidedAt / sampleRate).toBeLessThan(4);
  });

  it('decodes only the given format when told', () => {
    const decoder = new KcsFormatDecoder({ sampleRate, baud: 600, frame: '7O1' });
    expect(decoder.detecting).toBe(false);
    expect(decoder.format).toEqual({ baud: 600, frame: '7O1' });
  });

  /** A tape in any ACIA format; `badParity` lists byte indices sent with the wrong parity bit. */
  function formatTape(format: KcsFrameFormat, bytes: Uint8Array, badParity: number[] = []): Float32Array {
    const { dataBits, parity, stopBits } = frameShape(format);
    const cells: number[] = [];
    bytes.forEach((byte, i) => {
      const value = byte & ((1 << dataBits) - 1);
      cells.push(0);
      let ones = 0;
      for (let b = 0; b < dataBits; b++) {
        cells.push((value >> b) & 1);
        ones += (value >> b) & 1;
      }
      if (parity !== 'none')
        cells.push((ones + (parity === 'odd' ? 1 : 0) + (badParity.includes(i) ? 1 : 0)) & 1);
      for (let s = 0; s < stopBits; s++) cells.push(1);
    });
    const encoder = new KcsEncoder({ sampleRate });
    const parts = [encoder.carrier(1), encoder.bits(Uint8Array.from(cells)), encoder.carrier(0.5)];
    const tape = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      tape.set(part, at);
      at += part.length;
    }
    return impair(tape, sampleRate, { seed: 5, snrDb: 6 });
  }

  for (const format of ['7E2', '7O2', '7E1', '7O1', '8E1', '8O1'] as const) {
    it(`detects ${format} and reports each byte whose parity bit is wrong`, () => {
      const sent = testBytes(200, 43);
      const bad = [70, 71, 150];
      const decoder = new KcsFormatDecoder({ sampleRate });
      const events = decode(formatTape(format, sent, bad), decoder);
      expect(decoder.format).toEqual({ baud: 300, frame: format });
      const mask = format.startsWith('7') ? 0x7f : 0xff;
      expect(bytesOf(events)).toEqual(sent.map((b) => b & mask));
      const bytes = events.filter((e) => e.type === 'byte');
      expect(bytes.filter((e) => e.framingError)).toHaveLength(0);
      expect(bytes.flatMap((e, i) => (e.parityError ? [i] : []))).toEqual(bad);
      // Every frame has one parity cell, after its data cells.
      const roles = events.flatMap((e) => (e.type === 'bit' ? [e.role] : []));
      expect(roles.filter((r) => r === 'parity')).toHaveLength(sent.length);
      expect(roles.filter((r) => r === 'data')).toHaveLength(sent.length * frameShape(format).dataBits);
    });
  }

  it('decodes a given parity format without detecting it', () => {
    const sent = testBytes(40, 44);
    const decoder = new KcsFormatDecoder({ sampleRate, baud: 300, frame: '7E2' });
    const events = decode(formatTape('7E2', sent, [3]), decoder);
    expect(bytesOf(events)).toEqual(sent.map((b) => b & 0x7f));
    expect(events.flatMap((e) => (e.type === 'byte' && e.parityError ? [e.value] : []))).toEqual([
      (sent[3] ?? 0) & 0x7f,
    ]);
  });

  it('keeps a BASIC listing (ASCII, bit 7 clear) as 8N2, not a parity format', () => {
    const listing = basicTextToBytes(
      Array.from({ length: 12 }, (_, i) => `${10 * (i + 1)} PRINT "LINE ${i}": X=X+${i * 7}`).join('\n'),
      { nulls: 2 },
    );
    const decoder = new KcsFormatDecoder({ sampleRate });
    const events = decode(encodeKcs(listing, { sampleRate, leaderSeconds: 1, trailerSeconds: 0.5 }), decoder);
    expect(decoder.format).toEqual({ baud: 300, frame: '8N2' });
    expect(bytesOf(events)).toEqual(listing);
  });
});
