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

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures', 'audio');
const flac = readFileSync(join(fixtures, 'kcs-tape-8k.flac'));
const mp3 = readFileSync(join(fixtures, 'kcs-tape-16k.mp3'));
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
      const warnings = audio.warnings.map((w) => w.code);
      expect(warnings).toEqual(['damaged', 'audio-lost']);
      expect(audio.warnings[0]!.message).toMatch(
        /^damaged from byte \d+ \(at \d+\.\d s of audio\): frames resume at byte \d+; 0\.\d\d s of audio skipped/,
      );
      expect(audio.warnings[1]!.message).toMatch(/skipped in 1 place .* replaced by silence/);
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
