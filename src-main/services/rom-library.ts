import { lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as v from 'valibot';
import { KNOWN_ROMS, loadBasicRom, loadMonitorRom, RomError } from '../core/machine/rom-set.ts';
import { sha1Hex } from '../core/machine/sha1.ts';
import { ServiceError } from '../ipc/dispatch.ts';

export interface RomPart {
  bytes: Uint8Array;
  source: string;
}

/** The user's ROM choice: their own monitor (or null for the Lab Monitor) and BASIC (none, one 8K or four 2K). */
export interface RomChoice {
  monitor: RomPart | null;
  basic: RomPart[];
}

const MANIFEST = 'roms.json';
/** How this library names its copies: `<milliseconds>-<index>-<original name>`. */
const OWN_COPY = /^\d+-\d+-./;

const ManifestSchema = v.object({
  monitor: v.nullable(v.pipe(v.string(), v.maxLength(300))),
  basic: v.pipe(v.array(v.pipe(v.string(), v.maxLength(300))), v.maxLength(4)),
});
type Manifest = v.InferOutput<typeof ManifestSchema>;

/** Checks a choice with the machine's own ROM rules, turning their errors into user-facing ones. */
export function checkRoms(choice: RomChoice): void {
  try {
    if (choice.monitor) loadMonitorRom(choice.monitor.bytes, choice.monitor.source);
    if (choice.basic.length > 0) {
      loadBasicRom(
        choice.basic.map((p) => p.bytes),
        choice.basic.map((p) => p.source),
      );
    }
  } catch (error) {
    if (error instanceof RomError) throw new ServiceError('bad-request', error.message);
    throw error;
  }
}

/**
 * The ROM dumps a user chose, copied into the user data folder so the choice persists. A new choice is
 * checked completely before anything on disk changes.
 */
export class RomLibrary {
  readonly dir: string;
  /** Why the stored choice could not be used, when it could not. */
  problem: string | null = null;
  #lastStamp = 0;

  constructor(userDataDir: string) {
    this.dir = path.join(userDataDir, 'roms');
  }

  async load(): Promise<RomChoice> {
    const manifest = await this.#readManifest();
    if (manifest === null) return { monitor: null, basic: [] };
    try {
      const read = async (name: string): Promise<RomPart> => ({
        bytes: new Uint8Array(await readFile(path.join(this.dir, path.basename(name)))),
        source: name.replace(/^\d+-\d+-/, ''),
      });
      const choice: RomChoice = {
        monitor: manifest.monitor ? await read(manifest.monitor) : null,
        basic: await Promise.all(manifest.basic.map(read)),
      };
      checkRoms(choice);
      return choice;
    } catch (error) {
      this.problem = `The saved ROM choice could not be used (${(error as Error).message}); using the Lab Monitor.`;
      return { monitor: null, basic: [] };
    }
  }

  /**
   * Copies the choice in and records it in the manifest; then deletes the previous choice's copies. Only
   * files the previous manifest recorded, named as this library names its copies, and plain files in a real
   * folder (not reached through a symbolic link) are ever deleted: anything else in the folder is the user's.
   */
  async save(choice: RomChoice): Promise<void> {
    checkRoms(choice);
    await mkdir(this.dir, { recursive: true });
    const previous = await this.#readManifest();
    this.#lastStamp = Math.max(Date.now(), this.#lastStamp + 1);
    const written: string[] = [];
    const write = async (part: RomPart, index: number): Promise<string> => {
      const name = `${this.#lastStamp}-${index}-${path.basename(part.source)}`;
      await writeFile(path.join(this.dir, name), part.bytes, { flag: 'wx' });
      written.push(name);
      return name;
    };
    let manifest: Manifest;
    try {
      manifest = {
        monitor: choice.monitor ? await write(choice.monitor, 0) : null,
        basic: await Promise.all(choice.basic.map((part, i) => write(part, i + 1))),
      };
      const temp = path.join(this.dir, `${MANIFEST}.tmp`);
      await writeFile(temp, JSON.stringify(manifest, null, 2));
      await rename(temp, path.join(this.dir, MANIFEST));
    } catch (error) {
      await Promise.all(written.map((name) => rm(path.join(this.dir, name), { force: true })));
      throw new ServiceError(
        'failed',
        `Could not save the ROM choice in ${this.dir}: ${(error as Error).message}`,
      );
    }
    if (previous === null || (await lstat(this.dir)).isSymbolicLink()) return;
    const keep = new Set(manifestFiles(manifest));
    for (const name of manifestFiles(previous)) {
      if (keep.has(name) || name !== path.basename(name) || !OWN_COPY.test(name)) continue;
      const file = path.join(this.dir, name);
      const info = await lstat(file).catch(() => null);
      if (info?.isFile()) await rm(file, { force: true });
    }
  }

  async #readManifest(): Promise<Manifest | null> {
    try {
      const json: unknown = JSON.parse(await readFile(path.join(this.dir, MANIFEST), 'utf8'));
      const parsed = v.safeParse(ManifestSchema, json);
      return parsed.success ? parsed.output : null;
    } catch {
      return null;
    }
  }
}

