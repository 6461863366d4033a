import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { BASIC_ROM_BASE, MONITOR_ROM_BASE } from '../core/machine/rom-set.ts';
import { checkCapture, verdict, type CaptureCheck } from '../core/rom-capture/capture-check.ts';
import {
  describeRange,
  dumpProgramText,
  hex4,
  parseCaptureRange,
  rangeLength,
  type CaptureRange,
  type DumpProgramKind,
} from '../core/rom-capture/dump-programs.ts';
import { labMonitorLoader } from '../services/lab-monitor-rom.ts';
import { captureReferences, type UserImage } from '../services/rom-capture/references.ts';
import { RomCapture } from '../services/rom-capture/rom-capture-session.ts';
import {
  audioService,
  deviceNeeded,
  message,
  positiveNumber,
  soundOption,
  untilInterrupted,
} from './audio-support.ts';

const USAGE = [
  'usage: superboard-lab capture-rom OUT.bin --device-in NAME --range monitor|basic|START-END',
  '                                 [--send-program basic|65v --device-out NAME] [--compare FILE]',
  '                                 [--idle S] [--wav FILE.wav] [--rate HZ] [--user-data DIR]',
  '       superboard-lab capture-rom --show-program basic|65v --range monitor|basic|START-END',
].join('\n');

const HELP = `${USAGE}

Dumps a range of a real board's memory (its ROMs) over the cassette cable: the board runs our dumper, which
writes every byte of the range to its ACIA; the input is decoded raw until the range is complete, checked
(length, lost bytes, framing errors, SHA-1 against the known dumps) and written to OUT.bin.

  --range R             monitor ($F800-$FFFF), basic ($A000-$BFFF) or START-END in hex
  --device-in NAME      the input cabled to the board's cassette output (a name or a unique part of one)
  --send-program KIND   play the dumper to the board first: basic (for LOAD, then RUN) or 65v (for L; it runs itself)
  --device-out NAME     the output cabled to the board's cassette input (with --send-program)
  --show-program KIND   print the dumper (basic listing or 65V text) to type in or save, and do nothing else
  --compare FILE        also compare with this image of yours (the whole 2K monitor or 8K BASIC, or the range)
  --idle S              stop when no byte has come for S seconds after the first (default 3)
  --wav FILE.wav        keep the recording too
  --rate HZ             the input's sample rate (default: the device's own)
  --user-data DIR       the folder for recordings in progress (default: the app's user data folder)
`;

interface CaptureArgs {
  out: string;
  range: CaptureRange | undefined;
  deviceIn: string | undefined;
  deviceOut: string | undefined;
  send: DumpProgramKind | undefined;
  show: DumpProgramKind | undefined;
  compare: string | undefined;
  idle: number | undefined;
  wav: string | undefined;
  rate: number | undefined;
  userData: string | undefined;
}

function programKind(option: string, text: string | undefined): DumpProgramKind | string {
  return text === 'basic' || text === '65v' ? text : `${option} needs basic or 65v, not '${text ?? ''}'`;
}

function parseArgs(argv: readonly string[]): CaptureArgs | string {
  const args: CaptureArgs = {
    out: '',
    range: undefined,
    deviceIn: undefined,
    deviceOut: undefined,
    send: undefined,
    show: undefined,
    compare: undefined,
    idle: undefined,
    wav: undefined,
    rate: undefined,
    userData: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string | undefined => argv[++i];
    const text = (what: string): string => {
      const v = value();
      if (v === undefined) throw new Error(`${arg} needs ${what}`);
      return v;
    };
    const sound = soundOption(arg, value, args, { '--device-in': 'deviceIn', '--device-out': 'deviceOut' });
    if (typeof sound === 'string') return sound;
    if (sound) continue;
    switch (arg) {
      case '--range': {
        const range = parseCaptureRange(text('monitor, basic or START-END'));
        if (typeof range === 'string') return range;
        args.range = range;
        break;
      }
      case '--send-program':
      case '--show-program': {
        const kind = programKind(arg, value());
        if (kind !== 'basic' && kind !== '65v') return kind;
        if (arg === '--send-program') args.send = kind;
        else args.show = kind;
        break;
      }
      case '--compare':
        args.compare = text('a ROM image file');
        break;
      case '--idle': {
        const n = positiveNumber(arg, value());
        if (typeof n === 'string') return n;
        args.idle = n;
        break;
      }
      case '--wav':
        args.wav = text('a WAV file to write');
        break;
      case '--user-data':
        args.userData = text('a folder');
        break;
      default:
        if (arg.startsWith('-')) return `unknown option '${arg}'`;
        if (args.out !== '') return `only one OUT file is allowed (got '${args.out}' and '${arg}')`;
        args.out = arg;
    }
  }
  if (args.range === undefined) return '--range monitor|basic|START-END is needed';
  if (args.show !== undefined) return args;
  if (args.out === '') return 'no OUT.bin given';
  if (args.deviceIn === undefined) return deviceNeeded('--device-in');
  if (args.send !== undefined && args.deviceOut === undefined)
    return '--send-program needs --device-out NAME (the output cabled to the board)';
  return args;
}

