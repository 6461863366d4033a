// Synthetic recordings for the library tests: a program encoded by our KCS encoder, optionally damaged by
// bursts of noise over chosen bytes (a crease in the tape), so each take has errors in known places.
import { SeededRandom } from '../../src-main/core/modem/impairments.ts';
import { basicTextToBytes, encodeKcs } from '../../src-main/core/modem/kcs-encoder.ts';
import { wavBytes } from './wav-writer.ts';

export const RATE = 22050;
export const LEADER = 1;

export const PEEK_PROGRAM = [
  '10 REM SCREEN FILL',
  '20 FOR I=0 TO 255',
  '30 X=PEEK(53248+I)',
  '40 POKE 53248+I,X+1',
  '50 NEXT I',
  '60 PRINT "DONE"',
  '',
].join('\n');

/**
 * A tape of `data` (BASIC text becomes tape bytes), with noise bursts over the given byte indices; 8N2 unless
 * `stopBits` is 1 (8N1).
 */
export function tapeSamples(
  data: Uint8Array,
  damagedBytes: readonly number[] = [],
  seed = 1,
  stopBits: 1 | 2 = 2,
): Float32Array {
  const samples = encodeKcs(data, { sampleRate: RATE, leaderSeconds: LEADER, trailerSeconds: 0.5, stopBits });
  const random = new SeededRandom(seed);
  const perByte = (RATE * (9 + stopBits)) / 300;
  for (const index of damagedBytes) {
    const start = Math.round(LEADER * RATE + index * perByte + perByte * 0.2);
    const end = Math.round(start + perByte * 0.5);
    for (let i = start; i < end && i < samples.length; i++) samples[i] = (random.next() * 2 - 1) * 1.5;
  }
  return samples;
}

export function basicTape(text: string, damagedBytes: readonly number[] = [], seed = 1): Uint8Array {
  return wavBytes(tapeSamples(basicTextToBytes(text), damagedBytes, seed), RATE);
}

/** Two recordings on one tape, two seconds of silence between them. */
export function twoRecordings(first: Uint8Array, second: Uint8Array): Uint8Array {
  const a = tapeSamples(first);
  const b = tapeSamples(second);
  const out = new Float32Array(a.length + RATE * 2 + b.length);
  out.set(a, 0);
  out.set(b, a.length + RATE * 2);
  return wavBytes(out, RATE);
}
