import { describe, expect, it } from 'vitest';
import {
  Cpu6502,
  FLAG_C,
  FLAG_D,
  FLAG_I,
  FLAG_N,
  FLAG_V,
  FLAG_Z,
  type Cpu6502State,
} from '../../../../src-main/core/cpu/cpu6502.ts';
import { OPCODES, findOpcode, type OpcodeInfo } from '../../../../src-main/core/cpu/opcodes.ts';
import { TracingBus } from './tracing-bus.ts';

const ORIGIN = 0x0200;

interface Registers {
  a?: number;
  x?: number;
  y?: number;
  s?: number;
  p?: number;
}

function setup(program: readonly number[], registers: Registers = {}, origin = ORIGIN) {
  const bus = new TracingBus();
  bus.load(origin, program);
  const cpu = new Cpu6502(bus);
  cpu.pc = origin;
  cpu.a = registers.a ?? 0;
  cpu.x = registers.x ?? 0;
  cpu.y = registers.y ?? 0;
  cpu.s = registers.s ?? 0xff;
  cpu.p = registers.p ?? 0;
  return { cpu, bus };
}

/** xorshift32: a small seeded generator so the randomised tests are repeatable. */
function makeRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state & 0xff;
  };
}

const CONTROL_FLOW = new Set(['BRK', 'JSR', 'RTS', 'RTI', 'JMP', 'JAM']);
const definedOpcodes = OPCODES.filter((info): info is OpcodeInfo => info !== undefined);

/**
 * Lays out an instruction whose operand resolves to $1240 (+index): zero page operands are $40, absolute ones
 * $1240, and the pointer at $40/$41 holds $1240.
 */
function setupForMode(info: OpcodeInfo, index: number) {
  const operand = info.mode === 'zp' || info.mode === 'zpx' || info.mode === 'zpy' ? [0x40] : [0x40, 0x12];
  const bytes = [info.opcode, ...operand.slice(0, info.bytes - 1)];
  const ctx = setup(bytes, { x: index, y: index, s: 0xf0 });
  ctx.bus.load(0x40, [0x40, 0x12]);
  return ctx;
}

describe('Cpu6502 against the opcode table (all opcodes)', () => {
  const plain = definedOpcodes.filter((info) => !CONTROL_FLOW.has(info.mnemonic) && info.mode !== 'rel');

  it.each(plain.map((info) => [`$${info.opcode.toString(16)} ${info.mnemonic} ${info.mode}`, info] as const))(
    '%s: length, base cycles and page-cross penalty match the table',
    (_name, info) => {
      const straight = setupForMode(info, 0);
      const used = straight.cpu.step();
      expect(used).toBe(info.cycles);
      expect(straight.bus.log).toHaveLength(used);
      expect(straight.cpu.pc).toBe(ORIGIN + info.bytes);

      // X = Y = $F0 moves $1240 to $1330 (a page cross) and keeps zero-page indexing inside page 0.
      const crossing = setupForMode(info, 0xf0);
      const indexed = info.mode === 'abx' || info.mode === 'aby' || info.mode === 'izy';
      expect(crossing.cpu.step()).toBe(info.cycles + (indexed && info.pageCrossPenalty ? 1 : 0));
      expect(crossing.cpu.pc).toBe(ORIGIN + info.bytes);
    },
  );

  const branchTaken: Record<string, [flag: number, whenSet: boolean]> = {
    BPL: [FLAG_N, false],
    BMI: [FLAG_N, true],
    BVC: [FLAG_V, false],
    BVS: [FLAG_V, true],
    BCC: [FLAG_C, false],
    BCS: [FLAG_C, true],
    BNE: [FLAG_Z, false],
    BEQ: [FLAG_Z, true],
  };

  it.each(definedOpcodes.filter((info) => info.mode === 'rel').map((info) => [info.mnemonic, info] as const))(
    '%s: 2 cycles not taken, 3 taken, 4 taken across a page',
    (mnemonic, info) => {
      const [flag, whenSet] = branchTaken[mnemonic] ?? [0, false];
      const takenP = whenSet ? flag : 0;
      const notTakenP = whenSet ? 0 : flag;

      const notTaken = setup([info.opcode, 0x10], { p: notTakenP });
      expect(notTaken.cpu.step()).toBe(2);
      expect(notTaken.cpu.pc).toBe(ORIGIN + 2);

      const taken = setup([info.opcode, 0x10], { p: takenP });
      expect(taken.cpu.step()).toBe(3);
      expect(taken.cpu.pc).toBe(ORIGIN + 0x12);

      const backwards = setup([info.opcode, 0xfc], { p: takenP });
      expect(backwards.cpu.step()).toBe(4);
      expect(backwards.cpu.pc).toBe(ORIGIN - 2);
    },
  );

  it('control-flow instructions take their table cycles', () => {
    const cases: [number[], number][] = [
      [[0x00], 0x00],
      [[0x20, 0x00, 0x30], 0x20],
      [[0x60], 0x60],
      [[0x40], 0x40],
      [[0x4c, 0x00, 0x30], 0x4c],
      [[0x6c, 0x40, 0x12], 0x6c],
    ];
    for (const [program, opcode] of cases) {
      const { cpu } = setup(program, { s: 0xf0 });
      expect(cpu.step(), `$${opcode.toString(16)}`).toBe(OPCODES[opcode]?.cycles);
    }
  });

  it('defines 248 opcodes; the eight unstable ones are left out', () => {
    expect(definedOpcodes).toHaveLength(248);
    const missing = OPCODES.flatMap((info, opcode) => (info === undefined ? [opcode] : []));
    expect(missing).toEqual([0x8b, 0x93, 0x9b, 0x9c, 0x9e, 0x9f, 0xab, 0xbb]);
  });
});

