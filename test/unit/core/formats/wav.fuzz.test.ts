import { describe, it, expect } from 'vitest';
import { WavError, WavReader, encodeWav } from '../../../../src-main/core/formats/wav.ts';
import { ascii, chunk, concat, fmtBody, le, random, riff, split, wav } from './wav-builder.ts';

const INPUTS = 100_000;

function corpus(): Uint8Array[] {
  const sine = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i / 3));
  const files: Uint8Array[] = [];
  for (const encoding of ['pcm8', 'pcm16', 'pcm24', 'float32'] as const) {
    files.push(encodeWav([sine(37)], { sampleRate: 8000, channels: 1, encoding }));
    files.push(encodeWav([sine(21), sine(21)], { sampleRate: 44100, channels: 2, encoding }));
  }
  const float64 = new Uint8Array(48);
  new DataView(float64.buffer).setFloat64(8, 0.5, true);
  files.push(wav({ tag: 3, channels: 2, sampleRate: 48000, bits: 64 }, float64));
  files.push(
    wav(
      {
        channels: 2,
        sampleRate: 48000,
        bits: 32,
        extensible: { validBits: 24, channelMask: 3, subFormat: 1 },
      },
      new Uint8Array(64).fill(0x55),
      {
        before: [chunk({ id: 'LIST', body: ascii('INFOISFT') })],
        after: [chunk({ id: 'id3 ', body: new Uint8Array(9) })],
      },
    ),
  );
  files.push(
    riff(
      [
        chunk({ id: 'fmt ', body: fmtBody({ channels: 1, sampleRate: 8000, bits: 8 }) }),
        chunk({ id: 'junk', body: new Uint8Array(3) }),
        chunk({ id: 'data', body: new Uint8Array(31).fill(200), size: 0 }),
      ],
      { size: 0xffffffff },
    ),
  );
  files.push(
    riff(
      [
        chunk({ id: 'ds64', body: concat([le(200, 8), le(40, 8), le(20, 8), le(0, 4)]) }),
        chunk({ id: 'fmt ', body: fmtBody({ channels: 1, sampleRate: 8000, bits: 16 }) }),
        chunk({ id: 'data', body: new Uint8Array(40).fill(7), size: 0xffffffff }),
      ],
      { magic: 'RF64', size: 0xffffffff },
    ),
  );
  return files;
}

function mutate(source: Uint8Array, next: () => number): Uint8Array {
  const bytes = Uint8Array.from(source);
  const pick = () => Math.floor(next() * bytes.length);
  switch (Math.floor(next() * 5)) {
    case 0: {
      const flips = 1 + Math.floor(next() * 4);
      for (let i = 0; i < flips; i++) {
        const at = pick();
        bytes[at] = (bytes[at] ?? 0) ^ (1 << Math.floor(next() * 8));
      }
      return bytes;
    }
    case 1:
      return bytes.subarray(0, pick());
    case 2: {
      // Overwrite a size field (at a chunk header or anywhere) with an edge value.
      const edges = [
        0,
        1,
        2,
        3,
        15,
        16,
        17,
        39,
        40,
        0x7fffffff,
        0xfffffffe,
        0xffffffff,
        Math.floor(next() * 2 ** 32),
      ];
      const at = next() < 0.5 ? [4, 16, 36, 40, 42, 46][Math.floor(next() * 6)]! : pick();
      if (at < bytes.length) {
        const value = le(edges[Math.floor(next() * edges.length)]!, 4);
        bytes.set(value.subarray(0, bytes.length - at), at);
      }
      return bytes;
    }
    case 3: {
      // Corrupt fmt fields: tag, channels, rate, block align, bits.
      const at = 20 + 2 * Math.floor(next() * 8);
      if (at + 2 <= bytes.length) bytes.set(le(Math.floor(next() * 65536), 2), at);
      return bytes;
    }
    default: {
      const at = pick();
      const inserted = Uint8Array.from({ length: Math.floor(next() * 20) }, () => Math.floor(next() * 256));
      return concat([bytes.subarray(0, at), inserted, bytes.subarray(at)]);
    }
  }
}

describe('WavReader fuzzing', () => {
  it(`survives ${INPUTS} random and mutated inputs with random splits`, () => {
    const next = random(0x5eed);
    const files = corpus();
    const errorCodes = new Map<string, number>();
    let decodedFiles = 0;
    let totalBytes = 0;
    for (let n = 0; n < INPUTS; n++) {
      let input: Uint8Array;
      const kind = next();
      if (kind < 0.15) {
        input = Uint8Array.from({ length: Math.floor(next() * 80) }, () => Math.floor(next() * 256));
      } else if (kind < 0.25) {
        const tail = Uint8Array.from({ length: Math.floor(next() * 80) }, () => Math.floor(next() * 256));
        input = concat([ascii('RIFF'), le(Math.floor(next() * 200), 4), ascii('WAVE'), tail]);
      } else {
        input = files[Math.floor(next() * files.length)]!;
        const rounds = 1 + Math.floor(next() * 3);
        for (let r = 0; r < rounds; r++) input = mutate(input, next);
      }
      totalBytes += input.length;
      const reader = new WavReader({ maxBlockFrames: 1 + Math.floor(next() * 64) });
      let samples = 0;
      let events = 0;
      let sawFormat = false;
      try {
        for (const piece of split(input, next, 1 + Math.floor(next() * 60))) {
          for (const event of reader.push(piece)) {
            events++;
            if (event.type === 'format') sawFormat = true;
            if (event.type === 'samples') {
              for (const channel of event.channels) {
                samples += channel.length;
                for (const value of channel)
                  if (!Number.isFinite(value)) throw new Error(`non-finite sample`);
              }
            }
          }
        }
        events += reader.finish().length;
        decodedFiles++;
      } catch (error) {
        if (!(error instanceof WavError)) throw error;
        // Errors belong to the headers: after the format event only warnings may follow.
        expect(sawFormat).toBe(false);
        errorCodes.set(error.code, (errorCodes.get(error.code) ?? 0) + 1);
      }
      // Output is bounded by the input: no sample without at least one byte behind it.
      expect(samples).toBeLessThanOrEqual(input.length);
      expect(events).toBeLessThanOrEqual(input.length + 8);
    }
    expect(decodedFiles).toBeGreaterThan(INPUTS / 10);
    expect(errorCodes.size).toBeGreaterThan(6);
    expect(totalBytes).toBeGreaterThan(INPUTS * 50);
  });
});
