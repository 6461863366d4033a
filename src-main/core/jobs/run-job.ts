/**
 * Runs one farm job on a fresh emulated Superboard, headless, to its first stop: the cycle limit, the `until`
 * text on a settled screen, a jammed CPU or the wall-clock limit. Loading happens as a person would do it:
 * a BASIC listing is typed LOAD and played into the cassette port, 65V text is typed L and played, a binary
 * is put in RAM as a loader would and started with the monitor's `.ADDRG`. Tapes play at fast speed (each
 * byte as soon as the program has read the last), so nothing is lost and loading takes little machine time.
 */
import { ByteTapeSource } from '../machine/cassette-port.ts';
import type { RomSet } from '../machine/rom-set.ts';
import { FRAME_CYCLES, SUPERBOARD_CPU_HZ, Superboard } from '../machine/superboard.ts';
import { VISIBLE_WINDOW } from '../machine/video-ram.ts';
import { ACIA_BASE, RDRF } from '../machine/acia6850.ts';
import { DEFAULT_JOB_SECONDS, decodeBase64, type Job, type JobResult, type StopReason } from './job.ts';

const PROGRESS_CYCLES = 1_000_000;
/** A screen quiet for a quarter second of machine time has settled, as a person watching it would say. */
export const SETTLED_QUIET_CYCLES = SUPERBOARD_CPU_HZ / 4;

export interface RunJobOptions {
  /** Milliseconds, for the wall-clock limit (performance.now in a worker). */
  readonly now?: () => number;
  /** Cycles run so far and the job's limit, about every million cycles. */
  readonly onProgress?: (cycles: number, limit: number) => void;
}

interface Step {
  readonly text?: string;
  readonly tape?: Uint8Array;
  readonly when?: string | undefined;
  readonly at?: number | undefined;
  /** Wait until a playing tape has ended and its last byte has been read. */
  readonly afterTape?: boolean;
}

class JobError extends Error {}

const hex = (n: number, digits = 4): string => n.toString(16).toUpperCase().padStart(digits, '0');

function latin1(text: string, what: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) throw new JobError(`${what} has a character that is not a byte at position ${i + 1}`);
    bytes[i] = code;
  }
  return bytes;
}

/** The typing and tapes that load the job's program, then the job's own typing. */
function planSteps(job: Job, machine: Superboard): Step[] {
  const steps: Step[] = [];
  // With BASIC fitted, the monitor first shows its C/W/M menu.
  const toMonitor = machine.roms.basic !== undefined ? 'M' : '';
  if (job.basic !== undefined) {
    let listing = job.basic.replace(/\r\n|\n/g, '\r');
    if (!listing.endsWith('\r')) listing += '\r';
    steps.push(
      { text: 'C' },
      { text: '\r', when: 'MEMORY SIZE?' },
      { text: '\r', when: 'TERMINAL WIDTH?' },
      { text: 'LOAD\r', when: 'OK' },
      { tape: latin1(listing, 'the BASIC listing') },
      // SPACE ends LOAD once the last line has been read.
      { text: ' ', afterTape: true },
    );
  } else if (job['65v'] !== undefined) {
    steps.push({ text: `${toMonitor}L` }, { tape: latin1(job['65v'], 'the 65V text') });
  } else if (job.binary !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(job.binary.base64);
    } catch (error) {
      throw new JobError(`binary.base64: ${(error as Error).message}`);
    }
    if (job.binary.address + bytes.length > 0x10000)
      throw new JobError(`the binary (${bytes.length} bytes) does not fit at $${hex(job.binary.address)}`);
    machine.load(job.binary.address, bytes);
    if (job.binary.start !== undefined) steps.push({ text: `${toMonitor}.${hex(job.binary.start)}G` });
  }
  const typing = job.type === undefined ? [] : Array.isArray(job.type) ? job.type : [job.type];
  for (const step of typing) steps.push(typeof step === 'string' ? { text: step } : step);
  return steps;
}

function limitCycles(job: Job): number {
  if (job.cycles === undefined && job.seconds === undefined) return DEFAULT_JOB_SECONDS * SUPERBOARD_CPU_HZ;
  return Math.min(
    job.cycles ?? Infinity,
    job.seconds === undefined ? Infinity : Math.max(1, Math.round(job.seconds * SUPERBOARD_CPU_HZ)),
  );
}

