// Makes the small audio fixtures under test/fixtures/audio/ and their manifest.
//   node scripts/make-audio-fixtures.ts            checks the committed fixtures against freshly made ones
//   node scripts/make-audio-fixtures.ts --update   rewrites them
// WAV files come from our own writer; sox (/usr/bin/sox) converts a WAV we wrote into the WAVE_FORMAT_EXTENSIBLE,
// float64, FLAC, Ogg Vorbis and MP3 fixtures. MP3 output needs sox's mp3 handler (Debian: libsox-fmt-mp3).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format as prettierFormat, resolveConfig } from 'prettier';
import { WavWriter, encodeWav, type WavEncoding } from '../src-main/core/formats/wav.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = join(root, 'test', 'fixtures', 'audio');

export interface Tone {
  readonly frequency: number;
  readonly amplitude: number;
}

export interface FixtureEntry {
  readonly file: string;
  readonly container: 'wav' | 'flac' | 'ogg-vorbis' | 'mp3';
  readonly sampleRate: number;
  /** One tone per channel: sample n of a channel is amplitude * sin(2 pi frequency n / sampleRate). */
  readonly tones: Tone[];
  /** Frames the decoder should deliver (lossy codecs may add or trim a few hundred). */
  readonly frames: number;
  /** Largest per-sample difference from the tone for lossless files; null for lossy ones. */
  readonly tolerance: number | null;
  readonly warnings: string[];
  /** 'ours' files are byte-for-byte reproducible; 'sox' ones depend on the sox build. */
  readonly writer: 'ours' | 'sox';
  readonly note: string;
}

function tone(t: Tone, sampleRate: number, frames: number): Float32Array {
  return Float32Array.from(
    { length: frames },
    (_, n) => t.amplitude * Math.sin((2 * Math.PI * t.frequency * n) / sampleRate),
  );
}

function encoded(tones: Tone[], sampleRate: number, frames: number, encoding: WavEncoding): Uint8Array {
  return encodeWav(
    tones.map((t) => tone(t, sampleRate, frames)),
    { sampleRate, channels: tones.length, encoding },
  );
}

