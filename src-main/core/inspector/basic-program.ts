/**
 * OSI 6502 BASIC (Microsoft BASIC 1.0 rev 3.2) as it sits in RAM: the tokenized program and its variables.
 * LIST and SAVE print text, but the interpreter keeps each line as a link to the next line, the line
 * number, the text with every keyword crunched to a one-byte token, and a 0. Written from the published
 * layout of Microsoft's 6502 BASIC; the zero-page pointers are those named in users-expect.md.
 */

export type Peek = (address: number) => number;

/** OSI BASIC's keyword tokens, from $80 in order. */
export const OSI_BASIC_TOKENS: readonly string[] = [
  'END', 'FOR', 'NEXT', 'DATA', 'INPUT', 'DIM', 'READ', 'LET',
  'GOTO', 'RUN', 'IF', 'RESTORE', 'GOSUB', 'RETURN', 'REM', 'STOP',
  'ON', 'NULL', 'WAIT', 'LOAD', 'SAVE', 'DEF', 'POKE', 'PRINT',
  'CONT', 'LIST', 'CLEAR', 'NEW', 'TAB(', 'TO', 'FN', 'SPC(',
  'THEN', 'NOT', 'STEP', '+', '-', '*', '/', '^',
  'AND', 'OR', '>', '=', '<', 'SGN', 'INT', 'ABS',
  'USR', 'FRE', 'POS', 'SQR', 'RND', 'LOG', 'EXP', 'COS',
  'SIN', 'TAN', 'ATN', 'PEEK', 'LEN', 'STR$', 'VAL', 'ASC',
  'CHR$', 'LEFT$', 'RIGHT$', 'MID$',
]; // prettier-ignore

/** BASIC's zero-page pointers (two bytes each, low byte first). */
export const BASIC_POINTERS = [
  { address: 0x79, name: 'TXTTAB', what: 'program start' },
  { address: 0x7b, name: 'VARTAB', what: 'simple variables' },
  { address: 0x7d, name: 'ARYTAB', what: 'arrays' },
  { address: 0x7f, name: 'STREND', what: 'end of arrays' },
  { address: 0x81, name: 'FRETOP', what: 'string space bottom' },
  { address: 0x85, name: 'MEMSIZ', what: 'memory top' },
] as const;

export interface BasicLine {
  /** Where the line's link field is. */
  readonly address: number;
  readonly number: number;
  readonly text: string;
}

export interface BasicListing {
  readonly lines: BasicLine[];
  /** Why the walk stopped before the end-of-program link, if it did. */
  readonly problem: string | null;
}

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

function word(peek: Peek, address: number): number {
  return (peek(address & 0xffff) & 0xff) | ((peek((address + 1) & 0xffff) & 0xff) << 8);
}

function charOf(byte: number): string {
  return byte >= 0x20 && byte < 0x7f
    ? String.fromCharCode(byte)
    : `{$${byte.toString(16).toUpperCase().padStart(2, '0')}}`;
}

/**
 * The text of one line's tokenized body (without the terminating 0). Bytes inside quotes and after REM or
 * DATA-free text are shown as characters; codes that are not printable ASCII appear as {$XX}.
 */
export function detokenize(
  body: Uint8Array | readonly number[],
  tokens: readonly string[] = OSI_BASIC_TOKENS,
): string {
  let out = '';
  let quoted = false;
  let remark = false;
  for (const byte of body) {
    if (byte === 0x22) quoted = !quoted;
    if (byte >= 0x80 && !quoted && !remark) {
      const keyword = tokens[byte - 0x80];
      out += keyword ?? charOf(byte);
      if (keyword === 'REM') remark = true;
    } else out += charOf(byte);
  }
  return out;
}

/**
 * Walks the program from `start` (BASIC's TXTTAB) along the line links. Stops at the 0 link, and also, with
 * a reason, at a link that does not lead forward, a line longer than 256 bytes, or after `maxLines`.
 */
export function walkProgram(peek: Peek, start: number, maxLines = 2000): BasicListing {
  const lines: BasicLine[] = [];
  let address = start & 0xffff;
  for (;;) {
    const link = word(peek, address);
    if (link === 0) return { lines, problem: null };
    if (lines.length >= maxLines) return { lines, problem: `stopped after ${maxLines} lines` };
    if (link <= address) {
      return { lines, problem: `the line at $${hex4(address)} links back to $${hex4(link)}: not a program` };
    }
    const number = word(peek, address + 2);
    const body: number[] = [];
    let at = address + 4;
    while ((peek(at & 0xffff) & 0xff) !== 0) {
      body.push(peek(at & 0xffff) & 0xff);
      if (++at - address > 260) {
        return { lines, problem: `the line at $${hex4(address)} has no end: not a program` };
      }
    }
    lines.push({ address, number, text: detokenize(body) });
    address = link;
  }
}

export type BasicValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'integer'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string; readonly pointer: number };

