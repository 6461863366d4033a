import { describe, expect, it } from 'vitest';
import { CutsDecoder, decodeCuts } from '../../../../src-main/core/modem/cuts-decoder.ts';
import { CutsEncoder, encodeCuts } from '../../../../src-main/core/modem/cuts-encoder.ts';
import { impair, SeededRandom, type ImpairmentOptions } from '../../../../src-main/core/modem/impairments.ts';
import { bytesOf, type KcsEvent } from '../../../../src-main/core/modem/kcs-decoder.ts';
import { encodeKcs } from '../../../../src-main/core/modem/kcs-encoder.ts';
import { describeTapeFormat, KcsFormatDecoder } from '../../../../src-main/core/modem/kcs-format-decoder.ts';
import { KcsStereoDecoder } from '../../../../src-main/core/modem/kcs-stereo-decoder.ts';
import { byteErrors, testBytes } from '../../../support/byte-errors.ts';

const LEADER = 1;

function tape(data: Uint8Array, sampleRate: number, extra: Partial<Parameters<typeof encodeCuts>[1]> = {}) {
  return encodeCuts(data, { sampleRate, leaderSeconds: LEADER, trailerSeconds: 0.5, ...extra });
}

function decode(
  samples: Float32Array,
  decoder: { push(s: Float32Array): KcsEvent[]; finish(): KcsEvent[] },
  chunk = 4096,
) {
  const events: KcsEvent[] = [];
  for (let i = 0; i < samples.length; i += chunk)
    events.push(...decoder.push(samples.subarray(i, i + chunk)));
  events.push(...decoder.finish());
  return events;
}

const bytesIn = (events: KcsEvent[]) => events.flatMap((e) => (e.type === 'byte' ? [e] : []));

describe('CutsEncoder', () => {
  it('writes a 1 as a full cycle and a 0 as one level, the half-cycles alternating', () => {
    // 48 kHz: 40 samples a cell, 20 a half-cell.
    const encoder = new CutsEncoder({ sampleRate: 48000, amplitude: 0.5 });
    const out = encoder.bits(Uint8Array.from([1, 0, 1, 0, 0]));
    expect(out.length).toBe(200);
    const half = (k: number): number[] => [...new Set(out.subarray(k * 20, k * 20 + 20))];
    // 1: + -, 0: + (one level), 1: - +, 0: -, 0: +
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => half(k))).toEqual([
      [0.5],
      [-0.5],
      [0.5],
      [0.5],
      [-0.5],
      [0.5],
      [-0.5],
      [-0.5],
      [0.5],
      [0.5],
    ]);
    expect(encoder.bitsWritten).toBe(5);
    expect(encoder.sampleAtBit(5)).toBe(200);
  });

  it('has no DC over a tape and gives the same samples block by block as in one go', () => {
    const data = testBytes(200, 3);
    // At 48 kHz every half-cell is 20 whole samples, so the sum is the waveform's area: at most one
    // half-cycle's worth (40 samples at 0.8) is ever left over.
    const whole = encodeCuts(data, { sampleRate: 48000, leaderSeconds: 0.5, trailerSeconds: 0.5 });
    let sum = 0;
    let most = 0;
    for (const v of whole) {
      sum += v;
      most = Math.max(most, Math.abs(sum));
    }
    expect(most).toBeLessThanOrEqual(32.001);
    const encoder = new CutsEncoder({ sampleRate: 48000 });
    const parts = [encoder.carrier(0.5)];
    for (let i = 0; i < data.length; i += 7) parts.push(encoder.bytes(data.subarray(i, i + 7)));
    parts.push(encoder.carrier(0.5));
    expect(Float32Array.from(parts.flatMap((p) => [...p]))).toEqual(whole);
  });

  it('refuses options it cannot write', () => {
    expect(() => new CutsEncoder({ sampleRate: 4000 })).toThrow(/sample rate 4000/);
    expect(() => new CutsEncoder({ sampleRate: 44100, stopBits: 3 as 1 })).toThrow(/stop bits 3/);
  });
});

