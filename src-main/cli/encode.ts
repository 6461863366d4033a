import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { WavWriter } from '../core/formats/wav.ts';
import { CutsEncoder } from '../core/modem/cuts-encoder.ts';
import { basicTextToBytes, KcsEncoder } from '../core/modem/kcs-encoder.ts';
import { build65v } from '../core/formats/osi65v.ts';

const USAGE = `usage: superboard-lab encode FILE TAPE [--rate HZ] [--baud 300|600|1200] [--basic | --65v --addr HEX [--run]]
  Writes FILE as a cassette tape TAPE (a 16-bit mono WAV of 300 baud Kansas City Standard, 8N2) that a
  Superboard can load; without --basic or --65v the file's bytes go on tape exactly as they are.
  --rate HZ      the WAV's sample rate, 8000 to 96000 (default 44100)
  --baud B       300 (default) or 600 baud KCS, or 1200: the CUTS variant UK101 owners used (a 1 is a
                 cycle of 1200 Hz, a 0 half a cycle of 600 Hz); always 8N2
  --basic        FILE is a BASIC listing: line ends become CR, each followed by 10 NULs, for BASIC's LOAD
  --65v          FILE is machine code: it goes on tape as 65V monitor keystrokes, for the monitor's L
  --addr HEX     with --65v: the address the code loads at, such as 0200
  --run          with --65v: the tape ends with G, so the program starts once loaded
  -h, --help     show this help`;

interface EncodeArgs {
  input: string;
  tape: string;
  rate: number;
  baud: 300 | 600 | 1200;
  basic: boolean;
  monitor: boolean;
  address: number | undefined;
  run: boolean;
}

function parseArgs(argv: readonly string[]): EncodeArgs | string {
  const args: EncodeArgs = {
    input: '',
    tape: '',
    rate: 44100,
    baud: 300,
    basic: false,
    monitor: false,
    address: undefined,
    run: false,
  };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    switch (arg) {
      case '--rate': {
        const text = argv[++i];
        const n = Number(text);
        if (text === undefined || !Number.isInteger(n) || n < 8000 || n > 96000)
          return `--rate needs a sample rate from 8000 to 96000 Hz, not '${text ?? ''}'`;
        args.rate = n;
        break;
      }
      case '--baud': {
        const text = argv[++i];
        if (text !== '300' && text !== '600' && text !== '1200')
          return `--baud needs 300, 600 or 1200, not '${text ?? ''}'`;
        args.baud = Number(text) as 300 | 600 | 1200;
        break;
      }
      case '--basic':
        args.basic = true;
        break;
      case '--65v':
        args.monitor = true;
        break;
      case '--addr': {
        const text = argv[++i] ?? '';
        const hex = text.replace(/^(\$|0x)/i, '');
        if (!/^[0-9a-f]{1,4}$/i.test(hex)) return `--addr needs a hex address like 0200, not '${text}'`;
        args.address = parseInt(hex, 16);
        break;
      }
      case '--run':
        args.run = true;
        break;
      default:
        if (arg.startsWith('-')) return `unknown option '${arg}'`;
        files.push(arg);
    }
  }
  if (files.length !== 2)
    return `need FILE and TAPE (got ${files.length} file name${files.length === 1 ? '' : 's'})`;
  [args.input, args.tape] = files as [string, string];
  if (args.basic && args.monitor) return '--basic and --65v exclude each other';
  if (args.monitor && args.address === undefined) return '--65v needs --addr HEX (the load address)';
  if (!args.monitor && (args.address !== undefined || args.run))
    return '--addr and --run only apply to --65v';
  return args;
}

const LEADER_SECONDS = 5;
/** Bytes encoded per block: about 2.3 s of audio, so memory stays small whatever the tape's length. */
const BLOCK_BYTES = 64;

/** Streams the tape to a 16-bit mono WAV block by block (leader, the bytes, trailer); returns its frames. */
function writeTape(file: string, data: Uint8Array, sampleRate: number, baud: 300 | 600 | 1200): number {
  const encoder = baud === 1200 ? new CutsEncoder({ sampleRate }) : new KcsEncoder({ sampleRate, baud });
  const writer = new WavWriter({ sampleRate, channels: 1, encoding: 'pcm16' });
  const fd = openSync(file, 'w');
  try {
    let position = 0;
    const put = (bytes: Uint8Array): void => {
      for (let done = 0; done < bytes.length;)
        done += writeSync(fd, bytes, done, bytes.length - done, position + done);
      position += bytes.length;
    };
    put(writer.start());
    put(writer.write([encoder.carrier(LEADER_SECONDS)]));
    // One block's samples and bytes, reused: nothing grows with the tape.
    const samples = new Float32Array(encoder.sampleAtBit(BLOCK_BYTES * 11) + 1);
    const pcm = new Uint8Array(samples.length * 2);
    for (let at = 0; at < data.length; at += BLOCK_BYTES) {
      put(writer.write([encoder.bytes(data.subarray(at, at + BLOCK_BYTES), samples)], pcm));
    }
    put(writer.write([encoder.carrier(LEADER_SECONDS)]));
    const { header, trailer, frames } = writer.finalize();
    put(trailer);
    writeSync(fd, header, 0, header.length, 0);
    return frames;
  } finally {
    closeSync(fd);
  }
}

/**
 * `superboard-lab encode`: writes a tape (16-bit mono WAV, 300 baud KCS, 8N2; --baud 600, or 1200 CUTS) a Superboard can load: a file's
 * bytes as they are, BASIC text (--basic: line ends become CR and NULs), or machine code as 65V monitor
 * keystrokes (--65v --addr HEX, --run to start it).
 */
export async function encodeCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`encode: ${args}\n${USAGE}\n`);
    return 2;
  }
  let input: Uint8Array;
  try {
    input = readFileSync(args.input);
  } catch (error) {
    process.stderr.write(
      `encode: cannot read '${args.input}': ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
    );
    return 1;
  }
  let data: Uint8Array;
  try {
    if (args.basic) data = basicTextToBytes(new TextDecoder('latin1').decode(input));
    else if (args.monitor) {
      const text = build65v({ address: args.address ?? 0, bytes: input }, { run: args.run });
      data = Uint8Array.from(text, (c) => c.charCodeAt(0));
    } else data = input;
  } catch (error) {
    process.stderr.write(
      `encode: ${args.input}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  let frames: number;
  try {
    frames = writeTape(args.tape, data, args.rate, args.baud);
  } catch (error) {
    process.stderr.write(
      `encode: cannot write '${args.tape}': ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const seconds = (frames / args.rate).toFixed(1);
  process.stderr.write(`encode: ${data.length} bytes -> ${args.tape} (${seconds} s at ${args.rate} Hz)\n`);
  return 0;
}
