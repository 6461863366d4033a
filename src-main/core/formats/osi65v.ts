/**
 * The OSI 65V monitor's keystroke format for machine code on tape. The monitor reads it as if typed:
 * `.` enters address mode and hex digits roll into a 16-bit address; `/` enters data mode and hex digits roll
 * into the byte at the current address, which is stored at once; CR advances the address; `G` in address mode
 * runs from the current address. There is no checksum. LF, NUL and spaces are ignored.
 * Typical file: `.0200/A9<CR>41<CR>...<CR>.0200G`.
 */

const CR = '\r';

export interface Block65v {
  address: number;
  bytes: Uint8Array;
}

export interface Build65vOptions {
  /** Append `.ADDRG` so the monitor runs the program after loading: true = the first block's address. */
  run?: boolean | number;
}

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}

/** Builds 65V text: for each block `.ADDR/` then every byte as two hex digits followed by CR. */
export function build65v(blocks: Block65v | readonly Block65v[], options: Build65vOptions = {}): string {
  const list: readonly Block65v[] = Array.isArray(blocks) ? blocks : [blocks as Block65v];
  const parts: string[] = [];
  for (const block of list) {
    if (!Number.isInteger(block.address) || block.address < 0 || block.address > 0xffff) {
      throw new RangeError(`65V block address ${block.address} is outside $0000-$FFFF`);
    }
    if (block.address + block.bytes.length > 0x10000) {
      throw new RangeError(`65V block at $${hex(block.address, 4)} runs past $FFFF`);
    }
    if (block.bytes.length === 0) continue;
    parts.push(`.${hex(block.address, 4)}/`);
    for (const byte of block.bytes) parts.push(hex(byte, 2) + CR);
  }
  if (options.run !== undefined && options.run !== false) {
    const first = list[0];
    const address = options.run === true ? first?.address : options.run;
    if (address === undefined) throw new RangeError('65V auto-run needs an address but there are no blocks');
    if (!Number.isInteger(address) || address < 0 || address > 0xffff) {
      throw new RangeError(`65V run address ${address} is outside $0000-$FFFF`);
    }
    parts.push(`.${hex(address, 4)}G`);
  }
  return parts.join('');
}

export interface MemoryWrite {
  address: number;
  value: number;
}

export interface Parse65vProblem {
  /** Offset of the character in the text. */
  offset: number;
  message: string;
}

export interface Parse65vResult {
  /** Every store the monitor would make, in order (one per hex digit typed in data mode). */
  writes: MemoryWrite[];
  /** The final value at each written address. */
  memory: Map<number, number>;
  /** Where `G` would start the program, if the text contains one. */
  runAddress: number | undefined;
  /** Offset just past the `G`, or the text length: what follows `G` is not read by the monitor. */
  consumed: number;
  /** `L` seen: on the monitor this switches input to the ACIA (harmless when already loading from tape). */
  switchesToAcia: boolean;
  /** Characters the monitor would ignore but that suggest a damaged file. */
  problems: Parse65vProblem[];
}

export interface Parse65vOptions {
  /**
   * What memory holds before loading, because a single digit rolls into the old byte. Defaults to 0, which
   * matches the real monitor whenever each byte is given as two digits.
   */
  readMemory?: (address: number) => number;
}

/** Replays 65V text the way the monitor would and returns the memory writes it causes. */
export function parse65v(text: string, options: Parse65vOptions = {}): Parse65vResult {
  const memory = new Map<number, number>();
  const read = (address: number): number => memory.get(address) ?? options.readMemory?.(address) ?? 0;
  const writes: MemoryWrite[] = [];
  const problems: Parse65vProblem[] = [];
  let mode: 'address' | 'data' = 'address';
  let address = 0;
  let runAddress: number | undefined;
  let switchesToAcia = false;
  let consumed = text.length;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    const upper = ch.toUpperCase();
    const digit = /[0-9A-F]/.test(upper) ? parseInt(upper, 16) : -1;
    if (digit >= 0) {
      if (mode === 'address') {
        address = ((address << 4) | digit) & 0xffff;
      } else {
        const value = ((read(address) << 4) | digit) & 0xff;
        memory.set(address, value);
        writes.push({ address, value });
      }
      continue;
    }
    switch (upper) {
      case '.':
        mode = 'address';
        break;
      case '/':
        mode = 'data';
        break;
      case '\r':
        if (mode === 'data') address = (address + 1) & 0xffff;
        break;
      case 'G':
        if (mode === 'address') {
          runAddress = address;
          consumed = i + 1;
          i = text.length;
        } else {
          problems.push({ offset: i, message: "'G' in data mode is ignored" });
        }
        break;
      case 'L':
        switchesToAcia = true;
        break;
      case '\n':
      case ' ':
      case '\0':
        break;
      default:
        problems.push({
          offset: i,
          message: `unexpected character ${JSON.stringify(ch)} (code ${ch.charCodeAt(0)}), ignored`,
        });
    }
  }
  return { writes, memory, runAddress, consumed, switchesToAcia, problems };
}
