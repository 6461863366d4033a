import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mpegFrameAt } from '../../../src-main/core/formats/compressed-frames.ts';
import { impair, SeededRandom } from '../../../src-main/core/modem/impairments.ts';
import { encodeKcs } from '../../../src-main/core/modem/kcs-encoder.ts';
import { KCS_FIXTURE_BYTES } from '../../../scripts/make-kcs-fixtures.ts';
import { testBytes } from '../../support/byte-errors.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { REPO } from '../../support/web-host-process.ts';
import { wavBytes } from '../../support/wav-writer.ts';

const CLI = path.join(REPO, 'src-main/cli/main.ts');
const RATE = 22050;

function cli(...args: string[]): { code: number | null; stdout: Buffer; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr.toString() };
}

describe('superboard-lab decode', () => {
  let dir: string;
  let remove: () => Promise<void>;
  const data = testBytes(64, 11);
  beforeAll(async () => {
    ({ dir, remove } = await tempDir());
    writeFileSync(
      path.join(dir, 'tape.wav'),
      wavBytes(encodeKcs(data, { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 }), RATE),
    );
  });
  afterAll(() => remove());

  it('writes the raw bytes to stdout and only the summary to stderr', () => {
    const run = cli('decode', path.join(dir, 'tape.wav'), '--raw');
    expect(run.code).toBe(0);
    expect(new Uint8Array(run.stdout)).toEqual(data);
    expect(run.stderr).toContain('decode: 64 bytes, 0 framing errors');
    expect(run.stderr).toMatch(/carrier 2(39\d|40\d) Hz, (299|300)\.\d baud, speed [+-]0\.\d\d%/);
  });

  it('writes the bytes to --out and Audacity labels to --labels', () => {
    const out = path.join(dir, 'out.bin');
    const labels = path.join(dir, 'tape.labels.txt');
    const run = cli('decode', path.join(dir, 'tape.wav'), '--raw', '--out', out, '--labels', labels);
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBe(0);
    expect(new Uint8Array(readFileSync(out))).toEqual(data);
    const lines = readFileSync(labels, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(64);
    const [start, end, text] = lines[0]?.split('\t') ?? [];
    expect(Number(start)).toBeCloseTo(1, 2);
    expect(Number(end) - Number(start)).toBeCloseTo(11 / 300, 3);
    const first = data[0] ?? 0;
    const shown =
      first > 0x20 && first < 0x7f
        ? String.fromCharCode(first)
        : `$${first.toString(16).toUpperCase().padStart(2, '0')}`;
    expect(text).toBe(shown);
  });

  it('writes the text listing without --raw', () => {
    const text = path.join(dir, 'basic.wav');
    const program = new TextEncoder().encode('10 PRINT "A"\r\0\0\0\r\n20 END\r');
    writeFileSync(
      text,
      wavBytes(encodeKcs(program, { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 }), RATE),
    );
    const run = cli('decode', text);
    expect(run.code).toBe(0);
    expect(run.stdout.toString()).toBe('10 PRINT "A"\n\n20 END\n');
  });

  it('decodes the channel asked for', () => {
    const run = cli('decode', path.join(dir, 'tape.wav'), '--channel', '2');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('tape.wav has 1 channel; there is no channel 2.');
  });

  it('reports framing errors on an impaired tape', () => {
    const clean = encodeKcs(testBytes(200, 2), { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 });
    writeFileSync(path.join(dir, 'noisy.wav'), wavBytes(impair(clean, RATE, { seed: 3, snrDb: -1 }), RATE));
    const run = cli('decode', path.join(dir, 'noisy.wav'), '--raw');
    expect(run.code).toBe(0);
    const match = /decode: (\d+) bytes, (\d+) framing errors, (\d+) low-confidence bits/.exec(run.stderr);
    expect(match).not.toBeNull();
    expect(Number(match?.[2]) + Number(match?.[3])).toBeGreaterThan(0);
    expect(run.stdout.length).toBe(Number(match?.[1]));
  });

  it('decodes what it can of a damaged file, says once what was lost and exits with 3', () => {
    const flac = readFileSync(path.join(REPO, 'test/fixtures/audio/kcs-tones-stereo.flac'));
    writeFileSync(path.join(dir, 'cut.flac'), flac.subarray(0, flac.length >> 1));
    const run = cli('decode', path.join(dir, 'cut.flac'), '--raw');
    expect(run.code).toBe(3);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('decode: warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /damaged flac file: 0\.\d s of 0\.5 s could not be decoded \(audio stops at 0\.\d s/,
    );
    expect(run.stderr).toContain('some audio in the file could not be read');
    expect(run.stderr).not.toContain('FLAC__');
  });

  it('says once where a damaged MP3 lost frames and exits with 3', () => {
    const mp3 = readFileSync(path.join(REPO, 'test/fixtures/audio/kcs-tape-16k.mp3'));
    const damaged = Uint8Array.from(mp3);
    const frames: number[] = [];
    for (let at = 0; frames.length < 42; at += mpegFrameAt(mp3, at)!.length) frames.push(at);
    damaged[frames[40]! + 1] = 0;
    writeFileSync(path.join(dir, 'damaged.mp3'), damaged);
    const run = cli('decode', path.join(dir, 'damaged.mp3'), '--raw');
    expect(run.code).toBe(3);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('decode: warning:'));
    expect(warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^decode: warning: damaged mp3 file: frames break at byte ${frames[40]} \\(at 1\\.4 s of audio\\) and resume at byte ${frames[41]}; about 0\\.\\d\\d s of audio could not be decoded$`,
        ),
      ),
    ]);
    expect(run.stdout.length).toBeGreaterThan(90);
  });

  it('decodes an Ogg tape past a broken page, says once where and how much was skipped, and exits with 3', () => {
    const ogg = Buffer.from(readFileSync(path.join(REPO, 'test/fixtures/audio/kcs-tape-16k.ogg')));
    // The segment count of the page at 11,853 (the fifth): its length is lost, the next page is intact.
    ogg[11853 + 26]! ^= 0x5a;
    writeFileSync(path.join(dir, 'damaged.ogg'), ogg);
    const run = cli('decode', path.join(dir, 'damaged.ogg'), '--raw');
    expect(run.code).toBe(3);
    const warnings = run.stderr.split('\n').filter((line) => line.startsWith('decode: warning:'));
    expect(warnings).toEqual([
      'decode: warning: damaged ogg-vorbis file from byte 11853 (at 2.1 s of audio): 0.82 s skipped in 1 place and replaced by silence',
    ]);
    // Decoding went on after the damage: the tape's last bytes are there.
    expect(Array.from(run.stdout.subarray(-10))).toEqual(Array.from(KCS_FIXTURE_BYTES.subarray(-10)));
    // The frames lost with the skipped audio keep their places, as unreadable bytes (NULs in --raw).
    expect(run.stdout.length).toBe(KCS_FIXTURE_BYTES.length);
  });

  it('detects an 8N1 or 600-baud tape and says so, or decodes the format it is given', () => {
    const sent = testBytes(120, 12);
    for (const [baud, stopBits] of [
      [300, 1],
      [600, 2],
    ] as const) {
      const file = path.join(dir, `format-${baud}-${stopBits}.wav`);
      const tape = encodeKcs(sent, {
        sampleRate: RATE,
        baud,
        stopBits,
        leaderSeconds: 1,
        trailerSeconds: 0.5,
      });
      writeFileSync(file, wavBytes(tape, RATE));
      const run = cli('decode', file, '--raw');
      expect(run.code).toBe(0);
      expect(new Uint8Array(run.stdout)).toEqual(sent);
      expect(run.stderr).toContain(`decode: format ${baud} baud 8N${stopBits} (detected)`);
      const given = cli('decode', file, '--raw', '--baud', String(baud), '--format', `8N${stopBits}`);
      expect(new Uint8Array(given.stdout)).toEqual(sent);
      expect(given.stderr).toContain(`decode: format ${baud} baud 8N${stopBits} (as given)`);
    }
    expect(cli('decode', path.join(dir, 'tape.wav'), '--baud', '2400').stderr).toContain(
      "--baud needs 300, 600, 1200 or auto, not '2400'",
    );
  });

  it('detects a 1200-baud CUTS tape that encode wrote, or decodes it as given', () => {
    const sent = testBytes(150, 13);
    const input = path.join(dir, 'cuts.bin');
    const file = path.join(dir, 'cuts.wav');
    writeFileSync(input, sent);
    const encoded = cli('encode', input, file, '--baud', '1200', '--rate', String(RATE));
    expect(encoded.code).toBe(0);
    const run = cli('decode', file, '--raw');
    expect(run.code).toBe(0);
    expect(new Uint8Array(run.stdout)).toEqual(sent);
    expect(run.stderr).toContain('decode: format 1200 baud CUTS 8N2 (detected)');
    expect(run.stderr).toContain('decode: 150 bytes, 0 framing errors');
    const given = cli('decode', file, '--raw', '--baud', '1200');
    expect(new Uint8Array(given.stdout)).toEqual(sent);
    expect(given.stderr).toContain('decode: format 1200 baud CUTS 8N2 (detected)');
    const both = cli('decode', file, '--raw', '--baud', '1200', '--format', '8N2');
    expect(both.stderr).toContain('decode: format 1200 baud CUTS 8N2 (as given)');
    // A KCS decoder finds nothing in it.
    const wrong = cli('decode', file, '--raw', '--baud', '300', '--format', '8N2');
    expect(wrong.stdout.length).toBeLessThan(5);
  });

  it('says what is wrong with bad input', () => {
    writeFileSync(path.join(dir, 'junk.wav'), 'not audio at all');
    const junk = cli('decode', path.join(dir, 'junk.wav'));
    expect(junk.code).toBe(1);
    expect(junk.stderr).toContain('junk.wav: not a recognised audio file');
    expect(cli('decode', path.join(dir, 'missing.wav')).stderr).toContain('file not found');
    const usage = cli('decode', '--bogus');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("unknown option '--bogus'");
    expect(cli('decode').stderr).toContain('no TAPE file given');
  });
});

describe('superboard-lab decode of a stereo recording', () => {
  it('picks the channel that carries the tape unless told which', async () => {
    const { dir, remove } = await tempDir();
    const data = testBytes(80, 5);
    const tape = encodeKcs(data, { sampleRate: RATE, leaderSeconds: 1, trailerSeconds: 1 });
    // A dead left channel: hiss only. The right one carries the tape.
    const random = new SeededRandom(3);
    const hiss = Float32Array.from(tape, () => (random.next() * 2 - 1) * 0.02);
    const file = path.join(dir, 'stereo.wav');
    writeFileSync(file, wavBytes([hiss, tape], RATE));
    const auto = cli('decode', file, '--raw');
    expect(auto.code).toBe(0);
    expect(new Uint8Array(auto.stdout)).toEqual(data);
    expect(auto.stderr).toContain('channel 2 of 2');
    const left = cli('decode', file, '--raw', '--channel', '1');
    expect(left.stderr).toContain('channel 1 of 2');
    expect(left.stdout.length).toBeLessThan(data.length);
    await remove();
  });
});
