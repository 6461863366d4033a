import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, formatError } from '../../src-main/core/cpu/assembler/assembler.ts';
import type { AssemblyResult } from '../../src-main/core/cpu/assembler/assembler.ts';
import { Cpu6502 } from '../../src-main/core/cpu/cpu6502.ts';
import { OPCODES } from '../../src-main/core/cpu/opcodes.ts';

const PROGRAMS = join(import.meta.dirname, 'programs');

function assembleProgram(name: string): AssemblyResult {
  const read = (path: string): string | undefined => {
    try {
      return readFileSync(join(PROGRAMS, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  const result = assemble(read(name) ?? '', { fileName: name, readFile: read });
  expect(result.errors.map(formatError)).toEqual([]);
  return result;
}

function symbolOf(program: AssemblyResult, name: string): number {
  const value = program.symbols.get(name);
  if (value === undefined) throw new Error(`the program defines no '${name}'`);
  return value;
}

/** A bare 64K RAM machine holding the program, with a record of every opcode fetched. */
class RamMachine {
  readonly memory = new Uint8Array(0x10000);
  readonly cpu = new Cpu6502({
    read: (address) => this.memory[address] ?? 0,
    write: (address, value) => {
      this.memory[address] = value;
    },
  });
  readonly executed = new Set<number>();

  constructor(program: AssemblyResult) {
    for (const segment of program.segments) this.memory.set(segment.bytes, segment.address);
  }

  /** Runs from `start` until an instruction jumps to itself (a trap); returns the trap address. */
  runToTrap(start: number, maxInstructions = 10_000_000, track = false): number {
    const cpu = this.cpu;
    cpu.pc = start;
    for (let i = 0; i < maxInstructions; i++) {
      const pc = cpu.pc;
      if (track) this.executed.add(this.memory[pc] ?? 0);
      cpu.step();
      if (cpu.pc === pc) return pc;
      if (cpu.jammed) throw new Error(`CPU jammed at $${pc.toString(16)}`);
    }
    throw new Error(`no trap reached within ${maxInstructions} instructions (PC $${cpu.pc.toString(16)})`);
  }
}

/** Runs a self-checking program to its trap; on `fail` names the check (its source line) and the registers. */
function runSelfCheck(name: string): RamMachine {
  const program = assembleProgram(name);
  const machine = new RamMachine(program);
  const trap = machine.runToTrap(symbolOf(program, 'start'), 1_000_000, true);
  if (trap !== symbolOf(program, 'pass')) {
    const failed = machine.memory[symbolOf(program, 'testnum')] ?? 0;
    const checks = program.listing.filter((line) => /\bjsr\s+(check|load50|load60)\b/.test(line.source));
    const where = checks[failed - 1];
    const got = [...machine.memory.slice(6, 10)].map((v) => v.toString(16).padStart(2, '0'));
    throw new Error(
      `${name} trapped at $${trap.toString(16)} in check ${failed}` +
        (where ? ` (${where.file}:${where.line})` : '') +
        `; A X Y P were ${got.join(' ')}`,
    );
  }
  return machine;
}

describe('whole-program test: every documented instruction and addressing mode', () => {
  it('runs instructions.asm to its pass trap, executing every documented opcode', () => {
    const machine = runSelfCheck('instructions.asm');
    const missing = OPCODES.filter(
      (info) => info && !info.undocumented && !machine.executed.has(info.opcode),
    ).map((info) => `${info?.mnemonic} ${info?.mode}`);
    expect(missing).toEqual([]);
  });
});

describe('whole-program test: stable undocumented opcodes', () => {
  it('runs undocumented.asm to its pass trap, covering every undocumented mnemonic but JAM', () => {
    const machine = runSelfCheck('undocumented.asm');
    const mnemonics = new Set(OPCODES.filter((info) => info?.undocumented).map((info) => info?.mnemonic));
    mnemonics.delete('JAM');
    const executed = new Set(
      [...machine.executed].map((opcode) => OPCODES[opcode]).filter((info) => info?.undocumented),
    );
    const covered = new Set([...executed].map((info) => info?.mnemonic));
    expect([...mnemonics].filter((m) => !covered.has(m))).toEqual([]);
  });
});

const N = 0x80;
const V = 0x40;
const Z = 0x02;
const C = 0x01;

/**
 * NMOS 6502 decimal-mode ADC and SBC as Bruce Clark describes them ("Decimal Mode", 6502.org tutorial,
 * appendix A): ADC's N and V come from the intermediate result after the low-nibble adjustment, Z from the
 * binary sum; SBC's flags are those of the binary subtraction and only the accumulator is adjusted.
 */
function decimalAdc(a: number, m: number, carry: number): { a: number; flags: number } {
  let lo = (a & 0x0f) + (m & 0x0f) + carry;
  if (lo >= 0x0a) lo = ((lo + 0x06) & 0x0f) + 0x10;
  let sum = (a & 0xf0) + (m & 0xf0) + lo;
  const signed = (a & 0xf0) - (a & 0x80 ? 0x100 : 0) + ((m & 0xf0) - (m & 0x80 ? 0x100 : 0)) + lo;
  const nv = (sum & 0x80 ? N : 0) | (signed < -128 || signed > 127 ? V : 0);
  if (sum >= 0xa0) sum += 0x60;
  const binary = (a + m + carry) & 0xff;
  return { a: sum & 0xff, flags: nv | (binary === 0 ? Z : 0) | (sum >= 0x100 ? C : 0) };
}

function decimalSbc(a: number, m: number, carry: number): { a: number; flags: number } {
  let lo = (a & 0x0f) - (m & 0x0f) + carry - 1;
  if (lo < 0) lo = ((lo - 0x06) & 0x0f) - 0x10;
  let diff = (a & 0xf0) - (m & 0xf0) + lo;
  if (diff < 0) diff -= 0x60;
  const binary = a - m - (1 - carry);
  const result = binary & 0xff;
  const overflow = ((a ^ m) & (a ^ result) & 0x80) !== 0;
  const flags = (result & 0x80 ? N : 0) | (overflow ? V : 0) | (result === 0 ? Z : 0) | (binary >= 0 ? C : 0);
  return { a: diff & 0xff, flags };
}

const VECTORS = join(import.meta.dirname, '../../../shared/testdata/6502');
const haveVectors = existsSync(join(VECTORS, '69.json')) && existsSync(join(VECTORS, 'e9.json'));

interface Vector {
  name: string;
  initial: { a: number; p: number; ram: [number, number][] };
  final: { a: number; p: number };
}

describe.skipIf(!haveVectors)('decimal reference model (needs ../shared/testdata/6502, absent here)', () => {
  it.each([
    ['69', decimalAdc],
    ['e9', decimalSbc],
  ] as const)('agrees with every decimal-mode case in the %s.json single-step vectors', (opcode, model) => {
    const vectors = JSON.parse(readFileSync(join(VECTORS, `${opcode}.json`), 'utf8')) as Vector[];
    const decimal = vectors.filter((v) => (v.initial.p & 0x08) !== 0);
    expect(decimal.length).toBeGreaterThan(100);
    for (const vector of decimal) {
      const operand = vector.initial.ram[1]?.[1] ?? 0;
      const expected = model(vector.initial.a, operand, vector.initial.p & C);
      expect({ name: vector.name, a: expected.a, flags: expected.flags }).toEqual({
        name: vector.name,
        a: vector.final.a,
        flags: vector.final.p & (N | V | Z | C),
      });
    }
  });
});

describe('whole-program test: decimal mode', () => {
  it('matches the reference for ADC and SBC over every accumulator, operand and carry', () => {
    const program = assembleProgram('decimal.asm');
    const machine = new RamMachine(program);
    const start = symbolOf(program, 'start');
    const done = symbolOf(program, 'done');
    const tables = [
      ['adc_c0', decimalAdc, 0],
      ['adc_c1', decimalAdc, 1],
      ['sbc_c0', decimalSbc, 0],
      ['sbc_c1', decimalSbc, 1],
    ] as const;
    const mismatches: string[] = [];
    for (let a = 0; a < 256; a++) {
      machine.memory[symbolOf(program, 'operand_a')] = a;
      expect(machine.runToTrap(start, 100_000)).toBe(done);
      for (const [name, model, carry] of tables) {
        const results = symbolOf(program, `${name}_result`);
        const flags = symbolOf(program, `${name}_flags`);
        for (let m = 0; m < 256; m++) {
          const want = model(a, m, carry);
          const gotA = machine.memory[results + m] ?? -1;
          const gotP = machine.memory[flags + m] ?? -1;
          if (gotA !== want.a || (gotP & (N | V | Z | C)) !== want.flags || (gotP & 0x08) === 0) {
            if (mismatches.length < 10) {
              mismatches.push(
                `${name.toUpperCase()} A=$${hex(a)} M=$${hex(m)}: got A=$${hex(gotA)} P=$${hex(gotP)}, ` +
                  `want A=$${hex(want.a)} NVZC=$${hex(want.flags)}`,
              );
            }
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

function hex(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}
