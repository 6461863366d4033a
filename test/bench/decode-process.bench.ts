// `superboard-lab decode` as a user meets it: the whole process (start-up, reading the WAV, decoding,
// writing the bytes) on hour-long 48 kHz mono tapes (clean, at 0 dB SNR, and minutes of data between minutes
// of exact digital silence), alternating with minimodem on the same files; wall time, CPU time (user + system) and peak RSS from /usr/bin/time, medians of the runs.
// On a shared machine the wall time includes waiting for a core, so the CPU time is the fairer speed figure.
// Run: node test/bench/decode-process.bench.ts [--runs N] [--hours H,H...]
// Needs the built CLI (npm run build), /usr/bin/time (Debian package `time`) and minimodem for its column.

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeLongTapeWav } from '../support/kcs-tape-wav.ts';

const sampleRate = 48000;
const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const runs = Number(arg('--runs') ?? 3);
const hoursList = (arg('--hours') ?? '1').split(',').map(Number);
const cli = new URL('../../out/main/cli.js', import.meta.url).pathname;
const TIME = '/usr/bin/time';
const MINIMODEM = '/usr/bin/minimodem';

interface Run {
  seconds: number;
  cpu: number;
  rssMb: number;
  bytes: number;
}

/** Runs the command under /usr/bin/time; `out` is the file it writes (its standard output when `toStdout`). */
function timed(command: string, args: string[], out: string, toStdout = false): Run {
  const fd = toStdout ? openSync(out, 'w') : 'ignore';
  const result = spawnSync(TIME, ['-f', '%e %U %S %M', '-o', `${out}.time`, command, ...args], {
    stdio: ['ignore', fd, 'ignore'],
  });
  if (typeof fd === 'number') closeSync(fd);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${String(result.status)}`);
  const [seconds, user, system, kb] = readFileSync(`${out}.time`, 'utf8')
    .trim()
    .split(/\s+/)
    .slice(-4)
    .map(Number);
  return {
    seconds: seconds ?? NaN,
    cpu: (user ?? NaN) + (system ?? NaN),
    rssMb: (kb ?? NaN) / 1024,
    bytes: readFileSync(out).length,
  };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

if (!existsSync(TIME)) {
  console.log(`decode-process: ${TIME} is not installed (apt-get install time); nothing measured.`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.log('decode-process: the CLI is not built (npm run build); nothing measured.');
  process.exit(0);
}
const haveMinimodem = existsSync(MINIMODEM);
const dir = mkdtempSync(join(tmpdir(), 'decode-process-'));
console.log(
  `Whole-process decode of ${sampleRate} Hz mono 16-bit WAV tapes, 300 baud 8N2; medians of ${runs} runs, alternating.`,
);
console.log(
  `ours: node ${cli} decode --raw --out FILE TAPE; minimodem: --rx -q -8 -M 2400 -S 1200 --stopbits 2 300 -f TAPE\n`,
);
// Wall times mean little on a busy machine: the load average says how busy it was.
const load = (): string =>
  loadavg()
    .map((v) => v.toFixed(1))
    .join(', ');
console.log(`load average at the start: ${load()}\n`);
console.log('| Tape | Decoder | Wall (s) | CPU (s) | Peak RSS (MB) | Bytes |');
console.log('|---|---|---:|---:|---:|---:|');
try {
  for (const hours of hoursList) {
    for (const [label, snrDb, silentMinutes] of [
      ['clean', undefined, false],
      ['0 dB SNR', 0, false],
      // Recordings of a minute with a minute of exact digital silence between them.
      ['half silence', undefined, true],
    ] as const) {
      const tape = join(dir, 'tape.wav');
      const sent = writeLongTapeWav(tape, sampleRate, hours * 3600, snrDb, silentMinutes);
      const ours: Run[] = [];
      const theirs: Run[] = [];
      for (let i = 0; i < runs; i++) {
        ours.push(
          timed(
            process.execPath,
            [cli, 'decode', '--raw', '--out', join(dir, 'ours.bin'), tape],
            join(dir, 'ours.bin'),
          ),
        );
        if (haveMinimodem) {
          const out = join(dir, 'minimodem.bin');
          const args = ['--rx', '-q', '-8', '-M', '2400', '-S', '1200', '--stopbits', '2', '300', '-f', tape];
          theirs.push(timed(MINIMODEM, args, out, true));
        }
      }
      const row = (name: string, results: Run[]): void => {
        if (results.length === 0) {
          console.log(`| ${hours} h ${label} | ${name} | not installed | | | |`);
          return;
        }
        console.log(
          `| ${hours} h ${label} | ${name} | ${median(results.map((r) => r.seconds)).toFixed(2)} | ${median(results.map((r) => r.cpu)).toFixed(2)} | ${median(results.map((r) => r.rssMb)).toFixed(0)} | ${results[0]!.bytes} of ${sent} |`,
        );
      };
      row('superboard-lab decode --raw', ours);
      row('minimodem', theirs);
      rmSync(tape, { force: true });
    }
  }
  console.log(`\nload average at the end: ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
