// Byte errors per 1,000 bytes on seeded synthetic tapes, each impairment swept, for our KcsDecoder, the
// zero-crossing baseline and minimodem (when /usr/bin/minimodem or one on PATH is installed).
// Errors are the edit distance between sent and decoded bytes, so lost, extra and wrong bytes all count.
// Run: node test/bench/modem-quality.bench.ts [--quick] [SECTION] (a word of a section's title)

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesOf, decodeKcs } from '../../src-main/core/modem/kcs-decoder.ts';
import { encodeKcs } from '../../src-main/core/modem/kcs-encoder.ts';
import { impair, type ImpairmentOptions } from '../../src-main/core/modem/impairments.ts';
import { ZeroCrossingDecoder } from '../../src-main/core/modem/zero-crossing-decoder.ts';
import { byteErrors, testBytes } from '../support/byte-errors.ts';
import { writeWav } from '../support/wav-writer.ts';

const sampleRate = 44100;
const quick = process.argv.includes('--quick');
const only = process.argv.find((a, i) => i > 1 && !a.startsWith('-'));
const seeds = quick ? [1] : [1, 2, 3];
const bytesPerTape = 1000;

function findMinimodem(): string | undefined {
  for (const candidate of ['/usr/bin/minimodem', 'minimodem']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // not installed here
    }
  }
  return undefined;
}

const minimodem = findMinimodem();
const workDir = mkdtempSync(join(tmpdir(), 'modem-quality-'));

function ours(tape: Float32Array, rate: number): Uint8Array {
  return bytesOf(decodeKcs(tape, { sampleRate: rate, bitEvents: false }));
}

function zeroCrossing(tape: Float32Array, rate: number): Uint8Array {
  const decoder = new ZeroCrossingDecoder({ sampleRate: rate, bitEvents: false });
  return Uint8Array.from(decoder.push(tape).flatMap((e) => (e.type === 'byte' ? [e.value] : [])));
}

function viaMinimodem(tape: Float32Array, rate: number): Uint8Array | undefined {
  if (!minimodem) return undefined;
  // Normalise into 16 bits without clipping what the impairment did not clip.
  let peak = 0;
  for (const v of tape) peak = Math.max(peak, Math.abs(v));
  const scaled = tape.map((v) => (v / peak) * 0.9);
  const path = join(workDir, 'tape.wav');
  writeWav(path, scaled, rate);
  const args = ['--rx', '-q', '-8', '-M', '2400', '-S', '1200', '--stopbits', '2', '300', '-f', path];
  try {
    return new Uint8Array(
      execFileSync(minimodem, args, { maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'ignore'] }),
    );
  } catch (error) {
    const stdout = (error as { stdout?: Buffer }).stdout;
    return stdout ? new Uint8Array(stdout) : new Uint8Array(0);
  }
}

interface Row {
  name: string;
  options: ImpairmentOptions;
  /** Sample rate of the tape (default 44.1 kHz). */
  rate?: number;
}

const snrRows: Row[] = [undefined, 6, 3, 0, -3, -5, -6, -7, -8, -9].map((snrDb) => ({
  name: snrDb === undefined ? 'clean' : `SNR ${snrDb} dB`,
  options: snrDb === undefined ? {} : { snrDb },
}));
const speedRows: Row[] = [0.9, 0.925, 0.95, 0.97, 0.98, 1.02, 1.03, 1.05, 1.075, 1.1].map((speed) => ({
  name: `speed ${speed > 1 ? '+' : ''}${Math.round((speed - 1) * 1000) / 10}%`,
  options: { speed: { speed } },
}));
const wowRows: Row[] = [0.005, 0.01, 0.015, 0.02].flatMap((wow) =>
  [0.5, 4].map((wowHz) => ({ name: `wow ${wow * 100}% at ${wowHz} Hz`, options: { speed: { wow, wowHz } } })),
);
const otherRows: Row[] = [
  { name: 'speed -10%, SNR -3 dB', options: { speed: { speed: 0.9 }, snrDb: -3 } },
  { name: 'speed +10%, SNR -3 dB', options: { speed: { speed: 1.1 }, snrDb: -3 } },
  { name: 'wow 2% at 1 Hz, SNR -3 dB', options: { speed: { wow: 0.02, wowHz: 1 }, snrDb: -3 } },
  {
    name: 'flutter 0.5% at 12 Hz, SNR 0 dB',
    options: { speed: { flutter: 0.005, flutterHz: 12 }, snrDb: 0 },
  },
  {
    name: 'inverted, DC 0.4, 50 Hz hum 0.5',
    options: { invert: true, dcOffset: 0.4, hum: { hz: 50, amplitude: 0.5 } },
  },
  { name: 'clipped (gain 8), 60 Hz hum', options: { clipGain: 8, hum: { hz: 60, amplitude: 0.3 } } },
  {
    name: 'band-limited 500-2800 Hz, treble loss',
    options: { bandLimit: { lowHz: 500, highHz: 2800, trebleLossHz: 1000 }, snrDb: 0 },
  },
  { name: '5 dropouts of 50 ms', options: { dropouts: { count: 5, seconds: 0.05 }, snrDb: 10 } },
];

