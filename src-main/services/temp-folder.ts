import { randomBytes, randomUUID } from 'node:crypto';
import { lstat, mkdir, readdir, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';

/** A session folder: `session-<pid>-<8 hex digits>`. */
const SESSION = /^session-(\d+)-[0-9a-f]{8}$/;
/** A file made by `file()`: `<kind>-<uuid>` and, optionally, `-<name>`. */
const OWN_FILE = /^[a-z]+-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(-|$)/;
/** A random UUID as `randomUUID()` writes it (version 4, lower case). */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
/**
 * Where versions before the temp folder left their temporary files, named as they named them: uploads as
 * `uploads/<uuid>-<name>`, exports waiting for download as `exports/<uuid>-<name>`, and settings being
 * written as `settings.json.<pid>.tmp` beside the settings.
 */
const EARLIER_VERSIONS: readonly { dir: string; file: RegExp }[] = [
  { dir: 'uploads', file: new RegExp(`^${UUID}-[\\w.\\- ()]{1,120}$`) },
  { dir: 'exports', file: new RegExp(`^${UUID}-.`) },
];
const EARLIER_SETTINGS_TEMP = /^settings\.json\.(\d+)\.tmp$/;
/** The session folders this process has open (a test may run several apps in one process). */
const openSessions = new Set<string>();

/**
 * The app's own folder for temporary files, `<userData>/temp`. Each running app makes every temporary file
 * (uploads, exports waiting for download, tape spills, settings being written) in a session folder of its
 * own there, `session-<pid>-<random>`, through `file()`, which records the name. `remove()` deletes only
 * recorded files and `close()` all of the session's. Whatever a killed app left behind is deleted by the
 * next `open()`: in the session folders of processes that no longer run, the files named as `file()` names
 * them, and then the folder if that left it empty; likewise what versions before this folder left. Nothing
 * else outside `temp`, no symbolic link's target and no file of another name is ever deleted; two apps running
 * at once on one user data folder keep their own.
 */
export class TempFolder {
  readonly root: string;
  #dir: string | null = null;
  readonly #own = new Set<string>();

  constructor(userDataDir: string) {
    this.root = path.join(userDataDir, 'temp');
  }

  /** This session's folder; `open()` makes it. */
  get dir(): string {
    if (this.#dir === null) throw new Error('The temporary folder is not open.');
    return this.#dir;
  }

  /** Deletes what killed sessions left and makes this session's folder. Returns how many files it deleted. */
  async open(): Promise<number> {
    await mkdir(this.root, { recursive: true });
    if (!(await lstat(this.root)).isDirectory()) {
      throw new Error(
        `${this.root} is not a folder (it is a symbolic link or a file); Superboard Lab keeps its temporary files there. Move it away and start again.`,
      );
    }
    const swept = (await this.#sweep()) + (await this.#sweepEarlierVersions());
    const dir = path.join(this.root, `session-${process.pid}-${randomBytes(4).toString('hex')}`);
    await mkdir(dir);
    openSessions.add(dir);
    this.#dir = dir;
    return swept;
  }

  /** A new path in this session's folder, recorded as the app's own; `name` (a plain file name) ends it. */
  file(kind: string, name = ''): string {
    const file = path.join(this.dir, `${kind}-${randomUUID()}${name === '' ? '' : `-${name}`}`);
    this.#own.add(file);
    return file;
  }

  /** Deletes a file `file()` made (if it exists); any other path is left alone. */
  async remove(file: string): Promise<void> {
    if (!this.#own.delete(file)) return;
    await rm(file, { force: true });
  }

  /** Deletes every file of this session and its folder. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#own].map((file) => this.remove(file)));
    if (this.#dir !== null) {
      openSessions.delete(this.#dir);
      await rmdir(this.#dir).catch(() => {});
    }
    this.#dir = null;
  }

  /**
   * Deletes what versions before this folder left in the user data folder, the files named as they named
   * them only; an `uploads` or `exports` folder goes too when that leaves it empty.
   */
  async #sweepEarlierVersions(): Promise<number> {
    const userDataDir = path.dirname(this.root);
    const settings = await filesIn(userDataDir, (name) => {
      const match = EARLIER_SETTINGS_TEMP.exec(name);
      return match !== null && !isRunning(Number(match[1]));
    });
    for (const file of settings) await rm(file, { force: true });
    let swept = settings.length;
    for (const { dir, file } of EARLIER_VERSIONS) {
      const folder = path.join(userDataDir, dir);
      const leftovers = await filesIn(folder, (name) => file.test(name));
      if (leftovers.length === 0) continue;
      for (const leftover of leftovers) await rm(leftover, { force: true });
      await rmdir(folder).catch(() => {});
      swept += leftovers.length;
    }
    return swept;
  }

  async #sweep(): Promise<number> {
    let swept = 0;
    for (const session of await readdir(this.root, { withFileTypes: true })) {
      const match = SESSION.exec(session.name);
      const dir = path.join(this.root, session.name);
      if (!match || !session.isDirectory() || openSessions.has(dir) || isRunning(Number(match[1]))) continue;
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (!entry.isFile() || !OWN_FILE.test(entry.name)) continue;
        await rm(path.join(dir, entry.name), { force: true });
        swept++;
      }
      await rmdir(dir).catch(() => {});
    }
    return swept;
  }
}

/** Every regular file (never a link or a folder) in `dir` whose name `keep` accepts; none if `dir` is not a folder. */
async function filesIn(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  const info = await lstat(dir).catch(() => null);
  if (!info?.isDirectory()) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && keep(entry.name))
    .map((entry) => path.join(dir, entry.name));
}

/**
 * Whether a process with this id runs now. This process's own id counts as gone (its open sessions are
 * known): after a restart, a new process may get the id of the one that left the files.
 */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
