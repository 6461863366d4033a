// Text form of an 8x8 character set, and conversion of raw 2K character ROM dumps.
//
// Text form: for each of the 256 codes a header line `== $41 A: capital letter A` (the name after the
// code is optional) followed by 8 pixel rows of 8 characters, `#` = ink, `.` = paper. Blank lines and lines
// starting with `;` are ignored between glyphs. Codes may appear in any order but each exactly once.
//
// Bytes: 8 per code, code * 8 + row, row 0 at the top, bit 7 = leftmost pixel.

export const GLYPH_COUNT = 256;
export const GLYPH_HEIGHT = 8;
export const GLYPH_WIDTH = 8;
export const CHARSET_SIZE = GLYPH_COUNT * GLYPH_HEIGHT;

export interface FontTextIssue {
  /** 1-based line number in the text, or undefined for problems with the file as a whole. */
  line: number | undefined;
  message: string;
}

export class FontTextError extends Error {
  readonly issues: readonly FontTextIssue[];

  constructor(issues: readonly FontTextIssue[]) {
    const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map(describeIssue);
    const more = issues.length > shown.length ? `\n(and ${issues.length - shown.length} more)` : '';
    super(`Font text is invalid: ${issues.length} problem(s)\n${shown.join('\n')}${more}`);
    this.name = 'FontTextError';
    this.issues = issues;
  }
}

export interface FontText {
  glyphs: Uint8Array;
  /** Name of each code from its header line ('' when the header has none). */
  names: string[];
}