describe('Cpu6502 bus traces', () => {
  it('LDA abs,X across a page reads the unfixed address first', () => {
    const { cpu, bus } = setup([0xbd, 0xf0, 0x12], { x: 0x20 });
    bus.memory[0x1310] = 0x99;
    cpu.step();
    expect(bus.log).toEqual([
      [0x0200, 0xbd, 'read'],
      [0x0201, 0xf0, 'read'],
      [0x0202, 0x12, 'read'],
      [0x1210, 0x00, 'read'],
      [0x1310, 0x99, 'read'],
    ]);
    expect(cpu.a).toBe(0x99);
  });

  it('LDA abs,X within a page makes no extra read', () => {
    const { cpu, bus } = setup([0xbd, 0x00, 0x12], { x: 0x20 });
    cpu.step();
    expect(bus.log.map(([address]) => address)).toEqual([0x0200, 0x0201, 0x0202, 0x1220]);
  });

  it('STA (zp),Y always reads the unfixed address before writing', () => {
    const { cpu, bus } = setup([0x91, 0x40], { a: 0x5a, y: 0x04 });
    bus.load(0x40, [0x00, 0x30]);
    cpu.step();
    expect(bus.log).toEqual([
      [0x0200, 0x91, 'read'],
      [0x0201, 0x40, 'read'],
      [0x0040, 0x00, 'read'],
      [0x0041, 0x30, 'read'],
      [0x3004, 0x00, 'read'],
      [0x3004, 0x5a, 'write'],
    ]);
  });

  it('INC abs writes the old value back before the new one', () => {
    const { cpu, bus } = setup([0xee, 0x34, 0x12]);
    bus.memory[0x1234] = 0x7f;
    cpu.step();
    expect(bus.log).toEqual([
      [0x0200, 0xee, 'read'],
      [0x0201, 0x34, 'read'],
      [0x0202, 0x12, 'read'],
      [0x1234, 0x7f, 'read'],
      [0x1234, 0x7f, 'write'],
      [0x1234, 0x80, 'write'],
    ]);
    expect(cpu.p & (FLAG_N | FLAG_Z)).toBe(FLAG_N);
  });

  it('ASL A and other one-byte instructions read the next byte and discard it', () => {
    const { cpu, bus } = setup([0x0a, 0xea], { a: 0x81 });
    cpu.step();
    expect(bus.log).toEqual([
      [0x0200, 0x0a, 'read'],
      [0x0201, 0xea, 'read'],
    ]);
    expect(cpu.a).toBe(0x02);
    expect(cpu.p & FLAG_C).toBe(FLAG_C);
    expect(cpu.pc).toBe(0x0201);
  });

  it('JSR pushes the address of its last byte; RTS pulls it and adds one', () => {
    const { cpu, bus } = setup([0x20, 0x00, 0x30], { s: 0xfd });
    bus.memory[0x3000] = 0x60;
    cpu.step();
    expect(bus.log).toEqual([
      [0x0200, 0x20, 'read'],
      [0x0201, 0x00, 'read'],
      [0x01fd, 0x00, 'read'],
      [0x01fd, 0x02, 'write'],
      [0x01fc, 0x02, 'write'],
      [0x0202, 0x30, 'read'],
    ]);
    expect(cpu.pc).toBe(0x3000);
    expect(cpu.s).toBe(0xfb);

    bus.log = [];
    cpu.step();
    expect(bus.log).toEqual([
      [0x3000, 0x60, 'read'],
      [0x3001, 0x00, 'read'],
      [0x01fb, 0x00, 'read'],
      [0x01fc, 0x02, 'read'],
      [0x01fd, 0x02, 'read'],
      [0x0202, 0x30, 'read'],
    ]);
    expect(cpu.pc).toBe(0x0203);
    expect(cpu.s).toBe(0xfd);
  });

  it('a taken branch across a page reads the next opcode and then the unfixed address', () => {
    const { cpu, bus } = setup([0xd0, 0x7f], {}, 0x12f0);
    cpu.step();
    expect(bus.log.map(([address]) => address)).toEqual([0x12f0, 0x12f1, 0x12f2, 0x1271]);
    expect(cpu.pc).toBe(0x1371);
  });

  it('PHA and PLA use page 1 and wrap the stack pointer', () => {
    const { cpu, bus } = setup([0x48, 0xa9, 0x00, 0x68], { a: 0xc3, s: 0x00 });
    cpu.step();
    expect(bus.memory[0x0100]).toBe(0xc3);
    expect(cpu.s).toBe(0xff);
    cpu.step();
    expect(cpu.a).toBe(0);
    bus.log = [];
    expect(cpu.step()).toBe(4);
    expect(bus.log.map(([address]) => address)).toEqual([0x0203, 0x0204, 0x01ff, 0x0100]);
    expect(cpu.a).toBe(0xc3);
    expect(cpu.p & FLAG_N).toBe(FLAG_N);
    expect(cpu.s).toBe(0x00);
  });

  it('JMP ($xxFF) takes the high byte from the start of the same page', () => {
    const { cpu, bus } = setup([0x6c, 0xff, 0x30]);
    bus.memory[0x30ff] = 0x34;
    bus.memory[0x3000] = 0x12;
    bus.memory[0x3100] = 0x99;
    cpu.step();
    expect(cpu.pc).toBe(0x1234);
  });
});

