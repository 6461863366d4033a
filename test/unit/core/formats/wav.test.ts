import { describe, it, expect } from 'vitest';
import {
  WavError,
  WavReader,
  WavWriter,
  encodeWav,
  readWav,
  type WavEncoding,
  type WavEvent,
  type WavFormat,
  type WavWarning,
} from '../../../../src-main/core/formats/wav.ts';
import { ascii, chunk, concat, fmtBody, le, random, riff, split, subFormatGuid, wav } from './wav-builder.ts';

interface Collected {
  format: WavFormat | null;
  channels: number[][];
  warnings: WavWarning[];
  blocks: { startFrame: number; frames: number }[];
}

function collect(events: readonly WavEvent[], into: Collected): void {
  for (const event of events) {
    if (event.type === 'format') {
      into.format = event.format;
      into.channels = Array.from({ length: event.format.channels }, () => []);
    } else if (event.type === 'warning') {
      into.warnings.push(event.warning);
    } else {
      into.blocks.push({ startFrame: event.startFrame, frames: event.channels[0]?.length ?? 0 });
      event.channels.forEach((channel, c) => into.channels[c]?.push(...channel));
    }
  }
}

function readPieces(pieces: readonly Uint8Array[], maxBlockFrames?: number): Collected {
  const reader = new WavReader(maxBlockFrames === undefined ? {} : { maxBlockFrames });
  const out: Collected = { format: null, channels: [], warnings: [], blocks: [] };
  for (const piece of pieces) collect(reader.push(piece), out);
  collect(reader.finish(), out);
  return out;
}

function readError(bytes: Uint8Array): WavError {
  try {
    readPieces([bytes]);
  } catch (error) {
    if (error instanceof WavError) return error;
    throw error;
  }
  throw new Error('expected a WavError');
}

function ramp(frames: number, phase: number): Float32Array {
  return Float32Array.from({ length: frames }, (_, i) => Math.sin(i * 0.05 + phase) * 0.9);
}

const steps: Record<WavEncoding, number> = {
  pcm8: 1 / 128,
  pcm16: 1 / 32768,
  pcm24: 1 / 8388608,
  float32: 0,
};

describe('WavWriter and WavReader round trip', () => {
  for (const encoding of ['pcm8', 'pcm16', 'pcm24', 'float32'] as const) {
    for (const channelCount of [1, 2, 3]) {
      it(`${encoding}, ${channelCount} channel(s), read back in random pieces`, () => {
        const frames = 777;
        const channels = Array.from({ length: channelCount }, (_, c) => ramp(frames, c));
        const bytes = encodeWav(channels, { sampleRate: 22050, channels: channelCount, encoding });
        const out = readPieces(split(bytes, random(channelCount * 31 + frames), 13), 100);
        expect(out.format?.channels).toBe(channelCount);
        expect(out.format?.sampleRate).toBe(22050);
        expect(out.format?.encoding).toBe(encoding === 'float32' ? 'float' : 'pcm');
        expect(out.format?.frames).toBe(frames);
        expect(out.warnings).toEqual([]);
        for (let c = 0; c < channelCount; c++) {
          const got = out.channels[c] ?? [];
          expect(got.length).toBe(frames);
          const want = channels[c] ?? new Float32Array(0);
          const worst = got.reduce((max, value, i) => Math.max(max, Math.abs(value - (want[i] ?? 0))), 0);
          expect(worst).toBeLessThanOrEqual(steps[encoding] / 2 + 1e-9);
        }
      });
    }
  }

  it('emits blocks of at most maxBlockFrames with continuous start frames', () => {
    const bytes = encodeWav([ramp(1000, 0)], { sampleRate: 8000, channels: 1, encoding: 'pcm16' });
    const out = readPieces(split(bytes, random(7), 300), 64);
    let expected = 0;
    for (const block of out.blocks) {
      expect(block.startFrame).toBe(expected);
      expect(block.frames).toBeGreaterThan(0);
      expect(block.frames).toBeLessThanOrEqual(64);
      expected += block.frames;
    }
    expect(expected).toBe(1000);
  });

  it('gives the same samples whether fed one byte at a time or all at once', () => {
    const bytes = encodeWav([ramp(300, 1), ramp(300, 2)], {
      sampleRate: 8000,
      channels: 2,
      encoding: 'pcm24',
    });
    const whole = readPieces([bytes]);
    const bytewise = readPieces(split(bytes, () => 0, 1));
    expect(bytewise.channels).toEqual(whole.channels);
  });
});

