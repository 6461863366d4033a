// What a capture is compared with, in the CLI and the app alike: the known dumps by hash, our own Lab Monitor
// (whose bytes are ours to hold), and whatever ROM images the caller has of the user's own.
import { KNOWN_ROMS, MONITOR_ROM_BASE } from '../../core/machine/rom-set.ts';
import { sliceReference, type ReferenceRom } from '../../core/rom-capture/capture-check.ts';
import type { CaptureRange } from '../../core/rom-capture/dump-programs.ts';

export const LAB_MONITOR_NAME = "Lab Monitor (Superboard Lab's own)";

/** An image of the user's own and where it sits in the address space. */
export interface UserImage {
  name: string;
  bytes: Uint8Array;
  base: number;
}

export function captureReferences(
  range: CaptureRange,
  labMonitor: Uint8Array,
  own: readonly UserImage[],
): ReferenceRom[] {
  const references: ReferenceRom[] = KNOWN_ROMS.map(({ name, sha1, size }) => ({ name, sha1, size }));
  for (const image of [...own, { name: LAB_MONITOR_NAME, bytes: labMonitor, base: MONITOR_ROM_BASE }]) {
    const reference = sliceReference(image.name, image.bytes, image.base, range);
    if (!reference) continue;
    // Bytes already named (a known dump the user installed, the Lab Monitor in use) keep the first name.
    const same = references.findIndex((r) => r.sha1 === reference.sha1 && r.size === reference.size);
    if (same < 0) references.push(reference);
    else references[same] = { ...(references[same] as ReferenceRom), bytes: reference.bytes };
  }
  return references;
}
