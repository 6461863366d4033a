import { readdir, readFile, rename, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
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

  constructor(userDataDir: string) {
    this.dir = path.join(userDataDir, 'roms');
  }

  async load(): Promise<RomChoice> {
    let manifest: { monitor: string | null; basic: string[] };
    try {
      manifest = JSON.parse(await readFile(path.join(this.dir, MANIFEST), 'utf8'));
    } catch {
      return { monitor: null, basic: [] };
    }
    try {
      const read = async (name: string): Promise<RomPart> => ({
        bytes: new Uint8Array(await readFile(path.join(this.dir, path.basename(name)))),
        source: name.replace(/^\d+-\d+-/, ''),
      });
      const choice: RomChoice = {
        monitor: manifest.monitor ? await read(manifest.monitor) : null,
        basic: await Promise.all((manifest.basic ?? []).map(read)),
      };
      checkRoms(choice);
      return choice;
    } catch (error) {
      this.problem = `The saved ROM choice could not be used (${(error as Error).message}); using the Lab Monitor.`;
      return { monitor: null, basic: [] };
    }
  }

  async save(choice: RomChoice): Promise<void> {
    checkRoms(choice);
    await mkdir(this.dir, { recursive: true });
    const stamp = Date.now();
    const write = async (part: RomPart, index: number): Promise<string> => {
      const name = `${stamp}-${index}-${path.basename(part.source)}`;
      await writeFile(path.join(this.dir, name), part.bytes);
      return name;
    };
    const manifest = {
      monitor: choice.monitor ? await write(choice.monitor, 0) : null,
      basic: await Promise.all(choice.basic.map((part, i) => write(part, i + 1))),
    };
    const previous = await readdir(this.dir);
    const temp = path.join(this.dir, `${MANIFEST}.tmp`);
    await writeFile(temp, JSON.stringify(manifest, null, 2));
    await rename(temp, path.join(this.dir, MANIFEST));
    const keep = new Set([MANIFEST, manifest.monitor, ...manifest.basic]);
    await Promise.all(
      previous.filter((f) => !keep.has(f)).map((f) => rm(path.join(this.dir, f), { force: true })),
    );
  }
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
