import { describe, expect, it } from 'vitest';
import {
  bytesOf,
  bytesToText,
  decodeKcs,
  KcsDecoder,
  type KcsDecoderOptions,
  type KcsEvent,
  type KcsSegmentEvent,
} from '../../../../src-main/core/modem/kcs-decoder.ts';
import {
  basicTextToBytes,
  concatSamples,
  encodeKcs,
  KcsEncoder,
  type KcsWaveform,
} from '../../../../src-main/core/modem/kcs-encoder.ts';
import { build65v } from '../../../../src-main/core/formats/osi65v.ts';
import {
  addNoise,
  impair,
  type ImpairmentOptions,
  SeededRandom,
} from '../../../../src-main/core/modem/impairments.ts';
import { byteErrors, testBytes } from '../../../support/byte-errors.ts';

function decodeInChunks(samples: Float32Array, options: KcsDecoderOptions, chunk: number): KcsEvent[] {
  const decoder = new KcsDecoder(options);
  const events: KcsEvent[] = [];
  for (let i = 0; i < samples.length; i += chunk)
    events.push(...decoder.push(samples.subarray(i, i + chunk)));
  events.push(...decoder.finish());
  return events;
}

function framingErrors(events: readonly KcsEvent[]): number {
  return events.filter((e) => e.type === 'byte' && e.framingError).length;
}

const data = testBytes(200);

describe('KcsDecoder round trips', () => {
  for (const sampleRate of [8000, 22050, 44100, 48000, 96000]) {
    for (const waveform of ['square', 'sine'] as KcsWaveform[]) {
      it(`decodes a clean ${waveform} tape at ${sampleRate} Hz exactly`, () => {
        const tape = encodeKcs(data, { sampleRate, waveform, leaderSeconds: 1, trailerSeconds: 0.5 });
        const events = decodeKcs(tape, { sampleRate });
        expect(bytesOf(events)).toEqual(data);
        expect(framingErrors(events)).toBe(0);
      });
    }
  }

  const impairments: [string, ImpairmentOptions][] = [
    ['white noise at -3 dB SNR', { snrDb: -3 }],
    ['tape 10% fast', { speed: { speed: 1.1 } }],
    ['tape 10% slow', { speed: { speed: 0.9 } }],
    ['2% wow at 1 Hz and 0.3% flutter', { speed: { wow: 0.02, wowHz: 1, flutter: 0.003, flutterHz: 12 } }],
    [
      'inversion, DC offset, 50 Hz hum and clipping',
      { invert: true, dcOffset: 0.4, hum: { hz: 50, amplitude: 0.5 }, clipGain: 4 },
    ],
    ['band-limiting with treble loss', { bandLimit: { lowHz: 500, highHz: 2800, trebleLossHz: 1000 } }],
    [
      '60 Hz hum with noise at 0 dB and 5% slow',
      { hum: { hz: 60, amplitude: 0.3 }, snrDb: 0, speed: { speed: 0.95 } },
    ],
  ];
  for (const sampleRate of [44100, 48000]) {
    for (const [name, options] of impairments) {
      it(`survives ${name} at ${sampleRate} Hz without a byte error`, () => {
        const clean = encodeKcs(data, { sampleRate, leaderSeconds: 1.5, trailerSeconds: 0.5 });
        const tape = impair(clean, sampleRate, { seed: 11, ...options });
        const events = decodeKcs(tape, { sampleRate });
        expect(byteErrors(data, bytesOf(events))).toBe(0);
      });
    }
  }

  it('decodes 8N1 and 600 baud when told to', () => {
    for (const [baud, stopBits] of [
      [600, 2],
      [300, 1],
      [600, 1],
    ] as const) {
      const tape = encodeKcs(data, {
        sampleRate: 44100,
        baud,
        stopBits,
        leaderSeconds: 1,
        trailerSeconds: 0.5,
      });
      const noisy = impair(tape, 44100, { seed: 2, snrDb: 3 });
      const events = decodeKcs(noisy, { sampleRate: 44100, baud, stopBits });
      expect(bytesOf(events), `${baud} baud, ${stopBits} stop bits`).toEqual(data);
    }
  });

  it('loses only the bytes under a short dropout and keeps one recording', () => {
    const sampleRate = 44100;
    const clean = encodeKcs(data, { sampleRate, leaderSeconds: 1, trailerSeconds: 0.5 });
    const tape = Float32Array.from(clean);
    const dropStart = Math.round(3 * sampleRate);
    const dropEnd = dropStart + Math.round(0.1 * sampleRate);
    tape.fill(0, dropStart, dropEnd);
    addNoise(tape, 0.05, new SeededRandom(4));
    const events = decodeKcs(tape, { sampleRate });
    const received = bytesOf(events);
    // 0.1 s covers under 3 frames (36.7 ms each) plus the one it starts in.
    expect(byteErrors(data, received)).toBeLessThanOrEqual(5);
    const recordings = events.filter((e) => e.type === 'recording');
    expect(recordings).toHaveLength(1);
    const gaps = events.filter((e): e is KcsSegmentEvent => e.type === 'segment' && e.kind === 'gap');
    expect(gaps.length).toBeGreaterThanOrEqual(1);
    expect(gaps.some((g) => g.start < dropEnd && g.end > dropStart)).toBe(true);
  });
});

