// Writes synthetic tapes as 16-bit PCM WAV with our own writer, for the tests and for external tools such
// as minimodem.
import { writeFileSync } from 'node:fs';
import { encodeWav } from '../../src-main/core/formats/wav.ts';

/** Mono, or one array per channel for a multi-channel file. */
export function wavBytes(samples: Float32Array | readonly Float32Array[], sampleRate: number): Uint8Array {
  const channels = samples instanceof Float32Array ? [samples] : samples;
  return encodeWav(channels, { sampleRate, channels: channels.length, encoding: 'pcm16' });
}

export function writeWav(path: string, samples: Float32Array, sampleRate: number): void {
  writeFileSync(path, wavBytes(samples, sampleRate));
}