describe('Cpu6502 instructions', () => {
  function adc(a: number, value: number, p: number) {
    const { cpu } = setup([0x69, value], { a, p });
    cpu.step();
    return { a: cpu.a, p: cpu.p };
  }

  function sbc(a: number, value: number, p: number) {
    const { cpu } = setup([0xe9, value], { a, p });
    cpu.step();
    return { a: cpu.a, p: cpu.p };
  }

  it('ADC binary sets carry and signed overflow', () => {
    expect(adc(0x50, 0x50, 0)).toEqual({ a: 0xa0, p: 0x20 | FLAG_N | FLAG_V });
    expect(adc(0xff, 0x01, 0)).toEqual({ a: 0x00, p: 0x20 | FLAG_Z | FLAG_C });
    expect(adc(0x80, 0xff, FLAG_C)).toEqual({ a: 0x80, p: 0x20 | FLAG_N | FLAG_C });
  });

  it('ADC decimal: BCD sum and carry, Z from the binary sum, N from the unadjusted high digit', () => {
    expect(adc(0x19, 0x28, FLAG_D)).toEqual({ a: 0x47, p: 0x20 | FLAG_D });
    // $58 + $46 + 1: the low digit fixes to $15, the unadjusted sum $A5 gives N=1 and V=1 before $60 is added.
    expect(adc(0x58, 0x46, FLAG_D | FLAG_C)).toEqual({
      a: 0x05,
      p: 0x20 | FLAG_D | FLAG_C | FLAG_N | FLAG_V,
    });
    // README example: $99 + $01 gives A=$00, C=1, Z=0 (binary $9A) and N=1.
    expect(adc(0x99, 0x01, FLAG_D)).toEqual({ a: 0x00, p: 0x20 | FLAG_D | FLAG_C | FLAG_N });
  });

  it('SBC binary and decimal; decimal flags come from the binary subtraction', () => {
    expect(sbc(0x50, 0xb0, FLAG_C)).toEqual({ a: 0xa0, p: 0x20 | FLAG_N | FLAG_V });
    expect(sbc(0x00, 0x01, FLAG_C)).toEqual({ a: 0xff, p: 0x20 | FLAG_N });
    expect(sbc(0x46, 0x12, FLAG_D | FLAG_C)).toEqual({ a: 0x34, p: 0x20 | FLAG_D | FLAG_C });
    expect(sbc(0x40, 0x13, FLAG_D | FLAG_C)).toEqual({ a: 0x27, p: 0x20 | FLAG_D | FLAG_C });
    expect(sbc(0x00, 0x01, FLAG_D | FLAG_C)).toEqual({ a: 0x99, p: 0x20 | FLAG_D | FLAG_N });
  });

  it('CMP, CPX and CPY set N, Z and C like a subtraction without touching the register', () => {
    const { cpu } = setup([0xc9, 0x40, 0xe0, 0x41, 0xc0, 0x10], { a: 0x40, x: 0x40, y: 0x20 });
    cpu.step();
    expect(cpu.p & (FLAG_N | FLAG_Z | FLAG_C)).toBe(FLAG_Z | FLAG_C);
    cpu.step();
    expect(cpu.p & (FLAG_N | FLAG_Z | FLAG_C)).toBe(FLAG_N);
    cpu.step();
    expect(cpu.p & (FLAG_N | FLAG_Z | FLAG_C)).toBe(FLAG_C);
    expect([cpu.a, cpu.x, cpu.y]).toEqual([0x40, 0x40, 0x20]);
  });

  it('BIT copies bits 7 and 6 of memory to N and V and sets Z from A AND memory', () => {
    const { cpu, bus } = setup([0x24, 0x40], { a: 0x01 });
    bus.memory[0x40] = 0xc0;
    cpu.step();
    expect(cpu.p).toBe(0x20 | FLAG_N | FLAG_V | FLAG_Z);
  });

  it('PHP pushes B and bit 5 set; PLP ignores them; p always reads bit 5 set and B clear', () => {
    const { cpu, bus } = setup([0x08, 0x28], { p: 0xff });
    expect(cpu.p).toBe(0xef);
    cpu.step();
    expect(bus.memory[0x01ff]).toBe(0xff);
    bus.memory[0x01ff] = 0x10;
    cpu.step();
    expect(cpu.p).toBe(0x20);
  });

  it('TXS sets no flags; TSX does', () => {
    const { cpu } = setup([0x9a, 0xba], { x: 0x00, p: 0 });
    cpu.step();
    expect(cpu.s).toBe(0);
    expect(cpu.p).toBe(0x20);
    cpu.step();
    expect(cpu.p).toBe(0x20 | FLAG_Z);
  });

  it('runs a whole program: multiply 13 by 11 by shift and add', () => {
    // prettier-ignore
    const program = [
      0xa9, 0x00,       // LDA #0
      0xa2, 0x08,       // LDX #8
      0x46, 0x41,       // loop: LSR $41 (multiplier)
      0x90, 0x03,       // BCC skip
      0x18,             // CLC
      0x65, 0x40,       // ADC $40 (multiplicand)
      0x6a,             // skip: ROR A
      0x66, 0x42,       // ROR $42 (low byte of product)
      0xca,             // DEX
      0xd0, 0xf3,       // BNE loop
      0x85, 0x43,       // STA $43 (high byte)
      0x02,             // JAM: stop
    ];
    const { cpu, bus } = setup(program);
    bus.load(0x40, [13, 11]);
    cpu.run(10_000);
    expect(cpu.jammed).toBe(true);
    expect(bus.memory[0x42]! | (bus.memory[0x43]! << 8)).toBe(143);
  });
});

