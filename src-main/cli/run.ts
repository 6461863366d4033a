import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Cpu6502 } from '../core/cpu/cpu6502.ts';
import { ByteTapeSource } from '../core/machine/cassette-port.ts';
import { loadBasicRom, loadMonitorRom, RomError } from '../core/machine/rom-set.ts';
import { FRAME_CYCLES, SUPERBOARD_CPU_HZ, Superboard } from '../core/machine/superboard.ts';
import { VISIBLE_WINDOW } from '../core/machine/video-ram.ts';
import { DecodedTapeSource } from '../core/modem/kcs-tape.ts';
import { ServiceError } from '../ipc/dispatch.ts';
import { scanRomDir } from '../services/rom-library.ts';
import { decodeTapeFile, isAudioFile } from '../services/tape-decode.ts';
import { TapeAnalysisError } from '../services/tapes/tape-analysis.ts';
import { cliLabMonitor } from './lab-monitor.ts';

const USAGE = `usage: superboard-lab run [options]
  Runs the emulated Superboard II headless and prints the screen as text at the end.
  --rom-dir DIR       your ROM dumps (2K monitor; BASIC as one 8K or four 2K files); default: the Lab Monitor
  --ram KB            RAM fitted, 1-40 (default 8)
  --type TEXT         type TEXT through the keyboard matrix; \\r or \\n stand for RETURN
  --tape FILE         play a recording (WAV, FLAC, Ogg, MP3: decoded as KCS) or a file of bytes (after
                      1 s of leader) into the cassette port at tape speed
                      (--fast-tape: as fast as the program reads them)
  --cycles N          run at most N cycles (default 5 s of machine time, or 600 s with --until-text)
  --until-text TEXT   stop as soon as the screen shows TEXT (exit 1 if it never does)
  --crop              print only the visible window, not all 32x32
  --seed N            power-on RAM contents from seed N (default 1)
superboard-lab run --machine bare --load FILE@HEXADDR [--load ...] --pc HEXADDR [--until-pc-stuck] [--cycles N]
  A bare 6502 with 64K of RAM and no devices, for CPU test programs; prints the PC and the cycle count.`;

class UsageError extends Error {}

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(4, '0');

function parseHex(text: string, what: string): number {
  if (!/^(\$|0x)?[0-9a-f]{1,4}$/i.test(text))
    throw new UsageError(`${what} must be a hex address, not '${text}'`);
  return Number.parseInt(text.replace(/^(\$|0x)/i, ''), 16);
}

function parseCount(text: string | undefined, what: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new UsageError(`${what} must be a positive whole number`);
  return value;
}

/** `superboard-lab run`: returns the exit code (0 done as asked, 1 stopped early or failed, 2 usage). */
export async function runCommand(argv: string[]): Promise<number> {
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
    return await runBoard(values);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`run: ${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof RomError || error instanceof ServiceError || error instanceof TapeAnalysisError) {
      process.stderr.write(`run: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function readInput(file: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw new ServiceError('not-found', `cannot read ${what} ${file}: ${(error as Error).message}`);
  }
}

