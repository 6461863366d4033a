import { describe, expect, it } from 'vitest';
import { ZeroCrossingDecoder } from '../../../../src-main/core/modem/zero-crossing-decoder.ts';
import { encodeKcs, KcsEncoder, concatSamples } from '../../../../src-main/core/modem/kcs-encoder.ts';
import { impair } from '../../../../src-main/core/modem/impairments.ts';
import { testBytes } from '../../../support/byte-errors.ts';

const data = testBytes(100);

function decode(samples: Float32Array, sampleRate: number, baud: 300 | 600 = 300): number[] {
  const decoder = new ZeroCrossingDecoder({ sampleRate, baud });
  return [...decoder.push(samples), ...decoder.finish()].flatMap((e) => (e.type === 'byte' ? [e.value] : []));
}

describe('ZeroCrossingDecoder', () => {
  it('decodes clean tapes at common rates', () => {
    for (const sampleRate of [8000, 22050, 44100, 48000]) {
      const tape = encodeKcs(data, { sampleRate, leaderSeconds: 0.5, trailerSeconds: 0.2 });
      expect(decode(tape, sampleRate), `${sampleRate} Hz`).toEqual(Array.from(data));
    }
  });

  it('copes with DC, hum and mild noise', () => {
    const tape = encodeKcs(data, { sampleRate: 44100, leaderSeconds: 0.5, trailerSeconds: 0.2 });
    const impaired = impair(tape, 44100, {
      seed: 1,
      dcOffset: 0.3,
      hum: { hz: 50, amplitude: 0.2 },
      snrDb: 10,
    });
    expect(decode(impaired, 44100)).toEqual(Array.from(data));
  });

  it('reports bit cells on the encoder timeline', () => {
    const encoder = new KcsEncoder({ sampleRate: 48000 });
    const tape = concatSamples([
      encoder.carrier(0.5),
      encoder.bytes(Uint8Array.of(0x55)),
      encoder.carrier(0.1),
    ]);
    const decoder = new ZeroCrossingDecoder({ sampleRate: 48000 });
    const events = decoder.push(tape);
    const byte = events.find((e) => e.type === 'byte');
    expect(byte?.value).toBe(0x55);
    expect(Math.abs((byte?.start ?? 0) - 0.5 * 48000)).toBeLessThan(16);
    expect(events.filter((e) => e.type === 'bit').map((e) => e.type === 'bit' && e.value)).toEqual([
      0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1,
    ]);
  });
});
