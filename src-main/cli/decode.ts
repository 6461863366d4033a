import { writeFileSync } from 'node:fs';
import {
  describeTapeFormat,
  KCS_FRAME_FORMATS,
  type KcsBaudChoice,
  type KcsFrameChoice,
  type KcsFrameFormat,
} from '../core/modem/kcs-format-decoder.ts';
import { TapeAnalysis, TapeAnalysisError } from '../services/tapes/tape-analysis.ts';
import { textListing } from '../services/tapes/tape-results.ts';

const USAGE = `usage: superboard-lab decode TAPE [--out FILE] [--raw] [--labels FILE] [--channel N]
                             [--baud 300|600|1200|auto] [--format 8N2|8N1|7E2|7O2|7E1|7O1|8E1|8O1|auto]
  Decodes a cassette recording (WAV, FLAC, Ogg, MP3) of Kansas City Standard (or CUTS) audio; the bytes go to
  standard output (or --out), progress and a summary of errors to standard error.
  -o, --out FILE    write the decoded bytes to FILE instead of standard output
  --raw             the bytes exactly as on tape; without it, the text listing (NULs dropped, CR as line end)
  --labels FILE     also write an Audacity label file: every byte and error with its start and end time
  --channel N       decode channel N (1 = left) of a stereo recording instead of the better of the two
  --baud B          the tape's baud rate: 300 or 600 (Kansas City Standard), or 1200 (the CUTS variant
                    UK101 owners used: a 1 is a cycle of 1200 Hz, a 0 half a cycle of 600 Hz); default
                    auto: detected from the tape and reported
  --format F        the frame: data bits, parity (N none, E even, O odd), stop bits; 8N2 is the
                    Superboard's (default auto: detected from the tape and reported). A byte whose
                    parity bit is wrong is counted as a parity error
  -h, --help        show this help
  Exit status: 0 all read, 1 the file could not be read (or output failed), 2 bad options, 3 decoded
  but audio in the file was lost (or may be wrong) to damage.`;

interface DecodeArgs {
  tape: string;
  out: string | undefined;
  raw: boolean;
  labels: string | undefined;
  /** 1-based; absent: the better channel of a stereo file. */
  channel: number | undefined;
  baud: KcsBaudChoice;
  frame: KcsFrameChoice;
}

function parseArgs(argv: readonly string[]): DecodeArgs | string {
  const args: DecodeArgs = {
    tape: '',
    out: undefined,
    raw: false,
    labels: undefined,
    channel: undefined,
    baud: 'auto',
    frame: 'auto',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string | undefined => argv[++i];
    switch (arg) {
      case '-o':
      case '--out':
        args.out = value();
        if (args.out === undefined) return `${arg} needs a file name`;
        break;
      case '--labels':
        args.labels = value();
        if (args.labels === undefined) return `${arg} needs a file name`;
        break;
      case '--raw':
        args.raw = true;
        break;
      case '--channel': {
        const text = value();
        const n = Number(text);
        if (text === undefined || !Number.isInteger(n) || n < 1 || n > 64)
          return `--channel needs a channel number from 1, not '${text ?? ''}'`;
        args.channel = n;
        break;
      }
      case '--baud': {
        const text = value();
        if (text !== '300' && text !== '600' && text !== '1200' && text !== 'auto')
          return `--baud needs 300, 600, 1200 or auto, not '${text ?? ''}'`;
        args.baud = text === 'auto' ? 'auto' : (Number(text) as 300 | 600 | 1200);
        break;
      }
      case '--format': {
        const text = value()?.toUpperCase() ?? '';
        if (text === 'AUTO') args.frame = 'auto';
        else if (KCS_FRAME_FORMATS.includes(text as KcsFrameFormat)) args.frame = text as KcsFrameFormat;
        else return `--format needs one of ${KCS_FRAME_FORMATS.join(', ')} or auto, not '${text}'`;
        break;
      }
      default:
        if (arg.startsWith('-')) return `unknown option '${arg}'`;
        if (args.tape !== '') return `only one TAPE file is allowed (got '${args.tape}' and '${arg}')`;
        args.tape = arg;
    }
  }
  if (args.tape === '') return 'no TAPE file given';
  return args;
}

