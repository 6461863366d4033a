import { describe, expect, it } from 'vitest';
import {
  disassemble,
  disassembleRange,
  formatInstruction,
} from '../../../../src-main/core/cpu/disassembler.ts';
import { OPCODES } from '../../../../src-main/core/cpu/opcodes.ts';

function memoryWith(address: number, bytes: readonly number[]): (address: number) => number {
  const memory = new Uint8Array(0x10000);
  bytes.forEach((byte, i) => {
    memory[(address + i) & 0xffff] = byte;
  });
  return (at) => memory[at] as number;
}

function textOf(bytes: readonly number[], address = 0x1000): string {
  return disassemble(memoryWith(address, bytes), address).text;
}

describe('disassemble', () => {
  it.each([
    [[0xea], 'NOP'],
    [[0x0a], 'ASL A'],
    [[0xa9, 0x0f], 'LDA #$0F'],
    [[0xa5, 0x12], 'LDA $12'],
    [[0xb5, 0x12], 'LDA $12,X'],
    [[0xb6, 0x12], 'LDX $12,Y'],
    [[0xad, 0x34, 0x12], 'LDA $1234'],
    [[0xbd, 0x34, 0x12], 'LDA $1234,X'],
    [[0xb9, 0x34, 0x12], 'LDA $1234,Y'],
    [[0x6c, 0xff, 0x02], 'JMP ($02FF)'],
    [[0xa1, 0x20], 'LDA ($20,X)'],
    [[0xb1, 0x20], 'LDA ($20),Y'],
    [[0xad, 0x12, 0x00], 'LDA $0012'],
    [[0xa7, 0x44], 'LAX $44'],
    [[0xeb, 0x01], 'SBC #$01'],
    [[0x02], 'JAM'],
  ])('%j is %s', (bytes, text) => {
    expect(textOf(bytes)).toBe(text);
  });

  it('resolves branch targets forwards, backwards and across $FFFF', () => {
    expect(disassemble(memoryWith(0x1000, [0xd0, 0x05]), 0x1000)).toMatchObject({
      text: 'BNE $1007',
      target: 0x1007,
    });
    expect(textOf([0xf0, 0xfe])).toBe('BEQ $1000');
    expect(disassemble(memoryWith(0xfffe, [0x10, 0x10]), 0xfffe).text).toBe('BPL $0010');
  });

  it('reports JMP and JSR targets and the table entry', () => {
    const line = disassemble(memoryWith(0x1000, [0x20, 0x00, 0xfe]), 0x1000);
    expect(line.target).toBe(0xfe00);
    expect(line.info).toBe(OPCODES[0x20]);
    expect(line.bytes).toBe(3);
    expect(line.raw).toEqual([0x20, 0x00, 0xfe]);
  });

  it('shows an opcode the table leaves out as a 1-byte .BYTE', () => {
    const line = disassemble(memoryWith(0x1000, [0x8b, 0x55]), 0x1000);
    expect(line).toEqual({ address: 0x1000, text: '.BYTE $8B', bytes: 1, raw: [0x8b] });
  });

  it('takes every length from the table for all 256 opcodes and reads operands wrapping past $FFFF', () => {
    for (let opcode = 0; opcode < 256; opcode++) {
      const line = disassemble(memoryWith(0xffff, [opcode, 0x34, 0x12]), 0xffff);
      expect(line.bytes).toBe(OPCODES[opcode]?.bytes ?? 1);
      expect(line.raw).toEqual([opcode, 0x34, 0x12].slice(0, line.bytes));
    }
  });

  it('only peeks at the instruction bytes', () => {
    const peeked: number[] = [];
    const memory = memoryWith(0x2000, [0x8d, 0x00, 0xd0]);
    disassemble((address) => {
      peeked.push(address);
      return memory(address);
    }, 0x2000);
    expect(peeked).toEqual([0x2000, 0x2001, 0x2002]);
  });
});

describe('disassembleRange and formatInstruction', () => {
  it('walks instruction by instruction and formats listing lines', () => {
    const peek = memoryWith(0x0400, [0xa2, 0x00, 0xbd, 0x00, 0x02, 0xe8, 0xd0, 0xfa, 0x60]);
    const lines = disassembleRange(peek, 0x0400, 5);
    expect(lines.map(formatInstruction)).toEqual([
      '0400  A2 00     LDX #$00',
      '0402  BD 00 02  LDA $0200,X',
      '0405  E8        INX',
      '0406  D0 FA     BNE $0402',
      '0408  60        RTS',
    ]);
  });

  it('rejects a bad count', () => {
    expect(() => disassembleRange(() => 0, 0, -1)).toThrow(/count must be a non-negative integer, got -1/);
  });
});
