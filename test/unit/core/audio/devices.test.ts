import { describe, expect, it } from 'vitest';
import { DeviceMatchError, findDevice, type AudioDevice } from '../../../../src-main/core/audio/devices.ts';

function device(
  name: string,
  inputs: number,
  outputs: number,
  defaults: Partial<AudioDevice> = {},
): AudioDevice {
  return {
    name,
    inputChannels: inputs,
    outputChannels: outputs,
    sampleRates: [44100, 48000],
    preferredSampleRate: 48000,
    isDefaultInput: false,
    isDefaultOutput: false,
    ...defaults,
  };
}

const DEVICES = [
  device('Built-in Audio Analog Stereo', 0, 2, { isDefaultOutput: true }),
  device('USB Audio CODEC', 0, 2),
  device('Monitor of Built-in Audio Analog Stereo', 2, 0),
  device('USB Audio CODEC Line In', 2, 0, { isDefaultInput: true }),
];

describe('findDevice', () => {
  it('takes the exact name, ignoring case, before any partial match', () => {
    expect(findDevice(DEVICES, 'usb audio codec', 'output').name).toBe('USB Audio CODEC');
  });

  it('takes a part of a name that only one device of that direction has', () => {
    expect(findDevice(DEVICES, 'line in', 'input').name).toBe('USB Audio CODEC Line In');
    expect(findDevice(DEVICES, 'CODEC', 'input').name).toBe('USB Audio CODEC Line In');
    expect(findDevice(DEVICES, 'analog', 'output').name).toBe('Built-in Audio Analog Stereo');
  });

  it('refuses a part that several devices share, naming them', () => {
    expect(() => findDevice(DEVICES, 'audio', 'output')).toThrow(
      /'audio' matches more than one audio output device \('Built-in Audio Analog Stereo', 'USB Audio CODEC'\)/,
    );
  });

  it('says which devices there are when nothing matches', () => {
    expect(() => findDevice(DEVICES, 'Scarlett', 'input')).toThrow(DeviceMatchError);
    expect(() => findDevice(DEVICES, 'Scarlett', 'input')).toThrow(
      "no audio input device matches 'Scarlett'; there are 'Monitor of Built-in Audio Analog Stereo', 'USB Audio CODEC Line In'",
    );
  });

  it('takes the default device for an empty name, and says when there is no device at all', () => {
    expect(findDevice(DEVICES, '', 'input').name).toBe('USB Audio CODEC Line In');
    expect(findDevice(DEVICES, ' ', 'output').name).toBe('Built-in Audio Analog Stereo');
    expect(() => findDevice([], 'x', 'output')).toThrow('there is no audio output device');
  });
});
