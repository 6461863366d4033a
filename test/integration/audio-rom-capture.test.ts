// A whole ROM captured over the cassette cable, through PulseAudio null sinks: the simulated board (a second
// emulator running our Lab Monitor) is sent our machine-code dumper as a 65V tape, loads it after `L`, and
// sends its 2K monitor ROM back at 300 baud, which the CLI decodes raw, checks and writes. This is the one
// long loopback in the suite (2,048 frames take 75 s of real time).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha1Hex } from '../../src-main/core/machine/sha1.ts';
import { CAPTURE_RANGES, machineCodeDumpTape } from '../../src-main/core/rom-capture/dump-programs.ts';
import { labMonitor } from '../support/emulator.ts';
import { startTestPulse } from '../support/pulse.ts';
import { SimulatedBoard } from '../support/simulated-board.ts';
import { tempDir } from '../support/temp-dir.ts';

const CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');

const pulse = startTestPulse();
if (typeof pulse === 'string') console.warn(`audio-rom-capture tests skipped: ${pulse}`);
afterAll(() => {
  if (typeof pulse !== 'string') pulse.stop();
});

let dir: string;
let remove: () => Promise<void>;
let board: SimulatedBoard | null = null;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(async () => {
  board?.stop();
  board = null;
  await remove();
});

let cli: ChildProcess | null = null;
afterEach(() => {
  cli?.kill();
  cli = null;
});

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    cli = child;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe.skipIf(typeof pulse === 'string')('ROM capture from a board on the cable (simulated)', () => {
  it('captures the whole Lab Monitor ROM with the 65V dumper sent by audio, byte-exact', async () => {
    board = await SimulatedBoard.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    board.machine.type('L');
    board.lineOn();
    const out = path.join(dir, 'monitor.bin');
    const done = runCli([
      'capture-rom',
      out,
      '--range',
      'monitor',
      '--device-in',
      'Board to Lab',
      '--send-program',
      '65v',
      '--device-out',
      'Lab to Board',
    ]);
    // Once the dumper runs, the board plays its whole answer ahead of the clock (as a real board would send
    // it), queued for pacat, so a busy test machine cannot starve its side into gaps; the capture still
    // hears it through the null sink in real time.
    await board.until('started the dumper', () => (board!.machine.cpu.pc & 0xff00) === 0x0300, 60_000);
    // It heard exactly our 65V tape (the dumper rewrites its own operand and count as it runs, so its RAM
    // is no longer the tape's bytes).
    expect(String.fromCharCode(...board.heard)).toBe(machineCodeDumpTape(CAPTURE_RANGES.monitor));
    board.runAhead((2048 * 11) / 300 + 1);
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    const rom = await labMonitor();
    const captured = new Uint8Array(await readFile(out));
    expect(captured.length).toBe(2048);
    expect(sha1Hex(captured)).toBe(sha1Hex(rom));
    expect(result.stderr).toContain(`SHA-1 ${sha1Hex(rom)}`);
    expect(result.stderr).toContain("Lab Monitor (Superboard Lab's own) (SHA-1 matches)");
  }, 180_000);
});
