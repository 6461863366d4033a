import { describe, expect, it } from 'vitest';
import {
  OSI_BASIC_TOKENS,
  decodeFloat,
  detokenize,
  formatBasicValue,
  walkProgram,
  walkVariables,
} from '../../../../src-main/core/inspector/basic-program.ts';

const T = (keyword: string): number => {
  const index = OSI_BASIC_TOKENS.indexOf(keyword);
  if (index < 0) throw new Error(`no token ${keyword}`);
  return 0x80 + index;
};
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** A 64K memory with `bytes` placed at `address`, peeked as the inspector does. */
function memoryWith(...parts: [number, number[]][]): (a: number) => number {
  const memory = new Uint8Array(0x10000);
  for (const [address, bytes] of parts) memory.set(bytes, address);
  return (a) => memory[a & 0xffff] ?? 0;
}

/** Lays out tokenized lines as BASIC does from `start`: link, line number, body, 0; then a 0 link. */
function program(start: number, lines: [number, number[]][]): number[] {
  const out: number[] = [];
  let address = start;
  for (const [number, body] of lines) {
    const next = address + 4 + body.length + 1;
    out.push(next & 0xff, next >> 8, number & 0xff, number >> 8, ...body, 0);
    address = next;
  }
  out.push(0, 0);
  return out;
}

describe('the BASIC detokenizer', () => {
  it('spells the tokens OSI BASIC uses at their codes', () => {
    expect(OSI_BASIC_TOKENS[0]).toBe('END');
    expect(OSI_BASIC_TOKENS[0x97 - 0x80]).toBe('PRINT');
    expect(OSI_BASIC_TOKENS[0x88 - 0x80]).toBe('GOTO');
    expect(OSI_BASIC_TOKENS[0xc3 - 0x80]).toBe('MID$');
    expect(OSI_BASIC_TOKENS).toHaveLength(0x44);
  });

  it('expands keywords and operators and keeps what was typed between them', () => {
    const body = [
      T('FOR'),
      ...ascii('I'),
      T('='),
      ...ascii('1'),
      T('TO'),
      ...ascii('10'),
      T('STEP'),
      ...ascii('2'),
    ];
    expect(detokenize(body)).toBe('FORI=1TO10STEP2');
    expect(detokenize([T('PRINT'), ...ascii(' '), T('CHR$'), ...ascii('(65)')])).toBe('PRINT CHR$(65)');
  });

  it('leaves bytes inside quotes and after REM as characters', () => {
    const quoted = [T('PRINT'), ...ascii('"'), 0x97, ...ascii('"'), T('+'), ...ascii('A$')];
    expect(detokenize(quoted)).toBe('PRINT"{$97}"+A$');
    expect(detokenize([T('REM'), ...ascii(' HI '), 0xa1])).toBe('REM HI {$A1}');
  });

  it('shows codes that are no token as {$XX}', () => {
    expect(detokenize([0xfe, 0x07])).toBe('{$FE}{$07}');
  });
});

describe('walking a program in memory', () => {
  it('lists every line from TXTTAB along the links', () => {
    const bytes = program(0x0301, [
      [10, [T('PRINT'), ...ascii('"HELLO"')]],
      [20, [T('GOTO'), ...ascii('10')]],
      [65535, [T('END')]],
    ]);
    const listing = walkProgram(memoryWith([0x0301, bytes]), 0x0301);
    expect(listing.problem).toBeNull();
    expect(listing.lines.map((l) => `${l.number} ${l.text}`)).toEqual([
      '10 PRINT"HELLO"',
      '20 GOTO10',
      '65535 END',
    ]);
    expect(listing.lines[1]?.address).toBe(0x0301 + 4 + 8 + 1);
  });

  it('stops with a reason at a link that points backwards, and lists nothing for an empty program', () => {
    const looped = memoryWith([0x0301, [0x01, 0x03, 10, 0, T('END'), 0]]);
    const listing = walkProgram(looped, 0x0301);
    expect(listing.lines).toEqual([]);
    expect(listing.problem).toMatch(/links back to \$0301/);
    expect(walkProgram(memoryWith(), 0x0301)).toEqual({ lines: [], problem: null });
  });
});

describe('BASIC variables', () => {
  it('decodes Microsoft 4-byte floats', () => {
    expect(decodeFloat([0, 0, 0, 0])).toBe(0);
    expect(decodeFloat([0x81, 0x00, 0, 0])).toBe(1);
    expect(decodeFloat([0x82, 0x80, 0, 0])).toBe(-2);
    expect(decodeFloat([0x80, 0x00, 0, 0])).toBe(0.5);
    expect(decodeFloat([0x87, 0x48, 0, 0])).toBe(100);
  });

  it('walks simple variables and arrays between the zero-page pointers', () => {
    const vartab = 0x0400;
    const simple = [
      ...[0x41, 0x00, 0x87, 0x48, 0, 0], // A = 100
      ...[0x42, 0x80 | 0x43, 5, 0x00, 0x1f, 0], // BC$ = 5 chars at $1F00
      ...[0x80 | 0x49, 0x80, 0xff, 0xfe, 0, 0], // I% = -2
    ];
    const arytab = vartab + simple.length;
    // D(2): one dimension of 3 floats: name, size 5+2+12=19, 1 dimension, size 3 (high byte first).
    const array = [0x44, 0x00, 19, 0, 1, 0, 3, 0x81, 0, 0, 0, 0x82, 0, 0, 0, 0, 0, 0, 0];
    const strend = arytab + array.length;
    const peek = memoryWith(
      [0x7b, [vartab & 0xff, vartab >> 8, arytab & 0xff, arytab >> 8, strend & 0xff, strend >> 8]],
      [vartab, [...simple, ...array]],
      [0x1f00, ascii('HELLO')],
    );
    const { variables, problem } = walkVariables(peek);
    expect(problem).toBeNull();
    expect(
      variables.map((v) => [v.name, v.value ? formatBasicValue(v.value) : v.elements?.map(formatBasicValue)]),
    ).toEqual([
      ['A', '100'],
      ['BC$', '"HELLO"'],
      ['I%', '-2'],
      ['D(2)', ['1', '2', '0']],
    ]);
  });

  it('refuses pointers that do not describe a table', () => {
    const peek = memoryWith([0x7b, [0x00, 0x05, 0x00, 0x04, 0x00, 0x04]]);
    expect(walkVariables(peek).problem).toMatch(/do not describe/);
  });
});