/** Exit status when the file is damaged and audio was lost: what could be read is decoded and written. */
export const EXIT_AUDIO_LOST = 3;

const seconds = (frames: number, rate: number): string => `${(frames / rate).toFixed(1)} s`;

/**
 * `superboard-lab decode`: decodes a cassette recording. The bytes (or, without --raw, the text listing) go
 * to --out or stdout; progress and the summary go to stderr only, so stdout stays pure data.
 */
export async function decodeCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`decode: ${args}\n${USAGE}\n`);
    return 2;
  }
  const tty = process.stderr.isTTY;
  let lastShown = 0;
  const analysis = new TapeAnalysis(args.tape, {
    ...(args.channel === undefined ? {} : { channel: args.channel - 1 }),
    waveform: false,
    baud: args.baud,
    frame: args.frame,
    chunkBytes: 1 << 20,
    // Audacity labels need each byte's span; without them only the values are kept, so memory stays flat.
    detail: args.labels === undefined ? 'values' : 'full',
    onWarning: (message) => process.stderr.write(`decode: warning: ${message}\n`),
    onProgress: (frames) => {
      const now = Date.now();
      if (!tty || now - lastShown < 250 || analysis.format === null) return;
      lastShown = now;
      const total = analysis.format.frames;
      const part = total ? ` (${Math.round((frames / total) * 100)}%)` : '';
      process.stderr.write(
        `\rdecode: ${seconds(frames, analysis.format.sampleRate)}${part}, ${analysis.results.byteCount} bytes`,
      );
    },
  });
  try {
    await analysis.run();
  } catch (error) {
    if (tty && lastShown > 0) process.stderr.write('\n');
    const message = error instanceof TapeAnalysisError ? error.message : String(error);
    process.stderr.write(`decode: ${message}\n`);
    return 1;
  } finally {
    await analysis.close();
  }
  if (tty && lastShown > 0) process.stderr.write('\r\x1b[K');
  const bytes = analysis.results.bytes();
  const data = args.raw ? bytes : new TextEncoder().encode(textListing(bytes).text);
  try {
    if (args.out === undefined) process.stdout.write(data);
    else writeFileSync(args.out, data);
    if (args.labels !== undefined && analysis.format !== null) {
      const { writeTapeExport } = await import('../services/tapes/tape-export.ts');
      await writeTapeExport(analysis.results, analysis.format.sampleRate, 'labels', args.labels);
    }
  } catch (error) {
    process.stderr.write(
      `decode: cannot write output: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const s = analysis.results.summary();
  const format = analysis.format;
  const lines = [
    `decode: ${s.bytes} bytes, ${s.framingErrors} framing errors, ${s.parityErrors > 0 ? `${s.parityErrors} parity errors, ` : ''}${s.lowConfidenceBits} low-confidence bits`,
  ];
  if (format !== null) {
    lines.push(
      `decode: ${seconds(analysis.frames, format.sampleRate)} at ${format.sampleRate} Hz, channel ${format.channel + 1} of ${format.channels}`,
    );
  }
  const tapeFormat = analysis.tapeFormat;
  if (tapeFormat !== null) {
    lines.push(
      `decode: format ${describeTapeFormat(tapeFormat)} (${tapeFormat.detected ? 'detected' : 'as given'})`,
    );
  }
  if (s.markHz !== null && s.baud !== null && s.speedDeviationPercent !== null) {
    const sign = s.speedDeviationPercent >= 0 ? '+' : '';
    lines.push(
      `decode: carrier ${s.markHz.toFixed(0)} Hz, ${s.baud.toFixed(1)} baud, speed ${sign}${s.speedDeviationPercent.toFixed(2)}%`,
    );
  }
  for (const r of s.recordings) {
    lines.push(
      `decode: recording ${r.index + 1}: ${format ? seconds(r.start, format.sampleRate) : r.start}-${format ? seconds(r.end, format.sampleRate) : r.end}, ${r.bytes} bytes, ${r.framingErrors} framing errors`,
    );
  }
  if (analysis.audioLost)
    lines.push('decode: some audio in the file could not be read (see the warning above)');
  process.stderr.write(lines.join('\n') + '\n');
  return analysis.audioLost ? EXIT_AUDIO_LOST : 0;
}