describe('WavReader sample decoding', () => {
  it('maps 8-bit unsigned samples around 128', () => {
    const out = readWav(wav({ channels: 1, sampleRate: 8000, bits: 8 }, Uint8Array.of(0, 64, 128, 255)));
    expect([...(out.channels[0] ?? [])]).toEqual([-1, -0.5, 0, 127 / 128]);
  });

  it('decodes signed 16-bit extremes', () => {
    const data = concat([le(0x8000, 2), le(0xffff, 2), le(0, 2), le(0x7fff, 2)]);
    const out = readWav(wav({ channels: 1, sampleRate: 8000, bits: 16 }, data));
    expect([...(out.channels[0] ?? [])]).toEqual([-1, -1 / 32768, 0, 32767 / 32768]);
  });

  it('decodes 24-bit and 32-bit PCM', () => {
    const data24 = concat([le(0x800000, 3), le(0xffffff, 3), le(0x400000, 3)]);
    expect([
      ...(readWav(wav({ channels: 1, sampleRate: 8000, bits: 24 }, data24)).channels[0] ?? []),
    ]).toEqual([-1, -1 / 8388608, 0.5]);
    const data32 = concat([le(0x80000000, 4), le(0xc0000000, 4), le(0x40000000, 4)]);
    expect([
      ...(readWav(wav({ channels: 1, sampleRate: 8000, bits: 32 }, data32)).channels[0] ?? []),
    ]).toEqual([-1, -0.5, 0.5]);
  });

  it('decodes 64-bit IEEE float and interleaved channels', () => {
    const data = new Uint8Array(32);
    const view = new DataView(data.buffer);
    [0.25, -0.75, 0.5, 1].forEach((value, i) => view.setFloat64(i * 8, value, true));
    const out = readWav(wav({ tag: 3, channels: 2, sampleRate: 44100, bits: 64 }, data));
    expect(out.format.encoding).toBe('float');
    expect([...(out.channels[0] ?? [])]).toEqual([0.25, 0.5]);
    expect([...(out.channels[1] ?? [])]).toEqual([-0.75, 1]);
  });

  it('replaces NaN and infinite float samples with 0 and says how many', () => {
    const data = new Uint8Array(12);
    const view = new DataView(data.buffer);
    view.setFloat32(0, Number.NaN, true);
    view.setFloat32(4, 0.5, true);
    view.setFloat32(8, Number.POSITIVE_INFINITY, true);
    const out = readWav(wav({ tag: 3, channels: 1, sampleRate: 8000, bits: 32 }, data));
    expect([...(out.channels[0] ?? [])]).toEqual([0, 0.5, 0]);
    expect(out.warnings.map((w) => w.code)).toEqual(['non-finite-samples']);
    expect(out.warnings[0]?.message).toMatch(/^2 float samples/);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE PCM with 24 valid bits in a 32-bit container', () => {
    const data = concat([le(0x40000000, 4), le(0xc0000000, 4)]);
    const fmt = {
      channels: 1,
      sampleRate: 48000,
      bits: 32,
      extensible: { validBits: 24, channelMask: 4, subFormat: 1 },
    };
    const out = readWav(wav(fmt, data));
    expect(out.format.formatTag).toBe(0xfffe);
    expect(out.format.encoding).toBe('pcm');
    expect(out.format.validBitsPerSample).toBe(24);
    expect(out.format.channelMask).toBe(4);
    expect([...(out.channels[0] ?? [])]).toEqual([0.5, -0.5]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE float', () => {
    const data = new Uint8Array(4);
    new DataView(data.buffer).setFloat32(0, -0.125, true);
    const fmt = {
      channels: 1,
      sampleRate: 48000,
      bits: 32,
      extensible: { validBits: 32, channelMask: 0, subFormat: 3 },
    };
    const out = readWav(wav(fmt, data));
    expect(out.format.encoding).toBe('float');
    expect([...(out.channels[0] ?? [])]).toEqual([-0.125]);
  });

  it('reads 24-bit samples in 32-bit containers from a plain fmt chunk', () => {
    const data = concat([le(0x40000000, 4), le(0xff800000, 4)]);
    const out = readWav(wav({ channels: 1, sampleRate: 8000, bits: 24, blockAlign: 4 }, data));
    expect(out.format.bitsPerSample).toBe(32);
    expect(out.format.validBitsPerSample).toBe(24);
    expect(out.warnings).toEqual([]);
    expect([...(out.channels[0] ?? [])]).toEqual([0.5, -1 / 256]);
  });

  it('reads 12-bit samples left-justified in 16-bit containers', () => {
    const out = readWav(
      wav({ channels: 1, sampleRate: 8000, bits: 12 }, concat([le(0x4000, 2), le(0x8000, 2)])),
    );
    expect(out.format.validBitsPerSample).toBe(12);
    expect([...(out.channels[0] ?? [])]).toEqual([0.5, -1]);
  });
});

describe('WavReader chunk handling', () => {
  it('skips unknown and odd-sized chunks with their pad byte', () => {
    const list = chunk({ id: 'LIST', body: ascii('INFOabc') });
    const junk = chunk({ id: 'junk', body: new Uint8Array(5).fill(0xee) });
    const bytes = wav({ channels: 1, sampleRate: 8000, bits: 8 }, Uint8Array.of(0, 255, 128), {
      before: [list, junk],
      after: [chunk({ id: 'cue ', body: new Uint8Array(3) })],
    });
    const out = readPieces(split(bytes, random(3), 5));
    expect(out.channels[0]).toEqual([-1, 127 / 128, 0]);
    expect(out.warnings).toEqual([]);
  });

  it('reads to the end when the data size is 0 and the RIFF size is unset', () => {
    const body = Uint8Array.of(10, 20, 30, 40, 50);
    const bytes = riff(
      [
        chunk({ id: 'fmt ', body: fmtBody({ channels: 1, sampleRate: 8000, bits: 8 }) }),
        chunk({ id: 'data', body, size: 0, pad: false }),
      ],
      { size: 0 },
    );
    const out = readPieces([bytes]);
    expect(out.channels[0]?.length).toBe(5);
    expect(out.format?.dataBytes).toBeNull();
    expect(out.warnings.map((w) => w.code)).toEqual(['data-size-unknown']);
    expect(out.warnings[0]?.message).toMatch(/not set \(0\)/);
  });

  it('reads to the end when the data size is 0xFFFFFFFF', () => {
    const bytes = riff(
      [
        chunk({ id: 'fmt ', body: fmtBody({ channels: 2, sampleRate: 8000, bits: 16 }) }),
        chunk({ id: 'data', body: new Uint8Array(40), size: 0xffffffff }),
      ],
      { size: 0xffffffff },
    );
    const out = readPieces(split(bytes, random(9), 7));
    expect(out.channels[0]?.length).toBe(10);
    expect(out.warnings.map((w) => w.code)).toEqual(['data-size-unknown']);
  });

  it('treats a data size of 0 as empty when the RIFF size shows more chunks follow', () => {
    const after = chunk({ id: 'LIST', body: new Uint8Array(20) });
    const bytes = wav({ channels: 1, sampleRate: 8000, bits: 8 }, new Uint8Array(0), { after: [after] });
    const out = readPieces([bytes]);
    expect(out.format?.frames).toBe(0);
    expect(out.channels[0]).toEqual([]);
    expect(out.warnings).toEqual([]);
  });

  it('delivers a truncated data chunk and says where it stops in seconds', () => {
    const full = wav({ channels: 1, sampleRate: 1000, bits: 8 }, new Uint8Array(20_000).fill(128));
    const cut = full.subarray(0, 44 + 12_400);
    const out = readPieces(split(cut, random(5), 4000));
    expect(out.channels[0]?.length).toBe(12_400);
    expect(out.warnings.map((w) => w.code)).toEqual(['truncated-data']);
    expect(out.warnings[0]?.message).toMatch(/^WAV data chunk is truncated at 12\.4 s/);
    expect(out.warnings[0]?.frame).toBe(12_400);
    expect(out.warnings[0]?.byteOffset).toBe(44 + 12_400);
  });

  it('drops and reports an incomplete last frame', () => {
    const bytes = riff([
      chunk({ id: 'fmt ', body: fmtBody({ channels: 2, sampleRate: 8000, bits: 16 }) }),
      chunk({ id: 'data', body: new Uint8Array(10) }),
    ]);
    const out = readPieces(split(bytes, random(1), 3));
    expect(out.channels[0]?.length).toBe(2);
    expect(out.warnings.map((w) => w.code)).toEqual(['partial-frame']);
  });

  it('ignores bytes after the RIFF end once the data is read', () => {
    const bytes = concat([
      wav({ channels: 1, sampleRate: 8000, bits: 8 }, Uint8Array.of(1, 2)),
      new Uint8Array(7),
    ]);
    const out = readPieces([bytes]);
    expect(out.channels[0]?.length).toBe(2);
    expect(out.warnings.map((w) => w.code)).toEqual(['trailing-bytes']);
    expect(out.warnings[0]?.message).toMatch(/^7 bytes/);
  });

  it('warns about a second fmt and a second data chunk and uses the first', () => {
    const bytes = riff([
      chunk({ id: 'fmt ', body: fmtBody({ channels: 1, sampleRate: 8000, bits: 8 }) }),
      chunk({ id: 'fmt ', body: fmtBody({ channels: 2, sampleRate: 9000, bits: 16 }) }),
      chunk({ id: 'data', body: Uint8Array.of(0, 128) }),
      chunk({ id: 'data', body: Uint8Array.of(255) }),
    ]);
    const out = readPieces([bytes]);
    expect(out.format?.sampleRate).toBe(8000);
    expect(out.channels[0]).toEqual([-1, 0]);
    expect(out.warnings.map((w) => w.code)).toEqual(['duplicate-fmt', 'extra-data-chunk']);
  });

  it('repairs an inconsistent block align with a warning', () => {
    const out = readWav(wav({ channels: 1, sampleRate: 8000, bits: 16, blockAlign: 3 }, new Uint8Array(8)));
    expect(out.format.blockAlign).toBe(2);
    expect(out.channels[0]?.length).toBe(4);
    expect(out.warnings.map((w) => w.code)).toEqual(['block-align']);
  });

  it('reads RF64 files through the ds64 sizes', () => {
    const ds64 = chunk({
      id: 'ds64',
      body: concat([le(4 + 8 + 28 + 8 + 24 + 8 + 6, 8), le(6, 8), le(3, 8), le(0, 4)]),
    });
    const bytes = riff(
      [
        ds64,
        chunk({ id: 'fmt ', body: fmtBody({ channels: 1, sampleRate: 8000, bits: 16 }) }),
        chunk({ id: 'data', body: new Uint8Array(6), size: 0xffffffff }),
      ],
      { magic: 'RF64', size: 0xffffffff },
    );
    const out = readPieces([bytes]);
    expect(out.format?.dataBytes).toBe(6);
    expect(out.channels[0]?.length).toBe(3);
    expect(out.warnings).toEqual([]);
  });
});

describe('WavReader errors', () => {
  const fmt8 = { channels: 1, sampleRate: 8000, bits: 8 };
  const cases: [string, Uint8Array, string, RegExp][] = [
    ['an empty file', new Uint8Array(0), 'empty', /empty/],
    ['a short file', ascii('RIFF\x04\x00'), 'truncated-header', /too short.*6 bytes/],
    [
      'a non-RIFF file',
      ascii('ID3\x03 some mp3 bytes'),
      'not-riff',
      /starts with 0x49443303, expected 'RIFF'/,
    ],
    ['big-endian RIFX', riff([], { magic: 'RIFX' }), 'big-endian', /RIFX/],
    ['a RIFF that is not WAVE', riff([], { form: 'AVI ' }), 'not-wave', /'AVI '/],
    ['a RIFF size below 4', riff([], { size: 2 }), 'bad-size', /RIFF size 2/],
    [
      'an MP3-in-WAV format tag',
      wav({ ...fmt8, tag: 0x55 }, new Uint8Array(4)),
      'unsupported-format',
      /0x0055 \(MPEG Layer 3\)/,
    ],
    [
      'zero channels',
      wav({ ...fmt8, channels: 0, blockAlign: 1 }, new Uint8Array(4)),
      'bad-fmt',
      /zero channels/,
    ],
    [
      'a zero sample rate',
      wav({ ...fmt8, sampleRate: 0 }, new Uint8Array(4)),
      'bad-fmt',
      /sample rate of 0 Hz/,
    ],
    ['16-bit float', wav({ ...fmt8, tag: 3, bits: 16 }, new Uint8Array(4)), 'unsupported-format', /16-bit/],
    [
      'an absurd fmt size',
      riff([concat([ascii('fmt '), le(0x7fffffff, 4), fmtBody(fmt8)])]),
      'bad-size',
      /absurd size of 2147483647/,
    ],
    ['a short fmt chunk', riff([chunk({ id: 'fmt ', body: new Uint8Array(10) })]), 'bad-fmt', /10 bytes/],
    [
      'data before fmt',
      riff([chunk({ id: 'data', body: new Uint8Array(4) }), chunk({ id: 'fmt ', body: fmtBody(fmt8) })]),
      'no-fmt',
      /data chunk at byte 12 comes before any fmt chunk/,
    ],
    ['no data chunk', riff([chunk({ id: 'fmt ', body: fmtBody(fmt8) })]), 'no-data', /no data chunk/],
    ['no chunks at all', riff([]), 'no-fmt', /no fmt chunk/],
    [
      'a cut-off fmt chunk',
      riff([chunk({ id: 'fmt ', body: fmtBody(fmt8) })]).subarray(0, 30),
      'truncated-header',
      /fmt chunk at byte 12 is cut off .* byte 30/,
    ],
    [
      'a huge chunk before the data',
      riff([
        chunk({ id: 'fmt ', body: fmtBody(fmt8) }),
        chunk({ id: 'LIST', body: new Uint8Array(4), size: 1e9 }),
      ]),
      'no-data',
      /'LIST' at byte 36 runs past the end/,
    ],
    [
      'an unknown extensible GUID',
      wav(
        {
          ...fmt8,
          extensible: { validBits: 8, channelMask: 0, subFormat: 1 },
          guid: concat([subFormatGuid(1).subarray(0, 15), Uint8Array.of(0)]),
        },
        new Uint8Array(2),
      ),
      'unsupported-format',
      /GUID 0100000000001000800000AA00389B00/,
    ],
  ];
  for (const [name, bytes, code, message] of cases) {
    it(`rejects ${name}`, () => {
      const error = readError(bytes);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    });
  }

  it('keeps failing with the same error after a failure', () => {
    const reader = new WavReader();
    expect(() => reader.push(ascii('RIFX\x00\x00\x00\x00WAVE'))).toThrow(WavError);
    expect(() => reader.push(new Uint8Array(4))).toThrow(/RIFX/);
    expect(() => reader.finish()).toThrow(/RIFX/);
  });

  it('refuses input after finish', () => {
    const reader = new WavReader();
    reader.push(encodeWav([new Float32Array(2)], { sampleRate: 8000, channels: 1, encoding: 'pcm8' }));
    reader.finish();
    expect(() => reader.push(new Uint8Array(1))).toThrow(/already finished/);
  });

  it('rejects a bad maxBlockFrames', () => {
    expect(() => new WavReader({ maxBlockFrames: 0 })).toThrow(WavError);
  });
});

describe('WavWriter', () => {
  it('streams a placeholder header that readers take as read-to-end, then patches real sizes', () => {
    const writer = new WavWriter({ sampleRate: 16000, channels: 1, encoding: 'pcm8' });
    const head = writer.start();
    const parts = [writer.write([ramp(5, 0)]), writer.write([ramp(6, 1)])];
    const unfinished = concat([head, ...parts]);
    const partial = readPieces([unfinished]);
    expect(partial.channels[0]?.length).toBe(11);
    expect(partial.warnings.map((w) => w.code)).toEqual(['data-size-unknown']);

    const done = writer.finalize();
    expect(done.frames).toBe(11);
    expect(done.dataBytes).toBe(11);
    expect(done.trailer.length).toBe(1);
    const file = concat([done.header, ...parts, done.trailer]);
    const out = readPieces([file]);
    expect(out.warnings).toEqual([]);
    expect(out.format?.frames).toBe(11);
    expect(file.length % 2).toBe(0);
    expect(new DataView(file.buffer).getUint32(4, true)).toBe(file.length - 8);
  });

  it('writes the same bytes streaming and one-shot', () => {
    const channels = [ramp(100, 0), ramp(100, 3)];
    const options = { sampleRate: 44100, channels: 2, encoding: 'float32' } as const;
    const writer = new WavWriter(options);
    writer.start();
    const data = concat([
      writer.write(channels.map((c) => c.subarray(0, 40))),
      writer.write(channels.map((c) => c.subarray(40))),
    ]);
    const { header, trailer } = writer.finalize();
    expect(concat([header, data, trailer])).toEqual(encodeWav(channels, options));
    expect(header.length).toBe(58);
  });

  it('clamps out-of-range samples and writes NaN as silence', () => {
    const bytes = encodeWav([Float32Array.of(2, -3, Number.NaN, 1, -1)], {
      sampleRate: 8000,
      channels: 1,
      encoding: 'pcm16',
    });
    expect([...(readWav(bytes).channels[0] ?? [])]).toEqual([32767 / 32768, -1, 0, 32767 / 32768, -1]);
  });

  it('validates its options and input', () => {
    expect(() => new WavWriter({ sampleRate: 0, channels: 1, encoding: 'pcm16' })).toThrow(/sample rate/);
    expect(() => new WavWriter({ sampleRate: 8000, channels: 0, encoding: 'pcm16' })).toThrow(
      /channel count/,
    );
    const writer = new WavWriter({ sampleRate: 8000, channels: 2, encoding: 'pcm16' });
    expect(() => writer.write([new Float32Array(2)])).toThrow(/expected 2 channel arrays/);
    expect(() => writer.write([new Float32Array(2), new Float32Array(3)])).toThrow(/differ in length/);
    writer.finalize();
    expect(() => writer.write([new Float32Array(1), new Float32Array(1)])).toThrow(/finalized/);
  });
});

describe('WavReader reusing its sample arrays', () => {
  it('fills the same arrays on every push and delivers the same samples', () => {
    const left = Float32Array.from({ length: 5000 }, (_, i) => Math.sin(i / 7) * 0.5);
    const right = Float32Array.from({ length: 5000 }, (_, i) => Math.cos(i / 5) * 0.5);
    const bytes = encodeWav([left, right], { sampleRate: 8000, channels: 2, encoding: 'pcm16' });
    const read = (reuse: boolean) => {
      const reader = new WavReader({ maxBlockFrames: 300, reuseBlocks: reuse });
      const samples: number[][] = [[], []];
      const buffers = new Set<ArrayBufferLike>();
      for (let at = 0; at < bytes.length; at += 1000) {
        const events = reader.push(bytes.subarray(at, at + 1000));
        if (at + 1000 >= bytes.length) events.push(...reader.finish());
        // What a consumer reads before its next call.
        for (const event of events) {
          if (event.type !== 'samples') continue;
          event.channels.forEach((channel, c) => samples[c]!.push(...channel));
          for (const channel of event.channels) buffers.add(channel.buffer);
        }
      }
      return { samples, buffers: buffers.size };
    };
    const fresh = read(false);
    const reused = read(true);
    expect(reused.samples).toEqual(fresh.samples);
    expect(fresh.samples[0]).toHaveLength(5000);
    // 1,000 bytes a push are 250 frames: one block a push, one pair of arrays for the whole file.
    expect(fresh.buffers).toBeGreaterThan(30);
    expect(reused.buffers).toBe(2);
  });
});

describe('WavReader with pcm16', () => {
  const samples = Float32Array.from({ length: 3000 }, (_, i) => Math.sin(i / 9) * 0.8);
  const mono16 = encodeWav([samples], { sampleRate: 8000, channels: 1, encoding: 'pcm16' });
  const read = (bytes: Uint8Array, piece: number, offset = 0) => {
    const reader = new WavReader({ maxBlockFrames: 500, pcm16: true });
    const words: number[] = [];
    const floats: number[] = [];
    let contiguous = true;
    const take = (events: WavEvent[]): void => {
      for (const event of events) {
        if (event.type !== 'samples') continue;
        contiguous &&= event.startFrame === words.length + floats.length;
        if (event.pcm16) {
          expect(event.channels).toEqual([]);
          expect(event.pcm16.length).toBeLessThanOrEqual(500);
          words.push(...event.pcm16);
        } else floats.push(...(event.channels[0] ?? []));
      }
    };
    // `offset` shifts the file inside its buffer, so the words are not 2-byte aligned there.
    const buffer = new Uint8Array(bytes.length + offset);
    buffer.set(bytes, offset);
    const shifted = buffer.subarray(offset);
    for (let at = 0; at < shifted.length; at += piece) take(reader.push(shifted.subarray(at, at + piece)));
    take(reader.finish());
    return { words, floats, contiguous };
  };

  it("gives a mono 16-bit file's words, which are its floats times 32768, in any pieces", () => {
    const floats = readWav(mono16).channels[0] ?? new Float32Array(0);
    const expected = [...floats].map((v) => v * 32768);
    for (const [piece, offset] of [
      [mono16.length, 0],
      [mono16.length, 1],
      [1, 0],
      [777, 0],
      [1001, 1],
    ] as const) {
      const got = read(mono16, piece, offset);
      expect(got.floats).toEqual([]);
      expect(got.words).toEqual(expected);
      expect(got.contiguous).toBe(true);
    }
  });

  it('gives other files as floats', () => {
    const stereo = encodeWav([samples, samples], { sampleRate: 8000, channels: 2, encoding: 'pcm16' });
    const mono24 = encodeWav([samples], { sampleRate: 8000, channels: 1, encoding: 'pcm24' });
    for (const bytes of [stereo, mono24]) {
      const got = read(bytes, 1000);
      expect(got.words).toEqual([]);
      expect(got.floats).toHaveLength(3000);
    }
  });
});
