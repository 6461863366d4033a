import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'vitest';
import { loadMonitorRom } from '../../../src-main/core/machine/rom-set.ts';
import { Superboard } from '../../../src-main/core/machine/superboard.ts';
import { assembleLabMonitor } from '../../../src-main/rom/lab-monitor.ts';
import { basicTests } from '../../support/basic-tests.ts';
import { findUserRoms } from '../../support/user-roms.ts';

/** The Lab Monitor with the user's own OSI BASIC dump, when one is given (never in the repository). */
const found = await findUserRoms();
const basic = found.roms?.basic;
const reason = basic
  ? ''
  : found.roms
    ? `${found.roms.dir} holds no known OSI BASIC rev 3.2 dump`
    : found.reason;
if (basic === undefined) console.warn(`Lab Monitor + BASIC tests skipped: ${reason}`);

const ROM_DIR = join(import.meta.dirname, '../../../src-main/rom');
const monitor = assembleLabMonitor((path) => readFileSync(join(ROM_DIR, path), 'utf8')).rom;

describe.skipIf(basic === undefined)(
  `Lab Monitor with the real OSI BASIC${reason === '' ? '' : ` (skipped: ${reason})`}`,
  () =>
    basicTests(
      () => new Superboard({ roms: { monitor: loadMonitorRom(monitor, 'lab-monitor'), basic } }),
      'C/W/M ?',
    ),
);
