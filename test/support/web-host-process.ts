import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hostEnvironment } from '../../scripts/host-env.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const BUILT_WEB_HOST = path.join(REPO, 'out/main/web.js');

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<number | null>;
}

/** Starts the built browser host as `npm run web` does (with `args` after it) and waits for the URL it prints. */
export async function startBuiltWebHost(
  userDataDir: string,
  args: readonly string[] = [],
  env: NodeJS.ProcessEnv = hostEnvironment(),
): Promise<RunningHost> {
  if (!existsSync(BUILT_WEB_HOST)) throw new Error(`${BUILT_WEB_HOST} is missing: run npm run build first.`);
  const child = spawn(process.execPath, [BUILT_WEB_HOST, '--user-data', userDataDir, ...args], {
    cwd: REPO,
    env,
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${output}`)), 20_000);
    child.stdout.on('data', () => {
      const match = /browser host: (http:\/\/127\.0\.0\.1:\d+\/#token=([0-9a-f]+))/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`browser host exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
