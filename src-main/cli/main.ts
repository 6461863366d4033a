// superboard-lab: the headless command line. Each command lives in its own module and returns an exit code.
import { asmCommand } from './asm.ts';
import { decodeCommand } from './decode.ts';
import { encodeCommand } from './encode.ts';
import { farmCommand } from './farm.ts';
import { runCommand } from './run.ts';

const COMMANDS: Record<string, { summary: string; run: (argv: string[]) => Promise<number> }> = {
  run: {
    summary: 'run the emulated Superboard (or a bare 6502) headless and print its screen',
    run: runCommand,
  },
  asm: { summary: 'assemble 6502 source to a binary, a listing and 65V tape text', run: asmCommand },
  decode: {
    summary: 'decode a cassette recording (WAV, FLAC, Ogg, MP3) to bytes or a text listing',
    run: decodeCommand,
  },
  encode: { summary: 'write a file, BASIC text or 65V machine code as a tape WAV', run: encodeCommand },
  farm: {
    summary: 'run jobs on emulated Superboards: here in threads, or on a Redis queue',
    run: farmCommand,
  },
};

const usage = (): string =>
  [
    'usage: superboard-lab <command> [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(8)} ${command.summary}`),
    '',
    "Run 'superboard-lab <command> --help' for a command's options.",
  ].join('\n');

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`superboard-lab: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  return command.run(rest);
}

process.exitCode = await main(process.argv.slice(2));
