// What the sound-card commands share: the audio service (its worker from the source or next to the built
// CLI), the journal of recordings in progress, and option parsing for device names and numbers.
import path from 'node:path';
import { AudioService } from '../services/audio/audio-service.ts';
import { defaultUserDataDir } from '../user-data.ts';

export function audioService(userDataDir: string | undefined): AudioService {
  const workerUrl = new URL(
    import.meta.url.endsWith('.ts') ? '../services/audio/audio-worker.ts' : './audio-worker.js',
    import.meta.url,
  );
  return new AudioService({
    workerUrl,
    journalDir: path.join(userDataDir ?? defaultUserDataDir(), 'recordings-in-progress'),
  });
}

/** A positive number option, or an error message. */
export function positiveNumber(option: string, text: string | undefined): number | string {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(n) || n <= 0) {
    return `${option} needs a number above 0, not '${text ?? ''}'`;
  }
  return n;
}

export function sampleRate(text: string | undefined): number | string {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n) || n < 8000 || n > 192000) {
    return `--rate needs a sample rate from 8000 to 192000 Hz, not '${text ?? ''}'`;
  }
  return n;
}

export function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs `body` until it settles or Ctrl+C calls `interrupt` (once; a second Ctrl+C exits at once). */
export async function untilInterrupted<T>(body: Promise<T>, interrupt: () => Promise<void>): Promise<T> {
  let interrupted = false;
  const onSignal = (): void => {
    if (interrupted) process.exit(130);
    interrupted = true;
    void interrupt();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await body;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
