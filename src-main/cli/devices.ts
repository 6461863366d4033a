import { devicesFor } from '../core/audio/devices.ts';
import { audioService, message } from './audio-support.ts';

const USAGE = 'usage: superboard-lab devices [--json]';

/** `superboard-lab devices`: the sound card's inputs and outputs by name, with their sample rates. */
export async function devicesCommand(argv: string[], audioWorker: URL): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = argv.find((arg) => arg !== '--json');
  if (unknown !== undefined) {
    process.stderr.write(`devices: unknown option '${unknown}'\n${USAGE}\n`);
    return 2;
  }
  const service = audioService(audioWorker, undefined);
  try {
    const devices = await service.devices();
    const inputs = devicesFor(devices, 'input');
    const outputs = devicesFor(devices, 'output');
    if (argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify({ inputs, outputs }, null, 2)}\n`);
      return 0;
    }
    const line = (d: (typeof devices)[number], channels: number, isDefault: boolean): string =>
      `  ${d.name}${isDefault ? ' (default)' : ''}: ${channels} channel${channels === 1 ? '' : 's'}, ` +
      `${d.preferredSampleRate} Hz (${d.sampleRates.join(', ')})`;
    const out: string[] = ['Inputs:'];
    out.push(...(inputs.length ? inputs.map((d) => line(d, d.inputChannels, d.isDefaultInput)) : ['  none']));
    out.push('Outputs:');
    out.push(
      ...(outputs.length ? outputs.map((d) => line(d, d.outputChannels, d.isDefaultOutput)) : ['  none']),
    );
    process.stdout.write(`${out.join('\n')}\n`);
    if (devices.length === 0) {
      process.stderr.write('devices: no sound devices found (is PulseAudio or ALSA running?)\n');
      return 1;
    }
    return 0;
  } catch (error) {
    process.stderr.write(`devices: ${message(error)}\n`);
    return 1;
  } finally {
    await service.close();
  }
}