describe('Cpu6502 undocumented opcodes', () => {
  type Mode = 'zp' | 'zpx' | 'zpy' | 'abs' | 'abx' | 'aby' | 'izx' | 'izy';

  /** Places the operand for `mode` so that it resolves to `target`; returns the operand bytes. */
  function placeOperand(bus: TracingBus, mode: Mode, target: number, x: number, y: number): number[] {
    switch (mode) {
      case 'zp':
        return [target];
      case 'zpx':
        return [(target - x) & 0xff];
      case 'zpy':
        return [(target - y) & 0xff];
      case 'abs':
        return [target & 0xff, target >> 8];
      case 'abx':
        return [(target - x) & 0xff, ((target - x) & 0xffff) >> 8];
      case 'aby':
        return [(target - y) & 0xff, ((target - y) & 0xffff) >> 8];
      case 'izx': {
        bus.memory[(0x10 + x) & 0xff] = target & 0xff;
        bus.memory[(0x11 + x) & 0xff] = target >> 8;
        return [0x10];
      }
      case 'izy': {
        const base = (target - y) & 0xffff;
        bus.load(0x10, [base & 0xff, base >> 8]);
        return [0x10];
      }
    }
  }

  /** Documented instruction pairs, both in abs mode, that do what the undocumented opcode does. */
  const equivalents: Record<string, [number, number]> = {
    SLO: [0x0e, 0x0d], // ASL abs; ORA abs
    RLA: [0x2e, 0x2d], // ROL abs; AND abs
    SRE: [0x4e, 0x4d], // LSR abs; EOR abs
    RRA: [0x6e, 0x6d], // ROR abs; ADC abs
    DCP: [0xce, 0xcd], // DEC abs; CMP abs
    ISC: [0xee, 0xed], // INC abs; SBC abs
    LAX: [0xad, 0xae], // LDA abs; LDX abs
  };

  const combos = definedOpcodes.filter((info) => info.mnemonic in equivalents);

  it.each(
    combos.map((info) => [`$${info.opcode.toString(16)} ${info.mnemonic} ${info.mode}`, info] as const),
  )('%s matches its documented two-instruction equivalent on random inputs', (_name, info) => {
    const random = makeRandom(info.opcode * 7919);
    const [first, second] = equivalents[info.mnemonic] ?? [0, 0];
    for (let trial = 0; trial < 200; trial++) {
      const a = random();
      const x = random();
      const y = random();
      const p = random();
      const value = random();
      const zeroPage = info.mode === 'zp' || info.mode === 'zpx' || info.mode === 'zpy';
      const target = zeroPage ? 0x80 + (random() & 0x7f) : 0x1000 + ((random() << 4) | (random() & 0x0f));

      const undocumented = setup([], { a, x, y, p });
      const operand = placeOperand(undocumented.bus, info.mode as Mode, target, x, y);
      undocumented.bus.load(ORIGIN, [info.opcode, ...operand]);
      undocumented.bus.memory[target] = value;
      const used = undocumented.cpu.step();

      const lo = target & 0xff;
      const hi = target >> 8;
      const documented = setup([first, lo, hi, second, lo, hi], { a, x, y, p });
      documented.bus.memory[target] = value;
      documented.cpu.step();
      documented.cpu.step();

      const label = `A=${a} X=${x} Y=${y} P=${p} M=${value}`;
      expect(undocumented.cpu.a, label).toBe(documented.cpu.a);
      expect(undocumented.cpu.x, label).toBe(documented.cpu.x);
      expect(undocumented.cpu.y, label).toBe(documented.cpu.y);
      expect(undocumented.cpu.p, label).toBe(documented.cpu.p);
      expect(undocumented.bus.memory[target], label).toBe(documented.bus.memory[target]);
      expect(undocumented.cpu.pc).toBe(ORIGIN + info.bytes);
      expect(used).toBeGreaterThanOrEqual(info.cycles);
    }
  });

  it.each(definedOpcodes.filter((info) => info.mnemonic === 'SAX').map((info) => [info.mode, info] as const))(
    'SAX %s stores A AND X and changes no register or flag',
    (_mode, info) => {
      const { cpu, bus } = setup([], { a: 0xf0, x: 0x3c, y: 0x05, p: 0xc3 });
      const target = info.mode === 'zp' || info.mode === 'zpy' ? 0x90 : 0x2345;
      bus.load(ORIGIN, [info.opcode, ...placeOperand(bus, info.mode as Mode, target, 0x3c, 0x05)]);
      cpu.step();
      expect(bus.memory[target]).toBe(0x30);
      expect([cpu.a, cpu.x, cpu.y, cpu.p]).toEqual([0xf0, 0x3c, 0x05, 0xe3]);
      expect(bus.log.filter(([, , kind]) => kind === 'write')).toEqual([[target, 0x30, 'write']]);
    },
  );

  it('RMW combinations make the same bus accesses as the documented RMW (DCP abs,X vs DEC abs,X)', () => {
    const trace = (opcode: number) => {
      const { cpu, bus } = setup([opcode, 0xf0, 0x12], { x: 0x20, a: 0x10 });
      bus.memory[0x1310] = 0x11;
      cpu.step();
      return bus.log.slice(1);
    };
    expect(trace(0xdf)).toEqual(trace(0xde));
    expect(trace(0xdf)).toHaveLength(6);
  });

  it('SBC $EB behaves as SBC #imm ($E9) in binary and decimal mode', () => {
    const random = makeRandom(99);
    for (let trial = 0; trial < 2000; trial++) {
      const a = random();
      const value = random();
      const p = random();
      const official = setup([0xe9, value], { a, p });
      const alias = setup([0xeb, value], { a, p });
      official.cpu.step();
      alias.cpu.step();
      expect([alias.cpu.a, alias.cpu.p]).toEqual([official.cpu.a, official.cpu.p]);
    }
  });

  function runImmediate(opcode: number, a: number, x: number, value: number, p: number) {
    const { cpu } = setup([opcode, value], { a, x, p });
    expect(cpu.step()).toBe(2);
    return cpu;
  }

  it('ANC = AND #imm with C copied from N; ALR = AND #imm then LSR A', () => {
    const random = makeRandom(5);
    for (let trial = 0; trial < 1000; trial++) {
      const a = random();
      const value = random();
      const p = random();
      const and = runImmediate(0x29, a, 0, value, p);
      for (const anc of [0x0b, 0x2b]) {
        const cpu = runImmediate(anc, a, 0, value, p);
        expect(cpu.a).toBe(and.a);
        expect(cpu.p).toBe((and.p & ~FLAG_C) | (and.a >> 7));
      }
      const { cpu: reference } = setup([0x29, value, 0x4a], { a, p });
      reference.step();
      reference.step();
      const alr = runImmediate(0x4b, a, 0, value, p);
      expect([alr.a, alr.p]).toEqual([reference.a, reference.p]);
    }
  });

  it('ARR (binary) = AND #imm then ROR A, with C from bit 6 and V from bit 6 XOR bit 5', () => {
    const random = makeRandom(6);
    for (let trial = 0; trial < 1000; trial++) {
      const a = random();
      const value = random();
      const p = random() & ~FLAG_D;
      const { cpu: reference } = setup([0x29, value, 0x6a], { a, p });
      reference.step();
      reference.step();
      const arr = runImmediate(0x6b, a, 0, value, p);
      const bit6 = (reference.a >> 6) & 1;
      const bit5 = (reference.a >> 5) & 1;
      expect(arr.a).toBe(reference.a);
      expect(arr.p).toBe(
        (reference.p & ~(FLAG_C | FLAG_V)) | (bit6 ? FLAG_C : 0) | (bit6 !== bit5 ? FLAG_V : 0),
      );
    }
  });

  it('ARR (decimal) fixes up each digit of the rotated value (worked examples)', () => {
    // $FF AND $59 = $59, ROR with C=0 gives $2C; low digit 9+1 > 5 fixes to $22; high digit $50+$10 > $50
    // adds $60 with C=1. N is the old carry (0), V is bit 6 of $59 XOR $2C.
    const first = runImmediate(0x6b, 0xff, 0, 0x59, FLAG_D);
    expect(first.a).toBe(0x82);
    expect(first.p).toBe(0x20 | FLAG_D | FLAG_V | FLAG_C);
    // $12 AND $FF = $12, ROR with C=1 gives $89; neither digit needs fixing, so C=0.
    const second = runImmediate(0x6b, 0x12, 0, 0xff, FLAG_D | FLAG_C);
    expect(second.a).toBe(0x89);
    expect(second.p).toBe(0x20 | FLAG_D | FLAG_N);
  });

  it('SBX sets X = (A AND X) - imm with CMP-style flags, ignoring D', () => {
    const random = makeRandom(7);
    for (let trial = 0; trial < 1000; trial++) {
      const a = random();
      const x = random();
      const value = random();
      const p = random();
      const compare = runImmediate(0xc9, a & x, 0, value, p);
      const sbx = runImmediate(0xcb, a, x, value, p);
      expect(sbx.x).toBe(((a & x) - value) & 0xff);
      expect(sbx.a).toBe(a);
      expect(sbx.p).toBe(compare.p);
    }
  });

  it.each(
    definedOpcodes.filter((info) => info.mnemonic === 'NOP').map((info) => [info.opcode, info] as const),
  )('NOP $%s changes no register, flag or memory', (_opcode, info) => {
    const ctx = setupForMode(info, 0xf0);
    ctx.cpu.a = 0x12;
    ctx.cpu.p = 0xc3;
    const before = ctx.bus.memory.slice();
    ctx.cpu.step();
    expect([ctx.cpu.a, ctx.cpu.x, ctx.cpu.y, ctx.cpu.s, ctx.cpu.p]).toEqual([0x12, 0xf0, 0xf0, 0xf0, 0xe3]);
    expect(ctx.bus.memory).toEqual(before);
    expect(ctx.bus.log.every(([, , kind]) => kind === 'read')).toBe(true);
  });

  it('NOP abs,X reads its effective address (so it can touch I/O)', () => {
    const { cpu, bus } = setup([0x1c, 0x00, 0x30], { x: 0x05 });
    cpu.step();
    expect(bus.log.at(-1)).toEqual([0x3005, 0, 'read']);
  });
});

