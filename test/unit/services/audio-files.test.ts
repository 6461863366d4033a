import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AudioFileError,
  detectAudioContainer,
  readAudioFile,
  streamAudioFile,
  type AudioFileEvent,
} from '../../../src-main/services/audio-files.ts';
import type { FixtureEntry } from '../../../scripts/make-audio-fixtures.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'audio');
const manifest = JSON.parse(readFileSync(join(fixtures, 'manifest.json'), 'utf8')) as {
  files: FixtureEntry[];
};

function expected(frequency: number, amplitude: number, rate: number, n: number): number {
  return amplitude * Math.sin((2 * Math.PI * frequency * n) / rate);
}

// Frequency from rising zero crossings, interpolated between samples.
function measureFrequency(samples: Float32Array, rate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1] ?? 0;
    const b = samples[i] ?? 0;
    if (a < 0 && b >= 0) crossings.push(i - 1 + a / (a - b));
  }
  const first = crossings[0] ?? 0;
  const last = crossings.at(-1) ?? 0;
  return ((crossings.length - 1) * rate) / (last - first);
}

function rms(samples: Float32Array): number {
  return Math.sqrt(samples.reduce((sum, v) => sum + v * v, 0) / samples.length);
}

async function collect(path: string, chunkBytes?: number): Promise<AudioFileEvent[]> {
  const events: AudioFileEvent[] = [];
  for await (const event of streamAudioFile(path, chunkBytes === undefined ? {} : { chunkBytes }))
    events.push(event);
  return events;
}

async function failure(path: string): Promise<AudioFileError> {
  try {
    await readAudioFile(path);
  } catch (error) {
    if (error instanceof AudioFileError) return error;
    throw error;
  }
  throw new Error('expected an AudioFileError');
}

describe('readAudioFile on the generated fixtures', () => {
  for (const entry of manifest.files) {
    it(`decodes ${entry.file} (${entry.note})`, async () => {
      const audio = await readAudioFile(join(fixtures, entry.file));
      expect(audio.format.container).toBe(entry.container);
      expect(audio.format.sampleRate).toBe(entry.sampleRate);
      expect(audio.format.channels).toBe(entry.tones.length);
      expect(audio.warnings.map((w) => w.code)).toEqual(entry.warnings);
      const frames = audio.channels[0]?.length ?? 0;
      entry.tones.forEach((tone, c) => {
        const channel = audio.channels[c] ?? new Float32Array(0);
        expect(channel.length).toBe(frames);
        if (entry.tolerance !== null) {
          expect(frames).toBe(entry.frames);
          let worst = 0;
          channel.forEach((v, n) => {
            worst = Math.max(
              worst,
              Math.abs(v - expected(tone.frequency, tone.amplitude, entry.sampleRate, n)),
            );
          });
          expect(worst).toBeLessThanOrEqual(entry.tolerance + 1e-7);
        } else {
          // Lossy codecs add encoder delay and padding and shift the level a little (LAME's output of this
          // fixture peaks at 0.476 for a 0.5 sine); judge the tone in the middle.
          expect(Math.abs(frames - entry.frames)).toBeLessThan(3000);
          const middle = channel.subarray(4096, entry.frames - 4096);
          expect(measureFrequency(middle, entry.sampleRate)).toBeCloseTo(tone.frequency, 0);
          expect(rms(middle) / (tone.amplitude / Math.SQRT2)).toBeGreaterThan(0.9);
          expect(rms(middle) / (tone.amplitude / Math.SQRT2)).toBeLessThan(1.1);
        }
      });
    });
  }

  it('says where a truncated WAV stops', async () => {
    const audio = await readAudioFile(join(fixtures, 'truncated-pcm16.wav'));
    expect(audio.warnings[0]?.message).toMatch(/^WAV data chunk is truncated at 0\.6 s/);
    expect(audio.format.totalFrames).toBe(8000);
  });

  it('reports FLAC bit depth and length from STREAMINFO and WAV details from the header', async () => {
    const flac = await readAudioFile(join(fixtures, 'kcs-tones-stereo.flac'));
    expect(flac.format.bitsPerSample).toBe(16);
    expect(flac.format.totalFrames).toBe(11025);
    const wav = await readAudioFile(join(fixtures, 'sox-pcm24-extensible.wav'));
    expect(wav.format.wav?.formatTag).toBe(0xfffe);
    expect(wav.format.bitsPerSample).toBe(24);
  });
});