/** Runs `job` on `roms` and returns its result; never throws for anything the job itself asks. */
export function runJob(job: Job, roms: RomSet, options: RunJobOptions = {}): JobResult {
  const now = options.now ?? (() => 0);
  const started = now();
  const wallMs = (job.wallSeconds ?? Infinity) * 1000;
  const limit = limitCycles(job);
  let machine: Superboard;
  let steps: Step[];
  try {
    machine = new Superboard({ roms, ramBytes: (job.ram ?? 8) * 1024, seed: job.seed ?? 1 });
    steps = planSteps(job, machine);
  } catch (error) {
    if (error instanceof JobError || error instanceof RangeError)
      return { id: job.id, ok: false, reason: 'invalid', error: error.message };
    throw error;
  }
  const board = machine;
  let screenCache: string | null = null;
  const screen = (): string => {
    if (board.video.takeDirtyRows() !== 0 || screenCache === null)
      screenCache = board.screenText({ trimEnd: true }).join('\n');
    return screenCache;
  };
  const ready = (step: Step): boolean => {
    if (board.keyboard.typingPending > 0) return false;
    if (step.at !== undefined && board.cpu.cycles < step.at) return false;
    if (step.afterTape && (board.cassette.playing || (board.acia.peek(ACIA_BASE) & RDRF) !== 0)) return false;
    return step.when === undefined || screen().includes(step.when);
  };

  let next = 0;
  let reason: StopReason = 'limit';
  let error: string | undefined;
  let nextProgress = PROGRESS_CYCLES;
  const cpu = board.cpu;
  while (cpu.cycles < limit) {
    while (next < steps.length && ready(steps[next] as Step)) {
      const step = steps[next++] as Step;
      try {
        if (step.tape) board.cassette.play(new ByteTapeSource(step.tape), { speed: 'fast' });
        if (step.text) board.type(step.text);
      } catch (cause) {
        return { id: job.id, ok: false, reason: 'invalid', error: (cause as Error).message };
      }
    }
    board.run(Math.min(FRAME_CYCLES, limit - cpu.cycles));
    if (cpu.jammed) {
      reason = 'jammed';
      break;
    }
    if (job.until !== undefined && screen().includes(job.until)) {
      board.runUntilScreenSettles(Math.min(SUPERBOARD_CPU_HZ, limit - cpu.cycles));
      reason = 'text';
      break;
    }
    // Typed keys do not count here: a program that reads no more keys never lets the last one be taken.
    if (
      job.settled === true &&
      next >= steps.length &&
      !board.cassette.playing &&
      board.screenSettled(SETTLED_QUIET_CYCLES)
    ) {
      reason = 'settled';
      break;
    }
    if (now() - started > wallMs) {
      reason = 'wall-time';
      error = `the job ran past its wall-clock limit of ${job.wallSeconds} s`;
      break;
    }
    if (cpu.cycles >= nextProgress) {
      nextProgress += PROGRESS_CYCLES;
      options.onProgress?.(cpu.cycles, limit);
    }
  }
  if (reason === 'limit' && job.until !== undefined) {
    reason = 'text-not-shown';
    error = `the screen did not show '${job.until}' within ${cpu.cycles} cycles`;
  }
  return {
    id: job.id,
    ok: error === undefined,
    error,
    reason,
    ...collect(job, board),
    roms: `${roms.monitor.name} ${roms.monitor.sha1}${roms.basic ? ` + ${roms.basic.name} ${roms.basic.sha1}` : ''}`,
    wallMs: Math.round(now() - started),
  };
}

function collect(job: Job, machine: Superboard): Partial<JobResult> {
  const returns = job.returns ?? {};
  const mode = returns.screen ?? 'visible';
  const lines =
    mode === 'none'
      ? []
      : machine.screenText({ window: mode === 'visible' ? VISIBLE_WINDOW : undefined, trimEnd: true });
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return {
    screen: mode === 'none' ? undefined : lines.join('\n'),
    cycles: machine.cpu.cycles,
    seconds: Math.round((machine.cpu.cycles / SUPERBOARD_CPU_HZ) * 1e6) / 1e6,
    acia: returns.acia
      ? machine.cassette
          .takeRecorded()
          .map((byte) => String.fromCharCode(byte.value))
          .join('')
      : undefined,
    memory: returns.memory?.map(({ start, length }) => ({
      start,
      hex: [...machine.peekRange(start, Math.min(length, 0x10000 - start))]
        .map((byte) => hex(byte, 2))
        .join(''),
    })),
  };
}