describe('Cpu6502 JAM', () => {
  it('stops the CPU, records where, and stays stopped through interrupts until reset', () => {
    const { cpu, bus } = setup([0xea, 0x02, 0xea]);
    bus.load(0xfffa, [0x00, 0x40, 0x00, 0x03, 0x00, 0x50]);
    cpu.step();
    expect(cpu.step()).toBe(2);
    expect(cpu.jammed).toBe(true);
    expect(cpu.jammedAt).toBe(0x0201);
    expect(cpu.step()).toBe(0);
    cpu.nmi();
    cpu.setIrq(true);
    expect(cpu.step()).toBe(0);

    const cycles = cpu.cycles;
    cpu.run(cycles + 1000);
    expect(cpu.cycles).toBe(cycles + 1000);
    expect(cpu.pc).toBe(0x0202);

    cpu.setIrq(false);
    cpu.reset();
    expect(cpu.jammed).toBe(false);
    expect(cpu.jammedAt).toBeNull();
    expect(cpu.pc).toBe(0x0300);
  });

  it.each([0x8b, 0x93, 0x9b, 0x9c, 0x9e, 0x9f, 0xab, 0xbb])(
    'unstable opcode $%s is not emulated: it stops the CPU like a JAM',
    (opcode) => {
      const { cpu } = setup([opcode, 0x00, 0x00], { a: 0x55, x: 0x66 });
      cpu.step();
      expect(cpu.jammed).toBe(true);
      expect(cpu.jammedAt).toBe(ORIGIN);
      expect([cpu.a, cpu.x]).toEqual([0x55, 0x66]);
    },
  );
});