function sox(args: string[]): void {
  const result = spawnSync('sox', args, { encoding: 'utf8' });
  if (result.error !== undefined) throw new Error(`cannot run sox: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`sox ${args.join(' ')} failed: ${result.stderr}`);
}

function checkSoxWrites(formats: string[]): void {
  const help = spawnSync('sox', ['-h'], { encoding: 'utf8' });
  const line = /AUDIO FILE FORMATS:(.*)/.exec(help.stdout ?? '')?.[1]?.split(' ') ?? [];
  const missing = formats.filter((format) => !line.includes(format));
  if (help.error !== undefined || missing.length > 0) {
    throw new Error(
      `sox cannot write ${missing.join(', ') || formats.join(', ')} here` +
        ' (sox is needed; MP3 needs its mp3 handler, Debian package libsox-fmt-mp3)',
    );
  }
}

const tolerance: Record<WavEncoding, number> = {
  pcm8: 1 / 128,
  pcm16: 1 / 32768,
  pcm24: 1 / 8388608,
  float32: 1e-7,
};

function make(dir: string): FixtureEntry[] {
  const entries: FixtureEntry[] = [];
  const ours = (
    file: string,
    tones: Tone[],
    sampleRate: number,
    frames: number,
    encoding: WavEncoding,
    note: string,
  ): void => {
    writeFileSync(join(dir, file), encoded(tones, sampleRate, frames, encoding));
    entries.push({
      file,
      container: 'wav',
      sampleRate,
      tones,
      frames,
      tolerance: tolerance[encoding],
      warnings: [],
      writer: 'ours',
      note,
    });
  };
  const kcs = [
    { frequency: 1200, amplitude: 0.6 },
    { frequency: 2400, amplitude: 0.3 },
  ];
  ours('sine-pcm8-mono.wav', [{ frequency: 1000, amplitude: 0.5 }], 8000, 2000, 'pcm8', '8-bit unsigned PCM');
  ours('kcs-tones-pcm16-stereo.wav', kcs, 22050, 5512, 'pcm16', '16-bit stereo, the two KCS tones');
  ours(
    'sine-pcm24-mono.wav',
    [{ frequency: 2400, amplitude: 0.8 }],
    44100,
    4410,
    'pcm24',
    'plain 24-bit PCM',
  );
  ours(
    'sine-float32-mono.wav',
    [{ frequency: 1200, amplitude: 0.9 }],
    48000,
    4800,
    'float32',
    'IEEE float 32',
  );

  const cut = [{ frequency: 1200, amplitude: 0.5 }];
  const full = encoded(cut, 8000, 8000, 'pcm16');
  writeFileSync(join(dir, 'truncated-pcm16.wav'), full.subarray(0, 44 + 4800 * 2));
  entries.push({
    file: 'truncated-pcm16.wav',
    container: 'wav',
    sampleRate: 8000,
    tones: cut,
    frames: 4800,
    tolerance: tolerance.pcm16,
    warnings: ['truncated-data'],
    writer: 'ours',
    note: 'declares 1.0 s of data but stops at 0.6 s',
  });

  const writer = new WavWriter({ sampleRate: 11025, channels: 1, encoding: 'pcm16' });
  const unset = [{ frequency: 2400, amplitude: 0.7 }];
  const head = writer.start();
  const body = writer.write([tone(unset[0]!, 11025, 1103)]);
  writeFileSync(join(dir, 'unset-size-pcm16.wav'), Buffer.concat([head, body]));
  entries.push({
    file: 'unset-size-pcm16.wav',
    container: 'wav',
    sampleRate: 11025,
    tones: unset,
    frames: 1103,
    tolerance: tolerance.pcm16,
    warnings: ['data-size-unknown'],
    writer: 'ours',
    note: 'header never finalised, as a crashed streaming recorder leaves it',
  });

  checkSoxWrites(['wav', 'flac', 'vorbis', 'mp3']);
  const work = mkdtempSync(join(tmpdir(), 'audio-fixtures-'));
  try {
    const source = (name: string, tones: Tone[], rate: number, frames: number) => {
      const path = join(work, name);
      writeFileSync(path, encoded(tones, rate, frames, 'pcm24'));
      return path;
    };
    const soxEntry = (entry: Omit<FixtureEntry, 'writer' | 'warnings'>) =>
      entries.push({ ...entry, writer: 'sox', warnings: [] });

    const ext = [{ frequency: 1500, amplitude: 0.5 }];
    sox([
      source('ext.wav', ext, 16000, 1600),
      '-b',
      '24',
      '-e',
      'signed-integer',
      join(dir, 'sox-pcm24-extensible.wav'),
    ]);
    soxEntry({
      file: 'sox-pcm24-extensible.wav',
      container: 'wav',
      sampleRate: 16000,
      tones: ext,
      frames: 1600,
      tolerance: tolerance.pcm24,
      note: 'sox writes WAVE_FORMAT_EXTENSIBLE for 24-bit',
    });
    sox([
      source('f64.wav', ext, 16000, 800),
      '-b',
      '64',
      '-e',
      'floating-point',
      join(dir, 'sox-float64.wav'),
    ]);
    soxEntry({
      file: 'sox-float64.wav',
      container: 'wav',
      sampleRate: 16000,
      tones: ext,
      frames: 800,
      tolerance: tolerance.pcm24,
      note: 'IEEE float 64 from a 24-bit source',
    });

    const stereo = source('stereo.wav', kcs, 22050, 11025);
    sox(['-D', stereo, '-b', '16', join(dir, 'kcs-tones-stereo.flac')]);
    soxEntry({
      file: 'kcs-tones-stereo.flac',
      container: 'flac',
      sampleRate: 22050,
      tones: kcs,
      frames: 11025,
      tolerance: 1 / 32768 + 1 / 8388608,
      note: '16-bit FLAC (sox rounds the 24-bit source)',
    });

    const mono = [{ frequency: 1000, amplitude: 0.5 }];
    const monoSource = source('mono.wav', mono, 44100, 44100);
    sox(['-D', monoSource, '-C', '3', join(dir, 'sine-1000hz.ogg')]);
    soxEntry({
      file: 'sine-1000hz.ogg',
      container: 'ogg-vorbis',
      sampleRate: 44100,
      tones: mono,
      frames: 44100,
      tolerance: null,
      note: 'Ogg Vorbis quality 3',
    });
    sox(['-D', monoSource, '-C', '128', join(dir, 'sine-1000hz.mp3')]);
    soxEntry({
      file: 'sine-1000hz.mp3',
      container: 'mp3',
      sampleRate: 44100,
      tones: mono,
      frames: 44100,
      tolerance: null,
      note: 'MP3 128 kbit/s mono (LAME through sox)',
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return entries;
}

async function main(): Promise<number> {
  const update = process.argv.includes('--update');
  const scratch = mkdtempSync(join(tmpdir(), 'audio-fixtures-new-'));
  try {
    const entries = make(scratch);
    const manifestPath = join(fixtures, 'manifest.json');
    // Formatted as Prettier would, so `prettier --check` and this script agree on the committed file.
    const manifest = await prettierFormat(
      JSON.stringify({ generatedBy: 'scripts/make-audio-fixtures.ts', files: entries }),
      { ...(await resolveConfig(manifestPath)), filepath: manifestPath },
    );
    writeFileSync(join(scratch, 'manifest.json'), manifest);
    const names = ['manifest.json', ...entries.map((e) => e.file)];
    if (update) {
      mkdirSync(fixtures, { recursive: true });
      for (const name of names) writeFileSync(join(fixtures, name), readFileSync(join(scratch, name)));
      console.log(`wrote ${names.length} files to ${fixtures}`);
      return 0;
    }
    let problems = 0;
    for (const name of names) {
      const committed = join(fixtures, name);
      const entry = entries.find((e) => e.file === name);
      if (!existsSync(committed)) {
        console.log(`missing: ${name}`);
        problems++;
      } else if (
        (entry === undefined || entry.writer === 'ours') &&
        !readFileSync(committed).equals(readFileSync(join(scratch, name)))
      ) {
        console.log(`differs: ${name}`);
        problems++;
      }
    }
    console.log(
      problems === 0 ? 'fixtures are up to date' : `${problems} fixture(s) out of date: run with --update`,
    );
    return problems === 0 ? 0 : 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exitCode = await main();
