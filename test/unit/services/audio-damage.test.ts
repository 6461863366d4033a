// Damaged compressed files: seeded corruption of our own small KCS fixtures (scripts/make-kcs-fixtures.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  flacFirstFrameOffset,
  flacFrameHeaderAt,
  MpegFrameCounter,
  mpegFrameAt,
} from '../../../src-main/core/formats/compressed-frames.ts';
import { bytesOf, decodeKcs } from '../../../src-main/core/modem/kcs-decoder.ts';
import { readAudioFile } from '../../../src-main/services/audio-files.ts';
import { KCS_FIXTURE_BYTES } from '../../../scripts/make-kcs-fixtures.ts';
import { byteErrors } from '../../support/byte-errors.ts';
import { oggFlacFromFlac } from '../../support/ogg-flac.ts';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'audio');
const flac = readFileSync(join(fixtures, 'kcs-tape-8k.flac'));
const mp3 = readFileSync(join(fixtures, 'kcs-tape-16k.mp3'));
const ogg = readFileSync(join(fixtures, 'kcs-tape-16k.ogg'));
const dir = mkdtempSync(join(tmpdir(), 'audio-damage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** xorshift: the same damage on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

/** Offsets of every FLAC frame, found by walking the file for valid headers. */
function flacFrames(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  for (let i = flacFirstFrameOffset(bytes) ?? 0; i < bytes.length - 16; i++) {
    if (bytes[i] === 0xff && flacFrameHeaderAt(bytes, i) !== null) offsets.push(i);
  }
  return offsets;
}

function mpegFrames(bytes: Uint8Array): number[] {
  const offsets: number[] = [];
  for (let i = 0; i < bytes.length;) {
    const frame = mpegFrameAt(bytes, i);
    if (frame === null) break;
    offsets.push(i);
    i += frame.length;
  }
  return offsets;
}

function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('compressed frame headers', () => {
  it('finds every FLAC frame of the fixture, numbered in order', () => {
    const offsets = flacFrames(flac);
    const numbers = offsets.map((at) => flacFrameHeaderAt(flac, at)!.number);
    // 5 s at 8 kHz in 1,152-sample frames.
    expect(numbers).toEqual(Array.from({ length: Math.ceil(40000 / 1152) }, (_, i) => i));
  });

  it('counts the samples an MP3 promises, and notes where its frame chain breaks', () => {
    const clean = new MpegFrameCounter(0);
    clean.push(mp3);
    clean.finish();
    expect(clean.breaks).toEqual([]);
    expect(clean.frames).toBe(mpegFrames(mp3).length);
    const at = mpegFrames(mp3)[20]!;
    const broken = Uint8Array.from(mp3);
    broken[at] = 0;
    const counter = new MpegFrameCounter(0);
    for (let i = 0; i < broken.length; i += 1000) counter.push(broken.subarray(i, i + 1000));
    counter.finish();
    expect(counter.breaks).toEqual([{ byte: at, resumedAt: mpegFrames(mp3)[21], sample: 20 * 576 }]);
    expect(counter.samples + counter.skippedSamples).toBe(clean.samples);
  });
});

describe('damaged FLAC', () => {
  const seeds = [1, 2, 3];
  for (const seed of seeds) {
    it(`resumes after 2 corrupt bytes at the next intact frame and says what was skipped (seed ${seed})`, async () => {
      const clean = await readAudioFile(write('clean.flac', flac));
      const frames = flacFrames(flac);
      const next = random(seed);
      // Two bytes inside a frame from the middle third of the tape.
      const index = Math.floor(frames.length / 3 + (next() * frames.length) / 3);
      const at = frames[index]! + 20 + Math.floor(next() * 200);
      const damaged = Uint8Array.from(flac);
      damaged[at] = (damaged[at] ?? 0) ^ 0xa5;
      damaged[at + 1] = (damaged[at + 1] ?? 0) ^ 0x5a;
      const audio = await readAudioFile(write(`damaged-${seed}.flac`, damaged));
      // One warning: where the damage starts and how much audio was skipped.
      expect(audio.warnings.map((w) => w.code)).toEqual(['audio-lost']);
      expect(audio.warnings[0]!.message).toMatch(
        new RegExp(
          `^damaged flac file from byte ${frames[index]} \\(at ${((index * 1152) / 8000).toFixed(1)} s of audio\\): 0\\.14 s skipped in 1 place and replaced by silence$`,
        ),
      );
      expect(audio.warnings[0]!.byteOffset).toBe(frames[index]);
      // The tape keeps its length and everything after the damaged frame decodes exactly as before.
      const samples = audio.channels[0]!;
      expect(samples.length).toBe(clean.channels[0]!.length);
      const resumed = (index + 1) * 1152;
      expect(samples.subarray(resumed)).toEqual(clean.channels[0]!.subarray(resumed));
      expect(samples.subarray(index * 1152, resumed).every((v) => v === 0)).toBe(true);
      // The KCS bytes around the damage decode: 1,152 samples at 8 kHz are 4 frame times of the tape.
      const bytes = bytesOf(decodeKcs(samples, { sampleRate: 8000 }));
      expect(byteErrors(KCS_FIXTURE_BYTES, bytes)).toBeLessThanOrEqual(6);
      expect(Array.from(bytes.subarray(-20))).toEqual(Array.from(KCS_FIXTURE_BYTES.subarray(-20)));
    });
  }
});

describe('damaged MP3', () => {
  it('decodes the clean fixture without a warning', async () => {
    const audio = await readAudioFile(write('clean.mp3', mp3));
    expect(audio.warnings).toEqual([]);
    expect(bytesOf(decodeKcs(audio.channels[0]!, { sampleRate: 16000 }))).toEqual(KCS_FIXTURE_BYTES);
  });

  for (const seed of [1, 2, 3]) {
    it(`says where 2 corrupt bytes broke the frames and how much audio was lost (seed ${seed})`, async () => {
      const frames = mpegFrames(mp3);
      const next = random(seed);
      const index = 10 + Math.floor(next() * (frames.length - 20));
      const at = frames[index]!;
      const damaged = Uint8Array.from(mp3);
      damaged[at + 1] = (damaged[at + 1] ?? 0) ^ 0xff;
      damaged[at + 2] = (damaged[at + 2] ?? 0) ^ 0xff;
      const audio = await readAudioFile(write(`damaged-${seed}.mp3`, damaged));
      expect(audio.warnings).toHaveLength(1);
      const [warning] = audio.warnings;
      expect(warning!.code).toBe('audio-lost');
      expect(warning!.message).toContain(
        `frames break at byte ${at} (at ${((index * 576) / 16000).toFixed(1)} s of audio) and resume at byte ${frames[index + 1]}`,
      );
      expect(warning!.message).toMatch(/about 0\.\d\d s of audio could not be decoded/);
    });
  }
});

describe('damaged Ogg Vorbis', () => {
  /** Page offsets and granule positions, walked from the header lengths (the fixture is intact). */
  const pages: { at: number; granule: number }[] = [];
  for (let at = 0; at < ogg.length;) {
    pages.push({ at, granule: Number(ogg.readBigInt64LE(at + 6)) });
    const segments = ogg[at + 26]!;
    let length = 27 + segments;
    for (let s = 0; s < segments; s++) length += ogg[at + 27 + s]!;
    at += length;
  }
  const damage = (index: number, offset: number): Uint8Array => {
    const damaged = Uint8Array.from(ogg);
    damaged[pages[index]!.at + offset]! ^= 0x5a;
    damaged[pages[index]!.at + offset + 1]! ^= 0xa5;
    return damaged;
  };

  it('decodes the clean fixture without a warning', async () => {
    const audio = await readAudioFile(write('clean.ogg', ogg));
    expect(audio.warnings).toEqual([]);
    expect(audio.channels[0]!.length).toBe(pages.at(-1)!.granule);
    expect(bytesOf(decodeKcs(audio.channels[0]!, { sampleRate: 16000 }))).toEqual(KCS_FIXTURE_BYTES);
  });

  for (const [index, chunkBytes] of [
    [3, 4096],
    [4, 4096],
    [5, 4096],
    [4, 1 << 20],
    [5, 1 << 20],
  ] as const) {
    it(`resumes at the next page after a broken page header, with silence in its place (page ${index}, read ${chunkBytes} bytes at a time)`, async () => {
      const clean = (await readAudioFile(write('clean.ogg', ogg))).channels[0]!;
      // Two bytes from the segment count into the lacing values: the page's length is lost.
      const audio = await readAudioFile(write(`header-${index}.ogg`, damage(index, 26)), { chunkBytes });
      const lost = pages[index]!.granule - pages[index - 1]!.granule;
      expect(audio.warnings.map((w) => w.code)).toEqual(['audio-lost']);
      expect(audio.warnings[0]!.message).toBe(
        `damaged ogg-vorbis file from byte ${pages[index]!.at} (at ${(pages[index - 1]!.granule / 16000).toFixed(1)} s of audio): ` +
          `${(lost / 16000).toFixed(2)} s skipped in 1 place and replaced by silence`,
      );
      // The tape keeps its length, and from the block after the resumed page's first the audio is as before.
      const samples = audio.channels[0]!;
      expect(samples.length).toBe(clean.length);
      const resumed = pages[index]!.granule + 2048;
      let worst = 0;
      for (let i = resumed; i < clean.length; i++) worst = Math.max(worst, Math.abs(samples[i]! - clean[i]!));
      expect(worst).toBeLessThan(1e-6);
      const bytes = bytesOf(decodeKcs(samples, { sampleRate: 16000 }));
      expect(byteErrors(KCS_FIXTURE_BYTES, bytes)).toBeLessThanOrEqual(
        Math.ceil(lost / 16000 / (11 / 300)) + 2,
      );
      expect(Array.from(bytes.subarray(-10))).toEqual(Array.from(KCS_FIXTURE_BYTES.subarray(-10)));
    });
  }

  it('decodes a page whose body is damaged as it is and says its audio may be wrong', async () => {
    const audio = await readAudioFile(write('body.ogg', damage(4, 600)));
    expect(audio.warnings.map((w) => w.code)).toEqual(['audio-lost']);
    expect(audio.warnings[0]!.message).toMatch(
      new RegExp(
        `^damaged ogg-vorbis file from byte ${pages[4]!.at} \\(at ${(pages[3]!.granule / 16000).toFixed(1)} s of audio\\): 1 page with a wrong checksum decoded as it is: 0\\.\\d\\d s of audio may be wrong`,
      ),
    );
    expect(audio.channels[0]!.length).toBe(pages.at(-1)!.granule);
  });

  it('skips bytes put in between two pages, says so, and misses no audio', async () => {
    const clean = (await readAudioFile(write('clean.ogg', ogg))).channels[0]!;
    const at = pages[4]!.at;
    const junk = Buffer.concat([
      ogg.subarray(0, at),
      Buffer.from('OggS junk that is no page at all!!!'),
      ogg.subarray(at),
    ]);
    const padded = Buffer.concat([ogg, Buffer.alloc(100)]);
    for (const chunkBytes of [4096, 1 << 20]) {
      const audio = await readAudioFile(write('junk.ogg', junk), { chunkBytes });
      expect(audio.warnings.map((w) => [w.code, w.message])).toEqual([
        [
          'damaged',
          `damaged ogg-vorbis file from byte ${at} (at ${(pages[3]!.granule / 16000).toFixed(1)} s of audio): 35 bytes that belong to no page skipped in 1 place; no audio is missing there`,
        ],
      ]);
      expect(audio.channels[0]).toEqual(clean);
      // Zeros after the stream's last page are no damage at all.
      expect((await readAudioFile(write('padded.ogg', padded), { chunkBytes })).warnings).toEqual([]);
    }
  });

  it('says where a file cut inside a page ends', async () => {
    const audio = await readAudioFile(write('cut.ogg', ogg.subarray(0, pages[5]!.at + 1000)));
    expect(audio.warnings.map((w) => w.message)).toEqual([
      `damaged ogg-vorbis file: the file ends inside a page at byte ${pages[5]!.at}: the end of the audio is missing`,
    ]);
  });

  it('names the damaged header page when nothing can be decoded', async () => {
    await expect(readAudioFile(write('setup.ogg', damage(1, 1500)))).rejects.toThrow(
      new RegExp(
        `no audio could be decoded from this ogg-vorbis file: the page at byte ${pages[1]!.at} has a wrong checksum \\(\\d+ decoder errors, first: `,
      ),
    );
  });
});

describe('damaged Ogg FLAC', () => {
  // The FLAC fixture in Ogg, 4 frames (4,608 samples) to a page.
  const oga = oggFlacFromFlac(flac);
  const pages: number[] = [];
  for (let at = 0; at < oga.length;) {
    pages.push(at);
    let length = 27 + oga[at + 26]!;
    for (let s = 0; s < oga[at + 26]!; s++) length += oga[at + 27 + s]!;
    at += length;
  }
  const damage = (index: number, offset: number): Uint8Array => {
    const damaged = Uint8Array.from(oga);
    damaged[pages[index]! + offset]! ^= 0x5a;
    damaged[pages[index]! + offset + 1]! ^= 0xa5;
    return damaged;
  };

  it('decodes like the native FLAC it holds', async () => {
    const native = await readAudioFile(write('clean.flac', flac));
    const audio = await readAudioFile(write('clean.oga', oga));
    expect(audio.format.container).toBe('ogg-flac');
    expect(audio.warnings).toEqual([]);
    expect(audio.channels[0]).toEqual(native.channels[0]);
  });

  it('resumes at the next page after a broken page header, keeping later audio in place', async () => {
    const clean = (await readAudioFile(write('clean.flac', flac))).channels[0]!;
    // Page 4 holds frames 8-11 (the pages before: the first packet, the other metadata, frames 0-7).
    const audio = await readAudioFile(write('header.oga', damage(4, 26)), { chunkBytes: 4096 });
    expect(audio.warnings.map((w) => w.code)).toEqual(['audio-lost']);
    expect(audio.warnings[0]!.message).toMatch(
      new RegExp(
        `^damaged ogg-flac file from byte ${pages[4]} \\(at ${((8 * 1152) / 8000).toFixed(1)} s of audio\\): 0\\.58 s skipped in 1 place and replaced by silence`,
      ),
    );
    const samples = audio.channels[0]!;
    expect(samples.length).toBe(clean.length);
    expect(samples.subarray(12 * 1152)).toEqual(clean.subarray(12 * 1152));
    expect(samples.subarray(8 * 1152, 12 * 1152).every((v) => v === 0)).toBe(true);
  });

  it('keeps later audio in place when the decoder drops a frame of a page whose checksum fails', async () => {
    const clean = (await readAudioFile(write('clean.flac', flac))).channels[0]!;
    const audio = await readAudioFile(write('body.oga', damage(4, 200)));
    expect(audio.warnings[0]!.message).toMatch(
      /: 1 page with a wrong checksum decoded as it is: 0\.58 s of audio may be wrong, 0\.14 s of it could not be decoded and was replaced by silence/,
    );
    expect(audio.channels[0]!.length).toBe(clean.length);
    expect(audio.channels[0]!.subarray(12 * 1152)).toEqual(clean.subarray(12 * 1152));
  });
});
