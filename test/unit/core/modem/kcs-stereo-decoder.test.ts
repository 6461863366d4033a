import { describe, expect, it } from 'vitest';
import { bytesOf, type KcsEvent } from '../../../../src-main/core/modem/kcs-decoder.ts';
import { deinterleave, KcsStereoDecoder } from '../../../../src-main/core/modem/kcs-stereo-decoder.ts';
import { encodeKcs } from '../../../../src-main/core/modem/kcs-encoder.ts';
import { addNoise, SeededRandom } from '../../../../src-main/core/modem/impairments.ts';
import { testBytes } from '../../../support/byte-errors.ts';

const sampleRate = 22050;
const data = testBytes(120);
const good = encodeKcs(data, { sampleRate, leaderSeconds: 1, trailerSeconds: 0.3 });
const dead = new Float32Array(good.length);
addNoise(dead, 0.2, new SeededRandom(3));

function run(decoder: KcsStereoDecoder, left: Float32Array, right: Float32Array, chunk = 8192): KcsEvent[] {
  const events: KcsEvent[] = [];
  for (let i = 0; i < left.length; i += chunk) {
    events.push(...decoder.push(left.subarray(i, i + chunk), right.subarray(i, i + chunk)));
  }
  events.push(...decoder.finish());
  return events;
}

describe('KcsStereoDecoder', () => {
  it('picks the channel that carries the tape, whichever side it is on', () => {
    const right = new KcsStereoDecoder({ sampleRate });
    expect(bytesOf(run(right, dead, good))).toEqual(data);
    expect(right.channel).toBe('right');
    const left = new KcsStereoDecoder({ sampleRate });
    expect(bytesOf(run(left, good, dead))).toEqual(data);
    expect(left.channel).toBe('left');
  });

  it('decides at finish on short tapes and emits the buffered events once', () => {
    const decoder = new KcsStereoDecoder({ sampleRate, decideAfterBytes: 1000 });
    const events = run(decoder, dead, good);
    expect(bytesOf(events)).toEqual(data);
    expect(events.filter((e) => e.type === 'recording')).toHaveLength(1);
  });

  it('decodes a fixed channel or the mix when told', () => {
    expect(bytesOf(run(new KcsStereoDecoder({ sampleRate, channel: 'left' }), dead, good))).toHaveLength(0);
    expect(bytesOf(run(new KcsStereoDecoder({ sampleRate, channel: 'mix' }), good, good))).toEqual(data);
  });

  it('accepts interleaved frames and rejects mismatched channels', () => {
    const interleaved = new Float32Array(good.length * 2);
    for (let i = 0; i < good.length; i++) {
      interleaved[2 * i] = dead[i] ?? 0;
      interleaved[2 * i + 1] = good[i] ?? 0;
    }
    const decoder = new KcsStereoDecoder({ sampleRate });
    const events = [...decoder.pushInterleaved(interleaved), ...decoder.finish()];
    expect(bytesOf(events)).toEqual(data);
    expect(() => deinterleave(new Float32Array(3))).toThrow(/odd length 3/);
    expect(() => new KcsStereoDecoder({ sampleRate }).push(new Float32Array(2), new Float32Array(3))).toThrow(
      /left has 2 samples but right 3/,
    );
  });
});
