// Machine code as 65V monitor keystrokes: '.' starts address entry, '/' switches to data entry where each
// byte's hex digits are stored at once and CR advances the address, and '.ADDRG' runs from ADDR.
// The monitor ignores LF and spaces and there is no checksum.

export interface Osi65vTextOptions {
  /** Append `.ADDRG` so the program starts when loading finishes. */
  autoRun?: boolean;
  /** Run address for autoRun (default: the load address). */
  runAddress?: number;
}

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}

export function osi65vText(binary: Uint8Array, loadAddress: number, options: Osi65vTextOptions = {}): string {
  if (!Number.isInteger(loadAddress) || loadAddress < 0 || loadAddress > 0xffff) {
    throw new RangeError(`65V text: load address ${loadAddress} is not in $0000-$FFFF`);
  }
  if (loadAddress + binary.length > 0x10000) {
    throw new RangeError(
      `65V text: ${binary.length} bytes at $${hex(loadAddress, 4)} run past $FFFF ` +
        `(end $${(loadAddress + binary.length - 1).toString(16).toUpperCase()})`,
    );
  }
  const runAddress = options.runAddress ?? loadAddress;
  if (!Number.isInteger(runAddress) || runAddress < 0 || runAddress > 0xffff) {
    throw new RangeError(`65V text: run address ${runAddress} is not in $0000-$FFFF`);
  }
  const parts = [`.${hex(loadAddress, 4)}/`];
  for (const byte of binary) parts.push(`${hex(byte, 2)}\r`);
  if (options.autoRun) parts.push(`.${hex(runAddress, 4)}G`);
  return parts.join('');
}

export function osi65vBytes(
  binary: Uint8Array,
  loadAddress: number,
  options: Osi65vTextOptions = {},
): Uint8Array {
  const text = osi65vText(binary, loadAddress, options);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
