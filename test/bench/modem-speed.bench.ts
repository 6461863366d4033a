// In-process decode speed (push/finish only, not a whole command: see decode-process.bench.ts) for an hour of 48 kHz mono, clean and at 0 dB SNR, streamed in chunks as a file reader
// would deliver them (generation time is not counted), with the heap watched to show memory stays flat.
// minimodem decodes the same audio from a 16-bit WAV when it is installed.
// Run: node test/bench/modem-speed.bench.ts [--minutes N]

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KcsDecoder } from '../../src-main/core/modem/kcs-decoder.ts';
import { longTape, writeLongTapeWav } from '../support/kcs-tape-wav.ts';

const sampleRate = 48000;
const minutesArg = process.argv.indexOf('--minutes');
const seconds = (minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 60) * 60;

const tape = (snrDb: number | undefined): ReturnType<typeof longTape> => longTape(sampleRate, seconds, snrDb);

interface Result {
  seconds: number;
  bytes: number;
  wrong: number;
  heapStartMb: number;
  heapMaxMb: number;
  heapEndMb: number;
}

function decode(snrDb: number | undefined, bitEvents: boolean): Result {
  const decoder = new KcsDecoder({ sampleRate, bitEvents });
  const expected: number[] = [];
  let decoded = 0;
  let total = 0;
  let wrong = 0;
  let elapsed = 0;
  let chunks = 0;
  const mb = (): number => process.memoryUsage().heapUsed / 2 ** 20;
  const heapStartMb = mb();
  let heapMaxMb = heapStartMb;
  const take = (events: ReturnType<KcsDecoder['push']>): void => {
    for (const event of events) {
      if (event.type !== 'byte') continue;
      if (event.value !== expected[decoded]) wrong++;
      decoded++;
      total++;
    }
    if (expected.length > 4096 && decoded > 2048) {
      expected.splice(0, 2048);
      decoded -= 2048;
    }
  };
  for (const { samples, sent } of tape(snrDb)) {
    for (const byte of sent) expected.push(byte);
    // Feed in 8,192-sample pieces, like a file reader.
    for (let i = 0; i < samples.length; i += 8192) {
      const start = performance.now();
      const events = decoder.push(samples.subarray(i, i + 8192));
      elapsed += performance.now() - start;
      take(events);
    }
    if (++chunks % 200 === 0) heapMaxMb = Math.max(heapMaxMb, mb());
  }
  const start = performance.now();
  const events = decoder.finish();
  elapsed += performance.now() - start;
  take(events);
  return { seconds: elapsed / 1000, bytes: total, wrong, heapStartMb, heapMaxMb, heapEndMb: mb() };
}

function minimodemOn(path: string): { seconds: number; bytes: number } | undefined {
  for (const binary of ['/usr/bin/minimodem', 'minimodem']) {
    try {
      const start = performance.now();
      const out = execFileSync(
        binary,
        ['--rx', '-q', '-8', '-M', '2400', '-S', '1200', '--stopbits', '2', '300', '-f', path],
        { maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] },
      );
      return { seconds: (performance.now() - start) / 1000, bytes: out.length };
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') continue;
      throw error;
    }
  }
  return undefined;
}

const dir = mkdtempSync(join(tmpdir(), 'modem-speed-'));
const hours = seconds / 3600;
console.log(
  `KCS decode speed: ${seconds / 60} min of ${sampleRate} Hz mono, 300 baud 8N2, streamed in 8192-sample chunks`,
);
console.log(
  `Node ${process.version}; best of two runs; times exclude generating the audio. minimodem reads a 16-bit WAV of the same audio.\n`,
);
console.log('| Tape | Decoder | Time (s) | x real time | Bytes | Wrong | Heap start/max/end (MB) |');
console.log('|---|---|---:|---:|---:|---:|---|');
for (const [name, snrDb] of [
  ['clean', undefined],
  ['0 dB SNR', 0],
] as const) {
  for (const bitEvents of [false, true]) {
    // Best of two runs: the machine is shared, and the faster run is the one less disturbed.
    const runs = [decode(snrDb, bitEvents), decode(snrDb, bitEvents)];
    const r = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    const heap = `${r.heapStartMb.toFixed(0)} / ${r.heapMaxMb.toFixed(0)} / ${r.heapEndMb.toFixed(0)}`;
    const label = bitEvents ? 'KcsDecoder (bit events on)' : 'KcsDecoder (bytes only)';
    console.log(
      `| ${name} | ${label} | ${r.seconds.toFixed(2)} | ${Math.round(seconds / r.seconds)} | ${r.bytes} | ${r.wrong} | ${heap} |`,
    );
  }
  const path = join(dir, 'tape.wav');
  writeLongTapeWav(path, sampleRate, seconds, snrDb);
  const first = minimodemOn(path);
  const second = first && minimodemOn(path);
  const mm = first && second && second.seconds < first.seconds ? second : first;
  if (mm) {
    console.log(
      `| ${name} | minimodem | ${mm.seconds.toFixed(2)} | ${Math.round(seconds / mm.seconds)} | ${mm.bytes} | | |`,
    );
  } else {
    console.log(`| ${name} | minimodem | not installed | | | | |`);
  }
  rmSync(path, { force: true });
}
console.log(`\n(${hours.toFixed(2)} h of audio per row)`);
rmSync(dir, { recursive: true, force: true });
