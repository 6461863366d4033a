// The one place that loads audify (RtAudio's Node binding). Its own typings declare const enums, which our
// isolated-module build cannot read, so the few calls we make are typed here. Loaded lazily: a machine
// without the native module still runs everything but the sound card.
import { createRequire } from 'node:module';
import type { AudioDevice } from '../../core/audio/devices.ts';

export interface RtDeviceInfo {
  id: number;
  name: string;
  outputChannels: number;
  inputChannels: number;
  isDefaultOutput: boolean;
  isDefaultInput: boolean;
  sampleRates: number[];
  preferredSampleRate: number;
}

export interface RtStreamParameters {
  deviceId: number;
  nChannels: number;
  firstChannel?: number;
}

export interface RtAudioInstance {
  getApi(): string;
  getDevices(): RtDeviceInfo[];
  openStream(
    output: RtStreamParameters | null,
    input: RtStreamParameters | null,
    format: number,
    sampleRate: number,
    frameSize: number,
    streamName: string,
    inputCallback: ((data: Buffer) => void) | null,
    frameOutputCallback: (() => void) | null,
    flags?: number,
    errorCallback?: ((type: number, message: string) => void) | null,
  ): number;
  start(): void;
  stop(): void;
  closeStream(): void;
  isStreamOpen(): boolean;
  write(pcm: Buffer): void;
  clearOutputQueue(): void;
}

interface AudifyModule {
  RtAudio: new (api?: number) => RtAudioInstance;
  RtAudioApi: Record<string, number>;
}

export const RTAUDIO_FLOAT32 = 0x10;
/** RtAudioErrorType values below this are warnings (WARNING, DEBUG_WARNING). */
const FIRST_ERROR_TYPE = 2;

export function isFatalRtError(type: number): boolean {
  return type >= FIRST_ERROR_TYPE;
}

export class AudioUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudioUnavailableError';
  }
}

let audify: AudifyModule | null = null;

function load(): AudifyModule {
  if (audify) return audify;
  try {
    audify = createRequire(import.meta.url)('audify') as AudifyModule;
    return audify;
  } catch (error) {
    throw new AudioUnavailableError(whyUnavailable(error));
  }
}

/**
 * One line saying why audify did not load. It is an optional dependency: `npm install` goes on without it
 * when it cannot be built, and then it is simply not there.
 */
export function whyUnavailable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (code === 'MODULE_NOT_FOUND' && text.includes("'audify'")) {
    return (
      'the sound card is unavailable: its library (audify) is not installed; npm install builds it where ' +
      'cmake, a C++ compiler, make and the ALSA and PulseAudio headers are installed (see the README)'
    );
  }
  const firstLine = text.split('\n', 1)[0]?.trim() || 'unknown error';
  return `the sound card is unavailable: its library (audify) could not be loaded: ${firstLine}`;
}

/**
 * An RtAudio instance on the best API: on Linux PulseAudio when it answers (RtAudio would otherwise take
 * ALSA first, which shows PulseAudio as a single device), else whatever RtAudio picks.
 */
export function openRtAudio(): RtAudioInstance {
  const { RtAudio, RtAudioApi } = load();
  if (process.platform === 'linux' && RtAudioApi.LINUX_PULSE !== undefined) {
    const pulse = new RtAudio(RtAudioApi.LINUX_PULSE);
    if (pulse.getDevices().length > 0) return pulse;
  }
  return new RtAudio();
}

export function toAudioDevice(info: RtDeviceInfo): AudioDevice {
  return {
    name: info.name,
    inputChannels: info.inputChannels,
    outputChannels: info.outputChannels,
    sampleRates: [...info.sampleRates],
    preferredSampleRate: info.preferredSampleRate,
    isDefaultInput: info.isDefaultInput,
    isDefaultOutput: info.isDefaultOutput,
  };
}

let probe: RtAudioInstance | null = null;

/** Whether a device of this name and direction is still there (one RtAudio kept for asking). */
export function devicePresent(name: string, direction: 'input' | 'output'): boolean {
  probe ??= openRtAudio();
  return probe
    .getDevices()
    .some((d) => d.name === name && (direction === 'input' ? d.inputChannels : d.outputChannels) > 0);
}
