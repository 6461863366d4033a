import { open } from 'node:fs/promises';
import { detectAudioContainer } from './audio-files.ts';
import { TapeAnalysis } from './tapes/tape-analysis.ts';
import type { ByteSpan } from './tapes/tape-results.ts';

export interface DecodedTape {
  sampleRate: number;
  /** Every decoded byte with its sample span, in tape order. */
  bytes: ByteSpan[];
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
 * Decodes a cassette recording to its bytes with their sample spans: the tape analysis without the waveform
 * (the better channel of a stereo file unless told which). Throws TapeAnalysisError for unreadable files.
 */
export async function decodeTapeFile(path: string, name?: string, channel?: number): Promise<DecodedTape> {
  const analysis = new TapeAnalysis(path, {
    waveform: false,
    ...(name === undefined ? {} : { name }),
    ...(channel === undefined ? {} : { channel }),
  });
  try {
    await analysis.run();
    const results = analysis.results;
    const bytes: ByteSpan[] = [];
    for (let i = 0; i < results.byteCount; i++) {
      const span = results.byte(i);
      if (span) bytes.push(span);
    }
    return { sampleRate: analysis.format?.sampleRate ?? 0, bytes, warnings: analysis.warnings };
  } finally {
    await analysis.close();
  }
}