describe('Cpu6502 runUntilStuck', () => {
  // $0200: LDX #5; loop: DEX; BNE loop; trap: JMP trap
  const program = [0xa2, 0x05, 0xca, 0xd0, 0xfd, 0x4c, 0x05, 0x02];

  it('stops right after the instruction that leaves PC where it was, at the cycle a step loop reaches', () => {
    const stepped = setup(program).cpu;
    let before: number;
    do {
      before = stepped.pc;
      stepped.step();
    } while (stepped.pc !== before);
    const { cpu } = setup(program);
    expect(cpu.runUntilStuck(1_000_000)).toBe(true);
    expect([cpu.pc, cpu.cycles]).toEqual([0x0205, stepped.cycles]);
  });

  it('returns false at the cycle limit, and at once on a jammed CPU', () => {
    const { cpu } = setup(program);
    expect(cpu.runUntilStuck(6)).toBe(false);
    expect(cpu.pc).not.toBe(0x0205);
    const jam = setup([0xea, 0x02]).cpu;
    expect(jam.runUntilStuck(1_000)).toBe(false);
    expect(jam.jammed).toBe(true);
    expect(jam.cycles).toBeLessThan(1_000);
  });
});

describe('Cpu6502 interrupts and reset', () => {
  function withVectors(program: readonly number[], registers: Registers = {}) {
    const ctx = setup(program, registers);
    ctx.bus.load(0xfffa, [0x00, 0x40, 0x00, 0x03, 0x00, 0x50]); // NMI $4000, RESET $0300, IRQ $5000
    ctx.bus.memory[0x4000] = 0x40; // RTI
    ctx.bus.memory[0x5000] = 0x40; // RTI
    return ctx;
  }

  it('RESET takes 7 cycles, reads the stack without writing, moves S down by 3 and sets I', () => {
    const { cpu, bus } = withVectors([], { s: 0x01, p: 0 });
    const before = cpu.cycles;
    cpu.reset();
    expect(cpu.cycles - before).toBe(7);
    expect(bus.log).toEqual([
      [0x0200, 0, 'read'],
      [0x0200, 0, 'read'],
      [0x0101, 0, 'read'],
      [0x0100, 0, 'read'],
      [0x01ff, 0, 'read'],
      [0xfffc, 0x00, 'read'],
      [0xfffd, 0x03, 'read'],
    ]);
    expect(cpu.pc).toBe(0x0300);
    expect(cpu.s).toBe(0xfe);
    expect(cpu.p & FLAG_I).toBe(FLAG_I);
  });

  it('IRQ: 7-cycle entry pushing PC and P with B clear, then the handler runs with I set', () => {
    const { cpu, bus } = withVectors([0xea, 0xea], { s: 0xff, p: FLAG_C });
    cpu.setIrq(true);
    const used = cpu.step();
    expect(used).toBe(7 + 6); // the entry plus the handler's first instruction (RTI)
    expect(bus.log.slice(0, 7)).toEqual([
      [0x0200, 0xea, 'read'],
      [0x0200, 0xea, 'read'],
      [0x01ff, 0x02, 'write'],
      [0x01fe, 0x00, 'write'],
      [0x01fd, 0x20 | FLAG_C, 'write'],
      [0xfffe, 0x00, 'read'],
      [0xffff, 0x50, 'read'],
    ]);
    expect(cpu.pc).toBe(0x0200);
    // RTI restored I = 0 and the line is still asserted (level-triggered), so the IRQ is taken again.
    expect(cpu.step()).toBe(7 + 6);
    expect(cpu.pc).toBe(0x0200);
    cpu.setIrq(false);
    expect(cpu.step()).toBe(2);
    expect(cpu.pc).toBe(0x0201);
  });

  it('IRQ is ignored while I is set; NMI is taken anyway, once per edge', () => {
    const { cpu } = withVectors([0xea, 0xea, 0xea, 0xea], { p: FLAG_I });
    cpu.setIrq(true);
    cpu.step();
    expect(cpu.pc).toBe(0x0201);
    cpu.nmi();
    cpu.step();
    expect(cpu.pc).toBe(0x0201); // entered $4000, RTI returned
    cpu.step();
    expect(cpu.pc).toBe(0x0202);
  });

  it('NMI: same 7-cycle entry through $FFFA/$FFFB, pushing P with B clear even while I is set', () => {
    const { cpu, bus } = withVectors([0xea], { s: 0x80, p: FLAG_I | FLAG_D });
    cpu.nmi();
    cpu.step();
    expect(bus.log.slice(0, 7)).toEqual([
      [0x0200, 0xea, 'read'],
      [0x0200, 0xea, 'read'],
      [0x0180, 0x02, 'write'],
      [0x017f, 0x00, 'write'],
      [0x017e, 0x20 | FLAG_I | FLAG_D, 'write'],
      [0xfffa, 0x00, 'read'],
      [0xfffb, 0x40, 'read'],
    ]);
    expect(cpu.pc).toBe(0x0200); // the handler's RTI ran in the same step
    expect(cpu.p & FLAG_D).toBe(FLAG_D); // the NMOS 6502 does not clear D on interrupts
  });

  it('NMI wins over IRQ when both are pending', () => {
    const { cpu, bus } = withVectors([0xea], {});
    bus.memory[0x4000] = 0xea;
    cpu.setIrq(true);
    cpu.nmi();
    cpu.step();
    expect(cpu.pc).toBe(0x4001);
  });

  it('BRK pushes PC+2 and P with B set, sets I and jumps through $FFFE; RTI returns after the signature byte', () => {
    const { cpu, bus } = withVectors([0x00, 0xff, 0xea], { p: FLAG_C, s: 0xff });
    expect(cpu.step()).toBe(7);
    expect(cpu.pc).toBe(0x5000);
    expect(Array.from(bus.memory.slice(0x01fd, 0x0200))).toEqual([0x30 | FLAG_C, 0x02, 0x02]);
    expect(cpu.p & FLAG_I).toBe(FLAG_I);
    cpu.step();
    expect(cpu.pc).toBe(0x0202);
    expect(cpu.p).toBe(0x20 | FLAG_C);
  });

  it('CLI lets one more instruction run before a pending IRQ is taken', () => {
    const { cpu } = withVectors([0x58, 0xe8, 0xe8], { p: FLAG_I });
    cpu.setIrq(true);
    cpu.step(); // CLI
    cpu.step(); // INX runs: the poll at the end of CLI still saw I set
    expect(cpu.x).toBe(1);
    cpu.step(); // now the IRQ is entered (then its RTI returns)
    expect(cpu.x).toBe(1);
    expect(cpu.pc).toBe(0x0202);
  });

  it('SEI still lets an IRQ in right after it, with I set in the pushed status', () => {
    const { cpu, bus } = withVectors([0x78, 0xe8], { p: 0, s: 0xff });
    bus.memory[0x5000] = 0xea;
    cpu.step(); // SEI
    cpu.setIrq(true); // asserted by the end of SEI: its last-cycle poll still saw I clear
    cpu.step(); // IRQ entry + NOP at $5000
    expect(cpu.pc).toBe(0x5001);
    expect(cpu.x).toBe(0);
    expect(bus.memory[0x01fd]! & FLAG_I).toBe(FLAG_I);
  });

  it('PLP delays the effect of I by one instruction; RTI does not', () => {
    const { cpu, bus } = withVectors([0x28, 0xe8, 0xe8], { p: FLAG_I, s: 0xfe });
    bus.memory[0x01ff] = 0x00;
    cpu.setIrq(true);
    cpu.step(); // PLP clears I
    cpu.step(); // INX still runs
    expect(cpu.x).toBe(1);

    const rti = withVectors([0x40], { p: FLAG_I, s: 0xfc });
    rti.bus.load(0x01fd, [0x00, 0x00, 0x30]); // P = 0, return to $3000
    rti.bus.memory[0x5000] = 0xea;
    rti.cpu.setIrq(true);
    rti.cpu.step(); // RTI
    rti.cpu.step(); // IRQ is taken at once, then the NOP at $5000
    expect(rti.cpu.pc).toBe(0x5001);
  });

  it('run() stops at the first instruction boundary at or after untilCycle', () => {
    const { cpu, bus } = withVectors([0x4c, 0x00, 0x02]); // JMP * (3 cycles)
    bus.log = [];
    cpu.run(10);
    expect(cpu.cycles).toBe(12);
    cpu.run(5);
    expect(cpu.cycles).toBe(12);
    cpu.run(13);
    expect(cpu.cycles).toBe(15);
  });

  it('run() counts an interrupt entry towards its target and stops after it', () => {
    const { cpu } = withVectors([0xea], {});
    cpu.setIrq(true);
    cpu.run(1);
    expect(cpu.cycles).toBe(7);
    expect(cpu.pc).toBe(0x5000);
  });

  it('run() services an IRQ asserted between calls', () => {
    const { cpu, bus } = withVectors([0x58, 0x4c, 0x01, 0x02]); // CLI; JMP *
    bus.memory[0x5000] = 0xe8; // INX
    bus.load(0x5001, [0x4c, 0x01, 0x50]); // JMP *
    cpu.run(20);
    expect(cpu.pc).toBe(0x0201);
    cpu.setIrq(true);
    cpu.run(40);
    expect(cpu.x).toBe(1);
    expect(cpu.pc).toBe(0x5001);
  });
});

