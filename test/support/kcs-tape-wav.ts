// Long seeded test tapes written straight to a 16-bit WAV, chunk by chunk (the benches' hour-long files).
import { closeSync, openSync, writeSync } from 'node:fs';
import { addNoise, noiseSigma, SeededRandom } from '../../src-main/core/modem/impairments.ts';
import { KcsEncoder } from '../../src-main/core/modem/kcs-encoder.ts';
import { testBytes } from './byte-errors.ts';
import { wavBytes } from './wav-writer.ts';

const BYTES_PER_CHUNK = 64;

/**
 * The tape as a stream of chunks: 2 s leader, data, 1 s trailer; noise added per chunk when asked. With
 * `silentMinutes` every minute of data (after a 1 s trailer) is followed by a minute of exact digital
 * silence and a 2 s leader, as a tape of many recordings with the gaps between them cut to zero.
 */
export function* longTape(
  sampleRate: number,
  seconds: number,
  snrDb: number | undefined,
  silentMinutes = false,
): Generator<{ samples: Float32Array; sent: Uint8Array }> {
  const encoder = new KcsEncoder({ sampleRate });
  const random = new SeededRandom(42);
  const sigma = snrDb === undefined ? 0 : noiseSigma(0.8 * 0.8, snrDb);
  const noisy = (samples: Float32Array): Float32Array => {
    if (sigma > 0) addNoise(samples, sigma, random);
    return samples;
  };
  yield { samples: noisy(encoder.carrier(2)), sent: new Uint8Array(0) };
  const dataEnd = (seconds - 1) * sampleRate;
  const minute = 60 * sampleRate;
  let silent = 0;
  for (let chunk = 0; encoder.samplesWritten + silent < dataEnd; chunk++) {
    const sent = testBytes(BYTES_PER_CHUNK, chunk + 1);
    yield { samples: noisy(encoder.bytes(sent)), sent };
    if (silentMinutes && encoder.samplesWritten >= (silent / minute + 1) * minute) {
      yield { samples: noisy(encoder.carrier(1)), sent: new Uint8Array(0) };
      for (let second = 0; second < 60; second++)
        yield { samples: new Float32Array(sampleRate), sent: new Uint8Array(0) };
      silent += minute;
      yield { samples: noisy(encoder.carrier(2)), sent: new Uint8Array(0) };
    }
  }
  yield { samples: noisy(encoder.carrier(1)), sent: new Uint8Array(0) };
}

/** Writes longTape() as a 16-bit mono WAV (scaled down when noisy, so the noise does not clip). */
export function writeLongTapeWav(
  path: string,
  sampleRate: number,
  seconds: number,
  snrDb: number | undefined,
  silentMinutes = false,
): number {
  const scale = snrDb === undefined ? 1 : 0.15;
  const fd = openSync(path, 'w');
  let frames = 0;
  let bytes = 0;
  writeSync(fd, new Uint8Array(44));
  for (const { samples, sent } of longTape(sampleRate, seconds, snrDb, silentMinutes)) {
    const scaled = samples.map((v) => v * scale);
    writeSync(fd, wavBytes(scaled, sampleRate).subarray(44));
    frames += samples.length;
    bytes += sent.length;
  }
  // Write the header last, now that the length is known.
  const header = wavBytes(new Float32Array(0), sampleRate);
  const view = new DataView(header.buffer);
  view.setUint32(4, 36 + frames * 2, true);
  view.setUint32(40, frames * 2, true);
  writeSync(fd, header, 0, 44, 0);
  closeSync(fd);
  return bytes;
}
