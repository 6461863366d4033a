import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { assemble, formatError, formatListing, formatSymbols } from '../core/cpu/assembler/assembler.ts';
import { build65v } from '../core/formats/osi65v.ts';

const USAGE = `usage: superboard-lab asm SOURCE [-o OUT.bin] [--listing FILE] [--symbols FILE] [--65v FILE [--run]]
  Assembles 6502 SOURCE with our assembler (docs/assembler.md) into a binary image.
  -o, --output FILE  write the binary to FILE (default: SOURCE with .bin in place of its extension)
  --listing FILE     also write a listing: address, bytes and source line by line
  --symbols FILE     also write the symbols with their values
  --65v FILE         also write the program as 65V monitor keystrokes, a tape text for the monitor's L
  --run              with --65v: end the keystrokes with G, so the program starts once loaded
  -h, --help         show this help`;

interface AsmArgs {
  source: string;
  output: string | undefined;
  listing: string | undefined;
  symbols: string | undefined;
  tape: string | undefined;
  run: boolean;
}

function parseArgs(argv: readonly string[]): AsmArgs | 'help' | string {
  const args: AsmArgs = {
    source: '',
    output: undefined,
    listing: undefined,
    symbols: undefined,
    tape: undefined,
    run: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const value = (): string | undefined => {
      const next = argv[i + 1];
      i++;
      return next;
    };
    switch (arg) {
      case '-o':
      case '--output':
        args.output = value();
        if (args.output === undefined) return `${arg} needs a file name`;
        break;
      case '--listing':
        args.listing = value();
        if (args.listing === undefined) return `${arg} needs a file name`;
        break;
      case '--symbols':
        args.symbols = value();
        if (args.symbols === undefined) return `${arg} needs a file name`;
        break;
      case '--65v':
        args.tape = value();
        if (args.tape === undefined) return `${arg} needs a file name`;
        break;
      case '--run':
        args.run = true;
        break;
      case '-h':
      case '--help':
        return 'help';
      default:
        if (arg.startsWith('-')) return `unknown option '${arg}'`;
        if (args.source !== '') return `only one SOURCE file is allowed (got '${args.source}' and '${arg}')`;
        args.source = arg;
    }
  }
  if (args.source === '') return 'no SOURCE file given';
  if (args.run && args.tape === undefined) return '--run only applies to --65v output';
  return args;
}

function tryRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** `superboard-lab asm`: assembles a 6502 source file. Returns the process exit code (0 ok, 1 errors, 2 usage). */
export async function asmCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (typeof args === 'string') {
    process.stderr.write(`asm: ${args}\n${USAGE}\n`);
    return 2;
  }
  const text = tryRead(args.source);
  if (text === undefined) {
    process.stderr.write(`asm: cannot read '${args.source}'\n`);
    return 1;
  }
  const result = assemble(text, { fileName: args.source, readFile: tryRead });
  if (!result.ok) {
    for (const error of result.errors) process.stderr.write(formatError(error) + '\n');
    process.stderr.write(
      `asm: ${result.errors.length} error${result.errors.length === 1 ? '' : 's'}, nothing written\n`,
    );
    return 1;
  }
  const output =
    args.output ?? args.source.slice(0, args.source.length - extname(args.source).length) + '.bin';
  try {
    writeFileSync(output, result.image);
    if (args.listing !== undefined) writeFileSync(args.listing, formatListing(result.listing));
    if (args.symbols !== undefined) writeFileSync(args.symbols, formatSymbols(result.symbols));
    if (args.tape !== undefined) {
      const tape = build65v(result.segments, { run: args.run ? result.origin : false });
      writeFileSync(args.tape, tape, 'latin1');
    }
  } catch (error) {
    process.stderr.write(
      `asm: cannot write output: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const end = result.origin + result.image.length - 1;
  const range = result.image.length === 0 ? 'no bytes' : `$${hex(result.origin)}-$${hex(end)}`;
  process.stdout.write(`asm: ${result.image.length} bytes (${range}) -> ${output}\n`);
  return 0;
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}
