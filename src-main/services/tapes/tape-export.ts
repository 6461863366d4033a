// Writes a tape's decoded content to a file: raw bytes, the text listing, Audacity labels, or a clean
// re-recording of the bytes by our KCS encoder (a WAV a Superboard can load again). Streams, so an hour of
// tape never sits in memory as audio.
import { open } from 'node:fs/promises';
import { WavWriter } from '../../core/formats/wav.ts';
import { KcsEncoder } from '../../core/modem/kcs-encoder.ts';
import type { TapeExportKind } from '../../ipc/contract.ts';
import { audacityLabels, textListing, type TapeResults } from './tape-results.ts';

export const CLEAN_WAV_RATE = 48000;
const LEADER_SECONDS = 5;
const BYTES_PER_BLOCK = 256;

export const EXPORT_EXTENSIONS: Record<TapeExportKind, string> = {
  bytes: '.bin',
  text: '.txt',
  wav: '.clean.wav',
  labels: '.labels.txt',
};

/** Writes the export to `target` (created or replaced); returns the bytes written. */
export async function writeTapeExport(
  results: TapeResults,
  sampleRate: number,
  kind: TapeExportKind,
  target: string,
): Promise<number> {
  const file = await open(target, 'w');
  let written = 0;
  const put = async (chunk: Uint8Array | string): Promise<void> => {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    await file.write(bytes, 0, bytes.length, written);
    written += bytes.length;
  };
  try {
    if (kind === 'bytes') await put(results.bytes());
    else if (kind === 'text') await put(textListing(results.bytes()).text);
    else if (kind === 'labels') {
      let batch = '';
      for (const line of audacityLabels(results, sampleRate)) {
        batch += line;
        if (batch.length > 65536) {
          await put(batch);
          batch = '';
        }
      }
      await put(batch);
    } else {
      const writer = new WavWriter({ sampleRate: CLEAN_WAV_RATE, channels: 1, encoding: 'pcm16' });
      const encoder = new KcsEncoder({ sampleRate: CLEAN_WAV_RATE, waveform: 'sine', amplitude: 0.7 });
      const bytes = results.bytes();
      await put(writer.start());
      await put(writer.write([encoder.carrier(LEADER_SECONDS)]));
      for (let at = 0; at < bytes.length; at += BYTES_PER_BLOCK) {
        await put(writer.write([encoder.bytes(bytes.subarray(at, at + BYTES_PER_BLOCK))]));
      }
      await put(writer.write([encoder.carrier(LEADER_SECONDS)]));
      const { header, trailer } = writer.finalize();
      await put(trailer);
      await file.write(header, 0, header.length, 0);
    }
  } finally {
    await file.close();
  }
  return written;
}