describe('CutsDecoder', () => {
  for (const sampleRate of [8000, 22050, 44100, 48000]) {
    it(`decodes a clean and a noisy tape at ${sampleRate} Hz byte for byte`, () => {
      const data = testBytes(300, sampleRate);
      for (const options of [{}, { seed: 2, snrDb: sampleRate === 8000 ? 10 : 3 }] as ImpairmentOptions[]) {
        const events = decode(
          impair(tape(data, sampleRate), sampleRate, options),
          new CutsDecoder({ sampleRate }),
        );
        expect(bytesOf(events)).toEqual(data);
        expect(bytesIn(events).filter((e) => e.framingError)).toHaveLength(0);
      }
    });
  }

  const impairments: [string, ImpairmentOptions, Partial<Parameters<typeof encodeCuts>[1]>?][] = [
    ['10% slow, SNR 3 dB', { speed: { speed: 0.9 }, snrDb: 3 }],
    ['10% fast, SNR 3 dB', { speed: { speed: 1.1 }, snrDb: 3 }],
    ['5% fast with 1% wow', { speed: { speed: 1.05, wow: 0.01, wowHz: 1 }, snrDb: 10 }],
    ['inverted, DC 0.4, 50 Hz hum 0.5', { invert: true, dcOffset: 0.4, hum: { hz: 50, amplitude: 0.5 } }],
    ['clipped (gain 8), 60 Hz hum', { clipGain: 8, hum: { hz: 60, amplitude: 0.3 } }],
    [
      'band-limited 100-3000 Hz, treble loss',
      { bandLimit: { lowHz: 100, highHz: 3000, trebleLossHz: 1000 }, snrDb: 6 },
    ],
    [
      'a level step of -20 dB and AM',
      { level: { step: { db: -20, at: 0.5 }, am: { depth: 0.6, hz: 3 } }, snrDb: 30 },
    ],
    ['a sine wave at SNR 3 dB', { snrDb: 3 }, { waveform: 'sine' }],
    ['a quiet tape (-60 dB)', {}, { amplitude: 0.001 }],
  ];
  for (const [name, options, encoding] of impairments) {
    it(`decodes ${name}`, () => {
      const data = testBytes(300, 17);
      const sampleRate = 44100;
      const events = decode(
        impair(tape(data, sampleRate, encoding), sampleRate, { seed: 5, ...options }),
        new CutsDecoder({ sampleRate }),
      );
      expect(bytesOf(events)).toEqual(data);
    });
  }

  it('gives the same events whatever the chunk size', () => {
    const sampleRate = 22050;
    const samples = impair(tape(testBytes(60, 4), sampleRate), sampleRate, {
      seed: 3,
      snrDb: 0,
      dropouts: { count: 2, seconds: 0.03 },
    });
    const whole = decodeCuts(samples, { sampleRate });
    expect(bytesIn(whole).length).toBeGreaterThan(55);
    for (const chunk of [1, 7, 1000, 4096]) {
      expect(decode(samples, new CutsDecoder({ sampleRate }), chunk)).toEqual(whole);
    }
  });

  it('reports each cell, byte span, segment and recording where the encoder put them', () => {
    const sampleRate = 44100;
    const data = testBytes(40, 9);
    const encoder = new CutsEncoder({ sampleRate });
    const parts = [encoder.carrier(LEADER)];
    const firstBit = encoder.bitsWritten;
    parts.push(encoder.bytes(data), encoder.carrier(0.5));
    const samples = Float32Array.from(parts.flatMap((p) => [...p]));
    const events = decodeCuts(samples, { sampleRate });
    const bytes = bytesIn(events);
    expect(bytes.map((b) => b.value)).toEqual([...data]);
    bytes.forEach((b, i) => {
      expect(Math.abs(b.start - encoder.sampleAtBit(firstBit + 11 * i))).toBeLessThan(3);
      expect(Math.abs(b.end - encoder.sampleAtBit(firstBit + 11 * i + 11))).toBeLessThan(3);
      expect(b.confidence).toBeGreaterThan(0.9);
    });
    const bits = events.flatMap((e) => (e.type === 'bit' ? [e] : []));
    expect(bits).toHaveLength(11 * data.length);
    expect(bits.slice(0, 11).map((b) => b.role)).toEqual([
      'start',
      'data',
      'data',
      'data',
      'data',
      'data',
      'data',
      'data',
      'data',
      'stop',
      'stop',
    ]);
    for (let i = 1; i < 11; i++) expect(bits[i]!.start).toBe(bits[i - 1]!.end);
    const segments = events.flatMap((e) => (e.type === 'segment' ? [e] : []));
    expect(segments.map((s) => s.kind)).toEqual(['silence', 'carrier', 'data', 'carrier']);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.start).toBe(segments[i - 1]!.end);
    expect(segments.at(-1)!.end).toBe(samples.length);
    const data0 = segments[2]!;
    expect(data0.start).toBe(bytes[0]!.start);
    expect(data0.end).toBe(bytes.at(-1)!.end);
    const recordings = events.filter((e) => e.type === 'recording');
    expect(recordings).toEqual([expect.objectContaining({ index: 0, bytes: 40, framingErrors: 0 })]);
    const carrier = events.find((e) => e.type === 'carrier');
    expect(carrier).toMatchObject({ markHz: expect.closeTo(1200, 0), spaceHz: expect.closeTo(600, 0) });
  });

  it('never drops a byte: frames lost in dropouts are reported as unreadable at their place', () => {
    const sampleRate = 44100;
    for (const seed of [1, 2, 3]) {
      const data = testBytes(600, seed);
      const events = decodeCuts(
        impair(tape(data, sampleRate), sampleRate, { seed, dropouts: { count: 5, seconds: 0.05 } }),
        { sampleRate },
      );
      const bytes = bytesIn(events);
      expect(bytes).toHaveLength(data.length);
      const unreadable = bytes.filter((b) => b.unreadable);
      // 50 ms is five or six frames of 9.2 ms (some dropouts fall in the leader or trailer).
      expect(unreadable.length).toBeGreaterThanOrEqual(5);
      for (const b of unreadable) expect(b.framingError).toBe(true);
      expect(byteErrors(data, bytesOf(events))).toBeLessThan(45);
      const errors = events.filter((e) => e.type === 'framing-error' && e.unreadable);
      expect(errors).toHaveLength(unreadable.length);
    }
  });

  it('keeps the places of the frames lost in a dropout long enough to lose the carrier', () => {
    const sampleRate = 44100;
    const data = testBytes(300, 9);
    const clean = tape(data, sampleRate);
    const frame = Math.round((11 * sampleRate) / 1200);
    for (const [first, count] of [
      [80, 33], // 0.3 s of exact silence
      [150, 66], // 0.6 s
    ] as const) {
      const start = Math.round(LEADER * sampleRate) + first * frame;
      const holed = clean.slice();
      holed.fill(0, start, start + count * frame);
      const events = decodeCuts(holed, { sampleRate });
      const bytes = bytesIn(events);
      expect(bytes, `${count} frames lost`).toHaveLength(data.length);
      const unreadable = bytes.flatMap((b, i) => (b.unreadable ? [i] : []));
      // The lost frames, and at most the one the dropout cut and the one after it.
      expect(unreadable.length).toBeGreaterThanOrEqual(count);
      expect(unreadable.length).toBeLessThanOrEqual(count + 2);
      expect(unreadable[0]).toBeGreaterThanOrEqual(first - 1);
      expect(Math.abs(bytes[first + 10]!.start - (start + 10 * frame))).toBeLessThan(frame / 2);
      expect(bytes.filter((b, i) => !b.framingError && b.value !== data[i])).toEqual([]);
      expect(events.filter((e) => e.type === 'recording')).toHaveLength(1);
    }
  });

  it('decodes a tape with no leader from its first byte', () => {
    const data = testBytes(50, 3);
    const events = decodeCuts(
      encodeCuts(data, { sampleRate: 44100, leaderSeconds: 0, trailerSeconds: 0.5 }),
      {
        sampleRate: 44100,
      },
    );
    expect(bytesOf(events)).toEqual(data);
    expect(bytesIn(events)[0]!.start).toBe(0);
  });

  it('decodes the last byte of a tape that stops right after it', () => {
    const data = testBytes(50, 3);
    const samples = encodeCuts(data, { sampleRate: 44100, leaderSeconds: 0.5, trailerSeconds: 0 });
    const events = decodeCuts(samples, { sampleRate: 44100 });
    expect(bytesOf(events)).toEqual(data);
    const segments = events.flatMap((e) => (e.type === 'segment' ? [e] : []));
    expect(segments.at(-1)).toEqual({
      type: 'segment',
      kind: 'data',
      start: expect.any(Number),
      end: samples.length,
    });
  });

  it('adds nothing for idle stretches of any length between bytes', () => {
    const sampleRate = 22050;
    const data = testBytes(200, 6);
    const encoder = new CutsEncoder({ sampleRate });
    const parts = [encoder.carrier(LEADER)];
    for (let i = 0; i < data.length; i++) {
      parts.push(encoder.bytes(data.subarray(i, i + 1)));
      // 0 to 16 idle cells: most gaps are not whole frames.
      if (i % 3 === 0) parts.push(encoder.bits(new Uint8Array((i * 7) % 17).fill(1)));
    }
    parts.push(encoder.carrier(0.5));
    const samples = Float32Array.from(parts.flatMap((p) => [...p]));
    for (const snrDb of [undefined, 3]) {
      const events = decodeCuts(impair(samples, sampleRate, { seed: 2, snrDb }), { sampleRate });
      expect(bytesOf(events)).toEqual(data);
    }
  });

  it('finds nothing in noise, in silence or in a KCS tape', () => {
    const sampleRate = 44100;
    const random = new SeededRandom(8);
    const noise = new Float32Array(sampleRate * 5).map(() => 0.3 * random.gaussian());
    const kcs = encodeKcs(testBytes(100, 2), { sampleRate, leaderSeconds: 1, trailerSeconds: 1 });
    for (const samples of [noise, new Float32Array(sampleRate * 3), kcs]) {
      const decoder = new CutsDecoder({ sampleRate });
      const events = decode(samples, decoder);
      expect(bytesIn(events).filter((b) => !b.framingError).length).toBeLessThan(3);
    }
    const silent = new CutsDecoder({ sampleRate });
    const events = decode(new Float32Array(sampleRate * 3), silent);
    expect(events.filter((e) => e.type === 'segment')).toEqual([
      { type: 'segment', kind: 'silence', start: 0, end: sampleRate * 3 },
    ]);
    expect(silent.carrierPresent).toBe(false);
  });

  it('survives garbage: NaN, infinities, wild samples, random chunks', () => {
    const sampleRate = 22050;
    const data = testBytes(100, 8);
    const samples = impair(tape(data, sampleRate), sampleRate, { seed: 9, snrDb: 10 });
    const random = new SeededRandom(10);
    // A burst of garbage in the leader, then the tape goes on.
    for (let i = 5000; i < 6000; i++) {
      const r = random.next();
      samples[i] = r < 0.1 ? NaN : r < 0.2 ? Infinity : r < 0.3 ? -3e38 : r < 0.4 ? 1e30 : random.gaussian();
    }
    const decoder = new CutsDecoder({ sampleRate });
    const events: KcsEvent[] = [];
    for (let at = 0; at < samples.length;) {
      const size = 1 + Math.floor(random.next() * 3000);
      events.push(...decoder.push(samples.subarray(at, at + size)));
      at += size;
    }
    events.push(...decoder.finish());
    expect(bytesOf(events)).toEqual(data);
    const segments = events.flatMap((e) => (e.type === 'segment' ? [e] : []));
    expect(segments[0]!.start).toBe(0);
    expect(segments.at(-1)!.end).toBe(samples.length);
    for (let i = 1; i < segments.length; i++) expect(segments[i]!.start).toBe(segments[i - 1]!.end);
    for (const e of events) {
      if (e.type === 'bit' || e.type === 'byte') {
        expect(e.end).toBeGreaterThan(e.start);
        expect(e.confidence).toBeGreaterThanOrEqual(0);
        expect(e.confidence).toBeLessThanOrEqual(1);
      }
    }
    expect(() => decoder.push(samples)).toThrow(/after finish/);
  });

  it('ends a recording at a silence of a second and starts the next', () => {
    const sampleRate = 22050;
    const a = tape(testBytes(20, 1), sampleRate);
    const b = tape(testBytes(30, 2), sampleRate);
    const samples = new Float32Array(a.length + 2 * sampleRate + b.length);
    samples.set(a, 0);
    samples.set(b, a.length + 2 * sampleRate);
    const recordings = decodeCuts(samples, { sampleRate }).filter((e) => e.type === 'recording');
    expect(recordings).toEqual([
      expect.objectContaining({ index: 0, bytes: 20 }),
      expect.objectContaining({ index: 1, bytes: 30 }),
    ]);
  });
});