describe('KcsDecoder streaming', () => {
  it('gives identical events whatever the chunk size', () => {
    const sampleRate = 22050;
    const tape = impair(
      encodeKcs(data.subarray(0, 60), { sampleRate, leaderSeconds: 1, trailerSeconds: 0.3 }),
      sampleRate,
      {
        seed: 5,
        snrDb: 3,
        speed: { speed: 1.04, wow: 0.01 },
      },
    );
    const whole = decodeInChunks(tape, { sampleRate }, tape.length);
    expect(bytesOf(whole)).toEqual(data.subarray(0, 60));
    for (const chunk of [1, 7, 1000, 4096]) {
      expect(decodeInChunks(tape, { sampleRate }, chunk)).toEqual(whole);
    }
  });

  it('puts byte and bit spans on the encoder timeline', () => {
    for (const sampleRate of [8000, 44100, 48000]) {
      const encoder = new KcsEncoder({ sampleRate });
      const parts = [encoder.carrier(1)];
      const firstFrameBit = encoder.bitsWritten;
      parts.push(encoder.bytes(data.subarray(0, 30)), encoder.carrier(0.3));
      const events = decodeKcs(concatSamples(parts), { sampleRate });
      const bytes = events.filter((e) => e.type === 'byte');
      const bits = events.filter((e) => e.type === 'bit');
      expect(bytes).toHaveLength(30);
      expect(bits).toHaveLength(330);
      const bitLength = sampleRate / 300;
      bytes.forEach((byte, i) => {
        const start = encoder.sampleAtBit(firstFrameBit + 11 * i);
        const end = encoder.sampleAtBit(firstFrameBit + 11 * (i + 1));
        expect(Math.abs(byte.start - start), `byte ${i} start at ${sampleRate} Hz`).toBeLessThan(
          0.1 * bitLength,
        );
        expect(Math.abs(byte.end - end), `byte ${i} end at ${sampleRate} Hz`).toBeLessThan(0.1 * bitLength);
      });
      bits.forEach((bit, i) => {
        const start = encoder.sampleAtBit(firstFrameBit + i);
        expect(Math.abs(bit.start - start)).toBeLessThan(0.1 * bitLength);
        expect(bit.role).toBe(i % 11 === 0 ? 'start' : i % 11 >= 9 ? 'stop' : 'data');
        expect(bit.confidence).toBeGreaterThan(0.8);
      });
    }
  });

  it('refuses to push after finish', () => {
    const decoder = new KcsDecoder({ sampleRate: 8000 });
    decoder.finish();
    expect(() => decoder.push(new Float32Array(10))).toThrow(/after finish/);
  });

  it('rejects bad options with a clear message', () => {
    expect(() => new KcsDecoder({ sampleRate: 100 })).toThrow(/sample rate 100/);
    expect(() => new KcsDecoder({ sampleRate: 8000, stopBits: 3 as 1 })).toThrow(/stop bits 3/);
    expect(() => new KcsDecoder({ sampleRate: 8000, markHz: 3900 })).toThrow(/tones 3900\/1200 Hz/);
    expect(() => new KcsDecoder({ sampleRate: 8000, gapSeconds: 0 })).toThrow(/gapSeconds 0/);
  });
});

