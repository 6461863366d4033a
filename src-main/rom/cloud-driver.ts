import { assemble, formatError } from '../core/cpu/assembler/assembler.ts';
import { build65v } from '../core/formats/osi65v.ts';

export const CLOUD_DRIVER_SOURCE = 'cloud-driver.asm';

export interface CloudDriver {
  /** Where it loads and where its install routine starts. */
  address: number;
  bytes: Uint8Array;
  /** The entry BASIC's USR jump is pointed at. */
  usr: number;
  /** The 65V tape text: the bytes, then `.1C00G` to install it. */
  tape: string;
}

/** Assembles the cloud driver from its source text (src-main/rom/cloud-driver.asm). */
export function assembleCloudDriver(source: string): CloudDriver {
  const result = assemble(source, { fileName: CLOUD_DRIVER_SOURCE });
  if (!result.ok)
    throw new Error(`the cloud driver does not assemble:\n${result.errors.map(formatError).join('\n')}`);
  const usr = result.symbols.get('usr');
  if (usr === undefined || result.segments.length !== 1) throw new Error('the cloud driver has no usr entry');
  return {
    address: result.origin,
    bytes: result.image,
    usr,
    tape: build65v({ address: result.origin, bytes: result.image }, { run: result.origin }),
  };
}
