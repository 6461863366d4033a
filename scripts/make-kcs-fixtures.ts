// Makes the two small KCS tape fixtures the damaged-file tests corrupt (test/unit/services/audio-damage):
//   test/fixtures/audio/kcs-tape-8k.flac   8 kHz mono FLAC, compression level 0 (1,152-sample frames)
//   test/fixtures/audio/kcs-tape-16k.mp3   16 kHz mono MP3 at 48 kbit/s (LAME through sox)
//   test/fixtures/audio/kcs-tape-16k.ogg   16 kHz mono Ogg Vorbis, quality 3 (libvorbis through sox)
// All hold KCS_FIXTURE_BYTES at 300 baud 8N2 with a 1 s leader and a 0.5 s trailer, encoded by our encoder.
// Run: node scripts/make-kcs-fixtures.ts [FILE...] (all, or the files named; the MP3 needs sox's mp3
// handler, Debian: libsox-fmt-mp3).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeWav } from '../src-main/core/formats/wav.ts';
import { encodeKcs } from '../src-main/core/modem/kcs-encoder.ts';
import { testBytes } from '../test/support/byte-errors.ts';

/** The bytes every fixture carries. */
export const KCS_FIXTURE_BYTES = testBytes(96, 8);

function sox(args: string[]): void {
  const result = spawnSync('sox', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sox ${args.join(' ')} failed: ${result.stderr ?? result.error}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'audio');
  const dir = mkdtempSync(join(tmpdir(), 'kcs-fixtures-'));
  try {
    for (const [rate, out, args] of [
      [8000, 'kcs-tape-8k.flac', ['-C', '0']],
      [16000, 'kcs-tape-16k.mp3', ['-C', '48']],
      [16000, 'kcs-tape-16k.ogg', ['-C', '3']],
    ] as const) {
      const only = process.argv.slice(2);
      if (only.length > 0 && !only.includes(out)) continue;
      const samples = encodeKcs(KCS_FIXTURE_BYTES, {
        sampleRate: rate,
        leaderSeconds: 1,
        trailerSeconds: 0.5,
      });
      const wav = join(dir, `${rate}.wav`);
      writeFileSync(wav, encodeWav([samples], { sampleRate: rate, channels: 1, encoding: 'pcm16' }));
      sox([wav, ...args, join(fixtures, out)]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
