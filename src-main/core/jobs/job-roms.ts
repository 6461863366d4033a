/**
 * Which ROMs a job runs on: the Lab Monitor alone, the Lab Monitor with a BASIC from the worker's ROM folder,
 * or the worker's own monitor and BASIC, each picked by SHA-1 from what the worker found in its folder.
 */
import { loadBasicRom, loadMonitorRom, type RomImage, type RomSet } from '../machine/rom-set.ts';
import type { Job } from './job.ts';

/** The ROM images a worker has, by SHA-1 (found in its own ROM folder). */
export interface RomCatalog {
  /** 2K images, usable as a monitor. */
  readonly monitors: ReadonlyMap<string, RomImage>;
  /** 8K BASIC images (one 8K file, or four 2K parts joined in address order). */
  readonly basics: ReadonlyMap<string, RomImage>;
}

export const EMPTY_CATALOG: RomCatalog = { monitors: new Map(), basics: new Map() };

export type RomChoiceResult = { ok: true; roms: RomSet } | { ok: false; error: string };

const short = (sha1: string): string => sha1.slice(0, 12);

/** Picks the job's ROMs; an error names what is missing on this worker. */
export function chooseJobRoms(job: Job, catalog: RomCatalog, labMonitor: RomImage): RomChoiceResult {
  const rom = job.rom === 'lab' ? { monitor: 'lab', basic: 'none' } : (job.rom ?? {});
  let monitor = labMonitor;
  if (rom.monitor !== undefined && rom.monitor !== 'lab') {
    const found = catalog.monitors.get(rom.monitor);
    if (found === undefined)
      return { ok: false, error: `monitor ROM ${short(rom.monitor)}… is not in this worker's ROM folder` };
    monitor = found;
  }
  const wantBasic = rom.basic ?? (job.basic !== undefined ? 'auto' : 'none');
  let basic: RomImage | undefined;
  if (wantBasic === 'auto') {
    const all = [...catalog.basics.values()];
    if (all.length === 0) return { ok: false, error: "this worker's ROM folder has no BASIC ROM" };
    if (all.length > 1) {
      return {
        ok: false,
        error: `this worker's ROM folder has ${all.length} BASIC ROMs; name one by SHA-1 in rom.basic`,
      };
    }
    basic = all[0];
  } else if (wantBasic !== 'none') {
    basic = catalog.basics.get(wantBasic);
    if (basic === undefined)
      return { ok: false, error: `BASIC ROM ${short(wantBasic)}… is not in this worker's ROM folder` };
  }
  if (job.basic !== undefined && basic === undefined)
    return { ok: false, error: 'a BASIC listing needs a BASIC ROM, and this job asks for none' };
  return { ok: true, roms: { monitor, basic } };
}

/** ROM bytes as a worker found them, in a form that crosses to a thread. */
export interface RomCatalogData {
  readonly monitors: readonly Uint8Array[];
  readonly basics: readonly Uint8Array[];
}

export function buildRomCatalog(data: RomCatalogData): RomCatalog {
  const monitors = new Map<string, RomImage>();
  const basics = new Map<string, RomImage>();
  for (const bytes of data.monitors) {
    const rom = loadMonitorRom(bytes);
    monitors.set(rom.sha1, rom);
  }
  for (const bytes of data.basics) {
    const rom = loadBasicRom(bytes);
    basics.set(rom.sha1, rom);
  }
  return { monitors, basics };
}
