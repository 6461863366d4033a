// Opening and analysing an hour-long 48 kHz tape through the TapeService (real worker): time until tape.open
// answers, time until tape.analyzed, a few queries, and the memory the process and the compact results hold.
// Run: node test/bench/tapes.bench.ts [--minutes N]   (writes a 16-bit mono WAV to the temp folder first)
import { mkdtempSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WavWriter } from '../../src-main/core/formats/wav.ts';
import { KcsEncoder } from '../../src-main/core/modem/kcs-encoder.ts';
import { addNoise, SeededRandom } from '../../src-main/core/modem/impairments.ts';
import { EventHub } from '../../src-main/ipc/event-hub.ts';
import { AppServices } from '../../src-main/services/app-services.ts';
import { TapeAnalysis } from '../../src-main/services/tapes/tape-analysis.ts';

const RATE = 48_000;
const minutesArg = process.argv.indexOf('--minutes');
const MINUTES = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 60;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

const dir = mkdtempSync(join(tmpdir(), 'sbl-tape-bench-'));
const file = join(dir, 'hour.wav');

// A continuous KCS recording: random bytes with light noise, written block by block.
{
  const started = performance.now();
  const writer = new WavWriter({ sampleRate: RATE, channels: 1, encoding: 'pcm16' });
  const encoder = new KcsEncoder({ sampleRate: RATE, waveform: 'sine', amplitude: 0.6 });
  const random = new SeededRandom(9);
  const handle = await open(file, 'w');
  let at = 0;
  const put = async (bytes: Uint8Array): Promise<void> => {
    await handle.write(bytes, 0, bytes.length, at);
    at += bytes.length;
  };
  await put(writer.start());
  await put(writer.write([encoder.carrier(5)]));
  const chunk = new Uint8Array(300);
  while (encoder.samplesWritten < RATE * 60 * MINUTES - RATE * 5) {
    for (let i = 0; i < chunk.length; i++) chunk[i] = Math.floor(random.next() * 256);
    const samples = encoder.bytes(chunk);
    addNoise(samples, 0.02, random);
    await put(writer.write([samples]));
  }
  await put(writer.write([encoder.carrier(5)]));
  const { header } = writer.finalize();
  await handle.write(header, 0, header.length, 0);
  await handle.close();
  console.log(`wrote ${MINUTES} min at ${RATE} Hz: ${mb(at)} in ${seconds(performance.now() - started)}`);
}

// 1. Through the service, as the app does it.
{
  const events = new EventHub();
  const services = new AppServices(
    { host: 'browser', version: 'bench', electron: null, userDataDir: dir },
    events,
  );
  await services.start();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const baseRss = process.memoryUsage().rss;
  const ref = await services.files.register(file);
  const handlers = services.handlers();
  const context = { host: 'browser' } as const;
  const started = performance.now();
  let progressEvents = 0;
  const analysed = new Promise<number>((resolve) =>
    events.subscribe((name) => {
      if (name === 'tape.progress') progressEvents++;
      if (name === 'tape.analyzed' || name === 'tape.failed') resolve(performance.now());
    }),
  );
  // The main loop stays free: measure how late a 10 ms timer fires while the worker analyses.
  let worstLag = 0;
  let expected = performance.now() + 10;
  const lag = setInterval(() => {
    const now = performance.now();
    worstLag = Math.max(worstLag, now - expected);
    expected = now + 10;
  }, 10);
  const info = await handlers['tape.open']({ fileId: ref.fileId }, context);
  const openMs = performance.now() - started;
  const doneAt = await analysed;
  clearInterval(lag);
  const summary = (await handlers['tape.info']({ tapeId: info.tapeId }, context)).summary;
  console.log(`service: tape.open answered in ${seconds(openMs)}, analysed in ${seconds(doneAt - started)}`);
  console.log(
    `service: ${summary.bytes} bytes, ${summary.framingErrors} framing errors, ${summary.lowConfidenceBits} weak bits, ` +
      `${progressEvents} progress events, worst main-loop timer lag ${worstLag.toFixed(1)} ms`,
  );
  const query = async (label: string, run: () => Promise<unknown>): Promise<void> => {
    const t = performance.now();
    await run();
    console.log(`service: ${label} in ${(performance.now() - t).toFixed(1)} ms`);
  };
  const frames = summary.frames;
  await query('overview peaks (6000 columns)', () =>
    handlers['tape.peaks']({ tapeId: info.tapeId, start: 0, end: frames, columns: 6000 }, context),
  );
  await query('raw samples at the middle (8000)', () =>
    handlers['tape.peaks'](
      { tapeId: info.tapeId, start: frames / 2, end: frames / 2 + 8000, columns: 1000 },
      context,
    ),
  );
  await query('annotations for 2 s', () =>
    handlers['tape.annotations'](
      { tapeId: info.tapeId, start: frames / 2, end: frames / 2 + 2 * RATE },
      context,
    ),
  );
  await query('content (all bytes)', () => handlers['tape.content']({ tapeId: info.tapeId }, context));
  clearInterval(sampler);
  console.log(`service: process RSS ${mb(baseRss)} before, peak ${mb(peakRss)} (includes the worker thread)`);
  await services.stop();
}

// 2. The analysis alone in this thread: how big the kept results are.
{
  const analysis = new TapeAnalysis(file);
  const started = performance.now();
  await analysis.run();
  const ms = performance.now() - started;
  const results = analysis.results.memoryBytes;
  const pyramid = analysis.pyramid?.byteLength ?? 0;
  console.log(
    `analysis in-thread: ${seconds(ms)} (${((analysis.frames / RATE / ms) * 1000).toFixed(0)}x real time); ` +
      `kept ${mb(results)} of bytes and bit cells + ${mb(pyramid)} of peaks; heap ${mb(process.memoryUsage().heapUsed)}`,
  );
  await analysis.close();
}

await rm(dir, { recursive: true, force: true });