async function runBoard(values: Record<string, string | boolean | string[] | undefined>): Promise<number> {
  const ramKb = parseCount(values.ram as string | undefined, '--ram', 8);
  if (ramKb > 40) throw new UsageError('--ram must be 1 to 40 (KB)');
  const untilText = values['until-text'] as string | undefined;
  const maxCycles = parseCount(
    values.cycles as string | undefined,
    '--cycles',
    SUPERBOARD_CPU_HZ * (untilText ? 600 : 5),
  );
  const romDir = values['rom-dir'] as string | undefined;
  const choice = romDir ? await scanRomDir(romDir) : { monitor: null, basic: [] };
  const monitorBytes = choice.monitor?.bytes ?? (await cliLabMonitor());
  const monitor = loadMonitorRom(monitorBytes, choice.monitor?.source ?? 'Lab Monitor');
  const basic =
    choice.basic.length > 0
      ? loadBasicRom(
          choice.basic.map((p) => p.bytes),
          choice.basic.map((p) => p.source),
        )
      : undefined;
  const machine = new Superboard({
    roms: { monitor, basic },
    ramBytes: ramKb * 1024,
    seed: parseCount(values.seed as string | undefined, '--seed', 1),
  });
  process.stderr.write(
    `run: ${choice.monitor ? `${monitor.name} (${choice.monitor.source})` : 'Lab Monitor'}` +
      `${basic ? ` + ${basic.name}` : ''}, ${ramKb}K RAM\n`,
  );
  if (values.type !== undefined) machine.type((values.type as string).replace(/\\r|\\n/g, '\r'));
  if (values.tape !== undefined) {
    const file = values.tape as string;
    const speed = values['fast-tape'] ? 'fast' : 'tape';
    await readInput(file, 'tape');
    if (await isAudioFile(file)) {
      const tape = await decodeTapeFile(file);
      for (const warning of tape.warnings) process.stderr.write(`run: ${file}: ${warning}\n`);
      process.stderr.write(`run: ${file}: ${tape.bytes.length} bytes decoded from the recording\n`);
      machine.cassette.play(new DecodedTapeSource(tape.bytes, tape.sampleRate), { speed });
    } else {
      // Like a deck started after typing L: a second of leader before the first byte.
      const bytes = await readInput(file, 'tape');
      machine.cassette.play(new ByteTapeSource(bytes, { leaderSeconds: 1 }), { speed });
    }
  }
  const window = values.crop ? VISIBLE_WINDOW : undefined;
  const screen = (): string[] => machine.screenText({ window, trimEnd: true });
  let found = untilText === undefined;
  while (machine.cpu.cycles < maxCycles && !machine.cpu.jammed) {
    machine.run(Math.min(FRAME_CYCLES, maxCycles - machine.cpu.cycles));
    if (untilText !== undefined && screen().join('\n').includes(untilText)) {
      found = true;
      break;
    }
  }
  process.stdout.write(`${screen().join('\n')}\n`);
  const seconds = (machine.cpu.cycles / SUPERBOARD_CPU_HZ).toFixed(2);
  if (machine.cpu.jammed) {
    process.stderr.write(`run: the CPU jammed at $${hex(machine.cpu.jammedAt ?? machine.cpu.pc)}\n`);
    return 1;
  }
  if (!found) {
    process.stderr.write(`run: the screen did not show '${untilText}' within ${machine.cpu.cycles} cycles\n`);
    return 1;
  }
  process.stderr.write(`run: ${machine.cpu.cycles} cycles (${seconds} s of machine time)\n`);
  return 0;
}

async function runBare(values: Record<string, string | boolean | string[] | undefined>): Promise<number> {
  const memory = new Uint8Array(0x10000);
  const loads = (values.load as string[] | undefined) ?? [];
  if (loads.length === 0) throw new UsageError('--machine bare needs at least one --load FILE@HEXADDR');
  for (const load of loads) {
    const at = load.lastIndexOf('@');
    if (at <= 0) throw new UsageError(`--load takes FILE@HEXADDR, not '${load}'`);
    const address = parseHex(load.slice(at + 1), '--load address');
    const bytes = await readInput(load.slice(0, at), 'program');
    if (address + bytes.length > 0x10000) {
      throw new ServiceError(
        'bad-request',
        `${load.slice(0, at)} (${bytes.length} bytes) does not fit at $${hex(address)}`,
      );
    }
    memory.set(bytes, address);
  }
  const cpu = new Cpu6502({
    read: (address) => memory[address] ?? 0,
    write: (address, value) => {
      memory[address] = value;
    },
  });
  cpu.reset();
  if (values.pc !== undefined) cpu.pc = parseHex(values.pc as string, '--pc');
  const maxCycles = parseCount(values.cycles as string | undefined, '--cycles', 1_000_000_000);
  const untilStuck = values['until-pc-stuck'] === true;
  let stuck = false;
  while (cpu.cycles < maxCycles && !cpu.jammed) {
    const before = cpu.pc;
    cpu.step();
    if (untilStuck && cpu.pc === before) {
      stuck = true;
      break;
    }
  }
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
