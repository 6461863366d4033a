// superboard-lab: the headless command line. Each command lives in its own module and returns an exit code.
// Commands load on demand, so each starts without the others' modules.

/** The Lab Monitor's folder, beside this entry module: src-main/rom in the sources, out/rom when built. */
const ROM_FOLDER = new URL('../rom/', import.meta.url);
/** The library's decode worker, beside this entry module (a command's own module may sit in a chunk). */
const LIBRARY_WORKER = new URL(
  import.meta.url.endsWith('.ts') ? '../services/library/decode-worker.ts' : './library-worker.js',
  import.meta.url,
);
/** The farm's thread script, beside this entry module when built (commands load from chunks/). */
const FARM_THREAD = import.meta.url.endsWith('.ts')
  ? new URL('../services/farm/farm-thread.ts', import.meta.url)
  : new URL('./farm-worker.js', import.meta.url);
/** The sound cards' worker, beside this entry module when built (the sound commands load from chunks/). */
const AUDIO_WORKER = import.meta.url.endsWith('.ts')
  ? new URL('../services/audio/audio-worker.ts', import.meta.url)
  : new URL('./audio-worker.js', import.meta.url);

const COMMANDS: Record<string, { summary: string; run: (argv: string[]) => Promise<number> }> = {
  run: {
    summary: 'run the emulated Superboard (or a bare 6502) headless and print its screen',
    run: async (argv) => (await import('./run.ts')).runCommand(argv, ROM_FOLDER),
  },
  asm: {
    summary: 'assemble 6502 source to a binary, a listing and 65V tape text',
    run: async (argv) => (await import('./asm.ts')).asmCommand(argv),
  },
  decode: {
    summary: 'decode a cassette recording (WAV, FLAC, Ogg, MP3) to bytes or a text listing',
    run: async (argv) => (await import('./decode.ts')).decodeCommand(argv),
  },
  encode: {
    summary: 'write a file, BASIC text or 65V machine code as a tape WAV',
    run: async (argv) => (await import('./encode.ts')).encodeCommand(argv),
  },
  devices: {
    summary: 'list the sound inputs and outputs by name',
    run: async (argv) => (await import('./devices.ts')).devicesCommand(argv, AUDIO_WORKER),
  },
  play: {
    summary: "play a tape to an output device (the board's cassette input)",
    run: async (argv) => (await import('./play.ts')).playCommand(argv, AUDIO_WORKER),
  },
  record: {
    summary: "record an input device (the board's cassette output) to a WAV, decoding live",
    run: async (argv) => (await import('./record.ts')).recordCommand(argv, AUDIO_WORKER),
  },
  modem: {
    summary: 'the cassette cable as a 300-baud terminal or TCP bridge (soft-modem)',
    run: async (argv) => (await import('./modem.ts')).modemCommand(argv, AUDIO_WORKER),
  },
  'capture-rom': {
    summary: "dump a real board's ROM over the cassette cable, checked against the known dumps",
    run: async (argv) => (await import('./capture-rom.ts')).captureRomCommand(argv, ROM_FOLDER, AUDIO_WORKER),
  },
  library: {
    summary: 'the tape library: import, list, search, show and export tapes',
    run: async (argv) => (await import('./library.ts')).libraryCommand(argv, LIBRARY_WORKER),
  },
  farm: {
    summary: 'run jobs on emulated Superboards: here in threads, or on a Redis queue',
    run: async (argv) => (await import('./farm.ts')).farmCommand(argv, ROM_FOLDER, FARM_THREAD, AUDIO_WORKER),
  },
};

const usage = (): string =>
  [
    'usage: superboard-lab <command> [options]',
    '',
    'commands:',
    ...Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(11)} ${command.summary}`),
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
