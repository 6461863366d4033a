// Byte errors per 1,000 bytes on seeded synthetic 1200-baud CUTS tapes, for CutsDecoder alone and for the
// format decoder detecting the format (what decode, the Waveform area and the library do). Errors are the
// edit distance between sent and decoded bytes, so lost, extra and wrong bytes all count. minimodem has no
// mode for CUTS (half a cycle of 600 Hz per 0 is not FSK it can demodulate), so there is no column for it.
// Run: node test/bench/cuts-quality.bench.ts [--quick]

import { decodeCuts } from '../../src-main/core/modem/cuts-decoder.ts';
import { encodeCuts } from '../../src-main/core/modem/cuts-encoder.ts';
import { impair, type ImpairmentOptions } from '../../src-main/core/modem/impairments.ts';
import { bytesOf } from '../../src-main/core/modem/kcs-decoder.ts';
import { describeTapeFormat, KcsFormatDecoder } from '../../src-main/core/modem/kcs-format-decoder.ts';
import { byteErrors, testBytes } from '../support/byte-errors.ts';

const quick = process.argv.includes('--quick');
const seeds = quick ? [1] : [1, 2, 3];
const bytesPerTape = 1000;

interface Row {
  name: string;
  options: ImpairmentOptions;
  rate?: number;
  sine?: boolean;
}

const rows: Row[] = [
  ...[undefined, 6, 3, 0, -3, -5].map((snrDb) => ({
    name: snrDb === undefined ? 'clean' : `SNR ${snrDb} dB`,
    options: snrDb === undefined ? {} : { snrDb },
  })),
  ...[8000, 22050, 48000].flatMap((rate) =>
    [6, 3, 0].map((snrDb) => ({ name: `${rate} Hz, SNR ${snrDb} dB`, options: { snrDb }, rate })),
  ),
  { name: 'sine wave, SNR 0 dB', options: { snrDb: 0 }, sine: true },
  { name: 'speed -10%, SNR 0 dB', options: { speed: { speed: 0.9 }, snrDb: 0 } },
  { name: 'speed +10%, SNR 0 dB', options: { speed: { speed: 1.1 }, snrDb: 0 } },
  { name: 'wow 2% at 1 Hz, SNR 3 dB', options: { speed: { wow: 0.02, wowHz: 1 }, snrDb: 3 } },
  {
    name: 'inverted, DC 0.4, 50 Hz hum 0.5',
    options: { invert: true, dcOffset: 0.4, hum: { hz: 50, amplitude: 0.5 } },
  },
  { name: 'clipped (gain 8), 60 Hz hum', options: { clipGain: 8, hum: { hz: 60, amplitude: 0.3 } } },
  {
    name: 'band-limited 100-3000 Hz, treble loss, SNR 6 dB',
    options: { bandLimit: { lowHz: 100, highHz: 3000, trebleLossHz: 1000 }, snrDb: 6 },
  },
  { name: 'band-limited 300-3000 Hz', options: { bandLimit: { lowHz: 300, highHz: 3000 } } },
  {
    name: 'amplitude modulation 60% at 3 Hz, SNR 20 dB',
    options: { level: { am: { depth: 0.6, hz: 3 } }, snrDb: 20 },
  },
  {
    name: 'AGC pumping: gain 0.1 for 30% of every 0.7 s, SNR 20 dB',
    options: { level: { pumping: { gain: 0.1, duty: 0.3, periodSeconds: 0.7 } }, snrDb: 20 },
  },
  { name: '5 dropouts of 50 ms, SNR 10 dB', options: { dropouts: { count: 5, seconds: 0.05 }, snrDb: 10 } },
  {
    name: '8 dips to -16 dB of 27 ms, SNR 8 dB',
    options: { dropouts: { count: 8, seconds: 0.027, depth: 0.16 }, snrDb: 8 },
  },
];

function detected(tape: Float32Array, rate: number): { bytes: Uint8Array; format: string } {
  const decoder = new KcsFormatDecoder({ sampleRate: rate, bitEvents: false });
  const out: number[] = [];
  for (let i = 0; i < tape.length; i += 8192) {
    for (const e of decoder.push(tape.subarray(i, i + 8192))) if (e.type === 'byte') out.push(e.value);
  }
  for (const e of decoder.finish()) if (e.type === 'byte') out.push(e.value);
  return {
    bytes: Uint8Array.from(out),
    format: decoder.format ? describeTapeFormat(decoder.format) : 'none',
  };
}

console.log(
  `CUTS decoder quality: byte errors per ${bytesPerTape} bytes, 1200 baud CUTS 8N2 square wave at 44100 Hz`,
);
console.log(`unless said, 2 s leader, 1 s trailer, mean over seeds ${seeds.join(', ')}.\n`);
console.log('| Tape | CutsDecoder | detected (KcsFormatDecoder) | format found |');
console.log('|---|---:|---:|---|');
for (const row of rows) {
  let ours = 0;
  let auto = 0;
  const formats = new Set<string>();
  for (const seed of seeds) {
    const data = testBytes(bytesPerTape, seed * 7919);
    const rate = row.rate ?? 44100;
    const clean = encodeCuts(data, {
      sampleRate: rate,
      leaderSeconds: 2,
      trailerSeconds: 1,
      waveform: row.sine ? 'sine' : 'square',
    });
    const tape = impair(clean, rate, { seed, ...row.options });
    ours += byteErrors(data, bytesOf(decodeCuts(tape, { sampleRate: rate, bitEvents: false })));
    const found = detected(tape, rate);
    auto += byteErrors(data, found.bytes);
    formats.add(found.format);
  }
  const mean = (t: number): string => String(Math.round((t / seeds.length) * 10) / 10);
  console.log(`| ${row.name} | ${mean(ours)} | ${mean(auto)} | ${[...formats].join(', ')} |`);
}