describe('KcsDecoder annotations', () => {
  const sampleRate = 22050;
  const silence = (seconds: number): Float32Array => new Float32Array(Math.round(seconds * sampleRate));
  const first = encodeKcs(data.subarray(0, 40), { sampleRate, leaderSeconds: 1, trailerSeconds: 0.5 });
  const second = encodeKcs(data.subarray(40, 100), { sampleRate, leaderSeconds: 1, trailerSeconds: 0.5 });
  const tape = concatSamples([silence(0.5), first, silence(2), second, silence(0.7)]);
  addNoise(tape, 0.02, new SeededRandom(8));
  const events = decodeKcs(tape, { sampleRate });

  it('splits recordings at silences and counts their bytes', () => {
    const recordings = events.filter((e) => e.type === 'recording');
    expect(recordings.map((r) => r.bytes)).toEqual([40, 60]);
    const firstEnd = 0.5 * sampleRate + first.length;
    expect(recordings[0]?.start).toBeGreaterThan(0.45 * sampleRate);
    expect(recordings[0]?.start).toBeLessThan(0.55 * sampleRate);
    expect(Math.abs((recordings[0]?.end ?? 0) - firstEnd)).toBeLessThan(0.05 * sampleRate);
    expect(bytesOf(events)).toEqual(data.subarray(0, 100));
  });

  it('covers the tape with ordered, contiguous segments', () => {
    const segments = events.filter((e): e is KcsSegmentEvent => e.type === 'segment');
    const sorted = [...segments].sort((a, b) => a.start - b.start);
    expect(sorted[0]?.start).toBe(0);
    expect(sorted.at(-1)?.end).toBe(tape.length);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]?.start).toBe(sorted[i - 1]?.end);
    expect(sorted.map((s) => s.kind)).toEqual([
      'silence',
      'carrier',
      'data',
      'carrier',
      'silence',
      'carrier',
      'data',
      'carrier',
      'silence',
    ]);
    const dataSegments = sorted.filter((s) => s.kind === 'data');
    const bytes = events.filter((e) => e.type === 'byte');
    expect(dataSegments[0]?.start).toBe(bytes[0]?.start);
    expect(dataSegments[0]?.end).toBe(bytes[39]?.end);
  });

  it('reports the measured carrier and baud rate', () => {
    const fast = impair(encodeKcs(data.subarray(0, 50), { sampleRate, leaderSeconds: 1 }), sampleRate, {
      speed: { speed: 1.05 },
    });
    const carriers = decodeKcs(fast, { sampleRate }).filter((e) => e.type === 'carrier');
    expect(carriers.length).toBeGreaterThan(0);
    for (const carrier of carriers) {
      expect(carrier.markHz).toBeCloseTo(2520, -1);
      expect(carrier.spaceHz).toBeCloseTo(1260, -1);
      expect(carrier.baud).toBeCloseTo(315, 0);
    }
  });

  it('turns noise alone into no bytes', () => {
    const noise = new Float32Array(20 * sampleRate);
    addNoise(noise, 0.3, new SeededRandom(12));
    const result = decodeKcs(noise, { sampleRate });
    expect(bytesOf(result)).toHaveLength(0);
    expect(result.filter((e) => e.type === 'segment').map((e) => e.type === 'segment' && e.kind)).toEqual([
      'silence',
    ]);
  });
});

describe('bytesToText', () => {
  it('strips NULs, masks bit 7 and turns CR into newlines, each optionally', () => {
    const bytes = Uint8Array.of(0x31, 0x30, 0xa0, 0x0d, 0, 0, 0x0a, 0x41);
    expect(bytesToText(bytes)).toBe('10 \nA');
    expect(bytesToText(bytes, { stripNulls: false, maskBit7: false, newlines: false })).toBe(
      '10\u00a0\r\u0000\u0000\nA',
    );
  });
});

