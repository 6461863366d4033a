// Peaks for an hour of 48 kHz mono: building the pyramid alone, then opening an hour-long WAV file from disk
// (read + decode + peaks), the goal being under 2 s; then the same from 16-bit words, as the tape process
// reads a mono 16-bit WAV. Run: node test/bench/peaks.bench.ts [--minutes N]
import { open, rm } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WavWriter } from '../../src-main/core/formats/wav.ts';
import { PeaksPyramid } from '../../src-main/core/waveform/peaks.ts';
import { streamAudioFile } from '../../src-main/services/audio-files.ts';

const RATE = 48_000;
const minutesArg = process.argv.indexOf('--minutes');
const MINUTES = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 60;
const TOTAL = RATE * 60 * MINUTES;

// Ten seconds of KCS-like audio (1200/2400 Hz bursts with a little noise), reused for the whole run.
function tape(seconds: number): Float32Array {
  const out = new Float32Array(RATE * seconds);
  let seed = 1;
  for (let i = 0; i < out.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const frequency = Math.floor(i / 160) % 3 === 0 ? 1200 : 2400;
    out[i] = 0.7 * Math.sin((2 * Math.PI * frequency * i) / RATE) + ((seed >>> 16) / 65536 - 0.5) * 0.05;
  }
  return out;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function timeIt<T>(run: () => T): [T, number] {
  const start = performance.now();
  const result = run();
  return [result, performance.now() - start];
}

const block = tape(10);

// 1. Pyramid only, from Float32 blocks of 1 s.
{
  const heapBefore = process.memoryUsage().heapUsed;
  const [pyramid, ms] = timeIt(() => {
    const p = new PeaksPyramid({ expectedSamples: TOTAL });
    for (let done = 0; done < TOTAL; done += RATE) {
      const offset = done % block.length;
      p.push(block.subarray(offset, offset + RATE));
    }
    return p;
  });
  const [, queryMs] = timeIt(() => {
    for (let i = 0; i < 100; i++) pyramid.query(Math.floor((i / 100) * TOTAL * 0.9), TOTAL, 1920);
  });
  console.log(`peaks: ${MINUTES} min of 48 kHz mono (${TOTAL.toLocaleString('en')} samples)`);
  console.log(
    `  build             ${ms.toFixed(0)} ms (${(((TOTAL / ms) * 1000) / 1e6).toFixed(0)} M samples/s)`,
  );
  console.log(`  pyramid memory    ${mb(pyramid.byteLength)} in ${pyramid.levels.length} levels`);
  console.log(
    `  heap growth       ${mb(process.memoryUsage().heapUsed - heapBefore)} (array buffers are off-heap)`,
  );
  console.log(`  query 1920 cols   ${(queryMs / 100).toFixed(2)} ms each (100 queries)`);
}

// 1b. The same from 16-bit words (a mono 16-bit WAV's own, `pushPcm16`), beside the float conversion and push
// they replace, alternating, medians of 3.
{
  const words = Int16Array.from(block, (v) => Math.round(v * 32767));
  const floats = new Float32Array(RATE);
  const fromWords = (): void => {
    const p = new PeaksPyramid({ expectedSamples: TOTAL });
    for (let done = 0; done < TOTAL; done += RATE) {
      const offset = done % words.length;
      p.pushPcm16(words.subarray(offset, offset + RATE));
    }
  };
  const viaFloats = (): void => {
    const p = new PeaksPyramid({ expectedSamples: TOTAL });
    for (let done = 0; done < TOTAL; done += RATE) {
      const offset = done % words.length;
      for (let i = 0; i < RATE; i++) floats[i] = (words[offset + i] as number) / 32768;
      p.push(floats);
    }
  };
  const wordsMs: number[] = [];
  const floatsMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    wordsMs.push(timeIt(fromWords)[1]);
    floatsMs.push(timeIt(viaFloats)[1]);
  }
  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[1] ?? 0;
  console.log(
    `  from 16-bit words ${median(wordsMs).toFixed(0)} ms (pushPcm16), against ${median(floatsMs).toFixed(0)} ms ` +
      `converting them to floats and pushing those (in-process, medians of 3 alternating)`,
  );
}

// 2. Open an hour-long 16-bit WAV from disk: read + decode + peaks.
const dir = mkdtempSync(join(tmpdir(), 'peaks-bench-'));
const path = join(dir, 'hour.wav');
try {
  const writer = new WavWriter({ sampleRate: RATE, channels: 1, encoding: 'pcm16' });
  const file = await open(path, 'w');
  await file.write(writer.start());
  for (let done = 0; done < TOTAL; done += block.length) {
    await file.write(writer.write([block.subarray(0, Math.min(block.length, TOTAL - done))]));
  }
  const { header } = writer.finalize();
  await file.write(header, 0, header.length, 0);
  const size = (await file.stat()).size;
  await file.close();

  for (const chunkBytes of [1 << 20, 4 << 20]) {
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const start = performance.now();
    let pyramid: PeaksPyramid | null = null;
    let frames = 0;
    for await (const event of streamAudioFile(path, { chunkBytes })) {
      if (event.type === 'format') {
        pyramid = new PeaksPyramid({ expectedSamples: event.format.totalFrames ?? 0 });
      } else if (event.type === 'samples' && pyramid !== null) {
        const channel = event.channels[0];
        if (channel !== undefined) pyramid.push(channel);
        frames += channel?.length ?? 0;
        if ((frames & 0xfffff) < (channel?.length ?? 0))
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
    }
    const ms = performance.now() - start;
    console.log(`open ${mb(size)} WAV (${MINUTES} min, 16-bit, page-cached) with ${mb(chunkBytes)} reads`);
    console.log(`  read + decode + peaks  ${ms.toFixed(0)} ms for ${frames.toLocaleString('en')} frames`);
    console.log(`  goal < 2000 ms         ${ms < 2000 ? 'met' : 'NOT met'}`);
    console.log(
      `  RSS growth (peak)      ${mb(peakRss - rssBefore)}; pyramid ${mb(pyramid?.byteLength ?? 0)}`,
    );
  }
  // The same file as the tape process reads a mono 16-bit WAV: its words, in reused blocks, no float copy.
  {
    const start = performance.now();
    let pyramid: PeaksPyramid | null = null;
    let frames = 0;
    for await (const event of streamAudioFile(path, { pcm16: true, reuseBlocks: true })) {
      if (event.type === 'format')
        pyramid = new PeaksPyramid({ expectedSamples: event.format.totalFrames ?? 0 });
      else if (event.type === 'samples' && event.pcm16 !== undefined && pyramid !== null) {
        pyramid.pushPcm16(event.pcm16);
        frames += event.pcm16.length;
      }
    }
    const ms = performance.now() - start;
    console.log(`open the same as 16-bit words (pcm16, reused blocks), 1.0 MB reads`);
    console.log(`  read + peaks           ${ms.toFixed(0)} ms for ${frames.toLocaleString('en')} frames`);
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
