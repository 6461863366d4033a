import { ByteTapeSource } from '../core/machine/cassette-port.ts';
import { loadBasicRom, loadMonitorRom } from '../core/machine/rom-set.ts';
import { FRAME_CYCLES, SUPERBOARD_CPU_HZ, Superboard } from '../core/machine/superboard.ts';
import { VISIBLE_WINDOW } from '../core/machine/video-ram.ts';
import { DecodedTapeSource } from '../core/modem/kcs-tape.ts';
import { labMonitorLoader } from '../services/lab-monitor-rom.ts';
import { scanRomDir } from '../services/rom-library.ts';
import { decodeTapeFile, isAudioFile } from '../services/tape-decode.ts';
import { hex, parseCount, parseSeconds, readInput, type RunValues, UsageError } from './run.ts';

/** `superboard-lab run` on the emulated Superboard: boots, types, plays a tape, prints the screen. */
export async function runBoard(values: RunValues, romFolder: URL): Promise<number> {
  const ramKb = parseCount(values.ram as string | undefined, '--ram', 8);
  if (ramKb > 40) throw new UsageError('--ram must be 1 to 40 (KB)');
  const untilText = values['until-text'] as string | undefined;
  const maxCycles = parseCount(
    values.cycles as string | undefined,
    '--cycles',
    SUPERBOARD_CPU_HZ * (untilText ? 600 : 5),
  );
  const tapeAt =
    values['tape-at'] === undefined
      ? undefined
      : Math.round(parseSeconds(values['tape-at'] as string, '--tape-at') * SUPERBOARD_CPU_HZ);
  const romDir = values['rom-dir'] as string | undefined;
  const choice = romDir ? await scanRomDir(romDir) : { monitor: null, basic: [] };
  const monitorBytes =
    choice.monitor?.bytes ?? (await labMonitorLoader(new URL('lab-monitor.bin', romFolder), romFolder)());
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
  let startTape: (() => void) | undefined;
  if (values.tape !== undefined) {
    const file = values.tape as string;
    const speed = values['fast-tape'] ? 'fast' : 'tape';
    await readInput(file, 'tape');
    if (await isAudioFile(file)) {
      const tape = await decodeTapeFile(file);
      for (const warning of tape.warnings) process.stderr.write(`run: ${file}: ${warning}\n`);
      process.stderr.write(`run: ${file}: ${tape.bytes.length} bytes decoded from the recording\n`);
      startTape = () => machine.cassette.play(new DecodedTapeSource(tape.bytes, tape.sampleRate), { speed });
    } else {
      // Like a deck started after typing L: a second of leader before the first byte.
      const bytes = await readInput(file, 'tape');
      startTape = () => machine.cassette.play(new ByteTapeSource(bytes, { leaderSeconds: 1 }), { speed });
    }
  } else if (tapeAt !== undefined) throw new UsageError('--tape-at needs --tape');
  // PLAY is pressed at --tape-at, or, as a person would, once the typed input has been taken.
  const tapeDue = (): boolean =>
    tapeAt !== undefined ? machine.cpu.cycles >= tapeAt : machine.keyboard.typingPending === 0;
  const window = values.crop ? VISIBLE_WINDOW : undefined;
  const screen = (): string[] => machine.screenText({ window, trimEnd: true });
  const shows = (): boolean => untilText !== undefined && screen().join('\n').includes(untilText);
  let found = untilText === undefined;
  while (machine.cpu.cycles < maxCycles && !machine.cpu.jammed) {
    if (startTape !== undefined && tapeDue()) {
      startTape();
      startTape = undefined;
    }
    const untilTape =
      startTape !== undefined && tapeAt !== undefined ? tapeAt - machine.cpu.cycles : Infinity;
    machine.run(Math.max(1, Math.min(FRAME_CYCLES, maxCycles - machine.cpu.cycles, untilTape)));
    // Stop only on a settled screen, never in the middle of a scroll copy; output that never pauses
    // for a quarter of a frame is taken as it is after a second.
    if (shows()) {
      machine.runUntilScreenSettles(Math.min(SUPERBOARD_CPU_HZ, maxCycles - machine.cpu.cycles));
      if (shows()) {
        found = true;
        break;
      }
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