describe('KcsDecoder bad input', () => {
  it('treats NaN and infinite samples as silence and decodes on', () => {
    const data = testBytes(50, 3);
    for (const sampleRate of [8000, 22050]) {
      const tape = encodeKcs(data, { sampleRate, leaderSeconds: 1, trailerSeconds: 0.3 });
      tape[100] = Number.NaN;
      tape[200] = Number.POSITIVE_INFINITY;
      tape[300] = Number.NEGATIVE_INFINITY;
      expect(bytesOf(decodeKcs(tape, { sampleRate })), `${sampleRate} Hz`).toEqual(data);
    }
  });
});

describe('KcsDecoder levels', () => {
  it('decodes whatever the recording level', () => {
    const sampleRate = 22050;
    const data = testBytes(60, 4);
    const tape = encodeKcs(data, { sampleRate, leaderSeconds: 1, trailerSeconds: 0.3 });
    for (const gain of [1e-4, 0.01, 100]) {
      const scaled = impair(
        tape.map((v) => v * gain),
        sampleRate,
        { seed: 6, snrDb: 6 },
      );
      expect(bytesOf(decodeKcs(scaled, { sampleRate })), `gain ${gain}`).toEqual(data);
    }
  });
});

describe('KcsDecoder with Superboard payloads', () => {
  const sampleRate = 44100;

  it('round-trips a BASIC listing through the text view', () => {
    const program = '10 PRINT "HELLO"\n20 GOTO 10\n';
    const bytes = basicTextToBytes(program, { lineFeed: true });
    const tape = impair(encodeKcs(bytes, { sampleRate, leaderSeconds: 1, trailerSeconds: 0.3 }), sampleRate, {
      seed: 3,
      snrDb: 0,
      speed: { speed: 0.93, wow: 0.01 },
    });
    const received = bytesOf(decodeKcs(tape, { sampleRate }));
    expect(received).toEqual(bytes);
    expect(bytesToText(received)).toBe(program);
  });

  it('round-trips machine code as 65V monitor text', () => {
    const code = Uint8Array.of(0xa9, 0x41, 0x20, 0xee, 0xff, 0x4c, 0x00, 0x02);
    const bytes = Uint8Array.from(build65v({ address: 0x0200, bytes: code }, { run: true }), (c) =>
      c.charCodeAt(0),
    );
    const received = bytesOf(decodeKcs(encodeKcs(bytes, { sampleRate, leaderSeconds: 1 }), { sampleRate }));
    expect(bytesToText(received, { newlines: false })).toBe('.0200/A9\r41\r20\rEE\rFF\r4C\r00\r02\r.0200G');
  });

  it('picks up a recording started in the middle of a frame, without leader', () => {
    const data = testBytes(100, 9);
    const tape = encodeKcs(data, { sampleRate, leaderSeconds: 0, trailerSeconds: 0.2 }).subarray(1000);
    expect(bytesOf(decodeKcs(tape, { sampleRate }))).toEqual(data.subarray(1));
  });
});

