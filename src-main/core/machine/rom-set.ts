import { sha1Hex } from './sha1.ts';

export type RomKind = 'monitor' | 'basic';

export interface KnownRom {
  readonly name: string;
  readonly kind: RomKind;
  readonly size: number;
  readonly sha1: string;
}

/** Published dumps we recognise by hash. The bytes themselves are never shipped. */
export const KNOWN_ROMS: readonly KnownRom[] = [
  {
    name: 'SYN600 monitor (C1P / Superboard II)',
    kind: 'monitor',
    size: 2048,
    sha1: '4a0241c4015b94c436d0f0f58b3dd9d5207cd847',
  },
  {
    name: 'SYNMON (C2/C4 variant)',
    kind: 'monitor',
    size: 2048,
    sha1: '5426ae14522ef485b6089472011db0ae1d192630',
  },
  {
    name: 'OSI BASIC 1.0 rev 3.2',
    kind: 'basic',
    size: 8192,
    sha1: '8bdf813218e94870f61b4ae350e7b0e18f21a545',
  },
  {
    name: 'OSI BASIC 1.0 rev 3.2 with the garbage-collection fix',
    kind: 'basic',
    size: 8192,
    sha1: '065a33bae3421f2028d2987e57e38502da68a464',
  },
];

export const MONITOR_ROM_SIZE = 0x800;
export const BASIC_ROM_SIZE = 0x2000;
export const BASIC_ROM_PART_SIZE = 0x800;
export const MONITOR_ROM_BASE = 0xf800;
export const BASIC_ROM_BASE = 0xa000;

export interface RomImage {
  readonly kind: RomKind;
  readonly bytes: Uint8Array;
  readonly sha1: string;
  /** The known dump's name, or "unknown monitor" / "unknown BASIC". */
  readonly name: string;
  readonly known: boolean;
}

export interface RomSet {
  readonly monitor: RomImage;
  readonly basic?: RomImage | undefined;
}

export class RomError extends Error {
  override readonly name = 'RomError';
}

export function identifyRom(bytes: Uint8Array): KnownRom | undefined {
  const hash = sha1Hex(bytes);
  return KNOWN_ROMS.find((rom) => rom.sha1 === hash && rom.size === bytes.length);
}

function image(kind: RomKind, bytes: Uint8Array): RomImage {
  const copy = bytes.slice();
  const sha1 = sha1Hex(copy);
  const known = KNOWN_ROMS.find((rom) => rom.sha1 === sha1 && rom.kind === kind);
  return {
    kind,
    bytes: copy,
    sha1,
    name: known?.name ?? (kind === 'monitor' ? 'unknown monitor' : 'unknown BASIC'),
    known: known !== undefined,
  };
}

const label = (what: string, source: string | undefined): string =>
  source === undefined ? what : `${what} (${source})`;

/** A 2K monitor image for $F800-$FFFF. Third-party monitors load too, named "unknown monitor". */
export function loadMonitorRom(bytes: Uint8Array, source?: string): RomImage {
  if (bytes.length !== MONITOR_ROM_SIZE) {
    throw new RomError(
      `${label('Monitor ROM', source)} is ${bytes.length} bytes; expected exactly ${MONITOR_ROM_SIZE} bytes for $F800-$FFFF`,
    );
  }
  return image('monitor', bytes);
}

/**
 * BASIC for $A000-$BFFF, as one 8K image or four 2K chip images in address order
 * ($A000, $A800, $B000, $B800). `sources` names the files for error messages.
 */
export function loadBasicRom(
  parts: Uint8Array | readonly (Uint8Array | undefined)[],
  sources?: readonly string[],
): RomImage {
  if (parts instanceof Uint8Array) {
    if (parts.length !== BASIC_ROM_SIZE) {
      const hint =
        parts.length === BASIC_ROM_PART_SIZE
          ? '; a 2K file is one of four chips: supply all four in address order'
          : '';
      throw new RomError(
        `${label('BASIC ROM', sources?.[0])} is ${parts.length} bytes; expected ${BASIC_ROM_SIZE} bytes ($A000-$BFFF) or four ${BASIC_ROM_PART_SIZE}-byte parts${hint}`,
      );
    }
    return image('basic', parts);
  }
  if (parts.length === 1 && parts[0] !== undefined) return loadBasicRom(parts[0], sources);
  const chipAddresses = ['$A000', '$A800', '$B000', '$B800'];
  if (parts.length !== 4) {
    throw new RomError(
      `BASIC ROM needs one 8K image or four 2K parts (${chipAddresses.join(', ')}); got ${parts.length} parts`,
    );
  }
  const joined = new Uint8Array(BASIC_ROM_SIZE);
  parts.forEach((part, index) => {
    const what = label(
      `BASIC ROM part ${index + 1} of 4 at ${chipAddresses[index] ?? '?'}`,
      sources?.[index],
    );
    if (part === undefined || part.length === 0) throw new RomError(`${what} is missing`);
    if (part.length !== BASIC_ROM_PART_SIZE) {
      throw new RomError(`${what} is ${part.length} bytes; expected ${BASIC_ROM_PART_SIZE}`);
    }
    joined.set(part, index * BASIC_ROM_PART_SIZE);
  });
  return image('basic', joined);
}
