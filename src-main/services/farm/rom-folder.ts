import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RomCatalogData } from '../../core/jobs/job-roms.ts';
import { BASIC_ROM_SIZE, MONITOR_ROM_SIZE } from '../../core/machine/rom-set.ts';
import { ServiceError } from '../../ipc/dispatch.ts';
import { scanRomDir } from '../rom-library.ts';

/**
 * The ROM images in a worker's own ROM folder, for jobs to pick by SHA-1: every 2K file (a monitor), every
 * 8K file (a BASIC), and BASIC in four 2K parts when the folder holds such a set (named as `--rom-dir` names
 * them). Only plain files directly in the folder are read: no symbolic links, no subfolders.
 */
export async function readRomFolder(dir: string | undefined): Promise<RomCatalogData> {
  if (dir === undefined) return { monitors: [], basics: [] };
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new ServiceError('not-found', `Cannot read the ROM folder ${dir}: ${(error as Error).message}`);
  }
  const monitors: Uint8Array[] = [];
  const basics: Uint8Array[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await lstat(file);
    if (!info.isFile() || (info.size !== MONITOR_ROM_SIZE && info.size !== BASIC_ROM_SIZE)) continue;
    const bytes = new Uint8Array(await readFile(file));
    (bytes.length === MONITOR_ROM_SIZE ? monitors : basics).push(bytes);
  }
  const parts = await scanRomDir(dir).catch(() => null);
  if (parts !== null && parts.basic.length === 4) {
    const joined = new Uint8Array(BASIC_ROM_SIZE);
    parts.basic.forEach((part, i) => joined.set(part.bytes, i * MONITOR_ROM_SIZE));
    basics.push(joined);
  }
  return { monitors, basics };
}
