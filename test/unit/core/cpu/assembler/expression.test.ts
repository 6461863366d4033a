import { describe, expect, it } from 'vitest';
import {
  evaluate,
  ExpressionError,
  parseExpression,
  TokenStream,
} from '../../../../../src-main/core/cpu/assembler/expression.ts';
import { tokenizeLine } from '../../../../../src-main/core/cpu/assembler/tokenizer.ts';

function value(text: string, symbols: Record<string, number> = {}, pc = 0x1000): number | undefined {
  const stream = new TokenStream(tokenizeLine(text).tokens);
  const expr = parseExpression(stream);
  expect(stream.atEnd()).toBe(true);
  return evaluate(expr, { lookup: (name) => symbols[name], pc });
}

describe('expressions', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['100 / 7 / 2', 7],
    ['$F0 | $0F & $3C', 0xfc],
    ['$FF ^ $0F', 0xf0],
    ['<$ABCD + 1', 0xce],
    ['>$ABCD', 0xab],
    ['>($12FF + 1)', 0x13],
    ['-(3)', -3],
    ['~$0F & $FF', 0xf0],
    ['* + 3', 0x1003],
    ['* * 2', 0x2000],
    ["'A' | $80", 0xc1],
  ])('%s = %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('looks up symbols and reports missing ones as undefined', () => {
    expect(value('base + 2', { base: 0x300 })).toBe(0x302);
    const missing: string[] = [];
    const stream = new TokenStream(tokenizeLine('later + 1').tokens);
    expect(
      evaluate(parseExpression(stream), { lookup: () => undefined, pc: 0 }, (n) => missing.push(n)),
    ).toBe(undefined);
    expect(missing).toEqual(['later']);
  });

  it('throws ExpressionError with a column for syntax errors and division by zero', () => {
    const parse = (text: string): unknown => parseExpression(new TokenStream(tokenizeLine(text).tokens));
    expect(() => parse('(1 + 2')).toThrow(ExpressionError);
    expect(() => parse('1 +')).toThrow(/line ended/);
    expect(() => parse('"str"')).toThrow(/string/);
    try {
      value('4 / (2 - 2)');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).column).toBe(3);
    }
  });
});