// Loudness that moves, at 20 dB SNR: seeds as for every row (1, 2, 3).
const levelRows: Row[] = [
  { name: 'amplitude modulation 50% at 3 Hz', options: { level: { am: { depth: 0.5, hz: 3 } }, snrDb: 20 } },
  { name: 'amplitude modulation 60% at 3 Hz', options: { level: { am: { depth: 0.6, hz: 3 } }, snrDb: 20 } },
  {
    name: 'amplitude modulation 70% at 0.5 Hz',
    options: { level: { am: { depth: 0.7, hz: 0.5 } }, snrDb: 20 },
  },
  { name: 'level step of -6 dB in mid-tape', options: { level: { step: { db: -6, at: 0.5 } }, snrDb: 20 } },
  {
    name: 'AGC pumping: gain 0.1 for 30% of every 0.7 s',
    options: { level: { pumping: { gain: 0.1, duty: 0.3, periodSeconds: 0.7 } }, snrDb: 20 },
  },
  {
    name: '5 dips to -20 dB of 50 ms',
    options: { dropouts: { count: 5, seconds: 0.05, depth: 0.1 }, snrDb: 20 },
  },
  {
    name: '8 dips to -16 dB of 27 ms, SNR 8 dB',
    options: { dropouts: { count: 8, seconds: 0.027, depth: 0.16 }, snrDb: 8 },
  },
];

const rateRows: Row[] = [8000, 22050, 48000, 96000].flatMap((rate) =>
  [3, 0, -3].map((snrDb) => ({ name: `${rate} Hz, SNR ${snrDb} dB`, options: { snrDb }, rate })),
);

const sections: [string, Row[]][] = [
  ['White noise (full-band SNR at 44.1 kHz)', snrRows],
  ['Tape speed error', speedRows],
  ['Wow', wowRows],
  ['Combined and other impairments', otherRows],
  ['Loudness that moves (SNR 20 dB unless said)', levelRows],
  ['Other sample rates (full-band SNR: the same figure is harsher at lower rates)', rateRows],
];

console.log(
  `KCS decoder quality: byte errors per ${bytesPerTape} bytes, 300 baud 8N2 square wave at ${sampleRate} Hz,`,
);
console.log(
  `2 s leader, 1 s trailer, mean over seeds ${seeds.join(', ')}. minimodem: ${minimodem ?? 'not installed'}`,
);
for (const [title, rows] of sections) {
  if (only !== undefined && !title.toLowerCase().includes(only.toLowerCase())) continue;
  console.log(`\n### ${title}\n`);
  console.log('| Tape | KcsDecoder | zero-crossing | minimodem |');
  console.log('|---|---:|---:|---:|');
  for (const row of rows) {
    const totals = [0, 0, 0];
    for (const seed of seeds) {
      const data = testBytes(bytesPerTape, seed * 7919);
      const rate = row.rate ?? sampleRate;
      const clean = encodeKcs(data, { sampleRate: rate, leaderSeconds: 2, trailerSeconds: 1 });
      const tape = impair(clean, rate, { seed, ...row.options });
      totals[0] = (totals[0] ?? 0) + byteErrors(data, ours(tape, rate));
      totals[1] = (totals[1] ?? 0) + byteErrors(data, zeroCrossing(tape, rate));
      const mm = viaMinimodem(tape, rate);
      totals[2] = mm === undefined ? NaN : (totals[2] ?? 0) + byteErrors(data, mm);
    }
    const cells = totals.map((t) =>
      Number.isNaN(t) ? 'n/a' : String(Math.round((t / seeds.length) * 10) / 10),
    );
    console.log(`| ${row.name} | ${cells.join(' | ')} |`);
  }
}
rmSync(workDir, { recursive: true, force: true });
