// What the sound-card commands share: the audio service, the journal of recordings in progress, and option
// parsing for device names and numbers.
import path from 'node:path';
import { AudioService } from '../services/audio/audio-service.ts';
import { defaultUserDataDir } from '../user-data.ts';

/** `workerUrl`: the audio worker, as the CLI's entry module finds it (this module may be in a chunk). */
export function audioService(workerUrl: URL, userDataDir: string | undefined): AudioService {
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

const DEVICES_HINT = '(see `superboard-lab devices`)';

/** The fields of `T` that can hold a device name. */
type DeviceField<T> = {
  [K in keyof T]-?: string | undefined extends T[K] ? (T[K] extends string | undefined ? K : never) : never;
}[keyof T];

/**
 * The sound-card options play, record and capture-rom share: a device name (`--device`, or capture-rom's
 * `--device-in` and `--device-out`: `devices` maps each option to the field it sets) and `--rate HZ`.
 * Sets the field and returns true when `arg` is one of them, returns an error message when its value is
 * missing or out of range, and false for any other argument.
 */
export function soundOption<T extends { rate: number | undefined }>(
  arg: string,
  value: () => string | undefined,
  into: T,
  devices: Readonly<Record<string, DeviceField<T>>>,
): boolean | string {
  const field = Object.hasOwn(devices, arg) ? devices[arg] : undefined;
  if (field !== undefined) {
    const name = value();
    if (name === undefined || name === '') return `${arg} needs a device name ${DEVICES_HINT}`;
    into[field] = name as T[DeviceField<T>];
    return true;
  }
  if (arg !== '--rate') return false;
  const rate = sampleRate(value());
  if (typeof rate === 'string') return rate;
  into.rate = rate;
  return true;
}

/** The message for a device option that was needed and not given. */
export function deviceNeeded(option: string): string {
  return `${option} NAME is needed ${DEVICES_HINT}`;
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