describe('Cpu6502 runToBreakpoint', () => {
  // prettier-ignore
  const loop = [
    0xe8,             // $0200 INX
    0xc8,             // $0201 INY
    0x4c, 0x00, 0x02, // $0202 JMP $0200
  ];

  it('stops before a marked instruction and continues past it on the next call', () => {
    const { cpu } = setup(loop);
    const breakpoints = new Uint8Array(0x10000);
    breakpoints[0x0201] = 1;
    expect(cpu.runToBreakpoint(1000, breakpoints)).toBe(true);
    expect([cpu.pc, cpu.x, cpu.y, cpu.cycles]).toEqual([0x0201, 1, 0, 2]);
    expect(cpu.runToBreakpoint(1000, breakpoints)).toBe(true);
    expect([cpu.pc, cpu.x, cpu.y, cpu.cycles]).toEqual([0x0201, 2, 1, 9]);
  });

  it('behaves like run() when nothing is marked, and stops in an interrupt handler', () => {
    const plain = setup(loop);
    const debug = setup(loop);
    plain.cpu.run(500);
    expect(debug.cpu.runToBreakpoint(500, new Uint8Array(0x10000))).toBe(false);
    expect(debug.cpu.saveState()).toEqual(plain.cpu.saveState());

    const breakpoints = new Uint8Array(0x10000);
    breakpoints[0x5000] = 1;
    debug.bus.load(0xfffe, [0x00, 0x50]);
    debug.cpu.setIrq(true);
    expect(debug.cpu.runToBreakpoint(2000, breakpoints)).toBe(true);
    expect(debug.cpu.pc).toBe(0x5000);
  });

  it('rejects a breakpoint map of the wrong size', () => {
    const { cpu } = setup(loop);
    expect(() => cpu.runToBreakpoint(10, new Uint8Array(10))).toThrow(/must have 65536 entries, got 10/);
  });
});

