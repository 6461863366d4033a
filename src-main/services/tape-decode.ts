import type { KcsByteEvent, KcsEvent } from '../core/modem/kcs-decoder.ts';
import { KcsDecoder } from '../core/modem/kcs-decoder.ts';
import { KcsStereoDecoder, type KcsChannelChoice } from '../core/modem/kcs-stereo-decoder.ts';
import { detectAudioContainer, streamAudioFile } from './audio-files.ts';
import { open } from 'node:fs/promises';

export interface DecodedTape {
  sampleRate: number;
  bytes: KcsByteEvent[];
  warnings: string[];
}

/** True when the file starts like an audio file we can decode (WAV, FLAC, Ogg, MP3), by its bytes. */
export async function isAudioFile(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(64);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const kind = detectAudioContainer(head.subarray(0, bytesRead)).kind;
    return kind === 'audio' || kind === 'id3';
  } finally {
    await handle.close();
  }
}

/**
 * Decodes a cassette recording to its bytes with their sample spans, streaming the file through the KCS
 * decoder (the better channel of a stereo file unless told which). Memory grows with the bytes found only.
 */
export async function decodeTapeFile(path: string, channel: KcsChannelChoice = 'auto'): Promise<DecodedTape> {
  let decoder: { push(...channels: Float32Array[]): KcsEvent[]; finish(): KcsEvent[] } | null = null;
  let sampleRate = 0;
  const bytes: KcsByteEvent[] = [];
  const warnings: string[] = [];
  const take = (events: KcsEvent[]): void => {
    for (const event of events) if (event.type === 'byte') bytes.push(event);
  };
  for await (const event of streamAudioFile(path)) {
    if (event.type === 'format') {
      sampleRate = event.format.sampleRate;
      const options = { sampleRate, bitEvents: false };
      if (event.format.channels >= 2) {
        const stereo = new KcsStereoDecoder({ ...options, channel });
        decoder = {
          push: (left, right) => stereo.push(left!, right ?? left!),
          finish: () => stereo.finish(),
        };
      } else {
        const mono = new KcsDecoder(options);
        decoder = { push: (samples) => mono.push(samples!), finish: () => mono.finish() };
      }
    } else if (event.type === 'samples' && decoder) {
      take(decoder.push(...event.channels));
    } else if (event.type === 'warning') {
      warnings.push(event.warning.message);
    }
  }
  if (decoder) take(decoder.finish());
  return { sampleRate, bytes, warnings };
}
