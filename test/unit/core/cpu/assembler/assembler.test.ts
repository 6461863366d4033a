import { describe, expect, it } from 'vitest';
import {
  assemble,
  formatError,
  formatListing,
  formatSymbols,
} from '../../../../../src-main/core/cpu/assembler/assembler.ts';
import type { AssemblyResult } from '../../../../../src-main/core/cpu/assembler/assembler.ts';

function bytesOf(source: string): number[] {
  const result = assemble(source);
  expect(result.errors.map(formatError)).toEqual([]);
  return [...result.image];
}

function errorsOf(source: string, readFile?: (path: string) => string | undefined): string[] {
  const result = assemble(source, { fileName: 't.asm', ...(readFile ? { readFile } : {}) });
  expect(result.ok).toBe(false);
  return result.errors.map(formatError);
}

function symbol(result: AssemblyResult, name: string): number | undefined {
  return result.symbols.get(name);
}

describe('addressing modes', () => {
  const cases: [string, number[]][] = [
    ['nop', [0xea]],
    ['asl', [0x0a]],
    ['rol a', [0x2a]],
    ['lda #$41', [0xa9, 0x41]],
    ['lda $12', [0xa5, 0x12]],
    ['lda $12,x', [0xb5, 0x12]],
    ['ldx $12,y', [0xb6, 0x12]],
    ['lda $1234', [0xad, 0x34, 0x12]],
    ['lda $1234,x', [0xbd, 0x34, 0x12]],
    ['lda $1234,y', [0xb9, 0x34, 0x12]],
    ['lda $12,y', [0xb9, 0x12, 0x00]],
    ['jmp ($1234)', [0x6c, 0x34, 0x12]],
    ['lda ($12,x)', [0xa1, 0x12]],
    ['lda ($12),y', [0xb1, 0x12]],
    ['sta ( $12 ) , Y', [0x91, 0x12]],
    ['lda $0012', [0xa5, 0x12]],
    ['jmp $0012', [0x4c, 0x12, 0x00]],
    ['jsr $FFEE', [0x20, 0xee, 0xff]],
    ['stx $10,y', [0x96, 0x10]],
    ['sty $10,x', [0x94, 0x10]],
    ['LDA #%1010_0101'.replace('_', ''), [0xa9, 0xa5]],
    ["lda #'A'", [0xa9, 0x41]],
    ['lda #-1', [0xa9, 0xff]],
    ['lda (1+2)*3', [0xa5, 0x09]],
    ['sbc #1', [0xe9, 0x01]],
    ['lax ($10),y', [0xb3, 0x10]],
    ['dcp $1234,x', [0xdf, 0x34, 0x12]],
    ['sax $10,y', [0x97, 0x10]],
    ['nop $10,x', [0x14, 0x10]],
    ['anc #$0f', [0x0b, 0x0f]],
    ['brk', [0x00]],
  ];
  it.each(cases)('%s', (source, expected) => {
    expect(bytesOf(` ${source}`)).toEqual(expected);
  });

  it('encodes branches relative to the next instruction, both directions', () => {
    const result = assemble(' .org $0300\nback: nop\n bne back\n beq fwd\n nop\nfwd: rts');
    expect(result.errors).toEqual([]);
    expect([...result.image]).toEqual([0xea, 0xd0, 0xfd, 0xf0, 0x01, 0xea, 0x60]);
  });

  it('uses zero page for a value known in pass 1 and absolute for a forward reference', () => {
    const result = assemble(' .org $0200\nearly = $20\n lda early\n lda late\n sta late,x\nlate = $30');
    expect(result.errors).toEqual([]);
    expect([...result.image]).toEqual([0xa5, 0x20, 0xad, 0x30, 0x00, 0x9d, 0x30, 0x00]);
  });

  it('keeps a forward-referenced zero-page-only operand in zero page', () => {
    expect(bytesOf(' stx ptr,y\nptr = $44')).toEqual([0x96, 0x44]);
  });
});