describe('Cpu6502 saveState / loadState', () => {
  // prettier-ignore
  const program = [
    0xa2, 0x00,       // LDX #0
    0x8a,             // loop: TXA
    0x9d, 0x00, 0x30, // STA $3000,X
    0xe8,             // INX
    0xd0, 0xf9,       // BNE loop
    0xf8,             // SED
    0x69, 0x19,       // ADC #$19
    0x4c, 0x09, 0x02, // JMP $0209
  ];

  it('round-trips through JSON and continues identically', () => {
    const original = setup(program);
    original.cpu.run(777);
    original.cpu.setIrq(true);
    original.cpu.p = original.cpu.p | FLAG_I;
    const json = JSON.stringify(original.cpu.saveState());

    const copy = setup([]);
    copy.bus.memory.set(original.bus.memory);
    copy.cpu.loadState(JSON.parse(json));
    expect(copy.cpu.saveState()).toEqual(original.cpu.saveState());

    original.cpu.run(5000);
    copy.cpu.run(5000);
    expect(copy.cpu.saveState()).toEqual(original.cpu.saveState());
    expect(copy.bus.memory).toEqual(original.bus.memory);
  });

  it('keeps a pending NMI and a jam', () => {
    const a = setup([0x02]);
    a.cpu.nmi();
    const withNmi = a.cpu.saveState();
    expect(withNmi.nmiPending).toBe(true);
    a.cpu.loadState({ ...withNmi, nmiPending: false });
    a.cpu.step();
    const jammed = a.cpu.saveState();
    const b = setup([]);
    b.cpu.loadState(jammed);
    expect(b.cpu.jammed).toBe(true);
    expect(b.cpu.jammedAt).toBe(ORIGIN);
    expect(b.cpu.step()).toBe(0);
  });

  it('keeps the one-instruction I delay after CLI', () => {
    const original = setup([0x58, 0xe8]);
    original.cpu.p = FLAG_I;
    original.cpu.step();
    const state = original.cpu.saveState();
    expect(state.delayedI).toBe(true);
    const copy = setup([0x58, 0xe8]);
    copy.bus.load(0xfffe, [0x00, 0x50]);
    copy.cpu.loadState(state);
    copy.cpu.setIrq(true);
    copy.cpu.step();
    expect(copy.cpu.x).toBe(1);
  });

  const good = (): Cpu6502State => setup([]).cpu.saveState();

  it.each([
    ['not an object', 42, /expected an object/],
    ['wrong version', { ...good(), version: 2 }, /unsupported version 2/],
    ['a out of range', { ...good(), a: 256 }, /"a" must be an integer from 0 to 255, got 256/],
    ['pc not a number', { ...good(), pc: '512' }, /"pc" must be an integer from 0 to 65535, got "512"/],
    ['missing s', { ...good(), s: undefined }, /"s" must be an integer/],
    ['fractional cycles', { ...good(), cycles: 1.5 }, /"cycles" must be an integer/],
    ['irqLine not boolean', { ...good(), irqLine: 1 }, /"irqLine" must be true or false, got 1/],
    ['jam without address', { ...good(), jammed: true }, /"jammedAt" must be an address exactly when/],
  ])('rejects %s with a clear error and leaves the CPU unchanged', (_name, state, message) => {
    const { cpu } = setup([], { a: 0x42 });
    const before = cpu.saveState();
    expect(() => cpu.loadState(state)).toThrow(message);
    expect(cpu.saveState()).toEqual(before);
  });
});

describe('findOpcode', () => {
  it('is consistent with the CPU for documented mnemonics (LDA #imm loads A)', () => {
    const info = findOpcode('lda', 'imm');
    expect(info?.opcode).toBe(0xa9);
    const { cpu } = setup([info?.opcode ?? 0, 0x80]);
    cpu.step();
    expect(cpu.a).toBe(0x80);
  });
});
