import { describe, expect, it } from 'vitest';
import { bytesOf, KcsDecoder, type KcsEvent } from '../../../../src-main/core/modem/kcs-decoder.ts';
import { KcsFormatDecoder } from '../../../../src-main/core/modem/kcs-format-decoder.ts';
import { CutsDecoder } from '../../../../src-main/core/modem/cuts-decoder.ts';
import { encodeCuts } from '../../../../src-main/core/modem/cuts-encoder.ts';
import { encodeKcs } from '../../../../src-main/core/modem/kcs-encoder.ts';
import { impair } from '../../../../src-main/core/modem/impairments.ts';
import { testBytes } from '../../../support/byte-errors.ts';

const data = testBytes(40, 77);

/** A noisy tape at `sampleRate` as 16-bit words and as their float conversion. */
function tape(sampleRate: number): { words: Int16Array; floats: Float32Array } {
  const clean = encodeKcs(data, { sampleRate, leaderSeconds: 1, trailerSeconds: 0.3 });
  const noisy = impair(clean, sampleRate, { seed: 3, snrDb: 6, speed: { speed: 1.03 } });
  const words = Int16Array.from(noisy, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 12000))));
  return { words, floats: Float32Array.from(words, (v) => v / 32768) };
}

function decode(
  decoder: { push(s: Float32Array | Int16Array): KcsEvent[]; finish(): KcsEvent[] },
  samples: Float32Array | Int16Array,
  chunk: number,
): KcsEvent[] {
  const events: KcsEvent[] = [];
  for (let i = 0; i < samples.length; i += chunk)
    events.push(...decoder.push(samples.subarray(i, i + chunk)));
  return [...events, ...decoder.finish()];
}

describe('KcsDecoder on 16-bit words', () => {
  it('gives exactly the events of the float conversion, whatever the chunking', () => {
    for (const sampleRate of [8000, 44100, 48000]) {
      const { words, floats } = tape(sampleRate);
      const expected = decode(new KcsDecoder({ sampleRate }), floats, 4096);
      expect(bytesOf(expected)).toEqual(data);
      for (const chunk of [7, 1000, words.length]) {
        expect(decode(new KcsDecoder({ sampleRate }), words, chunk)).toEqual(expected);
      }
      expect(decode(new KcsFormatDecoder({ sampleRate }), words, 4096)).toEqual(
        decode(new KcsFormatDecoder({ sampleRate }), floats, 4096),
      );
    }
  });
});

describe('CutsDecoder on 16-bit words', () => {
  it('gives exactly the events of the float conversion, alone and as a detected format', () => {
    const sampleRate = 44100;
    const clean = encodeCuts(data, { sampleRate, leaderSeconds: 1, trailerSeconds: 0.3 });
    const noisy = impair(clean, sampleRate, { seed: 5, snrDb: 10 });
    const words = Int16Array.from(noisy, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 12000))));
    const floats = Float32Array.from(words, (v) => v / 32768);
    const expected = decode(new CutsDecoder({ sampleRate }), floats, 4096);
    expect(bytesOf(expected)).toEqual(data);
    for (const chunk of [7, 1000, words.length]) {
      expect(decode(new CutsDecoder({ sampleRate }), words, chunk)).toEqual(expected);
    }
    const detected = new KcsFormatDecoder({ sampleRate });
    expect(decode(detected, words, 4096)).toEqual(decode(new KcsFormatDecoder({ sampleRate }), floats, 4096));
    expect(detected.format?.baud).toBe(1200);
  });
});
