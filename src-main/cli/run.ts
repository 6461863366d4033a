import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Cpu6502, type CpuBus } from '../core/cpu/cpu6502.ts';

const USAGE = `usage: superboard-lab run [options]
  Runs the emulated Superboard II headless and prints the screen as text at the end.
  --machine KIND      superboard (the default) or bare, a bare 6502 for CPU test programs (below)
  --rom-dir DIR       your ROM dumps (2K monitor; BASIC as one 8K or four 2K files); default: the Lab Monitor
  --ram KB            RAM fitted, 1-40 (default 8)
  --type TEXT         type TEXT through the keyboard matrix; \\r or \\n stand for RETURN
  --tape FILE         play a recording (WAV, FLAC, Ogg, MP3: decoded as KCS) or a file of bytes (after
                      1 s of leader) into the cassette port at tape speed; PLAY is pressed once the
                      --type text has all been typed (at power-on without --type)
  --tape-at SECONDS   press PLAY at this machine time instead
  --fast-tape         deliver the tape as fast as the program reads it, not at 300 baud
  --cycles N          run at most N cycles (default 5 s of machine time, or 600 s with --until-text)
  --until-text TEXT   stop once the screen shows TEXT and has settled (never in mid-scroll); exit 1 if
                      it never does
  --crop              print only the visible window, not all 32x32
  --seed N            power-on RAM contents from seed N (default 1)
  -h, --help          show this help
superboard-lab run --machine bare --load FILE@HEXADDR [--load ...] --pc HEXADDR [--until-pc-stuck] [--cycles N]
  A bare 6502 with 64K of RAM and no devices, for CPU test programs; prints the PC and the cycle count.
  --load FILE@HEXADDR load FILE's bytes at HEXADDR (repeat for several files)
  --pc HEXADDR        start there (default: the reset vector at $FFFC)
  --until-pc-stuck    stop when an instruction jumps or branches to itself (exit 1 if none does)
  --cycles N          run at most N cycles (default 1,000,000,000)`;

export class UsageError extends Error {}

/** A failure to report in one line (exit 1): the file or ROM is at fault, not the command line. */
export class RunError extends Error {}

/** Errors of the services the board path uses, reported like RunError (matched by name: loaded lazily). */
const REPORTED = new Set(['RomError', 'ServiceError', 'TapeAnalysisError']);

export type RunValues = Record<string, string | boolean | string[] | undefined>;

export const hex = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

function parseHex(text: string, what: string): number {
  if (!/^(\$|0x)?[0-9a-f]{1,4}$/i.test(text))
    throw new UsageError(`${what} must be a hex address, not '${text}'`);
  return Number.parseInt(text.replace(/^(\$|0x)/i, ''), 16);
}

export function parseCount(text: string | undefined, what: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new UsageError(`${what} must be a positive whole number`);
  return value;
}

export function parseSeconds(text: string, what: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0)
    throw new UsageError(`${what} must be a number of seconds, 0 or more`);
  return value;
}

/**
 * `superboard-lab run`: returns the exit code (0 done as asked, 1 stopped early or failed, 2 usage).
 * `romFolder` holds the Lab Monitor (its built image, else its sources).
 */
export async function runCommand(argv: string[], romFolder: URL): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        machine: { type: 'string', default: 'superboard' },
        'rom-dir': { type: 'string' },
        ram: { type: 'string' },
        type: { type: 'string' },
        tape: { type: 'string' },
        'fast-tape': { type: 'boolean', default: false },
        'tape-at': { type: 'string' },
        cycles: { type: 'string' },
        'until-text': { type: 'string' },
        crop: { type: 'boolean', default: false },
        seed: { type: 'string' },
        load: { type: 'string', multiple: true },
        pc: { type: 'string' },
        'until-pc-stuck': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.machine === 'bare') return await runBare(values);
    if (values.machine !== 'superboard') throw new UsageError(`--machine must be superboard or bare`);
    // The board's modules (ROMs, tapes, decoder) load only when asked for, so the bare machine starts fast.
    const { runBoard } = await import('./run-board.ts');
    return await runBoard(values, romFolder);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`run: ${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof RunError || (error instanceof Error && REPORTED.has(error.name))) {
      process.stderr.write(`run: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

export async function readInput(file: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw new RunError(`cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

/** 64K of RAM and nothing else: one typed-array access per bus cycle. */
class FlatRam implements CpuBus {
  readonly memory: Uint8Array;

  constructor(memory: Uint8Array) {
    this.memory = memory;
  }

  read(address: number): number {
    return this.memory[address] as number;
  }

  write(address: number, value: number): void {
    this.memory[address] = value;
  }
}

async function runBare(values: RunValues): Promise<number> {
  const memory = new Uint8Array(0x10000);
  const loads = (values.load as string[] | undefined) ?? [];
  if (loads.length === 0) throw new UsageError('--machine bare needs at least one --load FILE@HEXADDR');
  for (const load of loads) {
    const at = load.lastIndexOf('@');
    if (at <= 0) throw new UsageError(`--load takes FILE@HEXADDR, not '${load}'`);
    const address = parseHex(load.slice(at + 1), '--load address');
    const bytes = await readInput(load.slice(0, at), 'program');
    if (address + bytes.length > 0x10000) {
      throw new RunError(`${load.slice(0, at)} (${bytes.length} bytes) does not fit at $${hex(address)}`);
    }
    memory.set(bytes, address);
  }
  const cpu = new Cpu6502(new FlatRam(memory));
  cpu.reset();
  if (values.pc !== undefined) cpu.pc = parseHex(values.pc as string, '--pc');
  const maxCycles = parseCount(values.cycles as string | undefined, '--cycles', 1_000_000_000);
  const untilStuck = values['until-pc-stuck'] === true;
  // The stuck-PC check lives in the CPU's own loop: one compare per instruction, no call per step.
  const stuck = untilStuck ? cpu.runUntilStuck(maxCycles) : (cpu.run(maxCycles), false);
  process.stdout.write(`PC $${hex(cpu.pc)} after ${cpu.cycles} cycles\n`);
  if (cpu.jammed) {
    process.stderr.write(`run: the CPU jammed at $${hex(cpu.jammedAt ?? cpu.pc)}\n`);
    return 1;
  }
  if (untilStuck && !stuck) {
    process.stderr.write(`run: the PC never got stuck within ${maxCycles} cycles\n`);
    return 1;
  }
  return 0;
}
