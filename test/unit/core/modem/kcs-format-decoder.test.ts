import { describe, expect, it } from 'vitest';
import { bytesOf, type KcsEvent } from '../../../../src-main/core/modem/kcs-decoder.ts';
import { encodeKcs } from '../../../../src-main/core/modem/kcs-encoder.ts';
import { KcsFormatDecoder } from '../../../../src-main/core/modem/kcs-format-decoder.ts';
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
        expect(decoder.format).toEqual({ baud, stopBits });
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
    expect(decoder.format).toEqual({ baud: 300, stopBits: 1 });
    // 64 clean bytes take about 2.4 s after the 1 s leader.
    expect(decidedAt / sampleRate).toBeLessThan(4);
  });

  it('decodes only the given format when told', () => {
    const decoder = new KcsFormatDecoder({ sampleRate, baud: 600, stopBits: 1 });
    expect(decoder.detecting).toBe(false);
    expect(decoder.format).toEqual({ baud: 600, stopBits: 1 });
  });
});
