import { describe, expect, it } from 'vitest';
import {
  basicTextToBytes,
  concatSamples,
  encodeKcs,
  KcsEncoder,
  toPcm16,
  toPcm8,
} from '../../../../src-main/core/modem/kcs-encoder.ts';

/** Sign changes inside [start, end). */
function crossings(samples: Float32Array, start: number, end: number): number {
  let count = 0;
  for (let i = start + 1; i < end; i++) if ((samples[i - 1] ?? 0) >= 0 !== (samples[i] ?? 0) >= 0) count++;
  return count;
}

describe('KcsEncoder', () => {
  it('writes a 1 bit as 8 cycles of 2400 Hz and a 0 bit as 4 cycles of 1200 Hz at 300 baud', () => {
    const encoder = new KcsEncoder({ sampleRate: 48000, waveform: 'sine' });
    const mark = encoder.bits(Uint8Array.of(1));
    const space = encoder.bits(Uint8Array.of(0));
    expect(mark.length).toBe(160);
    expect(space.length).toBe(160);
    // A sine starting at phase 0: 2 crossings per cycle, the one at sample 0 not counted.
    expect(crossings(mark, 0, mark.length)).toBe(15);
    expect(crossings(space, 0, space.length)).toBe(7);
  });

  it('frames a byte as start 0, data LSB first, two stop bits', () => {
    const encoder = new KcsEncoder({ sampleRate: 9600 });
    const samples = encoder.bytes(Uint8Array.of(0b1000_0001));
    const bitLength = 32;
    expect(samples.length).toBe(11 * bitLength);
    const expected = [0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    const seen = expected.map((_, k) =>
      crossings(samples, k * bitLength, (k + 1) * bitLength) > 10 ? 1 : 0,
    );
    expect(seen).toEqual(expected);
  });

  it('supports 8N1 and 600 baud', () => {
    const encoder = new KcsEncoder({ sampleRate: 48000, baud: 600, stopBits: 1 });
    expect(encoder.bytes(new Uint8Array(3)).length).toBe(3 * 10 * 80);
    expect(encoder.bitsWritten).toBe(30);
  });

  it('keeps exact bit timing at rates that do not divide the baud rate', () => {
    const encoder = new KcsEncoder({ sampleRate: 44100 });
    let total = 0;
    for (let i = 0; i < 100; i++) total += encoder.bytes(Uint8Array.of(i)).length;
    expect(total).toBe(Math.ceil((1100 * 44100) / 300));
    expect(encoder.samplesWritten).toBe(total);
  });

  it('streams: chunked output equals one-shot output', () => {
    const data = Uint8Array.from({ length: 20 }, (_, i) => i * 13);
    const whole = encodeKcs(data, { sampleRate: 22050, leaderSeconds: 0.1, trailerSeconds: 0.1 });
    const encoder = new KcsEncoder({ sampleRate: 22050 });
    const parts = [
      encoder.carrier(0.1),
      ...Array.from(data, (b) => encoder.bytes(Uint8Array.of(b))),
      encoder.carrier(0.1),
    ];
    expect(concatSamples(parts)).toEqual(whole);
  });

  it('honours amplitude and waveform', () => {
    const square = new KcsEncoder({ sampleRate: 8000, amplitude: 0.5 }).carrier(0.01);
    expect(new Set(square)).toEqual(new Set([0.5, -0.5]));
    const sine = new KcsEncoder({ sampleRate: 96000, waveform: 'sine', amplitude: 0.25 }).carrier(0.01);
    const peak = sine.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.249);
    expect(peak).toBeLessThanOrEqual(0.25);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => new KcsEncoder({ sampleRate: 4000 })).toThrow(/sample rate 4000/);
    expect(() => new KcsEncoder({ sampleRate: 48000, amplitude: 2 })).toThrow(/amplitude 2/);
    expect(() => new KcsEncoder({ sampleRate: 48000, baud: 1200 as 300 })).toThrow(/baud 1200/);
    expect(() => new KcsEncoder({ sampleRate: 48000 }).carrier(-1)).toThrow(/carrier length/);
  });
});

describe('basicTextToBytes', () => {
  it('turns line ends into CR followed by NULs', () => {
    expect(Array.from(basicTextToBytes('10 PRINT\n20 END\r\n', { nulls: 2 }))).toEqual([
      ...Array.from('10 PRINT', (c) => c.charCodeAt(0)),
      13,
      0,
      0,
      ...Array.from('20 END', (c) => c.charCodeAt(0)),
      13,
      0,
      0,
    ]);
  });

  it('sends 10 NULs by default and can add the LF', () => {
    const bytes = basicTextToBytes('A\n', { lineFeed: true });
    expect(Array.from(bytes)).toEqual([65, 13, ...new Array<number>(10).fill(0), 10]);
  });

  it('rejects non-ASCII text, saying where', () => {
    expect(() => basicTextToBytes('10 PRINT "é"')).toThrow(/U\+00e9 at 10/);
  });
});

describe('PCM helpers', () => {
  it('converts to 16-bit and unsigned 8-bit with clamping', () => {
    const samples = Float32Array.of(0, 1, -1, 2, -2, 0.5);
    expect(Array.from(toPcm16(samples))).toEqual([0, 32767, -32767, 32767, -32768, 16384]);
    expect(Array.from(toPcm8(samples))).toEqual([128, 255, 1, 255, 0, 192]);
  });
});
