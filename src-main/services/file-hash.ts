// The SHA-1 of a whole file (it names a recording for the library), taken so that it does not disturb the
// app: a big file is hashed in a child process at the lowest priority, so reading and hashing hundreds of
// megabytes after a tape is drawn leaves the host's main thread free and yields the processor to the page's
// zoom steps and scrolling. Small files are hashed in-process, where starting a process would cost more.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { setPriority } from 'node:os';
import path from 'node:path';
import { tapeProcessLaunch, type TapeProcessLaunch } from './tapes/tape-process.ts';

/** Files of at least this many bytes are hashed in a child process. */
export const CHILD_HASH_BYTES = 32 * 1024 * 1024;
/** The lowest scheduling priority (nice 19). */
const LOWEST_PRIORITY = 19;

/**
 * The child's program, run by the host's own binary as Node (`-e`): it streams the file named by its first
 * argument through SHA-1 and writes the hex digest, or one line saying why it could not, to stderr.
 */
const CHILD_SCRIPT = `
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
const hash = createHash('sha1');
createReadStream(process.argv[1], { highWaterMark: 1 << 20 })
  .on('data', (chunk) => hash.update(chunk))
  .on('end', () => process.stdout.write(hash.digest('hex')))
  .on('error', (error) => {
    process.stderr.write(error.code === 'ENOENT' ? 'the file is gone' : String(error.message));
    process.exitCode = 1;
  });
`;

export interface HashOptions {
  /** From this size on, hash in a child process (default CHILD_HASH_BYTES). */
  childFrom?: number;
  launch?: TapeProcessLaunch;
}

/** The SHA-1 of a file as 40 hex digits; a file that is missing or unreadable rejects with one clear line. */
export async function sha1File(filePath: string, options: HashOptions = {}): Promise<string> {
  const name = path.basename(filePath);
  const size = await stat(filePath).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      throw new Error(
        `Cannot take the SHA-1 of ${name}: ${error.code === 'ENOENT' ? 'the file is gone' : error.message}`,
        { cause: error },
      );
    },
  );
  try {
    return size >= (options.childFrom ?? CHILD_HASH_BYTES)
      ? await hashInChild(filePath, options.launch ?? tapeProcessLaunch())
      : await hashHere(filePath);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'the file is gone'
        : error instanceof Error
          ? error.message
          : String(error);
    throw new Error(`Cannot take the SHA-1 of ${name}: ${reason}`, { cause: error });
  }
}

async function hashHere(filePath: string): Promise<string> {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(filePath)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function hashInChild(filePath: string, launch: TapeProcessLaunch): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(launch.execPath, ['-e', CHILD_SCRIPT, filePath], {
      env: launch.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    try {
      if (child.pid !== undefined) setPriority(child.pid, LOWEST_PRIORITY);
    } catch {
      // Not allowed here (some systems refuse): it is then hashed at the normal priority.
    }
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0 && /^[0-9a-f]{40}$/.test(out)) resolve(out);
      else {
        const why = err.trim().split('\n')[0] || `the hashing process ended (${signal ?? `exit ${code}`})`;
        reject(new Error(why));
      }
    });
  });
}
