// A private PulseAudio with the null sinks of scripts/test-audio.sh, one per test file (files run in
// parallel and must not hear each other's tapes). Where PulseAudio cannot start, the tests skip and say why.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.resolve(import.meta.dirname, '../../scripts/test-audio.sh');

export interface TestPulse {
  /** The server address, also set as PULSE_SERVER for this process, its workers and children. */
  server: string;
  stop(): void;
}

/** Starts a test PulseAudio; a string says why it cannot. */
export function startTestPulse(): TestPulse | string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sbl-pulse-'));
  try {
    const output = execFileSync('bash', [SCRIPT, 'start', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = /^PULSE_SERVER=(.*)$/m.exec(output)?.[1];
    if (!server) throw new Error(`unexpected output: ${output}`);
    process.env.PULSE_SERVER = server;
    return {
      server,
      stop: () => {
        spawnSync('bash', [SCRIPT, 'stop', dir]);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr ?? String(error);
    return `PulseAudio could not be started for the audio tests (${detail.trim().split('\n').slice(-1)[0] ?? ''})`;
  }
}

/** Runs pactl against the test server. */
export function pactl(...args: string[]): string {
  return execFileSync('pactl', args, { encoding: 'utf8' }).trim();
}