describe('KcsDecoder with loudness that moves', () => {
  const sampleRate = 44100;
  const sent = testBytes(300, 21);
  const clean = encodeKcs(sent, { sampleRate, leaderSeconds: 1, trailerSeconds: 0.5 });
  const exact: [string, ImpairmentOptions][] = [
    ['amplitude modulation 50% at 3 Hz', { level: { am: { depth: 0.5, hz: 3 } } }],
    ['amplitude modulation 60% at 3 Hz', { level: { am: { depth: 0.6, hz: 3 } } }],
    ['amplitude modulation 70% at 0.5 Hz', { level: { am: { depth: 0.7, hz: 0.5 } } }],
    ['a level step of -6 dB in mid-tape', { level: { step: { db: -6, at: 0.5 } } }],
  ];
  for (const [name, options] of exact) {
    it(`decodes ${name} at 20 dB SNR byte for byte`, () => {
      for (const seed of [1, 2]) {
        const events = decodeKcs(impair(clean, sampleRate, { seed, snrDb: 20, ...options }), { sampleRate });
        expect(bytesOf(events), `seed ${seed}`).toEqual(sent);
        expect(framingErrors(events)).toBe(0);
      }
    });
  }

  it('decodes through recorder AGC pumping (gain 0.1 for 30% of every 0.7 s): all bytes, under 1% wrong', () => {
    for (const seed of [1, 2, 3]) {
      const pumping = { gain: 0.1, duty: 0.3, periodSeconds: 0.7 };
      const tape = impair(clean, sampleRate, { seed, snrDb: 20, level: { pumping } });
      const received = bytesOf(decodeKcs(tape, { sampleRate }));
      expect(received, `seed ${seed}`).toHaveLength(sent.length);
      expect(byteErrors(sent, received), `seed ${seed}`).toBeLessThanOrEqual(3);
    }
  });

  it('keeps decoding through 5 dips to -20 dB of 50 ms (at most one wrong byte a dip)', () => {
    for (const seed of [1, 2, 3]) {
      const tape = impair(clean, sampleRate, {
        seed,
        snrDb: 20,
        dropouts: { count: 5, seconds: 0.05, depth: 0.1 },
      });
      const received = bytesOf(decodeKcs(tape, { sampleRate }));
      expect(received, `seed ${seed}`).toHaveLength(sent.length);
      expect(byteErrors(sent, received), `seed ${seed}`).toBeLessThanOrEqual(5);
    }
  });
});