function manifestFiles(manifest: Manifest): string[] {
  return [...(manifest.monitor === null ? [] : [manifest.monitor]), ...manifest.basic];
}

const MONITOR_NAME = /mon|syn|cegmon|f800/i;
const BASIC_NAME = /bas|a000|a800|b000|b800/i;

/**
 * Finds ROM dumps in a folder (`--rom-dir`): a 2K monitor (known by SHA-1, or by a name like
 * `monitor.bin`/`syn600.rom`) and BASIC as one 8K file or four 2K files whose names sort in address order
 * (`basic1.rom` ... `basic4.rom`). Ambiguity is an error that lists what was found.
 */
export async function scanRomDir(dir: string): Promise<RomChoice> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  } catch (error) {
    throw new ServiceError('not-found', `Cannot read the ROM folder ${dir}: ${(error as Error).message}`);
  }
  const parts: (RomPart & { size: number })[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if (!(await stat(file)).isFile()) continue;
    const bytes = new Uint8Array(await readFile(file));
    if (bytes.length === 2048 || bytes.length === 8192)
      parts.push({ bytes, source: name, size: bytes.length });
  }
  const known = (part: RomPart): string | undefined => {
    const hash = sha1Hex(part.bytes);
    return KNOWN_ROMS.find((rom) => rom.sha1 === hash)?.kind;
  };
  const monitors = parts.filter(
    (p) =>
      p.size === 2048 &&
      (known(p) === 'monitor' || (!known(p) && MONITOR_NAME.test(p.source) && !BASIC_NAME.test(p.source))),
  );
  const basic8k = parts.filter((p) => p.size === 8192);
  const basic2k = parts.filter((p) => p.size === 2048 && !monitors.includes(p) && BASIC_NAME.test(p.source));
  const list = (items: RomPart[]): string => items.map((p) => p.source).join(', ');
  if (monitors.length > 1)
    throw new ServiceError('bad-request', `More than one monitor ROM in ${dir}: ${list(monitors)}.`);
  if (basic8k.length > 1)
    throw new ServiceError('bad-request', `More than one 8K BASIC ROM in ${dir}: ${list(basic8k)}.`);
  if (basic8k.length === 1 && basic2k.length > 0) {
    throw new ServiceError(
      'bad-request',
      `Both an 8K BASIC (${list(basic8k)}) and 2K BASIC parts (${list(basic2k)}) in ${dir}.`,
    );
  }
  if (basic2k.length > 0 && basic2k.length !== 4) {
    throw new ServiceError(
      'bad-request',
      `BASIC as 2K parts needs all four ($A000, $A800, $B000, $B800); ${dir} has ${basic2k.length}: ${list(basic2k)}.`,
    );
  }
  if (monitors.length === 0 && basic8k.length === 0 && basic2k.length === 0) {
    throw new ServiceError('not-found', `No ROM dumps (2K or 8K files) found in ${dir}.`);
  }
  const choice = { monitor: monitors[0] ?? null, basic: basic8k.length === 1 ? basic8k : basic2k };
  checkRoms(choice);
  return choice;
}
