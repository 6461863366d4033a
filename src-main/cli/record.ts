import { existsSync } from 'node:fs';
import type { CaptureSummary } from '../services/audio/audio-protocol.ts';
import {
  audioService,
  deviceNeeded,
  message,
  positiveNumber,
  soundOption,
  untilInterrupted,
} from './audio-support.ts';

const USAGE =
  'usage: superboard-lab record OUT.wav --device NAME [--seconds N] [--until-silence S] [--rate HZ]\n' +
  '                            [--user-data DIR]';

interface RecordArgs {
  out: string;
  device: string | undefined;
  seconds: number | undefined;
  untilSilence: number | undefined;
  rate: number | undefined;
  userData: string | undefined;
}

function parseArgs(argv: readonly string[]): RecordArgs | string {
  const args: RecordArgs = {
    out: '',
    device: undefined,
    seconds: undefined,
    untilSilence: undefined,
    rate: undefined,
    userData: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string | undefined => argv[++i];
    const sound = soundOption(arg, value, args, { '--device': 'device' });
    if (typeof sound === 'string') return sound;
    if (sound) continue;
    switch (arg) {
      case '--seconds':
      case '--until-silence': {
        const n = positiveNumber(arg, value());
        if (typeof n === 'string') return n;
        if (arg === '--seconds') args.seconds = n;
        else args.untilSilence = n;
        break;
      }
      case '--user-data':
        args.userData = value();
        if (args.userData === undefined) return '--user-data needs a folder';
        break;
      default:
        if (arg.startsWith('-')) return `unknown option '${arg}'`;
        if (args.out !== '') return `only one OUT file is allowed (got '${args.out}' and '${arg}')`;
        args.out = arg;
    }
  }
  if (args.out === '') return 'no OUT.wav given';
  if (args.device === undefined) return deviceNeeded('--device');
  return args;
}

/** Decoded bytes as text for a terminal: CR as a new line, NULs dropped, other control codes as <hex>. */
export class LiveText {
  #previous = -1;

  text(bytes: readonly number[]): string {
    let out = '';
    for (const raw of bytes) {
      const byte = raw & 0x7f;
      if (byte === 0x0d) out += '\n';
      else if (byte === 0x0a) out += this.#previous === 0x0d || this.#previous === 0 ? '' : '\n';
      else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
      else if (byte !== 0) out += `<${byte.toString(16).padStart(2, '0')}>`;
      if (byte !== 0) this.#previous = byte;
    }
    return out;
  }
}

const REASONS: Record<CaptureSummary['reason'], string> = {
  stopped: 'stopped',
  seconds: 'time limit reached',
  silence: 'stopped after the silence',
  error: 'stopped by an error',
};

/**
 * `superboard-lab record`: records an input device (the board's cassette output) to a WAV, printing the live
 * decode to stderr. --until-silence S arms the recording: it starts at the first carrier and stops after S
 * seconds without one. Ctrl+C stops and keeps the file.
 */
export async function recordCommand(argv: string[], audioWorker: URL): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`record: ${args}\n${USAGE}\n`);
    return 2;
  }
  if (existsSync(args.out)) {
    process.stderr.write(`record: ${args.out} already exists; choose another name\n`);
    return 1;
  }
  const service = audioService(audioWorker, args.userData);
  try {
    for (const old of await service.recover()) {
      process.stderr.write(
        `record: recovered an unfinished recording: ${old.path} (${old.seconds.toFixed(1)} s)\n`,
      );
    }
    const text = new LiveText();
    let armed = false;
    service.on((event) => {
      if (event.kind !== 'capture') return;
      const { update } = event;
      if (update.state === 'recording' && armed) {
        armed = false;
        process.stderr.write('record: carrier found, recording\n');
      }
      const shown = text.text(update.bytes.map((b) => b.value));
      if (shown) process.stderr.write(shown);
    });
    const ended = service.captureEnded();
    const started = await service.capture({
      device: args.device ?? '',
      file: args.out,
      ...(args.seconds === undefined ? {} : { seconds: args.seconds }),
      ...(args.untilSilence === undefined ? {} : { untilSilence: args.untilSilence }),
      ...(args.rate === undefined ? {} : { sampleRate: args.rate }),
    });
    armed = args.untilSilence !== undefined;
    process.stderr.write(
      `record: ${args.out} at ${started.sampleRate} Hz${armed ? ', waiting for a carrier' : ''}; Ctrl+C stops\n`,
    );
    const summary = await untilInterrupted(ended, () => service.captureStop().catch(() => {}));
    process.stderr.write(
      `\nrecord: ${summary.file ?? args.out}: ${summary.seconds.toFixed(1)} s, ${summary.bytes} bytes decoded, ` +
        `${summary.framingErrors} framing errors (${REASONS[summary.reason]})\n`,
    );
    if (summary.error !== undefined) {
      process.stderr.write(`record: ${summary.error}; what was recorded is kept\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    process.stderr.write(`record: ${message(error)}\n`);
    return 1;
  } finally {
    await service.close();
  }
}
