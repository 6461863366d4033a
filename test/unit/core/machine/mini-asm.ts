import { type AddressingMode, findOpcode } from '../../../../src-main/core/cpu/opcodes.ts';

/**
 * A two-pass assembler just big enough for the hand-written 6502 test programs in these tests.
 * One statement per line: `label:` (alone or before an instruction), `MNE operand`, `.byte n, n`.
 * Operands: #$12, $12, $1234, $12,X, $1234,Y, ($12),Y, ($12,X), ($1234), A, or a label.
 */
export function assemble(origin: number, source: string): Uint8Array {
  const lines = source
    .split('\n')
    .map((line) => line.replace(/;.*/, '').trim())
    .filter((line) => line.length > 0);
  const labels = new Map<string, number>();
  for (const pass of [1, 2]) {
    const out: number[] = [];
    for (const raw of lines) {
      let line = raw;
      const label = /^([A-Za-z_]\w*):\s*(.*)$/.exec(line);
      if (label !== null) {
        if (pass === 1) labels.set(label[1] ?? '', origin + out.length);
        line = label[2] ?? '';
        if (line === '') continue;
      }
      if (line.startsWith('.byte')) {
        for (const item of line.slice(5).split(',')) out.push(value(item.trim(), labels, pass) & 0xff);
        continue;
      }
      const [mnemonic = '', operandText = ''] = line.split(/\s+(.*)/);
      const upper = mnemonic.toUpperCase();
      const pc = origin + out.length;
      const { mode, operand } = parseOperand(upper, operandText.trim(), labels, pass);
      const info = findOpcode(upper, mode);
      if (info === undefined) throw new Error(`no ${upper} with mode ${mode}: "${raw}"`);
      out.push(info.opcode);
      if (mode === 'rel') {
        const offset = operand - (pc + 2);
        if (pass === 2 && (offset < -128 || offset > 127)) throw new Error(`branch out of range: "${raw}"`);
        out.push(offset & 0xff);
      } else if (info.bytes === 2) {
        out.push(operand & 0xff);
      } else if (info.bytes === 3) {
        out.push(operand & 0xff, (operand >> 8) & 0xff);
      }
    }
    if (pass === 2) return Uint8Array.from(out);
  }
  throw new Error('unreachable');
}

const BRANCHES = new Set(['BCC', 'BCS', 'BEQ', 'BNE', 'BMI', 'BPL', 'BVC', 'BVS']);

function value(text: string, labels: Map<string, number>, pass: number): number {
  if (text.startsWith('$')) return parseInt(text.slice(1), 16);
  if (/^\d+$/.test(text)) return parseInt(text, 10);
  const found = labels.get(text);
  if (found === undefined && pass === 2) throw new Error(`unknown label ${text}`);
  return found ?? 0;
}

function parseOperand(
  mnemonic: string,
  text: string,
  labels: Map<string, number>,
  pass: number,
): { mode: AddressingMode; operand: number } {
  if (text === '') return { mode: 'imp', operand: 0 };
  if (text.toUpperCase() === 'A') return { mode: 'acc', operand: 0 };
  if (BRANCHES.has(mnemonic)) return { mode: 'rel', operand: value(text, labels, pass) };
  if (text.startsWith('#')) return { mode: 'imm', operand: value(text.slice(1), labels, pass) };
  let match = /^\((.+)\),Y$/i.exec(text);
  if (match !== null) return { mode: 'izy', operand: value(match[1] ?? '', labels, pass) };
  match = /^\((.+),X\)$/i.exec(text);
  if (match !== null) return { mode: 'izx', operand: value(match[1] ?? '', labels, pass) };
  match = /^\((.+)\)$/.exec(text);
  if (match !== null) return { mode: 'ind', operand: value(match[1] ?? '', labels, pass) };
  match = /^(.+),([XY])$/i.exec(text);
  const base = match !== null ? (match[1] ?? '') : text;
  const index = match !== null ? (match[2] ?? '').toUpperCase() : '';
  const operand = value(base, labels, pass);
  const zeroPage = /^\$[0-9A-Fa-f]{1,2}$/.test(base);
  if (index === 'X') return { mode: zeroPage ? 'zpx' : 'abx', operand };
  if (index === 'Y') return { mode: zeroPage ? 'zpy' : 'aby', operand };
  return { mode: zeroPage ? 'zp' : 'abs', operand };
}
