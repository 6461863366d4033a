// Sound devices as the app names them. RtAudio's numeric ids change whenever a device comes or goes, so
// everything outside the audio worker picks a device by its name, or by a part of it that only one has.

export type AudioDirection = 'input' | 'output';

export interface AudioDevice {
  readonly name: string;
  readonly inputChannels: number;
  readonly outputChannels: number;
  readonly sampleRates: readonly number[];
  readonly preferredSampleRate: number;
  readonly isDefaultInput: boolean;
  readonly isDefaultOutput: boolean;
}

export class DeviceMatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceMatchError';
  }
}

export function devicesFor(devices: readonly AudioDevice[], direction: AudioDirection): AudioDevice[] {
  return devices.filter((d) => (direction === 'input' ? d.inputChannels : d.outputChannels) > 0);
}

/**
 * The one device of `direction` whose name is `query` (ignoring case) or, failing that, the only one whose
 * name contains it. An empty query means the default device. The error lists the candidates.
 */
export function findDevice(
  devices: readonly AudioDevice[],
  query: string,
  direction: AudioDirection,
): AudioDevice {
  const candidates = devicesFor(devices, direction);
  const list = (names: readonly AudioDevice[]): string =>
    names.length === 0 ? 'none' : names.map((d) => `'${d.name}'`).join(', ');
  if (candidates.length === 0) throw new DeviceMatchError(`there is no audio ${direction} device`);
  const wanted = query.trim().toLowerCase();
  if (wanted === '') {
    const fallback = candidates.find((d) => (direction === 'input' ? d.isDefaultInput : d.isDefaultOutput));
    return fallback ?? (candidates[0] as AudioDevice);
  }
  const exact = candidates.filter((d) => d.name.toLowerCase() === wanted);
  if (exact.length === 1) return exact[0] as AudioDevice;
  const partial = candidates.filter((d) => d.name.toLowerCase().includes(wanted));
  if (partial.length === 1) return partial[0] as AudioDevice;
  if (partial.length === 0) {
    throw new DeviceMatchError(
      `no audio ${direction} device matches '${query}'; there are ${list(candidates)}`,
    );
  }
  throw new DeviceMatchError(
    `'${query}' matches more than one audio ${direction} device (${list(partial)}); give more of the name`,
  );
}