describe('expressions', () => {
  it('applies precedence, parentheses, unary low/high byte and the current address', () => {
    const result = assemble(
      [
        ' .org $1000',
        'a1 = 2 + 3 * 4',
        'a2 = (2 + 3) * 4',
        'a3 = $F0 | $0F ^ $FF & $0F',
        'a4 = <$1234',
        'a5 = >$1234',
        'a6 = -5 / 2',
        'a7 = ~0 & $FF',
        'a8 = %1000 - 1',
        "a9 = 'z' - 'a'",
        'here: .word *, * + 2',
      ].join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(symbol(result, 'a1')).toBe(14);
    expect(symbol(result, 'a2')).toBe(20);
    expect(symbol(result, 'a3')).toBe(0xf0 | (0x0f ^ (0xff & 0x0f)));
    expect(symbol(result, 'a4')).toBe(0x34);
    expect(symbol(result, 'a5')).toBe(0x12);
    expect(symbol(result, 'a6')).toBe(-2);
    expect(symbol(result, 'a7')).toBe(0xff);
    expect(symbol(result, 'a8')).toBe(7);
    expect(symbol(result, 'a9')).toBe(25);
    expect([...result.image]).toEqual([0x00, 0x10, 0x02, 0x10]);
  });

  it('resolves constants defined from later labels and chained constants', () => {
    const result = assemble(
      ' .org $0400\n lda #<second\n lda #>second\nsecond = first + 1\nfirst = end\nend: rts',
    );
    expect(result.errors).toEqual([]);
    expect([...result.image]).toEqual([0xa9, 0x05, 0xa9, 0x04, 0x60]);
  });
});

describe('labels', () => {
  it('accepts labels with a colon, labels at column 1 without one, and scopes @local labels', () => {
    const source = [
      ' .org $0200',
      'first:',
      '@loop dex',
      ' bne @loop',
      'second',
      '@loop: dey',
      ' bne @loop',
      ' jmp first@loop',
    ].join('\n');
    const result = assemble(source);
    expect(result.errors).toEqual([]);
    expect(symbol(result, 'first@loop')).toBe(0x200);
    expect(symbol(result, 'second@loop')).toBe(0x203);
    expect([...result.image]).toEqual([0xca, 0xd0, 0xfd, 0x88, 0xd0, 0xfd, 0x4c, 0x00, 0x02]);
  });

  it('treats labels as case sensitive and mnemonics as case insensitive', () => {
    const result = assemble('Loop: NoP\nloop: JMP Loop');
    expect(result.errors).toEqual([]);
    expect([...result.image]).toEqual([0xea, 0x4c, 0x00, 0x00]);
  });
});

describe('directives', () => {
  it('emits .byte, .word and .text with strings and escapes', () => {
    expect(bytesOf(' .byte 1, $FF, -1, "AB"\n .word $1234, 5\n .text "hi\\r", 0')).toEqual([
      1, 0xff, 0xff, 0x41, 0x42, 0x34, 0x12, 5, 0, 0x68, 0x69, 0x0d, 0,
    ]);
  });

  it('fills and aligns, and a label on .align names the aligned address', () => {
    const result = assemble(' .org $10\n .byte 1\n .fill 2, $AA\n .fill 1\nal: .align 8, $EA\n .byte 2');
    expect(result.errors).toEqual([]);
    expect([...result.image]).toEqual([1, 0xaa, 0xaa, 0, 0xea, 0xea, 0xea, 0xea, 2]);
    expect(symbol(result, 'al')).toBe(0x18);
  });

  it('places .org sections and fills gaps in the flat image, keeping separate segments', () => {
    const result = assemble(' .org $0300\n .byte 1\n * = $0302\n .byte 2', { gapFill: 0 });
    expect(result.errors).toEqual([]);
    expect(result.origin).toBe(0x300);
    expect([...result.image]).toEqual([1, 0, 2]);
    expect(result.segments.map((s) => [s.address, [...s.bytes]])).toEqual([
      [0x300, [1]],
      [0x302, [2]],
    ]);
  });

  it('includes files through the caller-supplied reader, relative to the including file', () => {
    const files: Record<string, string> = {
      'src/lib/consts.asm': 'VALUE = 7\n .include "more.asm"',
      'src/lib/more.asm': 'more: .byte VALUE',
    };
    const read = (path: string): string | undefined => files[path];
    const result = assemble(' .include "lib/consts.asm"\n lda #VALUE', {
      fileName: 'src/main.asm',
      readFile: read,
    });
    expect(result.errors).toEqual([]);
    expect([...result.image]).toEqual([7, 0xa9, 7]);
    expect(result.listing.map((l) => `${l.file}:${l.line}`)).toContain('src/lib/more.asm:1');
  });
});

describe('errors', () => {
  it('collects every error with file:line:column instead of stopping at the first', () => {
    const errors = errorsOf(
      [
        ' lda #300',
        ' frob $12',
        ' bne nowhere',
        ' lda ($1234),y',
        'x = 1',
        ' ldx $12,x',
        ' .byte "unterminated',
      ].join('\n'),
    );
    expect(errors).toEqual([
      't.asm:1:7: error: value 300 ($012C) does not fit in a byte',
      "t.asm:2:2: error: unknown instruction 'frob'",
      "t.asm:3:6: error: undefined symbol 'nowhere'",
      't.asm:4:6: error: LDA (zero page),Y needs a zero-page address, not $1234',
      "t.asm:5:1: error: 'x' is a reserved word and cannot be a symbol name",
      't.asm:6:6: error: LDX has no zero page,X or absolute,X addressing mode',
      't.asm:7:8: error: unterminated string',
    ]);
  });

  it('reports branches out of range with the distance', () => {
    const errors = errorsOf(' .org $1000\n beq far\n .fill 200\nfar: rts');
    expect(errors).toEqual([
      't.asm:2:6: error: branch target $10CA is out of range (200 bytes; a branch reaches -128..+127)',
    ]);
  });

  it('reports duplicate labels, missing includes, include cycles and overlapping code', () => {
    expect(errorsOf('dup: nop\ndup: nop')).toEqual(["t.asm:2:1: error: 'dup' is already defined at t.asm:1"]);
    expect(errorsOf(' .include "nope.asm"', () => undefined)).toEqual([
      "t.asm:1:11: error: cannot read included file 'nope.asm'",
    ]);
    expect(errorsOf(' .include "t.asm"', () => ' .include "t.asm"')).toEqual([
      "t.asm:1:11: error: 't.asm' includes itself (t.asm -> t.asm)",
    ]);
    expect(errorsOf(' .org $200\n .byte 1, 2\n .org $201\n .byte 3')).toEqual([
      't.asm:4:1: error: address $0201 is already used by t.asm:2',
    ]);
  });

  it('rejects a .org whose value is not known in pass 1 and code that runs past $FFFF', () => {
    expect(errorsOf(' .org later\nlater: nop')).toEqual([
      "t.asm:1:7: error: the origin must be known in pass 1, but 'later' is not defined yet",
    ]);
    expect(errorsOf(' .org $FFFF\n jmp $1234')).toEqual([
      't.asm:2:1: error: this statement runs past $FFFF (it starts at $FFFF)',
    ]);
  });

  it('reports division by zero and malformed numbers', () => {
    expect(errorsOf(' .byte 1/0\n lda #$G1')).toEqual([
      't.asm:1:9: error: division by zero',
      "t.asm:2:7: error: malformed number '$G1'",
    ]);
  });
});

describe('outputs', () => {
  it('lists address, bytes and source, and prints symbols sorted', () => {
    const result = assemble('VALUE = $41\n .org $0200\nstart: lda #VALUE\n rts');
    const listing = formatListing(result.listing).split('\n');
    expect(listing[0]).toMatch(/^\s+1\s+=0041\s+VALUE = \$41$/);
    expect(listing[2]).toMatch(/^\s+3\s+0200\s+A9 41\s+start: lda #VALUE$/);
    expect(listing[3]).toMatch(/^\s+4\s+0202\s+60\s+rts$/);
    expect(formatSymbols(result.symbols)).toBe(
      'VALUE                    $0041\nstart                    $0200\n',
    );
  });
});

describe('constants defined from later symbols', () => {
  it('still rejects reserved names and duplicates', () => {
    expect(errorsOf('y = later\nlater: nop')).toEqual([
      "t.asm:1:1: error: 'y' is a reserved word and cannot be a symbol name",
    ]);
    expect(errorsOf('k = later\nk = 2\nlater: nop')).toEqual([
      "t.asm:2:1: error: 'k' is already defined at t.asm:1",
    ]);
  });

  it('reports a constant that can never be resolved', () => {
    expect(errorsOf('k = missing + 1\n lda #k')).toEqual([
      "t.asm:1:5: error: undefined symbol 'missing'",
      "t.asm:2:7: error: undefined symbol 'k'",
    ]);
  });
});

describe('listing of several files', () => {
  it('marks where each file starts and resumes', () => {
    const result = assemble(' nop\n .include "b.asm"\n rts', { fileName: 'a.asm', readFile: () => ' inx' });
    const lines = formatListing(result.listing).split('\n');
    expect(lines.filter((line) => line.startsWith('; ----'))).toEqual([
      '; ---- a.asm',
      '; ---- b.asm',
      '; ---- a.asm',
    ]);
    expect(formatListing(assemble(' nop').listing).startsWith('; ----')).toBe(false);
  });
});

describe('include paths', () => {
  it.each([
    ['src/main.asm', 'lib/a.asm', 'src/lib/a.asm'],
    ['src/main.asm', '../x.asm', 'x.asm'],
    ['/abs/dir/main.asm', './a/../b.asm', '/abs/dir/b.asm'],
    ['C:\\work\\rom\\main.asm', 'screen.asm', 'C:/work/rom/screen.asm'],
    ['C:\\work\\rom\\main.asm', '..\\lib\\k.asm', 'C:/work/lib/k.asm'],
    ['main.asm', '/etc/inc.asm', '/etc/inc.asm'],
  ])('from %s, "%s" reads %s', (from, name, expected) => {
    const asked: string[] = [];
    assemble(` .include "${name.replace(/\\/g, '\\\\')}"`, {
      fileName: from,
      readFile: (path) => {
        asked.push(path);
        return '';
      },
    });
    expect(asked).toEqual([expected]);
  });
});

describe('robustness', () => {
  it('never throws on garbage and gives every error a line and column inside the source', () => {
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = [
      'lda',
      'jmp',
      '(',
      ')',
      ',',
      'x',
      'y',
      '#',
      '$',
      '%',
      "'",
      '"',
      '*',
      '=',
      ':',
      '@l',
      'lab',
    ];
    pieces.push(
      '.org',
      '.byte',
      '.word',
      '.fill',
      '.align',
      '.include',
      '1',
      '$FFFF',
      '-',
      '<',
      '>',
      '/',
      '0',
    );
    pieces.push(';', '\\', 'a', 'bne', 'asl', '~', '|', '99999999999', '$10000', '%2', '\t');
    for (let i = 0; i < 500; i++) {
      const lines: string[] = [];
      for (let l = 0; l < 3; l++) {
        let line = random(2) ? ' ' : '';
        for (let j = random(8); j > 0; j--)
          line += (pieces[random(pieces.length)] ?? '') + (random(3) ? '' : ' ');
        lines.push(line);
      }
      const result = assemble(lines.join('\n'), { fileName: 'f.asm', readFile: () => ' nop' });
      for (const error of result.errors) {
        const line = error.file === 'f.asm' ? lines[error.line - 1] : ' nop';
        expect(line, formatError(error)).toBeDefined();
        expect(error.column).toBeGreaterThanOrEqual(1);
        expect(error.column).toBeLessThanOrEqual((line ?? '').length + 1);
      }
    }
  });
});

describe('a misspelt mnemonic in column 1', () => {
  it('is reported as an unknown instruction, not as a label', () => {
    expect(errorsOf('ldaa #1')).toEqual(["t.asm:1:1: error: unknown instruction 'ldaa'"]);
    expect(errorsOf('ldaa: #1')).toEqual([
      "t.asm:1:7: error: expected an instruction or directive, found '#'",
    ]);
  });
});