describe('KcsDecoder never drops a byte silently', () => {
  const sampleRate = 44100;

  it('reports a frame lost in a dropout at its position, as an unreadable error', () => {
    const sent = testBytes(120, 31);
    const encoder = new KcsEncoder({ sampleRate });
    const tape = concatSamples([encoder.carrier(1), encoder.bytes(sent), encoder.carrier(0.5)]);
    const leaderBits = Math.round(300 * 1);
    // Byte 60's whole frame becomes noise.
    const from = encoder.sampleAtBit(leaderBits + 11 * 60);
    const to = encoder.sampleAtBit(leaderBits + 11 * 61);
    tape.fill(0, from, to);
    addNoise(tape, 0.02, new SeededRandom(3));
    const bytes = decodeKcs(tape, { sampleRate }).filter((e) => e.type === 'byte');
    expect(bytes).toHaveLength(sent.length);
    const lost = bytes[60]!;
    expect(lost.framingError).toBe(true);
    expect(lost.unreadable).toBe(true);
    expect(lost.confidence).toBeLessThan(0.75);
    expect(Math.abs(lost.start - from)).toBeLessThan(sampleRate / 300);
    expect(bytes.filter((b, i) => i !== 60 && b.value !== sent[i])).toHaveLength(0);
  });

  it('reports every frame lost in a dropout long enough to drop the carrier, in one recording', () => {
    const sent = testBytes(120, 33);
    const encoder = new KcsEncoder({ sampleRate });
    const leaderBits = Math.round(300 * 1);
    for (const [first, count, noisy] of [
      [40, 17, false], // 0.62 s of exact digital silence (audio a damaged file lost)
      [50, 24, true], // 0.88 s, under noise
    ] as const) {
      const tape = concatSamples([encoder.carrier(1), encoder.bytes(sent), encoder.carrier(0.5)]);
      const from = encoder.sampleAtBit(leaderBits + 11 * first);
      const to = encoder.sampleAtBit(leaderBits + 11 * (first + count));
      tape.fill(0, from, to);
      if (noisy) addNoise(tape, 0.02, new SeededRandom(5));
      const events = decodeKcs(tape, { sampleRate });
      const bytes = events.filter((e) => e.type === 'byte');
      expect(bytes, `${count} frames lost`).toHaveLength(sent.length);
      for (let i = first; i < first + count; i++) {
        expect(bytes[i]!.unreadable, `byte ${i}`).toBe(true);
        expect(Math.abs(bytes[i]!.start - encoder.sampleAtBit(leaderBits + 11 * i))).toBeLessThan(
          sampleRate / 300,
        );
      }
      // Finding the tones again costs a frame or two after the dropout: those are reported as unreadable too,
      // and no byte is wrong without a mark.
      const others = bytes.filter((b, i) => (i < first || i >= first + count) && b.value !== sent[i]);
      expect(others.filter((b) => !b.framingError)).toEqual([]);
      expect(others.length).toBeLessThanOrEqual(2);
      expect(events.filter((e) => e.type === 'recording')).toHaveLength(1);
    }
  });

  it('adds nothing for a dropout in the trailer or a silence between recordings', () => {
    const sent = testBytes(60, 34);
    const encoder = new KcsEncoder({ sampleRate });
    const silence = new Float32Array(Math.round(0.7 * sampleRate));
    const gap = new Float32Array(Math.round(1.5 * sampleRate));
    const tape = concatSamples([
      encoder.carrier(1),
      encoder.bytes(sent),
      encoder.carrier(0.3),
      silence,
      encoder.carrier(0.5),
      gap,
      encoder.carrier(1),
      encoder.bytes(sent),
      encoder.carrier(0.5),
    ]);
    const events = decodeKcs(tape, { sampleRate });
    const bytes = events.filter((e) => e.type === 'byte');
    expect(bytes).toHaveLength(2 * sent.length);
    expect(bytes.filter((b) => b.unreadable)).toEqual([]);
  });

  it('keeps every byte of a tape with short dips under noise, marking the doubtful ones', () => {
    const sent = testBytes(400, 32);
    const clean = encodeKcs(sent, { sampleRate, leaderSeconds: 1, trailerSeconds: 0.5 });
    for (const seed of [1, 2, 3]) {
      const tape = impair(clean, sampleRate, {
        seed,
        snrDb: 8,
        dropouts: { count: 8, seconds: 0.027, depth: 0.16 },
      });
      const bytes = decodeKcs(tape, { sampleRate }).filter((e) => e.type === 'byte');
      expect(bytes, `seed ${seed}`).toHaveLength(sent.length);
      const unflagged = bytes.filter((b, i) => b.value !== sent[i] && !b.framingError && b.confidence > 0.9);
      expect(unflagged, `seed ${seed}`).toEqual([]);
    }
  });

  it('decodes the first bytes of a tape with no leader (data from sample 0)', () => {
    const sent = testBytes(100, 9);
    for (const rate of [8000, 44100, 48000]) {
      const tape = encodeKcs(sent, { sampleRate: rate, leaderSeconds: 0, trailerSeconds: 0.2 });
      expect(bytesOf(decodeKcs(tape, { sampleRate: rate })), `${rate} Hz`).toEqual(sent);
      const noisy = impair(tape, rate, { seed: 2, snrDb: 6 });
      expect(bytesOf(decodeKcs(noisy, { sampleRate: rate })), `${rate} Hz, 6 dB`).toEqual(sent);
    }
  });
});

describe('KcsDecoder carrier presence', () => {
  const rate = 48000;
  const tape = encodeKcs(testBytes(20, 3), { sampleRate: rate, leaderSeconds: 1, trailerSeconds: 0.2 });

  it('drops the carrier within half a second of exact digital silence', () => {
    const decoder = new KcsDecoder({ sampleRate: rate });
    decoder.push(tape);
    expect(decoder.carrierPresent).toBe(true);
    // The sliding sums leave rounding residue in silence; it must not read as a tone.
    decoder.push(new Float32Array(rate / 2));
    expect(decoder.carrierPresent).toBe(false);
    decoder.push(new Float32Array(rate * 2));
    expect(decoder.carrierPresent).toBe(false);
  });

  it('still hears a carrier 100 dB below full scale', () => {
    const decoder = new KcsDecoder({ sampleRate: rate });
    decoder.push(new KcsEncoder({ sampleRate: rate, amplitude: 1e-5 }).carrier(1));
    expect(decoder.carrierPresent).toBe(true);
  });
});
