import { describe, expect, it } from 'vitest';
import {
  OPCODES,
  OPERAND_BYTES,
  findOpcode,
  type OpcodeInfo,
} from '../../../../src-main/core/cpu/opcodes.ts';

const defined = OPCODES.filter((info): info is OpcodeInfo => info !== undefined);
const documented = defined.filter((info) => !info.undocumented);

describe('OPCODES', () => {
  it('has 256 slots, each entry at its own opcode', () => {
    expect(OPCODES).toHaveLength(256);
    OPCODES.forEach((info, opcode) => {
      if (info !== undefined) expect(info.opcode).toBe(opcode);
    });
  });

  it('has the 151 documented opcodes with 56 mnemonics, one opcode per mnemonic and mode', () => {
    expect(documented).toHaveLength(151);
    expect(new Set(documented.map((info) => info.mnemonic)).size).toBe(56);
    const keys = documented.map((info) => `${info.mnemonic} ${info.mode}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names the undocumented opcodes with the common mnemonics only', () => {
    const names = new Set(defined.filter((info) => info.undocumented).map((info) => info.mnemonic));
    expect([...names].sort()).toEqual(
      [
        'ALR',
        'ANC',
        'ARR',
        'DCP',
        'ISC',
        'JAM',
        'LAX',
        'NOP',
        'RLA',
        'RRA',
        'SAX',
        'SBC',
        'SBX',
        'SLO',
        'SRE',
      ].sort(),
    );
  });

  it('derives every length from the addressing mode', () => {
    for (const info of defined) expect(info.bytes).toBe(1 + OPERAND_BYTES[info.mode]);
  });

  it('flags the page-cross penalty only on indexed reads', () => {
    const stores = new Set(['STA', 'STX', 'STY', 'SAX', 'SLO', 'RLA', 'SRE', 'RRA', 'DCP', 'ISC']);
    const readModifyWrite = new Set(['ASL', 'LSR', 'ROL', 'ROR', 'INC', 'DEC']);
    for (const info of defined) {
      const indexed = info.mode === 'abx' || info.mode === 'aby' || info.mode === 'izy';
      const reads = !stores.has(info.mnemonic) && !readModifyWrite.has(info.mnemonic);
      expect(info.pageCrossPenalty, `$${info.opcode.toString(16)} ${info.mnemonic}`).toBe(indexed && reads);
    }
  });

  it('spot-checks rows against the MOS datasheet', () => {
    expect(OPCODES[0xa9]).toEqual({
      opcode: 0xa9,
      mnemonic: 'LDA',
      mode: 'imm',
      bytes: 2,
      cycles: 2,
      pageCrossPenalty: false,
      undocumented: false,
    });
    expect(OPCODES[0x6c]).toMatchObject({ mnemonic: 'JMP', mode: 'ind', bytes: 3, cycles: 5 });
    expect(OPCODES[0x00]).toMatchObject({ mnemonic: 'BRK', mode: 'imp', bytes: 1, cycles: 7 });
    expect(OPCODES[0x91]).toMatchObject({ mnemonic: 'STA', mode: 'izy', cycles: 6, pageCrossPenalty: false });
    expect(OPCODES[0xb1]).toMatchObject({ mnemonic: 'LDA', mode: 'izy', cycles: 5, pageCrossPenalty: true });
    expect(OPCODES[0x1e]).toMatchObject({ mnemonic: 'ASL', mode: 'abx', cycles: 7 });
    expect(OPCODES[0xb6]).toMatchObject({ mnemonic: 'LDX', mode: 'zpy', cycles: 4 });
    expect(OPCODES[0xd0]).toMatchObject({ mnemonic: 'BNE', mode: 'rel', bytes: 2, cycles: 2 });
    expect(OPCODES[0xe3]).toMatchObject({ mnemonic: 'ISC', mode: 'izx', cycles: 8, undocumented: true });
  });

  it('is frozen', () => {
    expect(Object.isFrozen(OPCODES)).toBe(true);
    expect(Object.isFrozen(OPCODES[0xa9])).toBe(true);
  });
});

describe('findOpcode', () => {
  it('finds documented opcodes, case-insensitively', () => {
    expect(findOpcode('LDA', 'izy')?.opcode).toBe(0xb1);
    expect(findOpcode('jmp', 'ind')?.opcode).toBe(0x6c);
    expect(findOpcode('Asl', 'acc')?.opcode).toBe(0x0a);
  });

  it('prefers the documented opcode over an undocumented duplicate', () => {
    expect(findOpcode('SBC', 'imm')?.opcode).toBe(0xe9);
    expect(findOpcode('NOP', 'imp')?.opcode).toBe(0xea);
  });

  it('returns the lowest undocumented opcode when there is no documented one', () => {
    expect(findOpcode('NOP', 'imm')?.opcode).toBe(0x80);
    expect(findOpcode('NOP', 'zpx')?.opcode).toBe(0x14);
    expect(findOpcode('ANC', 'imm')?.opcode).toBe(0x0b);
    expect(findOpcode('JAM', 'imp')?.opcode).toBe(0x02);
  });

  it('returns undefined for a mode the instruction does not have or an unknown mnemonic', () => {
    expect(findOpcode('STA', 'imm')).toBeUndefined();
    expect(findOpcode('LDX', 'zpx')).toBeUndefined();
    expect(findOpcode('XYZ', 'imp')).toBeUndefined();
  });
});
