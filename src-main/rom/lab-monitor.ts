import { assemble, formatError, formatListing } from '../core/cpu/assembler/assembler.ts';
import type { AssemblyResult, SourceReader } from '../core/cpu/assembler/assembler.ts';

export const LAB_MONITOR_BASE = 0xf800;
export const LAB_MONITOR_SIZE = 0x800;
/** The main source file; its includes are named relative to it. */
export const LAB_MONITOR_SOURCE = 'lab-monitor.asm';
/** Every source file the build reads, for bundlers that must embed them. */
export const LAB_MONITOR_FILES: readonly string[] = [
  LAB_MONITOR_SOURCE,
  'screen.asm',
  'keyboard.asm',
  'serial.asm',
  'monitor.asm',
];

export interface LabMonitorBuild {
  /** The 2,048 bytes for $F800-$FFFF. */
  rom: Uint8Array;
  symbols: Map<string, number>;
  listing: string;
  assembly: AssemblyResult;
}

export class LabMonitorBuildError extends Error {
  override readonly name = 'LabMonitorBuildError';
}

/**
 * Assembles the Lab Monitor from its sources. `readFile` gets names relative to the ROM source folder
 * (`lab-monitor.asm`, `screen.asm`, ...). Throws LabMonitorBuildError listing every assembly error, or when
 * the result does not fill exactly $F800-$FFFF.
 */
export function assembleLabMonitor(readFile: SourceReader): LabMonitorBuild {
  const source = readFile(LAB_MONITOR_SOURCE);
  if (source === undefined) throw new LabMonitorBuildError(`cannot read ${LAB_MONITOR_SOURCE}`);
  const assembly = assemble(source, { fileName: LAB_MONITOR_SOURCE, readFile, gapFill: 0xff });
  if (!assembly.ok) {
    throw new LabMonitorBuildError(
      `the Lab Monitor does not assemble:\n${assembly.errors.map(formatError).join('\n')}`,
    );
  }
  if (assembly.origin !== LAB_MONITOR_BASE || assembly.image.length !== LAB_MONITOR_SIZE) {
    const end = assembly.origin + assembly.image.length - 1;
    throw new LabMonitorBuildError(
      `the Lab Monitor must fill $F800-$FFFF but covers $${hex(assembly.origin)}-$${hex(end)}`,
    );
  }
  return {
    rom: assembly.image,
    symbols: assembly.symbols,
    listing: formatListing(assembly.listing),
    assembly,
  };
}

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}
