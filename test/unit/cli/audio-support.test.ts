import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deviceNeeded, soundOption } from '../../../src-main/cli/audio-support.ts';

const CLI = path.resolve(import.meta.dirname, '../../../src-main/cli/main.ts');

/** Runs soundOption over a whole argument list, as the commands' parsers do. */
function parse(
  argv: string[],
  devices: Record<string, 'device' | 'other'> = { '--device': 'device' },
):
  | { device: string | undefined; other: string | undefined; rate: number | undefined; rest: string[] }
  | string {
  const args = {
    device: undefined as string | undefined,
    other: undefined as string | undefined,
    rate: undefined as number | undefined,
    rest: [] as string[],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const sound = soundOption(arg, () => argv[++i], args, devices);
    if (typeof sound === 'string') return sound;
    if (!sound) args.rest.push(arg);
  }
  return args;
}

describe('the sound-card options play, record and capture-rom share', () => {
  it('sets the device and the rate, and leaves other arguments alone', () => {
    expect(parse(['tape.wav', '--device', 'USB Audio', '--rate', '48000', '--clean'])).toEqual({
      device: 'USB Audio',
      other: undefined,
      rate: 48000,
      rest: ['tape.wav', '--clean'],
    });
    expect(
      parse(['--device-in', 'line in', '--device-out', 'line out'], {
        '--device-in': 'device',
        '--device-out': 'other',
      }),
    ).toMatchObject({ device: 'line in', other: 'line out', rest: [] });
    // An option it was not told about is not a device option.
    expect(parse(['--device', 'x'], {})).toMatchObject({ device: undefined, rest: ['--device', 'x'] });
  });

  it('says what is wrong with a missing name or a rate out of range', () => {
    expect(parse(['--device'])).toBe('--device needs a device name (see `superboard-lab devices`)');
    expect(parse(['--rate', '4000'])).toBe("--rate needs a sample rate from 8000 to 192000 Hz, not '4000'");
    expect(parse(['--rate'])).toBe("--rate needs a sample rate from 8000 to 192000 Hz, not ''");
    expect(deviceNeeded('--device-in')).toBe('--device-in NAME is needed (see `superboard-lab devices`)');
  });

  it.each([
    ['play', ['tape.bas', '--device'], '--device needs a device name (see `superboard-lab devices`)'],
    ['record', ['out.wav', '--device'], '--device needs a device name (see `superboard-lab devices`)'],
    [
      'capture-rom',
      ['rom.bin', '--range', 'monitor', '--device-in'],
      '--device-in needs a device name (see `superboard-lab devices`)',
    ],
    [
      'play',
      ['tape.bas', '--device', 'x', '--rate', '7000'],
      "--rate needs a sample rate from 8000 to 192000 Hz, not '7000'",
    ],
    [
      'record',
      ['out.wav', '--device', 'x', '--rate', 'fast'],
      "--rate needs a sample rate from 8000 to 192000 Hz, not 'fast'",
    ],
    [
      'capture-rom',
      ['rom.bin', '--range', 'monitor', '--device-in', 'x', '--rate', '0'],
      "--rate needs a sample rate from 8000 to 192000 Hz, not '0'",
    ],
    ['play', ['tape.bas'], '--device NAME is needed (see `superboard-lab devices`)'],
    ['record', ['out.wav'], '--device NAME is needed (see `superboard-lab devices`)'],
    [
      'capture-rom',
      ['rom.bin', '--range', 'monitor'],
      '--device-in NAME is needed (see `superboard-lab devices`)',
    ],
  ])('%s %j: exits 2 with one line saying so', (command, args, text) => {
    const result = spawnSync(process.execPath, [CLI, command, ...args], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(`${command}: ${text}`);
  });
});