const MAX_ISSUES_IN_MESSAGE = 20;
const HEADER = /^==\s*\$([0-9A-Fa-f]+)(?:\s+(.*))?$/;
const ROW = /^[#.]+$/;

function describeIssue(issue: FontTextIssue): string {
  return issue.line === undefined ? issue.message : `line ${issue.line}: ${issue.message}`;
}

function hex2(code: number): string {
  return `$${code.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Parses the text form into glyphs and names; throws FontTextError listing every problem found. */
export function readFontText(text: string): FontText {
  const glyphs = new Uint8Array(CHARSET_SIZE);
  const names: string[] = new Array<string>(GLYPH_COUNT).fill('');
  const definedOn = new Array<number>(GLYPH_COUNT).fill(0);
  const issues: FontTextIssue[] = [];

  let code = -1;
  let headerLine = 0;
  let rows = 0;
  let seenHeader = false;

  const closeGlyph = (): void => {
    if (code >= 0 && rows < GLYPH_HEIGHT) {
      issues.push({
        line: headerLine,
        message: `${hex2(code)} has ${rows} pixel row(s), expected ${GLYPH_HEIGHT}`,
      });
    }
  };

  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    const line = (lines[index] ?? '').replace(/\s+$/, '');
    if (line === '' || line.startsWith(';')) continue;

    if (line.startsWith('==')) {
      seenHeader = true;
      closeGlyph();
      code = -1;
      rows = 0;
      const match = HEADER.exec(line);
      const digits = match?.[1];
      if (match === null || digits === undefined) {
        issues.push({ line: lineNumber, message: `bad header "${line}", expected "== $hh name"` });
        continue;
      }
      const value = Number.parseInt(digits, 16);
      if (digits.length > 2 || value >= GLYPH_COUNT) {
        issues.push({ line: lineNumber, message: `code $${digits} is out of range ($00-$FF)` });
        continue;
      }
      const first = definedOn[value] ?? 0;
      if (first !== 0) {
        issues.push({
          line: lineNumber,
          message: `duplicate code ${hex2(value)} (first defined on line ${first})`,
        });
        continue;
      }
      definedOn[value] = lineNumber;
      names[value] = (match[2] ?? '').trim();
      code = value;
      headerLine = lineNumber;
      continue;
    }

    if (code < 0) {
      // Rows under a rejected header belong to a problem already reported on that header.
      if (!seenHeader) {
        issues.push({ line: lineNumber, message: `expected a "== $hh" header before "${line}"` });
      }
      continue;
    }
    if (rows >= GLYPH_HEIGHT) {
      issues.push({ line: lineNumber, message: `${hex2(code)} has more than ${GLYPH_HEIGHT} pixel rows` });
      continue;
    }
    if (!ROW.test(line)) {
      const bad = [...line].find((ch) => ch !== '#' && ch !== '.') ?? '';
      issues.push({
        line: lineNumber,
        message: `${hex2(code)} row ${rows}: bad character "${bad}" (use "#" for ink and "." for paper)`,
      });
    } else if (line.length !== GLYPH_WIDTH) {
      issues.push({
        line: lineNumber,
        message: `${hex2(code)} row ${rows} is ${line.length} pixels wide, expected ${GLYPH_WIDTH}`,
      });
    } else {
      let byte = 0;
      for (let x = 0; x < GLYPH_WIDTH; x++) {
        if (line[x] === '#') byte |= 0x80 >> x;
      }
      glyphs[code * GLYPH_HEIGHT + rows] = byte;
    }
    rows++;
  }
  closeGlyph();

  const missing: string[] = [];
  for (let value = 0; value < GLYPH_COUNT; value++) {
    if (definedOn[value] === 0) missing.push(hex2(value));
  }
  if (missing.length > 0) {
    issues.push({ line: undefined, message: `missing code(s): ${missing.join(', ')}` });
  }
  if (issues.length > 0) throw new FontTextError(issues);
  return { glyphs, names };
}

/** Parses the text form into 2,048 glyph bytes (bit 7 = leftmost pixel); throws FontTextError. */
export function parseFontText(text: string): Uint8Array {
  return readFontText(text).glyphs;
}

/** Writes glyph bytes (bit 7 = leftmost pixel) in the text form; `names[code]` goes in each header. */
export function formatFontText(bytes: Uint8Array, names?: readonly (string | undefined)[]): string {
  if (bytes.length !== CHARSET_SIZE) {
    throw new RangeError(`A character set is ${CHARSET_SIZE} bytes, got ${bytes.length}`);
  }
  const out: string[] = [];
  for (let code = 0; code < GLYPH_COUNT; code++) {
    const name = names?.[code]?.trim() ?? '';
    if (name.includes('\n')) throw new RangeError(`Name of ${hex2(code)} contains a line break`);
    out.push(name === '' ? `== ${hex2(code)}` : `== ${hex2(code)} ${name}`);
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      const byte = bytes[code * GLYPH_HEIGHT + row] ?? 0;
      let line = '';
      for (let x = 0; x < GLYPH_WIDTH; x++) line += byte & (0x80 >> x) ? '#' : '.';
      out.push(line);
    }
  }
  return `${out.join('\n')}\n`;
}

export type RomBitOrder = 'msb-left' | 'lsb-left';

function reverseBits(byte: number): number {
  let out = 0;
  for (let bit = 0; bit < 8; bit++) {
    if (byte & (1 << bit)) out |= 0x80 >> bit;
  }
  return out;
}

const REVERSED = Uint8Array.from({ length: 256 }, (_, byte) => reverseBits(byte));

/**
 * Converts a user's 2K character ROM dump to our glyph layout (bit 7 = leftmost pixel). Dumps of the OSI
 * character generator are published in both bit orders: with 'lsb-left', bit 0 of each byte is the leftmost
 * pixel and every byte is mirrored.
 */
export function charsetFromRom(bytes: Uint8Array, bitOrder: RomBitOrder): Uint8Array {
  if (bytes.length !== CHARSET_SIZE) {
    throw new RangeError(
      `A character ROM must be ${CHARSET_SIZE} bytes (256 characters x 8 rows), got ${bytes.length}`,
    );
  }
  if (bitOrder === 'msb-left') return Uint8Array.from(bytes);
  if (bitOrder === 'lsb-left') return bytes.map((byte) => REVERSED[byte] ?? 0);
  throw new RangeError(`Unknown bit order "${String(bitOrder)}", expected "msb-left" or "lsb-left"`);
}