describe('streamAudioFile', () => {
  for (const file of [
    'kcs-tones-pcm16-stereo.wav',
    'kcs-tones-stereo.flac',
    'sine-1000hz.ogg',
    'sine-1000hz.mp3',
  ]) {
    it(`streams ${file} in small reads with the same samples as one big read`, async () => {
      const path = join(fixtures, file);
      const small = await collect(path, 4096);
      const whole = await readAudioFile(path, { chunkBytes: 1 << 22 });
      expect(small[0]?.type).toBe('format');
      let next = 0;
      const joined = whole.channels.map((c) => new Float32Array(c.length));
      for (const event of small) {
        if (event.type !== 'samples') continue;
        expect(event.startFrame).toBe(next);
        event.channels.forEach((data, c) => joined[c]?.set(data, next));
        next += event.channels[0]?.length ?? 0;
      }
      expect(next).toBe(whole.channels[0]?.length);
      expect(joined).toEqual(whole.channels);
      // The Ogg decoder holds each page back until the next one arrives; this 1 s file has only 3 pages.
      expect(small.filter((e) => e.type === 'samples').length).toBeGreaterThan(file.endsWith('.ogg') ? 0 : 1);
    });
  }
});

describe('audio file detection and errors', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'audio-files-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, bytes: Uint8Array | string) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('goes by content, not by file name', async () => {
    const wavAsMp3 = join(dir, 'really-a-wav.mp3');
    const flacAsWav = join(dir, 'really-a-flac.wav');
    copyFileSync(join(fixtures, 'sine-pcm8-mono.wav'), wavAsMp3);
    copyFileSync(join(fixtures, 'kcs-tones-stereo.flac'), flacAsWav);
    expect((await readAudioFile(wavAsMp3)).format.container).toBe('wav');
    expect((await readAudioFile(flacAsWav)).format.container).toBe('flac');
  });

  it('finds MP3 audio after an ID3v2 tag', async () => {
    const tag = new Uint8Array(10 + 300);
    tag.set([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 2, 44]);
    const path = write('tagged.bin', Buffer.concat([tag, readFileSync(join(fixtures, 'sine-1000hz.mp3'))]));
    const audio = await readAudioFile(path);
    expect(audio.format.container).toBe('mp3');
    expect(audio.format.channels).toBe(1);
  });

  const cases: [string, () => string, string, RegExp][] = [
    ['a missing file', () => join(dir, 'nope.wav'), 'not-found', /nope\.wav: file not found/],
    [
      'a folder',
      () => (mkdirSync(join(dir, 'folder.wav'), { recursive: true }), join(dir, 'folder.wav')),
      'not-a-file',
      /folder/,
    ],
    ['an empty file', () => write('empty.wav', ''), 'empty', /file is empty/],
    ['a text file', () => write('notes.wav', 'hello tape'), 'unknown-format', /starts with 68 65 6C 6C 6F/],
    [
      'an ID3 tag with no audio after it',
      () =>
        write(
          'tag-only.mp3',
          Buffer.concat([Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 4]), Buffer.from('junkjunk')]),
        ),
      'unknown-format',
      /ID3 tag ends at byte 14 but no MPEG audio frame follows/,
    ],
    [
      'Ogg Opus',
      () =>
        write(
          'voice.ogg',
          Buffer.concat([
            Buffer.from('OggS'),
            Buffer.alloc(22),
            Buffer.from([1, 19]),
            Buffer.from('OpusHead'),
            Buffer.alloc(40),
          ]),
        ),
      'unsupported-format',
      /Ogg Opus files are not supported/,
    ],
    [
      'AIFF',
      () =>
        write(
          'tape.aiff',
          Buffer.concat([Buffer.from('FORM'), Buffer.alloc(4), Buffer.from('AIFF'), Buffer.alloc(40)]),
        ),
      'unsupported-format',
      /AIFF/,
    ],
    [
      'a big-endian RIFX file',
      () => write('be.wav', Buffer.concat([Buffer.from('RIFX'), Buffer.alloc(4), Buffer.from('WAVE')])),
      'invalid-wav',
      /big-endian WAV \(RIFX\) is not supported/,
    ],
    [
      'an ADPCM WAV',
      () => {
        const bytes = Buffer.from(readFileSync(join(fixtures, 'sine-pcm8-mono.wav')));
        bytes.writeUInt16LE(0x11, 20);
        return write('adpcm.wav', bytes);
      },
      'unsupported-format',
      /0x0011 \(IMA ADPCM\)/,
    ],
    [
      'a FLAC marker followed by garbage',
      () => write('broken.flac', Buffer.concat([Buffer.from('fLaC'), Buffer.alloc(3000, 0x5a)])),
      'decode-failed',
      /no audio could be decoded from this flac file/,
    ],
  ];
  for (const [name, make, code, message] of cases) {
    it(`rejects ${name} with a clear error`, async () => {
      const error = await failure(make());
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
    });
  }

  it('names an unknown RIFF form once, with unprintable bytes escaped', async () => {
    const bytes = Buffer.from(readFileSync(join(fixtures, 'sine-pcm8-mono.wav')));
    bytes.write('Wy\x01E', 8, 'latin1');
    const error = await failure(write('form.wav', bytes));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(/RIFF form 'Wy\\x01E' \(not WAVE\) files are not supported$/);
  });

  it('says how much of a damaged FLAC could not be decoded, after what it could', async () => {
    const whole = readFileSync(join(fixtures, 'kcs-tones-stereo.flac'));
    for (const [name, bytes] of [
      ['cut.flac', whole.subarray(0, whole.length >> 1)],
      ['flipped.flac', Buffer.from(whole).fill(0x5a, whole.length >> 1, (whole.length >> 1) + 2)],
    ] as const) {
      const decoded = await readAudioFile(write(name, bytes));
      const frames = decoded.channels[0]?.length ?? 0;
      expect(frames, name).toBeGreaterThan(0);
      expect(frames, name).toBeLessThan(11025);
      const lost = decoded.warnings.filter((w) => w.code === 'audio-lost');
      expect(lost, name).toHaveLength(1);
      const missing = ((11025 - frames) / 22050).toFixed(1);
      expect(lost[0]?.message, name).toContain(`${missing} s of 0.5 s could not be decoded`);
      expect(lost[0]?.frame, name).toBe(frames);
    }
  });

  it('reports a damaged Ogg stream once, not at every packet', async () => {
    const bytes = Buffer.from(readFileSync(join(fixtures, 'sine-1000hz.ogg')));
    bytes.fill(0x5a, 3000, 3200);
    const warnings: string[] = [];
    const error = await (async () => {
      try {
        for await (const event of streamAudioFile(write('bad-header.ogg', bytes))) {
          if (event.type === 'warning') warnings.push(event.warning.code);
        }
      } catch (caught) {
        return caught as AudioFileError;
      }
      return null;
    })();
    // One error naming the damaged page, no warning per packet.
    expect(warnings).toEqual([]);
    expect(error?.message).toMatch(
      /no audio could be decoded from this ogg-vorbis file: the page at byte \d+ has a wrong checksum \(\d+ decoder errors, first: /,
    );
  });

  it('passes on the byte offset of a WAV header error', async () => {
    const bytes = Buffer.from(readFileSync(join(fixtures, 'sine-pcm8-mono.wav')));
    bytes.writeUInt32LE(2, 4);
    const error = await failure(write('tiny-riff.wav', bytes));
    expect(error.code).toBe('invalid-wav');
    expect(error.byteOffset).toBe(4);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      readAudioFile(join(fixtures, 'kcs-tones-pcm16-stereo.wav'), { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'aborted' });
  });

  it('recognises each container from its first bytes', () => {
    const head = (name: string) => readFileSync(join(fixtures, name)).subarray(0, 4096);
    expect(detectAudioContainer(head('sine-pcm8-mono.wav'))).toEqual({
      kind: 'audio',
      container: 'wav',
      offset: 0,
    });
    expect(detectAudioContainer(head('kcs-tones-stereo.flac'))).toMatchObject({ container: 'flac' });
    expect(detectAudioContainer(head('sine-1000hz.ogg'))).toMatchObject({ container: 'ogg-vorbis' });
    expect(detectAudioContainer(head('sine-1000hz.mp3'))).toMatchObject({ container: 'mp3' });
    expect(detectAudioContainer(Uint8Array.of(0xff, 0xf1, 0x50, 0x80))).toEqual({
      kind: 'unsupported',
      name: 'AAC (ADTS)',
    });
    expect(detectAudioContainer(Uint8Array.of(0x49, 0x44, 0x33, 4, 0, 0x10, 0, 0, 1, 0))).toEqual({
      kind: 'id3',
      audioOffset: 10 + 128 + 10,
    });
    const oggFlac = Buffer.concat([
      Buffer.from('OggS'),
      Buffer.alloc(22),
      Buffer.from([1, 51]),
      Buffer.from('\x7fFLAC'),
    ]);
    expect(detectAudioContainer(oggFlac)).toMatchObject({ container: 'ogg-flac' });
    expect(detectAudioContainer(new Uint8Array(16))).toEqual({ kind: 'unknown' });
  });
});
