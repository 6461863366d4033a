// superboard-lab: the headless command line. Each command lives in its own module and returns an exit code.

const COMMANDS: Record<
  string,
  { summary: string; load: () => Promise<(argv: string[]) => Promise<number>> }
> = {
  asm: {
    summary: 'assemble 6502 source to a binary, a listing and 65V tape text',
    load: async () => (await import('./asm.ts')).asmCommand,
  },
  decode: {
    summary: 'decode a cassette recording (WAV, FLAC, Ogg, MP3) to bytes or a text listing',
    load: async () => (await import('./decode.ts')).decodeCommand,
  },
  encode: {
    summary: 'write a file, BASIC text or 65V machine code as a tape WAV',
    load: async () => (await import('./encode.ts')).encodeCommand,
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
  return (await command.load())(rest);
}

process.exitCode = await main(process.argv.slice(2));