/** `--compare FILE`: the whole monitor (2K, $F800) or BASIC (8K, $A000), or exactly the range's bytes. */
async function compareImage(file: string, range: CaptureRange): Promise<UserImage> {
  const bytes = new Uint8Array(await readFile(file));
  const base =
    bytes.length === rangeLength(range)
      ? range.start
      : bytes.length === 0x800
        ? MONITOR_ROM_BASE
        : bytes.length === 0x2000
          ? BASIC_ROM_BASE
          : null;
  const end = base === null ? -1 : base + bytes.length - 1;
  if (base === null || range.start < base || range.end > end) {
    throw new Error(
      `${file} (${bytes.length} bytes) holds neither the range's ${rangeLength(range)} bytes nor a whole ROM around it`,
    );
  }
  return { name: file, bytes, base };
}

function report(check: CaptureCheck): string[] {
  const lines = [
    `${check.received} of ${check.expected} bytes from ${describeRange(check.range)}`,
    `SHA-1 ${check.sha1}`,
    verdict(check),
    ...check.problems,
  ];
  if (check.diff && check.diff.differing > 0) {
    const runs = check.diff.runs.map((r) =>
      r.length === 1 ? hex4(r.address) : `${hex4(r.address)}-${hex4(r.address + r.length - 1)}`,
    );
    lines.push(
      `differs at ${runs.join(', ')}${check.diff.moreRuns > 0 ? ` and ${check.diff.moreRuns} more` : ''}`,
    );
  }
  return lines;
}

/**
 * `superboard-lab capture-rom`: dumps a range of a real board's memory (its ROMs) over the cassette cable.
 * The board runs our dumper (shown with --show-program, or played to it with --send-program); the input is
 * decoded raw until the range is complete; the bytes are checked and written to OUT.bin.
 */
export async function captureRomCommand(argv: string[], romFolder: URL, audioWorker: URL): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }
  let args: CaptureArgs | string;
  try {
    args = parseArgs(argv);
  } catch (error) {
    args = message(error);
  }
  if (typeof args === 'string') {
    process.stderr.write(`capture-rom: ${args}\n${USAGE}\n`);
    return 2;
  }
  const range = args.range as CaptureRange;
  if (args.show !== undefined) {
    process.stdout.write(dumpProgramText(args.show, range));
    return 0;
  }
  for (const file of [args.out, args.wav]) {
    if (file !== undefined && existsSync(file)) {
      process.stderr.write(`capture-rom: ${file} already exists; choose another name\n`);
      return 1;
    }
  }
  let own: UserImage[] = [];
  try {
    if (args.compare !== undefined) own = [await compareImage(args.compare, range)];
  } catch (error) {
    process.stderr.write(`capture-rom: ${message(error)}\n`);
    return 1;
  }
  const labMonitor = await labMonitorLoader(new URL('lab-monitor.bin', romFolder), romFolder)();
  const service = audioService(audioWorker, args.userData);
  try {
    let lastShown = 0;
    let lastSecond = -1;
    let armed = true;
    const capture = await RomCapture.start(
      service,
      {
        range,
        device: args.deviceIn ?? '',
        ...(args.send === undefined ? {} : { send: { kind: args.send, device: args.deviceOut ?? '' } }),
        ...(args.idle === undefined ? {} : { idleSeconds: args.idle }),
        ...(args.wav === undefined ? {} : { wav: args.wav }),
        ...(args.rate === undefined ? {} : { sampleRate: args.rate }),
      },
      (progress) => {
        if (armed && progress.state === 'recording') {
          armed = false;
          process.stderr.write('capture-rom: carrier found, recording\n');
        }
        const second = Math.floor(progress.seconds);
        if (second === lastSecond || progress.received === lastShown) return;
        lastSecond = second;
        lastShown = progress.received;
        const errors = progress.framingErrors > 0 ? `, ${progress.framingErrors} framing errors` : '';
        process.stderr.write(`capture-rom: ${progress.received} / ${progress.expected} bytes${errors}\n`);
      },
    );
    const sending = args.send === undefined ? '' : `; playing the ${args.send} dumper to ${args.deviceOut}`;
    process.stderr.write(
      `capture-rom: ${describeRange(range)} at ${capture.sampleRate} Hz, waiting for the board's carrier${sending}; Ctrl+C stops\n`,
    );
    const outcome = await untilInterrupted(capture.ended, () => capture.stop().catch(() => {}));
    if (outcome.sendError !== undefined)
      process.stderr.write(`capture-rom: the dumper did not play to the end: ${outcome.sendError}\n`);
    if (outcome.summary.error !== undefined) process.stderr.write(`capture-rom: ${outcome.summary.error}\n`);
    const check = checkCapture(outcome.bytes, range, captureReferences(range, labMonitor, own));
    for (const line of report(check)) process.stderr.write(`capture-rom: ${line}\n`);
    if (outcome.bytes.length === 0) return 1;
    await writeFile(
      args.out,
      Uint8Array.from(outcome.bytes, (b) => b.value),
      { flag: 'wx' },
    );
    process.stderr.write(`capture-rom: wrote ${args.out} (${outcome.bytes.length} bytes)\n`);
    return check.complete ? 0 : 1;
  } catch (error) {
    process.stderr.write(`capture-rom: ${message(error)}\n`);
    return 1;
  } finally {
    await service.close();
  }
}
