/**
 * A kill -9 fault harness. It runs an operation in a child process, kills the child with SIGKILL at a random
 * moment, and hands what the child reported to a check that reopens what the child left behind and asserts
 * that nothing committed is lost and nothing is left over. Rounds are seeded, so a failure names the seed,
 * round and delay that reproduce it; `FAULT_ROUNDS=n` runs n rounds instead of the test's own count.
 *
 * The child is any Node script (TypeScript runs as is). It talks through lines on standard output:
 *   `ready`          the operation starts now; the random kill delay counts from here;
 *   `begin <text>`   a step starts: once killed, its result may or may not be found;
 *   `commit <text>`  a step is done: its result must be found after the kill.
 * Anything else it prints is ignored. A child may also finish before the kill; `finished` says so.
 *
 *   await killAtRandomPoints({
 *     rounds: 5,
 *     maxDelayMs: 500,
 *     child: () => ({ script: CHILD, args: ['settings', dir] }),
 *     check: async (run) => expectSettingsOf(run.commits.at(-1), run.begun.at(-1)),
 *   });
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SeededRandom } from '../../src-main/core/machine/random.ts';

export interface ChildSpec {
  /** The script to run with this Node. */
  script: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/** What a killed child reported, and how it went. */
export interface KilledRun {
  round: number;
  /** Milliseconds from `ready` to the kill. */
  delayMs: number;
  /** The texts of the `begin` and `commit` lines, in order. */
  begun: string[];
  commits: string[];
  /** The child ended by itself before the kill came. */
  finished: boolean;
  stderr: string;
}

export interface FaultRounds {
  rounds: number;
  /** The kill comes 0..maxDelayMs after `ready`. */
  maxDelayMs: number;
  seed?: number;
  /** Each round's child (a fresh folder for each round, typically). */
  child: (round: number) => ChildSpec | Promise<ChildSpec>;
  /** Reopens what the killed child left and asserts on it; throw (or fail an expect) to fail the round. */
  check: (run: KilledRun) => void | Promise<void>;
  /** How long a child may take to print `ready` (default 20 s: a loaded CI machine starts Node slowly). */
  readyTimeoutMs?: number;
}

/** Runs `rounds` children, each killed with SIGKILL at a random moment after `ready`, and checks each. */
export async function killAtRandomPoints(options: FaultRounds): Promise<KilledRun[]> {
  const seed = options.seed ?? 0x5eed;
  const random = new SeededRandom(seed);
  const rounds = Number(process.env.FAULT_ROUNDS) || options.rounds;
  const runs: KilledRun[] = [];
  for (let round = 0; round < rounds; round++) {
    const delayMs = Math.floor((random.nextUint32() / 2 ** 32) * options.maxDelayMs);
    const spec = await options.child(round);
    const run = { round, ...(await runUntilKilled(spec, delayMs, options.readyTimeoutMs ?? 20_000)) };
    try {
      await options.check(run);
    } catch (error) {
      const where = `fault round ${round} (seed ${seed}, killed ${delayMs} ms after ready; begun ${JSON.stringify(run.begun.slice(-2))}, committed ${JSON.stringify(run.commits.slice(-2))})`;
      if (error instanceof Error) error.message = `${where}: ${error.message}\n${run.stderr}`;
      throw error;
    }
    runs.push(run);
  }
  return runs;
}

/** Runs one child and kills it with SIGKILL `delayMs` after it prints `ready`. */
export function runUntilKilled(
  spec: ChildSpec,
  delayMs: number,
  readyTimeoutMs = 20_000,
): Promise<Omit<KilledRun, 'round'>> {
  const child = spawn(process.execPath, [spec.script, ...spec.args], {
    env: { ...process.env, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const begun: string[] = [];
  const commits: string[] = [];
  let stderr = '';
  let killed = false;
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    const notReady = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${spec.script} ${spec.args.join(' ')} never printed 'ready':\n${stderr}`));
    }, readyTimeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') {
        clearTimeout(notReady);
        setTimeout(() => {
          killed = child.kill('SIGKILL');
        }, delayMs);
      } else if (line.startsWith('begin ')) begun.push(line.slice(6));
      else if (line.startsWith('commit ')) commits.push(line.slice(7));
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(notReady);
      if (!killed && code !== 0) {
        reject(new Error(`${spec.script} ${spec.args.join(' ')} failed (${signal ?? code}):\n${stderr}`));
        return;
      }
      resolve({ delayMs, begun, commits, finished: !killed || signal !== 'SIGKILL', stderr });
    });
  });
}
