// The sound-card commands on a machine without audify (an optional dependency whose build failed): each says
// in one line that the sound card is unavailable and why, and exits 1. A module hook loaded with --import (the
// audio worker inherits it) makes audify unresolvable, as on such a machine.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.ts';

const CLI = path.resolve(import.meta.dirname, '../../src-main/cli/main.ts');
const WITHOUT_AUDIFY = path.resolve(import.meta.dirname, '../support/without-audify.ts');

let dir: string;
let remove: () => Promise<void>;
beforeEach(async () => ({ dir, remove } = await tempDir()));
afterEach(() => remove());

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', WITHOUT_AUDIFY, CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, XDG_CONFIG_HOME: dir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('the sound-card commands without audify', () => {
  it('each print one line saying the sound card is unavailable and why, and exit 1', async () => {
    const tape = path.join(dir, 'hello.bas');
    await writeFile(tape, '10 PRINT "HELLO"\n');
    const recording = path.join(dir, 'out.wav');
    const commands: [string, string[]][] = [
      ['devices', []],
      ['play', [tape, '--device', 'line out']],
      ['record', [recording, '--device', 'line in', '--seconds', '1']],
      ['modem', ['--device-in', 'line in', '--device-out', 'line out']],
    ];
    const results = await Promise.all(commands.map(([command, args]) => run([command, ...args])));
    for (const [i, [command]] of commands.entries()) {
      const { code, stdout, stderr } = results[i]!;
      expect(code, stderr).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(
        new RegExp(
          `^${command}: the sound card is unavailable: its library \\(audify\\) is not installed; [^\\n]*\\n$`,
        ),
      );
    }
    expect(existsSync(recording)).toBe(false);
  });
});
