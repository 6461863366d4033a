/**
 * The library's view of a take's decode: the recordings found on it (blocks), what each holds (a BASIC
 * listing, a 65V monitor program, other bytes) and a one-line preview, like CiderPress's cassette import
 * table. Pure: the decode comes in as parallel arrays, one entry per decoded byte.
 * OSI facts: BASIC on tape is plain ASCII from LIST, CR ending each line with NULs after it; machine code goes as
 * 65V monitor keystrokes (`.ADDR/` then hex bytes each ended by CR, `.ADDRG` to run); see osi65v.ts.
 */

export type BlockKind = 'basic' | '65v' | 'bytes';

/** A decode, one entry per byte in tape order; the sample arrays are absent for text and raw imports. */
export interface TakeDecode {
  bytes: Uint8Array;
  /** Per byte: the decoder's confidence 0..255 (0 = framing error). */
  confidence: Uint8Array;
  starts?: ArrayLike<number>;
  ends?: ArrayLike<number>;
}

export interface Block {
  index: number;
  kind: BlockKind;
  /** The block's first byte in the take's decode, and its byte count. */
  offset: number;
  length: number;
  /** Bytes with a framing error or a weak bit. */
  errors: number;
  /** Sample span on the recording (0, 0 for a take that is not audio). */
  startSample: number;
  endSample: number;
  /** Where the first error byte starts (a sample, or the byte offset when not audio), or null. */
  firstError: number | null;
  preview: string;
}

/** Below this a byte counts as an error (the tape analysis's low-confidence mark, 0.4, on 0..255). */
export const ERROR_CONFIDENCE = 102;

/**
 * Splits a decode where the tape is quiet for at least `gapSamples` between two bytes (a pause between two
 * SAVEs). A decode without sample positions is one block.
 */
export function splitBlocks(decode: TakeDecode, gapSamples: number): Block[] {
  const { bytes, confidence, starts, ends } = decode;
  const blocks: Block[] = [];
  let from = 0;
  for (let i = 1; i <= bytes.length; i++) {
    const split =
      i === bytes.length ||
      (starts !== undefined && ends !== undefined && (starts[i] ?? 0) - (ends[i - 1] ?? 0) >= gapSamples);
    if (!split) continue;
    const slice = bytes.subarray(from, i);
    let errors = 0;
    let firstError: number | null = null;
    for (let j = from; j < i; j++) {
      if ((confidence[j] ?? 0) >= ERROR_CONFIDENCE) continue;
      errors++;
      firstError ??= starts ? (starts[j] ?? 0) : j;
    }
    const kind = detectKind(slice);
    blocks.push({
      index: blocks.length,
      kind,
      offset: from,
      length: i - from,
      errors,
      startSample: starts ? (starts[from] ?? 0) : 0,
      endSample: ends ? (ends[i - 1] ?? 0) : 0,
      firstError,
      preview: preview(slice, kind),
    });
    from = i;
  }
  return blocks;
}

const isHex = (c: number): boolean =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

/** Guesses what a block holds from its bytes (bit 7 ignored, as the Superboard does). */
export function detectKind(bytes: Uint8Array): BlockKind {
  let printable = 0;
  let content = 0;
  let lines = 0;
  let numbered = 0;
  let atLineStart = true;
  let monitorMarks = 0;
  let hexish = 0;
  for (let i = 0; i < bytes.length; i++) {
    const c = (bytes[i] ?? 0) & 0x7f;
    if (c === 0 || c === 0x0a) continue;
    content++;
    if (c === 0x0d) {
      printable++;
      lines++;
      atLineStart = true;
      continue;
    }
    if (c >= 0x20 && c < 0x7f) printable++;
    if (c === 0x2e || c === 0x2f) monitorMarks++;
    if (isHex(c) || c === 0x2e || c === 0x2f || c === 0x47) hexish++;
    if (atLineStart && c !== 0x20) {
      if (c >= 0x30 && c <= 0x39) numbered++;
      atLineStart = false;
    }
  }
  if (content === 0 || printable < content * 0.9) return 'bytes';
  if (monitorMarks > 0 && hexish >= content - lines - 2 && hexish > 0) return '65v';
  if (lines > 0 && numbered >= lines * 0.6) return 'basic';
  return 'bytes';
}

const hex = (value: number, digits: number): string => value.toString(16).toUpperCase().padStart(digits, '0');

/** One line to recognise a block by: the first listing line, the 65V load range, or the first bytes in hex. */
export function preview(bytes: Uint8Array, kind: BlockKind, width = 60): string {
  if (kind === 'basic') {
    let line = '';
    for (const raw of bytes) {
      const c = raw & 0x7f;
      if (c === 0x0d && line.trim() !== '') break;
      if (c >= 0x20 && c < 0x7f) line += String.fromCharCode(c);
      if (line.length >= width) break;
    }
    return line.trim();
  }
  if (kind === '65v') {
    const { first, last, count, run } = scan65v(bytes);
    if (count === 0) return '65V: no data';
    const range = `65V $${hex(first, 4)}-$${hex(last, 4)}, ${count} byte${count === 1 ? '' : 's'}`;
    return run === null ? range : `${range}, runs at $${hex(run, 4)}`;
  }
  const shown = Array.from(bytes.subarray(0, 16), (b) => hex(b, 2)).join(' ');
  return bytes.length > 16 ? `${shown} …` : shown;
}

/** The memory a 65V block loads: lowest and highest address written, bytes written and the G address. */
function scan65v(bytes: Uint8Array): { first: number; last: number; count: number; run: number | null } {
  let mode: 'address' | 'data' = 'address';
  let address = 0;
  let digits = 0;
  let first = 0xffff;
  let last = 0;
  let count = 0;
  let run: number | null = null;
  for (const raw of bytes) {
    const c = String.fromCharCode(raw & 0x7f).toUpperCase();
    if (/[0-9A-F]/.test(c)) {
      if (mode === 'address') address = ((address << 4) | parseInt(c, 16)) & 0xffff;
      else digits++;
    } else if (c === '.') mode = 'address';
    else if (c === '/') {
      mode = 'data';
      digits = 0;
    } else if (c === '\r' && mode === 'data') {
      if (digits > 0) {
        first = Math.min(first, address);
        last = Math.max(last, address);
        count++;
      }
      address = (address + 1) & 0xffff;
      digits = 0;
    } else if (c === 'G' && mode === 'address') {
      run = address;
      break;
    }
  }
  return { first, last, count, run };
}
