import { describe, expect, it } from 'vitest';
import { tokenizeLine } from '../../../../../src-main/core/cpu/assembler/tokenizer.ts';

describe('tokenizeLine', () => {
  it('splits labels, mnemonics, numbers, operators and drops comments', () => {
    const { tokens, errors } = tokenizeLine('loop: LDA ($10),Y ; \'comment\' "too"');
    expect(errors).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.text, t.column])).toEqual([
      ['ident', 'loop', 1],
      ['op', ':', 5],
      ['ident', 'LDA', 7],
      ['op', '(', 11],
      ['number', '$10', 12],
      ['op', ')', 15],
      ['op', ',', 16],
      ['ident', 'Y', 17],
      ['eol', '', 19],
    ]);
  });

  it('reads hex, binary, decimal and character values', () => {
    const { tokens } = tokenizeLine("$fF %101 42 'a' '\\x41'");
    expect(tokens.filter((t) => t.kind === 'number').map((t) => t.value)).toEqual([255, 5, 42, 97, 0x41]);
  });

  it('decodes string escapes and keeps semicolons inside strings', () => {
    const { tokens, errors } = tokenizeLine('.text "a;b\\r\\n\\0\\"\\\\"');
    expect(errors).toEqual([]);
    expect(tokens[1]?.text).toBe('a;b\r\n\0"\\');
  });

  it('reports bad characters, escapes and unterminated strings with columns', () => {
    expect(tokenizeLine(' lda #1 ` x').errors).toEqual([{ column: 9, message: "unexpected character '`'" }]);
    expect(tokenizeLine(' .text "\\q"').errors).toEqual([{ column: 9, message: "unknown escape '\\q'" }]);
    expect(tokenizeLine(" lda #'ab'").errors).toEqual([
      { column: 7, message: 'a character constant holds exactly one character' },
    ]);
    expect(tokenizeLine(' .byte "abc').errors).toEqual([{ column: 8, message: 'unterminated string' }]);
    expect(tokenizeLine(' .byte %102').errors).toEqual([{ column: 8, message: "malformed number '%102'" }]);
  });
});