export interface BasicVariable {
  readonly address: number;
  /** As BASIC prints it: A, AB, A$, A% (arrays with their sizes: A(10), B$(2,3)). */
  readonly name: string;
  readonly value?: BasicValue;
  /** Arrays: the sizes of each dimension (declared maximum + 1) and the first elements. */
  readonly dimensions?: number[];
  readonly elements?: BasicValue[];
}

/** Microsoft's 4-byte float: exponent (excess 128, 0 = zero), then the mantissa, sign in its top bit. */
export function decodeFloat(bytes: ArrayLike<number>): number {
  const exponent = bytes[0] ?? 0;
  if (exponent === 0) return 0;
  const m1 = bytes[1] ?? 0;
  const mantissa = ((m1 | 0x80) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0);
  const value = (mantissa / 0x1000000) * Math.pow(2, exponent - 128);
  return (m1 & 0x80) !== 0 ? -value : value;
}

function nameOf(first: number, second: number): { name: string; type: 'number' | 'string' | 'integer' } {
  const type = first & 0x80 ? (second & 0x80 ? 'integer' : 'number') : second & 0x80 ? 'string' : 'number';
  const a = String.fromCharCode(first & 0x7f);
  const b = second & 0x7f ? String.fromCharCode(second & 0x7f) : '';
  return { name: a + b + (type === 'string' ? '$' : type === 'integer' ? '%' : ''), type };
}

function readString(peek: Peek, length: number, pointer: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += charOf(peek((pointer + i) & 0xffff) & 0xff);
  return text;
}

function valueAt(peek: Peek, address: number, type: 'number' | 'string' | 'integer'): BasicValue {
  const b = [0, 1, 2, 3].map((i) => peek((address + i) & 0xffff) & 0xff);
  if (type === 'string') {
    const pointer = (b[1] as number) | ((b[2] as number) << 8);
    return { kind: 'string', value: readString(peek, b[0] as number, pointer), pointer };
  }
  if (type === 'integer') {
    const raw = ((b[0] as number) << 8) | (b[1] as number);
    return { kind: 'integer', value: raw >= 0x8000 ? raw - 0x10000 : raw };
  }
  return { kind: 'number', value: decodeFloat(b) };
}

/**
 * The simple variables (6 bytes each: two name bytes, four value bytes) from VARTAB to ARYTAB and the arrays
 * from ARYTAB to STREND (name, entry size, dimension count, sizes high byte first, then the elements).
 * At most `maxElements` elements of each array are decoded.
 */
export function walkVariables(
  peek: Peek,
  maxElements = 16,
): { variables: BasicVariable[]; problem: string | null } {
  const vartab = word(peek, 0x7b);
  const arytab = word(peek, 0x7d);
  const strend = word(peek, 0x7f);
  const variables: BasicVariable[] = [];
  if (arytab < vartab || strend < arytab || (arytab - vartab) % 6 !== 0) {
    return { variables, problem: `BASIC's pointers ($7B-$80) do not describe a variable table` };
  }
  for (let at = vartab; at < arytab; at += 6) {
    const { name, type } = nameOf(peek(at) & 0xff, peek(at + 1) & 0xff);
    variables.push({ address: at, name, value: valueAt(peek, at + 2, type) });
  }
  let at = arytab;
  while (at < strend) {
    const { name, type } = nameOf(peek(at) & 0xff, peek((at + 1) & 0xffff) & 0xff);
    const size = word(peek, at + 2);
    const count = peek((at + 4) & 0xffff) & 0xff;
    if (size < 5 + 2 * count || at + size > strend || count === 0) {
      return { variables, problem: `the array at $${hex4(at)} is damaged` };
    }
    // Stored last dimension first.
    const dimensions: number[] = [];
    for (let d = 0; d < count; d++) {
      const base = at + 5 + 2 * d;
      dimensions.unshift(((peek(base & 0xffff) & 0xff) << 8) | (peek((base + 1) & 0xffff) & 0xff));
    }
    const total = dimensions.reduce((product, n) => product * n, 1);
    const first = at + 5 + 2 * count;
    const elementSize = total > 0 ? Math.floor((at + size - first) / total) : 0;
    const elements: BasicValue[] = [];
    for (let i = 0; i < Math.min(total, maxElements) && elementSize > 0; i++) {
      elements.push(valueAt(peek, first + i * elementSize, type));
    }
    variables.push({
      address: at,
      name: `${name}(${dimensions.map((n) => n - 1).join(',')})`,
      dimensions,
      elements,
    });
    at += size;
  }
  return { variables, problem: null };
}

/** A value as BASIC would print it (near enough: up to 6 significant digits). */
export function formatBasicValue(value: BasicValue): string {
  if (value.kind === 'string') return JSON.stringify(value.value);
  if (value.kind === 'integer') return String(value.value);
  return String(Number(value.value.toPrecision(6)));
}
