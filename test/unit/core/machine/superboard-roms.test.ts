import { describe } from 'vitest';
import { Superboard } from '../../../../src-main/core/machine/superboard.ts';
import { basicTests } from '../../../support/basic-tests.ts';
import { findUserRoms } from '../../../support/user-roms.ts';

/** The real SYN600 monitor and OSI BASIC, when the user's own dumps are given (never in the repository). */
const { roms, reason } = await findUserRoms();
const syn600 = roms?.syn600;
const basic = roms?.basic;
if (syn600 === undefined || basic === undefined) console.warn(`SYN600 + BASIC tests skipped: ${reason}`);

describe.skipIf(syn600 === undefined || basic === undefined)(
  `with the real SYN600 monitor and BASIC${reason === '' ? '' : ` (skipped: ${reason})`}`,
  () => basicTests(() => new Superboard({ roms: { monitor: syn600!, basic } }), 'D/C/W/M ?'),
);
