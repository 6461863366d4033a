import { readFile } from 'node:fs/promises';
import { tapeContent, type TapeContentKind } from '../core/formats/tape-content.ts';
import type { PlaySource } from '../services/audio/audio-protocol.ts';
import { decodeTapeFile, isAudioFile } from '../services/tape-decode.ts';
import { audioService, deviceNeeded, message, soundOption, untilInterrupted } from './audio-support.ts';

const USAGE =
  'usage: superboard-lab play FILE --device NAME [--as auto|raw|basic|65v] [--nulls N] [--clean]\n' +
  '                          [--leader S] [--trailer S] [--rate HZ]';

interface PlayArgs {
  file: string;
  device: string | undefined;
  as: TapeContentKind | 'auto';
  nulls: number;
  clean: boolean;
  leader: number;
  trailer: number;
  rate: number | undefined;
}

function parseArgs(argv: readonly string[]): PlayArgs | string {
  const args: PlayArgs = {
    file: '',
    device: undefined,
    as: 'auto',
    nulls: 10,
    clean: false,
    leader: 5,
    trailer: 2,
    rate: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string | undefined => argv[++i];
    const sound = soundOption(arg, value, args, { '--device': 'device' });
    if (typeof sound === 'string') return sound;
    if (sound) continue;
    switch (arg) {
      case '--as': {
        const kind = value();
        if (kind !== 'auto' && kind !== 'raw' && kind !== 'basic' && kind !== '65v')
          return `--as needs auto, raw, basic or 65v, not '${kind ?? ''}'`;
        args.as = kind;
        break;
      }
      case '--nulls': {
        const text = value();
        const n = Number(text);
        if (text === undefined || !Number.isInteger(n) || n < 0 || n > 255)
          return `--nulls needs a count from 0 to 255, not '${text ?? ''}'`;
        args.nulls = n;
        break;
      }
      case '--clean':
        args.clean = true;
        break;
      case '--leader':
      case '--trailer': {
        const text = value();
        const n = Number(text);
        if (text === undefined || !Number.isFinite(n) || n < 0 || n > 60)
          return `${arg} needs seconds from 0 to 60, not '${text ?? ''}'`;
        if (arg === '--leader') args.leader = n;
        else args.trailer = n;
        break;
      }
      default:
        if (arg.startsWith('-')) return `unknown option '${arg}'`;
        if (args.file !== '') return `only one FILE is allowed (got '${args.file}' and '${arg}')`;
        args.file = arg;
    }
  }
  if (args.file === '') return 'no FILE given';
  if (args.device === undefined) return deviceNeeded('--device');
  return args;
}

async function sourceFor(args: PlayArgs): Promise<{ source: PlaySource; what: string }> {
  const bytesSource = (bytes: Uint8Array): PlaySource => ({
    kind: 'bytes',
    bytes,
    leaderSeconds: args.leader,
    trailerSeconds: args.trailer,
  });
  if (await isAudioFile(args.file)) {
    if (!args.clean) return { source: { kind: 'audio', path: args.file }, what: 'the recording as it is' };
    const decoded = await decodeTapeFile(args.file);
    const bytes = Uint8Array.from(decoded.bytes, (b) => b.value);
    if (bytes.length === 0) throw new Error(`${args.file}: no bytes could be decoded to re-encode`);
    return { source: bytesSource(bytes), what: `${bytes.length} decoded bytes, re-encoded clean` };
  }
  const content = tapeContent(new Uint8Array(await readFile(args.file)), args.as, args.nulls);
  const kind = { raw: 'bytes', basic: 'a BASIC listing', '65v': '65V monitor text' }[content.kind];
  return { source: bytesSource(content.bytes), what: `${content.bytes.length} bytes (${kind})` };
}

const clock = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${(seconds % 60).toFixed(1).padStart(4, '0')}`;

/**
 * `superboard-lab play`: plays a tape to an output device (the board's cassette input): a recording as it is
 * (or, with --clean, its decoded bytes re-encoded), or a file of bytes, a BASIC listing or 65V text encoded
 * on the fly. Progress goes to stderr; Ctrl+C stops.
 */
export async function playCommand(argv: string[], audioWorker: URL): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`play: ${args}\n${USAGE}\n`);
    return 2;
  }
  let planned: { source: PlaySource; what: string };
  try {
    planned = await sourceFor(args);
  } catch (error) {
    process.stderr.write(`play: ${message(error)}\n`);
    return 1;
  }
  const service = audioService(audioWorker, undefined);
  try {
    const ended = service.playEnded();
    let lastShown = -1;
    service.on((event) => {
      if (event.kind !== 'playProgress') return;
      const { position, total } = event.progress;
      if (Math.floor(position) === lastShown) return;
      lastShown = Math.floor(position);
      const of = total === null ? '' : ` / ${clock(total)} (${Math.round((100 * position) / total)}%)`;
      process.stderr.write(`play: ${clock(position)}${of}\n`);
    });
    const started = await service.play({
      device: args.device ?? '',
      source: planned.source,
      ...(args.rate === undefined ? {} : { sampleRate: args.rate }),
    });
    const length = started.total === null ? '' : `, ${started.total.toFixed(1)} s`;
    process.stderr.write(`play: ${args.file}: ${planned.what} at ${started.sampleRate} Hz${length}\n`);
    const result = await untilInterrupted(ended, () => service.playControl('stop').catch(() => {}));
    if (result.error !== undefined) {
      process.stderr.write(`play: stopped at ${clock(result.position)}: ${result.error}\n`);
      return 1;
    }
    process.stderr.write(`play: done (${clock(result.position)})\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`play: ${message(error)}\n`);
    return 1;
  } finally {
    await service.close();
  }
}