describe('KcsFormatDecoder with CUTS', () => {
  const sampleRate = 44100;
  const data = testBytes(200, 21);
  const formats = [
    ['8N2', {}, data],
    ['8N1', { stopBits: 1 }, data],
    ['8E1', { stopBits: 1, parity: 'even' }, data],
    ['7E2', { dataBits: 7, parity: 'even' }, data.map((b) => b & 0x7f)],
    ['7O1', { dataBits: 7, parity: 'odd', stopBits: 1 }, data.map((b) => b & 0x7f)],
  ] as const;
  for (const [frame, encoding, sent] of formats) {
    it(`detects 1200 baud CUTS ${frame} and decodes it`, () => {
      const decoder = new KcsFormatDecoder({ sampleRate });
      const events = decode(
        impair(tape(sent, sampleRate, encoding), sampleRate, { seed: 1, snrDb: 6 }),
        decoder,
      );
      expect(decoder.format).toEqual({ baud: 1200, frame });
      expect(bytesOf(events)).toEqual(sent);
      expect(describeTapeFormat(decoder.format!)).toBe(`1200 baud CUTS ${frame}`);
    });
  }

  it('decodes CUTS when told, and keeps KCS tapes at their own rate', () => {
    const given = new KcsFormatDecoder({ sampleRate, baud: 1200, frame: '8N2' });
    expect(given.detecting).toBe(false);
    expect(bytesOf(decode(tape(data, sampleRate), given))).toEqual(data);
    for (const baud of [300, 600] as const) {
      for (const seed of [1, 2]) {
        const kcs = impair(
          encodeKcs(data.subarray(0, 100), { sampleRate, baud, leaderSeconds: 1, trailerSeconds: 0.5 }),
          sampleRate,
          { seed, snrDb: 0 },
        );
        const decoder = new KcsFormatDecoder({ sampleRate });
        expect(bytesOf(decode(kcs, decoder))).toEqual(data.subarray(0, 100));
        expect(decoder.format?.baud).toBe(baud);
      }
    }
    expect(() => new KcsFormatDecoder({ sampleRate, baud: 2400 as 300 })).toThrow(/baud 2400/);
  });

  it('finds a CUTS tape in one channel of a stereo recording', () => {
    const sent = data.subarray(0, 100);
    const left = tape(sent, sampleRate);
    const random = new SeededRandom(4);
    const right = new Float32Array(left.length).map(() => 0.05 * random.gaussian());
    const stereo = new KcsStereoDecoder({ sampleRate });
    const events = [...stereo.push(right, left), ...stereo.finish()];
    expect(stereo.channel).toBe('right');
    expect(stereo.format).toEqual({ baud: 1200, frame: '8N2' });
    expect(bytesOf(events)).toEqual(sent);
  });
});
