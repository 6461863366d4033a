import { describe, expect, it } from 'vitest';
import { KcsDecoder, type KcsEvent } from '../../../../src-main/core/modem/kcs-decoder.ts';
import { encodeKcs } from '../../../../src-main/core/modem/kcs-encoder.ts';
import { SeededRandom } from '../../../../src-main/core/modem/impairments.ts';
import { ZeroCrossingDecoder } from '../../../../src-main/core/modem/zero-crossing-decoder.ts';

const CASES = 100_000;
const RATES = [8_000, 11_025, 22_050, 44_100, 48_000, 96_000] as const;
const SPECIAL = [NaN, Infinity, -Infinity, 1e30, -1e30, 0, 1, -1, Number.MIN_VALUE];

/** A few valid tapes to mutate, one per rate. */
const TAPES = new Map<number, Float32Array>(
  RATES.map((rate) => [
    rate,
    encodeKcs(
      Uint8Array.from({ length: 12 }, (_, i) => (i * 37) & 0xff),
      { sampleRate: rate, leaderSeconds: 0.1, trailerSeconds: 0.05 },
    ),
  ]),
);

function input(random: SeededRandom, rate: number): Float32Array {
  const kind = random.next();
  if (kind < 0.4) {
    // Random samples, with a sprinkle of values no real file holds.
    const out = new Float32Array(Math.floor(random.next() * 600));
    for (let i = 0; i < out.length; i++) {
      out[i] =
        random.next() < 0.02
          ? (SPECIAL[Math.floor(random.next() * SPECIAL.length)] ?? 0)
          : random.next() * 2 - 1;
    }
    return out;
  }
  // A slice of a valid tape, mutated: flipped signs, zeroed runs, spikes, a scaled stretch.
  const tape = TAPES.get(rate)!;
  const start = Math.floor(random.next() * tape.length);
  const out = tape.slice(start, start + Math.floor(random.next() * 1500));
  const mutations = Math.floor(random.next() * 6);
  for (let m = 0; m < mutations && out.length > 0; m++) {
    const at = Math.floor(random.next() * out.length);
    const run = Math.floor(random.next() * 200);
    const what = random.next();
    for (let i = at; i < Math.min(out.length, at + run); i++) {
      if (what < 0.25) out[i] = -out[i]!;
      else if (what < 0.5) out[i] = 0;
      else if (what < 0.75) out[i] = out[i]! * (random.next() * 100);
      else out[i] = SPECIAL[Math.floor(random.next() * SPECIAL.length)] ?? 0;
    }
  }
  return out;
}

function checkEvents(events: readonly KcsEvent[], pushed: number): void {
  for (const event of events) {
    if (event.type === 'byte') {
      if (!(event.value >= 0 && event.value <= 255 && event.start < event.end && event.end <= pushed)) {
        throw new Error(`byte event out of bounds: ${JSON.stringify(event)} after ${pushed} samples`);
      }
    }
  }
}

describe('KCS decoders under random and mutated input', () => {
  it(`never throw, stay in bounds and keep up with ${CASES.toLocaleString('en')} cases`, () => {
    const random = new SeededRandom(0x5eed);
    let bytes = 0;
    let totalSamples = 0;
    for (let n = 0; n < CASES; n++) {
      const rate = RATES[Math.floor(random.next() * RATES.length)]!;
      const samples = input(random, rate);
      totalSamples += samples.length;
      const decoder =
        n % 10 === 0
          ? new ZeroCrossingDecoder({ sampleRate: rate })
          : new KcsDecoder({
              sampleRate: rate,
              stopBits: random.next() < 0.2 ? 1 : 2,
              baud: random.next() < 0.1 ? 600 : 300,
            });
      let pushed = 0;
      let events = 0;
      for (let at = 0; at < samples.length;) {
        const size = 1 + Math.floor(random.next() * 400);
        const chunk = samples.subarray(at, at + size);
        at += chunk.length;
        pushed += chunk.length;
        const out = decoder.push(chunk);
        checkEvents(out, pushed);
        events += out.length;
        bytes += out.filter((e) => e.type === 'byte').length;
      }
      const tail = decoder.finish();
      checkEvents(tail, pushed);
      events += tail.length;
      bytes += tail.filter((e) => e.type === 'byte').length;
      // Every event ends inside the input, so their count is bounded by what went in.
      expect(events).toBeLessThanOrEqual(pushed + 8);
    }
    expect(totalSamples).toBeGreaterThan(CASES * 300);
    // Mutated slices of real tapes still hold whole frames now and then.
    expect(bytes).toBeGreaterThan(0);
  });

  it('recover after garbage: a clean tape that follows decodes in full', () => {
    const random = new SeededRandom(42);
    const payload = Uint8Array.from({ length: 20 }, (_, i) => 0x41 + i);
    for (let n = 0; n < 200; n++) {
      const rate = RATES[n % RATES.length]!;
      const decoder = new KcsDecoder({ sampleRate: rate });
      const garbage = input(random, rate);
      decoder.push(garbage);
      // A second of silence ends whatever the garbage started, then a proper recording.
      decoder.push(new Float32Array(rate));
      const tape = encodeKcs(payload, { sampleRate: rate, leaderSeconds: 1, trailerSeconds: 0.5 });
      const events = [...decoder.push(tape), ...decoder.finish()];
      const decoded = events
        .filter((e) => e.type === 'byte' && e.start >= garbage.length)
        .map((e) => (e as { value: number }).value);
      expect(decoded, `case ${n} at ${rate} Hz`).toEqual([...payload]);
    }
  });
});
