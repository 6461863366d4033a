/**
 * A 6502 disassembler driven by the opcode table. It only calls the side-effect-free peek it is given, so
 * it can look at I/O pages without disturbing the devices there.
 */

import { OPCODES, type OpcodeInfo } from './opcodes.ts';

export type Peek = (address: number) => number;

export interface DisassembledInstruction {
  readonly address: number;
  /** Assembler syntax, e.g. 'LDA ($12),Y' or 'BNE $0417'; '.BYTE $8B' for an opcode the table leaves out. */
  readonly text: string;
  /** Length in bytes (1 for an opcode the table leaves out). */
  readonly bytes: number;
  /** The instruction bytes as read through peek. */
  readonly raw: readonly number[];
  readonly info?: OpcodeInfo;
  /** The destination of a branch, JMP abs or JSR. */
  readonly target?: number;
}

function hex2(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}

export function disassemble(peek: Peek, address: number): DisassembledInstruction {
  const start = address & 0xffff;
  const opcode = peek(start) & 0xff;
  const info = OPCODES[opcode];
  if (info === undefined) {
    return { address: start, text: `.BYTE $${hex2(opcode)}`, bytes: 1, raw: [opcode] };
  }
  const raw = [opcode];
  for (let i = 1; i < info.bytes; i++) raw.push(peek((start + i) & 0xffff) & 0xff);
  const byte = raw[1] ?? 0;
  const word = byte | ((raw[2] ?? 0) << 8);
  let operand: string;
  let target: number | undefined;
  switch (info.mode) {
    case 'imp':
      operand = '';
      break;
    case 'acc':
      operand = 'A';
      break;
    case 'imm':
      operand = `#$${hex2(byte)}`;
      break;
    case 'zp':
      operand = `$${hex2(byte)}`;
      break;
    case 'zpx':
      operand = `$${hex2(byte)},X`;
      break;
    case 'zpy':
      operand = `$${hex2(byte)},Y`;
      break;
    case 'abs':
      operand = `$${hex4(word)}`;
      if (info.mnemonic === 'JMP' || info.mnemonic === 'JSR') target = word;
      break;
    case 'abx':
      operand = `$${hex4(word)},X`;
      break;
    case 'aby':
      operand = `$${hex4(word)},Y`;
      break;
    case 'ind':
      operand = `($${hex4(word)})`;
      break;
    case 'izx':
      operand = `($${hex2(byte)},X)`;
      break;
    case 'izy':
      operand = `($${hex2(byte)}),Y`;
      break;
    case 'rel':
      target = (start + 2 + ((byte ^ 0x80) - 0x80)) & 0xffff;
      operand = `$${hex4(target)}`;
      break;
  }
  const text = operand === '' ? info.mnemonic : `${info.mnemonic} ${operand}`;
  return target === undefined
    ? { address: start, text, bytes: info.bytes, raw, info }
    : { address: start, text, bytes: info.bytes, raw, info, target };
}

/** `count` consecutive instructions from `address` (wrapping at $FFFF). */
export function disassembleRange(peek: Peek, address: number, count: number): DisassembledInstruction[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`disassembleRange: count must be a non-negative integer, got ${count}`);
  }
  const lines: DisassembledInstruction[] = [];
  let next = address & 0xffff;
  for (let i = 0; i < count; i++) {
    const line = disassemble(peek, next);
    lines.push(line);
    next = (next + line.bytes) & 0xffff;
  }
  return lines;
}

/** A listing line: address, up to three bytes in hex, then the instruction, e.g. '0402  BD 00 02  LDA $0200,X'. */
export function formatInstruction(line: DisassembledInstruction): string {
  const bytes = line.raw.map(hex2).join(' ').padEnd(8);
  return `${hex4(line.address)}  ${bytes}  ${line.text}`;
}
