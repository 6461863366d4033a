import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type RomImage, loadBasicRom, loadMonitorRom } from '../../src-main/core/machine/rom-set.ts';
import { scanRomDir } from '../../src-main/services/rom-library.ts';

export interface UserRoms {
  /** The folder, as `--rom-dir` takes it. */
  readonly dir: string;
  /** SYN600, when the folder holds that dump. */
  readonly syn600: RomImage | undefined;
  /** OSI BASIC 1.0 rev 3.2, when the folder holds a known dump of it. */
  readonly basic: RomImage | undefined;
}

/**
 * The user's own ROM dumps (never in the repository), read as `--rom-dir` reads them, from the folder
 * SUPERBOARD_ROMS names, else ../shared/roms. `reason` says why a ROM is missing, for the skip message.
 */
export async function findUserRoms(): Promise<{ roms: UserRoms | undefined; reason: string }> {
  const named = process.env.SUPERBOARD_ROMS;
  const dir = named ?? resolve(import.meta.dirname, '../../../shared/roms');
  if (!existsSync(dir)) {
    const reason =
      named === undefined
        ? `SUPERBOARD_ROMS is not set and ${dir} does not exist`
        : `SUPERBOARD_ROMS names ${dir}, which does not exist`;
    return { roms: undefined, reason };
  }
  try {
    const choice = await scanRomDir(dir);
    const monitor = choice.monitor ? loadMonitorRom(choice.monitor.bytes, choice.monitor.source) : undefined;
    const basic =
      choice.basic.length > 0
        ? loadBasicRom(
            choice.basic.map((part) => part.bytes),
            choice.basic.map((part) => part.source),
          )
        : undefined;
    const roms: UserRoms = {
      dir,
      syn600: monitor?.name.startsWith('SYN600') === true ? monitor : undefined,
      basic: basic?.known === true ? basic : undefined,
    };
    const missing = [roms.syn600 ? '' : 'a SYN600 dump', roms.basic ? '' : 'a known OSI BASIC rev 3.2 dump']
      .filter(Boolean)
      .join(' and ');
    return { roms, reason: missing === '' ? '' : `${dir} holds no ${missing}` };
  } catch (error) {
    return { roms: undefined, reason: `${dir}: ${(error as Error).message}` };
  }
}
