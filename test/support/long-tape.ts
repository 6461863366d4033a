// Writes a long Kansas City Standard tape with our encoder, block by block, for the benchmarks and the long-tape
// e2e test: random bytes with light noise, and every `dropoutEvery` seconds a short dropout that the decoder
// reports as errors (so error marks have something to show).
import { open } from 'node:fs/promises';
import { WavWriter } from '../../src-main/core/formats/wav.ts';
import { addNoise, SeededRandom } from '../../src-main/core/modem/impairments.ts';
import { KcsEncoder } from '../../src-main/core/modem/kcs-encoder.ts';

export interface LongTapeOptions {
  seconds: number;
  sampleRate?: number;
  seed?: number;
  /** Seconds between dropouts; 0 for none. */
  dropoutEvery?: number;
}

/** Writes the tape to `file` and returns its size in bytes. */
export async function writeLongTape(file: string, options: LongTapeOptions): Promise<number> {
  const rate = options.sampleRate ?? 48_000;
  const writer = new WavWriter({ sampleRate: rate, channels: 1, encoding: 'pcm16' });
  const encoder = new KcsEncoder({ sampleRate: rate, waveform: 'sine', amplitude: 0.6 });
  const random = new SeededRandom(options.seed ?? 9);
  const dropoutEvery = (options.dropoutEvery ?? 0) * rate;
  const handle = await open(file, 'w');
  let at = 0;
  const put = async (bytes: Uint8Array): Promise<void> => {
    await handle.write(bytes, 0, bytes.length, at);
    at += bytes.length;
  };
  try {
    await put(writer.start());
    await put(writer.write([encoder.carrier(Math.min(5, options.seconds / 4))]));
    const chunk = new Uint8Array(300);
    let nextDropout = dropoutEvery > 0 ? dropoutEvery : Infinity;
    while (encoder.samplesWritten < rate * options.seconds - rate * Math.min(5, options.seconds / 4)) {
      for (let i = 0; i < chunk.length; i++) chunk[i] = Math.floor(random.next() * 256);
      const before = encoder.samplesWritten;
      const samples = encoder.bytes(chunk);
      addNoise(samples, 0.02, random);
      if (before + samples.length > nextDropout) {
        const from = Math.max(0, nextDropout - before);
        samples.fill(0, from, Math.min(samples.length, from + Math.round(rate * 0.012)));
        nextDropout += dropoutEvery;
      }
      await put(writer.write([samples]));
    }
    await put(writer.write([encoder.carrier(Math.min(5, options.seconds / 4))]));
    const { header } = writer.finalize();
    await handle.write(header, 0, header.length, 0);
  } finally {
    await handle.close();
  }
  return at;
}
