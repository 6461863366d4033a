/**
 * The Superboard II's address space as the machine maps it (see Superboard's constructor and
 * superboard-facts.md): the regions a user sees in the Memory area, each with the chip or ROM there.
 */

export type RegionKind = 'ram' | 'basic' | 'video' | 'keyboard' | 'acia' | 'monitor' | 'unmapped';

export interface Region {
  readonly start: number;
  readonly end: number;
  readonly kind: RegionKind;
  readonly name: string;
}

export interface MapConfig {
  readonly ramKb: number;
  /** The ROMs' names as the machine identified them (e.g. "SYN600 monitor", "Lab Monitor"). */
  readonly monitor: string;
  readonly basic: string | null;
}

export function memoryRegions(config: MapConfig): Region[] {
  const ramEnd = config.ramKb * 1024 - 1;
  const regions: Region[] = [{ start: 0, end: ramEnd, kind: 'ram', name: `RAM, ${config.ramKb}K` }];
  const add = (start: number, end: number, kind: RegionKind, name: string): void => {
    const last = regions[regions.length - 1] as Region;
    if (start > last.end + 1) {
      regions.push({ start: last.end + 1, end: start - 1, kind: 'unmapped', name: 'unmapped (reads float)' });
    }
    regions.push({ start, end, kind, name });
  };
  if (config.basic !== null) add(0xa000, 0xbfff, 'basic', `BASIC ROM: ${config.basic}`);
  add(0xd000, 0xd3ff, 'video', 'video RAM, 32×32 characters');
  add(0xdf00, 0xdfff, 'keyboard', 'keyboard: write row latch, read columns (mirrored)');
  add(0xf000, 0xf0ff, 'acia', 'MC6850 ACIA: status/control $F000, data $F001 (mirrored)');
  add(0xf800, 0xffff, 'monitor', `monitor ROM: ${config.monitor}`);
  return regions;
}

export function regionAt(regions: readonly Region[], address: number): Region | undefined {
  return regions.find((r) => address >= r.start && address <= r.end);
}
