/**
 * A cycle-exact NMOS 6502. Every bus access is one clock cycle, including the dummy reads of indexed and
 * implied addressing and the dummy write of read-modify-write instructions, so cycle counts and bus order
 * follow from the code (MOS MCS6500 hardware manual, appendix A). Opcode lengths and base cycle counts are
 * declared once in opcodes.ts. Dispatch is a table of one small handler per opcode (measured faster than one
 * big switch, whose helpers V8 stops inlining); the handlers must cover exactly the opcodes of that table,
 * which is checked when this module loads, and the unit tests check lengths and cycles for all 256.
 */

import { OPCODES } from './opcodes.ts';

export interface CpuBus {
  read(address: number): number;
  write(address: number, value: number): void;
}

export const FLAG_C = 0x01;
export const FLAG_Z = 0x02;
export const FLAG_I = 0x04;
export const FLAG_D = 0x08;
/** B is not a flip-flop: it exists only in the byte pushed by PHP and BRK. */
export const FLAG_B = 0x10;
/** Bit 5 reads as 1 on the NMOS 6502. */
export const FLAG_U = 0x20;
export const FLAG_V = 0x40;
export const FLAG_N = 0x80;

export const NMI_VECTOR = 0xfffa;
export const RESET_VECTOR = 0xfffc;
export const IRQ_VECTOR = 0xfffe;

const C = FLAG_C;
const Z = FLAG_Z;
const I = FLAG_I;
const D = FLAG_D;
const V = FLAG_V;
const N = FLAG_N;

/** N and Z for every byte value, to OR into the status after clearing N and Z. */
const NZ = new Uint8Array(256);
for (let v = 0; v < 256; v++) NZ[v] = (v & N) | (v === 0 ? Z : 0);

export interface Cpu6502State {
  readonly version: 1;
  readonly a: number;
  readonly x: number;
  readonly y: number;
  readonly s: number;
  readonly pc: number;
  readonly p: number;
  readonly cycles: number;
  readonly irqLine: boolean;
  readonly nmiPending: boolean;
  readonly jammed: boolean;
  readonly jammedAt: number | null;
  /** The I flag the next interrupt poll sees after CLI, SEI or PLP (the one-instruction delay), or null. */
  readonly delayedI: boolean | null;
}

type Handler = (cpu: Cpu6502, opcode: number) => void;

/** One handler per opcode, filled by the static block of Cpu6502 (which may use its private helpers). */
const handlers: Handler[] = [];

export class Cpu6502 {
  a = 0;
  x = 0;
  y = 0;
  s = 0;
  pc = 0;
  /** Total clock cycles since construction (or as restored by loadState). */
  cycles = 0;

  private readonly bus: CpuBus;
  private jamAddress: number | null = null;
  /** The status register with bit 5 always set and B always clear. */
  private flags = FLAG_U | FLAG_I;
  private irqLine = false;
  private nmiPending = false;
  /** nmiPending || irqLine || jammed: one test per instruction in the fast loop. */
  private attention = false;
  /**
   * CLI, SEI and PLP change I after the interrupt poll of their last cycle, so the poll at the next
   * instruction boundary still sees the old I. delayedIAt is the cycle count at which that boundary falls.
   */
  private delayedIAt = -1;
  private delayedI = 0;

  constructor(bus: CpuBus) {
    this.bus = bus;
  }

  /** True after a JAM opcode: the CPU does nothing more until reset(). */
  get jammed(): boolean {
    return this.jamAddress !== null;
  }

  /** Address of the JAM opcode that stopped the CPU, or null. */
  get jammedAt(): number | null {
    return this.jamAddress;
  }

  get p(): number {
    return this.flags;
  }

  set p(value: number) {
    this.flags = (value & 0xcf) | FLAG_U;
  }

  /** Level-sensitive IRQ input (true = asserted). Taken at an instruction boundary while I is clear. */
  setIrq(level: boolean): void {
    this.irqLine = level;
    this.updateAttention();
  }

  /** A falling edge on NMI: the interrupt is taken at the next instruction boundary. */
  nmi(): void {
    this.nmiPending = true;
    this.updateAttention();
  }

  /**
   * The RESET sequence: 7 cycles with two dummy reads at PC, three stack reads (S drops by 3, nothing is
   * written) and the vector read from $FFFC/$FFFD. Sets I, clears a jam and a pending NMI.
   */
  reset(): void {
    this.jamAddress = null;
    this.nmiPending = false;
    this.delayedIAt = -1;
    this.updateAttention();
    this.read(this.pc);
    this.read(this.pc);
    this.read(0x100 | this.s);
    this.s = (this.s - 1) & 0xff;
    this.read(0x100 | this.s);
    this.s = (this.s - 1) & 0xff;
    this.read(0x100 | this.s);
    this.s = (this.s - 1) & 0xff;
    this.flags |= I;
    const lo = this.read(RESET_VECTOR);
    this.pc = lo | (this.read(RESET_VECTOR + 1) << 8);
  }

  /**
   * Runs one instruction, after entering a pending NMI or IRQ handler if one is due (the handler's first
   * instruction then runs in the same step). Returns the cycles used; 0 when jammed.
   */
  step(): number {
    if (this.jammed) return 0;
    const start = this.cycles;
    if (this.attention) this.pollInterrupts();
    const opcode = this.fetch();
    (handlers[opcode] as Handler)(this, opcode);
    return this.cycles - start;
  }

  /**
   * Runs instructions and interrupt entries until cycles >= untilCycle; the last one may overshoot by up to
   * 7 cycles. A jammed CPU keeps its clock running (the chip is stuck, not stopped), so cycles still reaches
   * untilCycle.
   */
  run(untilCycle: number): void {
    while (this.cycles < untilCycle) {
      if (this.attention) {
        if (this.jammed) {
          this.cycles = untilCycle;
          return;
        }
        if (this.pollInterrupts()) continue;
      }
      const opcode = this.fetch();
      (handlers[opcode] as Handler)(this, opcode);
    }
  }

  /**
   * The debug loop: run() that also stops before an instruction whose address is non-zero in `breakpoints`
   * (one byte per address, 64 KiB). The instruction at PC when it is called always runs, so continuing from a
   * breakpoint works. Returns true when it stopped at a breakpoint, false when it reached untilCycle.
   */
  runToBreakpoint(untilCycle: number, breakpoints: Uint8Array): boolean {
    if (breakpoints.length !== 0x10000) {
      throw new RangeError(`runToBreakpoint: breakpoints must have 65536 entries, got ${breakpoints.length}`);
    }
    let first = true;
    while (this.cycles < untilCycle) {
      if (!first && breakpoints[this.pc] !== 0) return true;
      first = false;
      if (this.attention) {
        if (this.jammed) {
          this.cycles = untilCycle;
          return false;
        }
        if (this.pollInterrupts()) continue;
      }
      const opcode = this.fetch();
      (handlers[opcode] as Handler)(this, opcode);
    }
    return false;
  }

  /**
   * run() that also stops after an instruction that leaves PC where it was (a JMP or branch to itself,
   * the way test programs end). Returns true when it stopped so; false at untilCycle, or at once when
   * the CPU is jammed (its clock then stays where the jam left it).
   */
  runUntilStuck(untilCycle: number): boolean {
    while (this.cycles < untilCycle) {
      if (this.attention) {
        if (this.jammed) return false;
        if (this.pollInterrupts()) continue;
      }
      const pc = this.pc;
      const opcode = this.fetch();
      (handlers[opcode] as Handler)(this, opcode);
      if (this.pc === pc) return true;
    }
    return false;
  }

  saveState(): Cpu6502State {
    return {
      version: 1,
      a: this.a,
      x: this.x,
      y: this.y,
      s: this.s,
      pc: this.pc,
      p: this.flags,
      cycles: this.cycles,
      irqLine: this.irqLine,
      nmiPending: this.nmiPending,
      jammed: this.jammed,
      jammedAt: this.jammedAt,
      delayedI: this.delayedIAt === this.cycles ? this.delayedI !== 0 : null,
    };
  }

  /** Restores a saveState() object; throws an Error naming the bad field and leaves the CPU unchanged. */
  loadState(state: unknown): void {
    if (typeof state !== 'object' || state === null) throw new Error('CPU state: expected an object');
    const record = state as Record<string, unknown>;
    if (record.version !== 1) {
      throw new Error(`CPU state: unsupported version ${JSON.stringify(record.version)} (expected 1)`);
    }
    const byte = (key: string): number => checkInteger(record, key, 0xff);
    const a = byte('a');
    const x = byte('x');
    const y = byte('y');
    const s = byte('s');
    const p = byte('p');
    const pc = checkInteger(record, 'pc', 0xffff);
    const cycles = checkInteger(record, 'cycles', Number.MAX_SAFE_INTEGER);
    const irqLine = checkBoolean(record, 'irqLine');
    const nmiPending = checkBoolean(record, 'nmiPending');
    const jammed = checkBoolean(record, 'jammed');
    const jammedAt = record.jammedAt === null ? null : checkInteger(record, 'jammedAt', 0xffff);
    if (jammed !== (jammedAt !== null)) {
      throw new Error('CPU state: "jammedAt" must be an address exactly when "jammed" is true');
    }
    const delayedI = record.delayedI === null ? null : checkBoolean(record, 'delayedI');

    this.a = a;
    this.x = x;
    this.y = y;
    this.s = s;
    this.p = p;
    this.pc = pc;
    this.cycles = cycles;
    this.irqLine = irqLine;
    this.nmiPending = nmiPending;
    this.jamAddress = jammedAt;
    this.delayedIAt = delayedI === null ? -1 : cycles;
    this.delayedI = delayedI === true ? I : 0;
    this.updateAttention();
  }

  private updateAttention(): void {
    this.attention = this.nmiPending || this.irqLine || this.jammed;
  }

  /** Enters the NMI or IRQ handler if one is due; returns whether it did. */
  private pollInterrupts(): boolean {
    if (this.nmiPending) {
      this.nmiPending = false;
      this.updateAttention();
      this.interrupt(NMI_VECTOR);
      return true;
    }
    const iFlag = this.delayedIAt === this.cycles ? this.delayedI : this.flags & I;
    if (!this.irqLine || iFlag !== 0) return false;
    this.interrupt(IRQ_VECTOR);
    return true;
  }

  /** The 7-cycle hardware interrupt sequence: like BRK but with B clear in the pushed status. */
  private interrupt(vector: number): void {
    this.read(this.pc);
    this.read(this.pc);
    this.push(this.pc >> 8);
    this.push(this.pc & 0xff);
    this.push(this.flags);
    this.flags |= I;
    const lo = this.read(vector);
    this.pc = lo | (this.read(vector + 1) << 8);
  }

  private read(address: number): number {
    this.cycles++;
    return this.bus.read(address);
  }

  private write(address: number, value: number): void {
    this.cycles++;
    this.bus.write(address, value);
  }

  private fetch(): number {
    const value = this.read(this.pc);
    this.pc = (this.pc + 1) & 0xffff;
    return value;
  }

  private push(value: number): void {
    this.write(0x100 | this.s, value);
    this.s = (this.s - 1) & 0xff;
  }

  private pull(): number {
    this.s = (this.s + 1) & 0xff;
    return this.read(0x100 | this.s);
  }

  /** The dummy read of the byte after the opcode that every 1-byte instruction makes. */
  private implied(): void {
    this.read(this.pc);
  }

  private zp(): number {
    return this.fetch();
  }

  private zpx(): number {
    const base = this.fetch();
    this.read(base);
    return (base + this.x) & 0xff;
  }

  private zpy(): number {
    const base = this.fetch();
    this.read(base);
    return (base + this.y) & 0xff;
  }

  private abs(): number {
    const lo = this.fetch();
    return lo | (this.fetch() << 8);
  }

  /** abs,X / abs,Y for reads: the read at the unfixed address (wrong page) happens only on a page cross. */
  private absIndexedRead(index: number): number {
    const lo = this.fetch();
    const hi = this.fetch() << 8;
    const address = (hi + lo + index) & 0xffff;
    if (lo + index > 0xff) this.read(hi | (address & 0xff));
    return address;
  }

  /** abs,X / abs,Y for writes and read-modify-writes: the read at the unfixed address always happens. */
  private absIndexedWrite(index: number): number {
    const lo = this.fetch();
    const hi = this.fetch() << 8;
    this.read(hi | ((lo + index) & 0xff));
    return (hi + lo + index) & 0xffff;
  }

  private izx(): number {
    const base = this.fetch();
    this.read(base);
    const pointer = (base + this.x) & 0xff;
    const lo = this.read(pointer);
    return lo | (this.read((pointer + 1) & 0xff) << 8);
  }

  private izyRead(): number {
    const pointer = this.fetch();
    const lo = this.read(pointer);
    const hi = this.read((pointer + 1) & 0xff) << 8;
    const address = (hi + lo + this.y) & 0xffff;
    if (lo + this.y > 0xff) this.read(hi | (address & 0xff));
    return address;
  }

  private izyWrite(): number {
    const pointer = this.fetch();
    const lo = this.read(pointer);
    const hi = this.read((pointer + 1) & 0xff) << 8;
    this.read(hi | ((lo + this.y) & 0xff));
    return (hi + lo + this.y) & 0xffff;
  }

  /** First half of read-modify-write: the read, then the NMOS dummy write of the unmodified value. */
  private modify(address: number): number {
    const value = this.read(address);
    this.write(address, value);
    return value;
  }

  private setNZ(value: number): void {
    this.flags = (this.flags & ~(N | Z)) | (NZ[value] as number);
  }

  private ora(value: number): void {
    this.a |= value;
    this.setNZ(this.a);
  }

  private and(value: number): void {
    this.a &= value;
    this.setNZ(this.a);
  }

  private eor(value: number): void {
    this.a ^= value;
    this.setNZ(this.a);
  }

  private lda(value: number): void {
    this.a = value;
    this.setNZ(value);
  }

  private ldx(value: number): void {
    this.x = value;
    this.setNZ(value);
  }

  private ldy(value: number): void {
    this.y = value;
    this.setNZ(value);
  }

  private compare(register: number, value: number): void {
    const diff = register - value;
    this.flags = (this.flags & ~(N | Z | C)) | (NZ[diff & 0xff] as number) | (diff >= 0 ? C : 0);
  }

  private bit(value: number): void {
    this.flags = (this.flags & ~(N | V | Z)) | (value & (N | V)) | ((this.a & value) === 0 ? Z : 0);
  }

  /** NMOS decimal mode: A and C are BCD; Z is from the binary sum; N and V from the sum before the high-digit fix. */
  private adc(value: number): void {
    const a = this.a;
    const carry = this.flags & C;
    if ((this.flags & D) === 0) {
      const sum = a + value + carry;
      this.a = sum & 0xff;
      this.flags =
        (this.flags & ~(N | V | Z | C)) |
        (NZ[sum & 0xff] as number) |
        (sum > 0xff ? C : 0) |
        (~(a ^ value) & (a ^ sum) & 0x80 ? V : 0);
      return;
    }
    let lo = (a & 0x0f) + (value & 0x0f) + carry;
    if (lo >= 0x0a) lo = ((lo + 0x06) & 0x0f) + 0x10;
    let sum = (a & 0xf0) + (value & 0xf0) + lo;
    let flags = (this.flags & ~(N | V | Z | C)) | (sum & N);
    if (~(a ^ value) & (a ^ sum) & 0x80) flags |= V;
    if (((a + value + carry) & 0xff) === 0) flags |= Z;
    if (sum >= 0xa0) sum += 0x60;
    if (sum > 0xff) flags |= C;
    this.a = sum & 0xff;
    this.flags = flags;
  }

  /** NMOS decimal mode: only A is BCD-adjusted; all flags come from the binary subtraction. */
  private sbc(value: number): void {
    const a = this.a;
    const borrow = 1 - (this.flags & C);
    const diff = a - value - borrow;
    this.flags =
      (this.flags & ~(N | V | Z | C)) |
      (NZ[diff & 0xff] as number) |
      (diff >= 0 ? C : 0) |
      ((a ^ value) & (a ^ diff) & 0x80 ? V : 0);
    if ((this.flags & D) === 0) {
      this.a = diff & 0xff;
      return;
    }
    let lo = (a & 0x0f) - (value & 0x0f) - borrow;
    if (lo < 0) lo = ((lo - 0x06) & 0x0f) - 0x10;
    let result = (a & 0xf0) - (value & 0xf0) + lo;
    if (result < 0) result -= 0x60;
    this.a = result & 0xff;
  }

  private asl(value: number): number {
    const result = (value << 1) & 0xff;
    this.flags = (this.flags & ~(N | Z | C)) | (NZ[result] as number) | (value >> 7);
    return result;
  }

  private lsr(value: number): number {
    const result = value >> 1;
    this.flags = (this.flags & ~(N | Z | C)) | (NZ[result] as number) | (value & C);
    return result;
  }

  private rol(value: number): number {
    const result = ((value << 1) & 0xff) | (this.flags & C);
    this.flags = (this.flags & ~(N | Z | C)) | (NZ[result] as number) | (value >> 7);
    return result;
  }

  private ror(value: number): number {
    const result = (value >> 1) | ((this.flags & C) << 7);
    this.flags = (this.flags & ~(N | Z | C)) | (NZ[result] as number) | (value & C);
    return result;
  }

  private inc(value: number): number {
    const result = (value + 1) & 0xff;
    this.setNZ(result);
    return result;
  }

  private dec(value: number): number {
    const result = (value - 1) & 0xff;
    this.setNZ(result);
    return result;
  }

  /** A taken branch reads the next opcode address; crossing a page adds a read at the unfixed address. */
  private branch(taken: boolean): void {
    const offset = this.fetch();
    if (!taken) return;
    const pc = this.pc;
    this.read(pc);
    const target = (pc + ((offset ^ 0x80) - 0x80)) & 0xffff;
    if ((target ^ pc) & 0xff00) this.read((pc & 0xff00) | (target & 0xff));
    this.pc = target;
  }

  /** ARR: AND, then ROR A, with the odd flags of the adder path (NMOS; decimal mode fixes up the digits). */
  private arr(value: number): void {
    const t = this.a & value;
    const carryIn = this.flags & C;
    let result = (t >> 1) | (carryIn << 7);
    let flags = (this.flags & ~(N | V | Z | C)) | (NZ[result] as number) | ((t ^ result) & V);
    if ((this.flags & D) === 0) {
      flags |= (result >> 6) & C;
    } else {
      if ((t & 0x0f) + (t & 0x01) > 0x05) result = (result & 0xf0) | ((result + 0x06) & 0x0f);
      if ((t & 0xf0) + (t & 0x10) > 0x50) {
        result = (result + 0x60) & 0xff;
        flags |= C;
      }
    }
    this.a = result;
    this.flags = flags;
  }

  private setDelayedI(before: number): void {
    this.delayedIAt = this.cycles;
    this.delayedI = before & I;
  }

  private jam(): void {
    this.jamAddress = (this.pc - 1) & 0xffff;
    this.read(this.pc);
    this.updateAttention();
  }

  private lax(value: number): void {
    this.a = value;
    this.x = value;
    this.setNZ(value);
  }

  private writeBack(address: number, value: number): number {
    this.write(address, value);
    return value;
  }

  /** The addressing of the undocumented combination opcodes, from the low bits of the opcode. */
  private comboAddress(opcode: number): number {
    switch (opcode & 0x1f) {
      case 0x07:
        return this.zp();
      case 0x17:
        return this.zpx();
      case 0x0f:
        return this.abs();
      case 0x1f:
        return this.absIndexedWrite(this.x);
      case 0x1b:
        return this.absIndexedWrite(this.y);
      case 0x03:
        return this.izx();
      default:
        return this.izyWrite();
    }
  }

  static {
    const on = (opcodes: number | readonly number[], handler: Handler): void => {
      for (const opcode of typeof opcodes === 'number' ? [opcodes] : opcodes) {
        if (handlers[opcode] !== undefined)
          throw new Error(`CPU handler for $${opcode.toString(16)} is defined twice`);
        handlers[opcode] = handler;
      }
    };

    // ORA, AND, EOR, ADC, LDA, CMP, SBC
    on(0x09, (c) => c.ora(c.fetch()));
    on(0x05, (c) => c.ora(c.read(c.zp())));
    on(0x15, (c) => c.ora(c.read(c.zpx())));
    on(0x0d, (c) => c.ora(c.read(c.abs())));
    on(0x1d, (c) => c.ora(c.read(c.absIndexedRead(c.x))));
    on(0x19, (c) => c.ora(c.read(c.absIndexedRead(c.y))));
    on(0x01, (c) => c.ora(c.read(c.izx())));
    on(0x11, (c) => c.ora(c.read(c.izyRead())));
    on(0x29, (c) => c.and(c.fetch()));
    on(0x25, (c) => c.and(c.read(c.zp())));
    on(0x35, (c) => c.and(c.read(c.zpx())));
    on(0x2d, (c) => c.and(c.read(c.abs())));
    on(0x3d, (c) => c.and(c.read(c.absIndexedRead(c.x))));
    on(0x39, (c) => c.and(c.read(c.absIndexedRead(c.y))));
    on(0x21, (c) => c.and(c.read(c.izx())));
    on(0x31, (c) => c.and(c.read(c.izyRead())));
    on(0x49, (c) => c.eor(c.fetch()));
    on(0x45, (c) => c.eor(c.read(c.zp())));
    on(0x55, (c) => c.eor(c.read(c.zpx())));
    on(0x4d, (c) => c.eor(c.read(c.abs())));
    on(0x5d, (c) => c.eor(c.read(c.absIndexedRead(c.x))));
    on(0x59, (c) => c.eor(c.read(c.absIndexedRead(c.y))));
    on(0x41, (c) => c.eor(c.read(c.izx())));
    on(0x51, (c) => c.eor(c.read(c.izyRead())));
    on(0x69, (c) => c.adc(c.fetch()));
    on(0x65, (c) => c.adc(c.read(c.zp())));
    on(0x75, (c) => c.adc(c.read(c.zpx())));
    on(0x6d, (c) => c.adc(c.read(c.abs())));
    on(0x7d, (c) => c.adc(c.read(c.absIndexedRead(c.x))));
    on(0x79, (c) => c.adc(c.read(c.absIndexedRead(c.y))));
    on(0x61, (c) => c.adc(c.read(c.izx())));
    on(0x71, (c) => c.adc(c.read(c.izyRead())));
    on(0xa9, (c) => c.lda(c.fetch()));
    on(0xa5, (c) => c.lda(c.read(c.zp())));
    on(0xb5, (c) => c.lda(c.read(c.zpx())));
    on(0xad, (c) => c.lda(c.read(c.abs())));
    on(0xbd, (c) => c.lda(c.read(c.absIndexedRead(c.x))));
    on(0xb9, (c) => c.lda(c.read(c.absIndexedRead(c.y))));
    on(0xa1, (c) => c.lda(c.read(c.izx())));
    on(0xb1, (c) => c.lda(c.read(c.izyRead())));
    on(0xc9, (c) => c.compare(c.a, c.fetch()));
    on(0xc5, (c) => c.compare(c.a, c.read(c.zp())));
    on(0xd5, (c) => c.compare(c.a, c.read(c.zpx())));
    on(0xcd, (c) => c.compare(c.a, c.read(c.abs())));
    on(0xdd, (c) => c.compare(c.a, c.read(c.absIndexedRead(c.x))));
    on(0xd9, (c) => c.compare(c.a, c.read(c.absIndexedRead(c.y))));
    on(0xc1, (c) => c.compare(c.a, c.read(c.izx())));
    on(0xd1, (c) => c.compare(c.a, c.read(c.izyRead())));
    on([0xe9, 0xeb], (c) => c.sbc(c.fetch()));
    on(0xe5, (c) => c.sbc(c.read(c.zp())));
    on(0xf5, (c) => c.sbc(c.read(c.zpx())));
    on(0xed, (c) => c.sbc(c.read(c.abs())));
    on(0xfd, (c) => c.sbc(c.read(c.absIndexedRead(c.x))));
    on(0xf9, (c) => c.sbc(c.read(c.absIndexedRead(c.y))));
    on(0xe1, (c) => c.sbc(c.read(c.izx())));
    on(0xf1, (c) => c.sbc(c.read(c.izyRead())));

    // Stores
    on(0x85, (c) => c.write(c.zp(), c.a));
    on(0x95, (c) => c.write(c.zpx(), c.a));
    on(0x8d, (c) => c.write(c.abs(), c.a));
    on(0x9d, (c) => c.write(c.absIndexedWrite(c.x), c.a));
    on(0x99, (c) => c.write(c.absIndexedWrite(c.y), c.a));
    on(0x81, (c) => c.write(c.izx(), c.a));
    on(0x91, (c) => c.write(c.izyWrite(), c.a));
    on(0x86, (c) => c.write(c.zp(), c.x));
    on(0x96, (c) => c.write(c.zpy(), c.x));
    on(0x8e, (c) => c.write(c.abs(), c.x));
    on(0x84, (c) => c.write(c.zp(), c.y));
    on(0x94, (c) => c.write(c.zpx(), c.y));
    on(0x8c, (c) => c.write(c.abs(), c.y));

    // LDX, LDY, CPX, CPY, BIT
    on(0xa2, (c) => c.ldx(c.fetch()));
    on(0xa6, (c) => c.ldx(c.read(c.zp())));
    on(0xb6, (c) => c.ldx(c.read(c.zpy())));
    on(0xae, (c) => c.ldx(c.read(c.abs())));
    on(0xbe, (c) => c.ldx(c.read(c.absIndexedRead(c.y))));
    on(0xa0, (c) => c.ldy(c.fetch()));
    on(0xa4, (c) => c.ldy(c.read(c.zp())));
    on(0xb4, (c) => c.ldy(c.read(c.zpx())));
    on(0xac, (c) => c.ldy(c.read(c.abs())));
    on(0xbc, (c) => c.ldy(c.read(c.absIndexedRead(c.x))));
    on(0xe0, (c) => c.compare(c.x, c.fetch()));
    on(0xe4, (c) => c.compare(c.x, c.read(c.zp())));
    on(0xec, (c) => c.compare(c.x, c.read(c.abs())));
    on(0xc0, (c) => c.compare(c.y, c.fetch()));
    on(0xc4, (c) => c.compare(c.y, c.read(c.zp())));
    on(0xcc, (c) => c.compare(c.y, c.read(c.abs())));
    on(0x24, (c) => c.bit(c.read(c.zp())));
    on(0x2c, (c) => c.bit(c.read(c.abs())));

    // Shifts, rotates, INC, DEC
    on(0x0a, (c) => {
      c.implied();
      c.a = c.asl(c.a);
    });
    on(0x06, (c) => {
      const address = c.zp();
      c.write(address, c.asl(c.modify(address)));
    });
    on(0x16, (c) => {
      const address = c.zpx();
      c.write(address, c.asl(c.modify(address)));
    });
    on(0x0e, (c) => {
      const address = c.abs();
      c.write(address, c.asl(c.modify(address)));
    });
    on(0x1e, (c) => {
      const address = c.absIndexedWrite(c.x);
      c.write(address, c.asl(c.modify(address)));
    });
    on(0x2a, (c) => {
      c.implied();
      c.a = c.rol(c.a);
    });
    on(0x26, (c) => {
      const address = c.zp();
      c.write(address, c.rol(c.modify(address)));
    });
    on(0x36, (c) => {
      const address = c.zpx();
      c.write(address, c.rol(c.modify(address)));
    });
    on(0x2e, (c) => {
      const address = c.abs();
      c.write(address, c.rol(c.modify(address)));
    });
    on(0x3e, (c) => {
      const address = c.absIndexedWrite(c.x);
      c.write(address, c.rol(c.modify(address)));
    });
    on(0x4a, (c) => {
      c.implied();
      c.a = c.lsr(c.a);
    });
    on(0x46, (c) => {
      const address = c.zp();
      c.write(address, c.lsr(c.modify(address)));
    });
    on(0x56, (c) => {
      const address = c.zpx();
      c.write(address, c.lsr(c.modify(address)));
    });
    on(0x4e, (c) => {
      const address = c.abs();
      c.write(address, c.lsr(c.modify(address)));
    });
    on(0x5e, (c) => {
      const address = c.absIndexedWrite(c.x);
      c.write(address, c.lsr(c.modify(address)));
    });
    on(0x6a, (c) => {
      c.implied();
      c.a = c.ror(c.a);
    });
    on(0x66, (c) => {
      const address = c.zp();
      c.write(address, c.ror(c.modify(address)));
    });
    on(0x76, (c) => {
      const address = c.zpx();
      c.write(address, c.ror(c.modify(address)));
    });
    on(0x6e, (c) => {
      const address = c.abs();
      c.write(address, c.ror(c.modify(address)));
    });
    on(0x7e, (c) => {
      const address = c.absIndexedWrite(c.x);
      c.write(address, c.ror(c.modify(address)));
    });
    on(0xe6, (c) => {
      const address = c.zp();
      c.write(address, c.inc(c.modify(address)));
    });
    on(0xf6, (c) => {
      const address = c.zpx();
      c.write(address, c.inc(c.modify(address)));
    });
    on(0xee, (c) => {
      const address = c.abs();
      c.write(address, c.inc(c.modify(address)));
    });
    on(0xfe, (c) => {
      const address = c.absIndexedWrite(c.x);
      c.write(address, c.inc(c.modify(address)));
    });
    on(0xc6, (c) => {
      const address = c.zp();
      c.write(address, c.dec(c.modify(address)));
    });
    on(0xd6, (c) => {
      const address = c.zpx();
      c.write(address, c.dec(c.modify(address)));
    });
    on(0xce, (c) => {
      const address = c.abs();
      c.write(address, c.dec(c.modify(address)));
    });
    on(0xde, (c) => {
      const address = c.absIndexedWrite(c.x);
      c.write(address, c.dec(c.modify(address)));
    });

    // Branches
    on(0x10, (c) => c.branch((c.flags & N) === 0));
    on(0x30, (c) => c.branch((c.flags & N) !== 0));
    on(0x50, (c) => c.branch((c.flags & V) === 0));
    on(0x70, (c) => c.branch((c.flags & V) !== 0));
    on(0x90, (c) => c.branch((c.flags & C) === 0));
    on(0xb0, (c) => c.branch((c.flags & C) !== 0));
    on(0xd0, (c) => c.branch((c.flags & Z) === 0));
    on(0xf0, (c) => c.branch((c.flags & Z) !== 0));

    // Jumps, subroutines, interrupts, stack
    on(0x4c, (c) => (c.pc = c.abs()));
    on(0x6c, (c) => {
      const pointer = c.abs();
      const lo = c.read(pointer);
      // NMOS bug: the pointer's high byte comes from the same page ($xxFF wraps to $xx00).
      c.pc = lo | (c.read((pointer & 0xff00) | ((pointer + 1) & 0xff)) << 8);
    });
    on(0x20, (c) => {
      const lo = c.fetch();
      c.read(0x100 | c.s);
      c.push(c.pc >> 8);
      c.push(c.pc & 0xff);
      c.pc = lo | (c.read(c.pc) << 8);
    });
    on(0x60, (c) => {
      c.implied();
      c.read(0x100 | c.s);
      const lo = c.pull();
      c.pc = lo | (c.pull() << 8);
      c.read(c.pc);
      c.pc = (c.pc + 1) & 0xffff;
    });
    on(0x40, (c) => {
      c.implied();
      c.read(0x100 | c.s);
      c.p = c.pull();
      const lo = c.pull();
      c.pc = lo | (c.pull() << 8);
    });
    on(0x00, (c) => {
      c.fetch();
      c.push(c.pc >> 8);
      c.push(c.pc & 0xff);
      c.push(c.flags | FLAG_B);
      c.flags |= I;
      const lo = c.read(IRQ_VECTOR);
      c.pc = lo | (c.read(IRQ_VECTOR + 1) << 8);
    });
    on(0x08, (c) => {
      c.implied();
      c.push(c.flags | FLAG_B);
    });
    on(0x48, (c) => {
      c.implied();
      c.push(c.a);
    });
    on(0x28, (c) => {
      const before = c.flags;
      c.implied();
      c.read(0x100 | c.s);
      c.p = c.pull();
      c.setDelayedI(before);
    });
    on(0x68, (c) => {
      c.implied();
      c.read(0x100 | c.s);
      c.lda(c.pull());
    });

    // Flags, transfers, register increments
    on(0x18, (c) => {
      c.implied();
      c.flags &= ~C;
    });
    on(0x38, (c) => {
      c.implied();
      c.flags |= C;
    });
    on(0x58, (c) => {
      const before = c.flags;
      c.implied();
      c.flags &= ~I;
      c.setDelayedI(before);
    });
    on(0x78, (c) => {
      const before = c.flags;
      c.implied();
      c.flags |= I;
      c.setDelayedI(before);
    });
    on(0xb8, (c) => {
      c.implied();
      c.flags &= ~V;
    });
    on(0xd8, (c) => {
      c.implied();
      c.flags &= ~D;
    });
    on(0xf8, (c) => {
      c.implied();
      c.flags |= D;
    });
    on(0xaa, (c) => {
      c.implied();
      c.ldx(c.a);
    });
    on(0x8a, (c) => {
      c.implied();
      c.lda(c.x);
    });
    on(0xa8, (c) => {
      c.implied();
      c.ldy(c.a);
    });
    on(0x98, (c) => {
      c.implied();
      c.lda(c.y);
    });
    on(0xba, (c) => {
      c.implied();
      c.ldx(c.s);
    });
    on(0x9a, (c) => {
      c.implied();
      c.s = c.x;
    });
    on(0xe8, (c) => {
      c.implied();
      c.ldx((c.x + 1) & 0xff);
    });
    on(0xca, (c) => {
      c.implied();
      c.ldx((c.x - 1) & 0xff);
    });
    on(0xc8, (c) => {
      c.implied();
      c.ldy((c.y + 1) & 0xff);
    });
    on(0x88, (c) => {
      c.implied();
      c.ldy((c.y - 1) & 0xff);
    });
    on([0xea, 0x1a, 0x3a, 0x5a, 0x7a, 0xda, 0xfa], (c) => c.implied());

    // Undocumented NOPs that read an operand
    on([0x80, 0x82, 0x89, 0xc2, 0xe2], (c) => c.fetch());
    on([0x04, 0x44, 0x64], (c) => c.read(c.zp()));
    on([0x14, 0x34, 0x54, 0x74, 0xd4, 0xf4], (c) => c.read(c.zpx()));
    on(0x0c, (c) => c.read(c.abs()));
    on([0x1c, 0x3c, 0x5c, 0x7c, 0xdc, 0xfc], (c) => c.read(c.absIndexedRead(c.x)));

    // Undocumented LAX, SAX
    on(0xa7, (c) => c.lax(c.read(c.zp())));
    on(0xb7, (c) => c.lax(c.read(c.zpy())));
    on(0xaf, (c) => c.lax(c.read(c.abs())));
    on(0xbf, (c) => c.lax(c.read(c.absIndexedRead(c.y))));
    on(0xa3, (c) => c.lax(c.read(c.izx())));
    on(0xb3, (c) => c.lax(c.read(c.izyRead())));
    on(0x87, (c) => c.write(c.zp(), c.a & c.x));
    on(0x97, (c) => c.write(c.zpy(), c.a & c.x));
    on(0x8f, (c) => c.write(c.abs(), c.a & c.x));
    on(0x83, (c) => c.write(c.izx(), c.a & c.x));

    // Undocumented immediate ALU ops
    on([0x0b, 0x2b], (c) => {
      c.and(c.fetch());
      c.flags = (c.flags & ~C) | (c.a >> 7);
    });
    on(0x4b, (c) => {
      const t = c.a & c.fetch();
      c.flags = (c.flags & ~C) | (t & C);
      c.lda(t >> 1);
    });
    on(0x6b, (c) => c.arr(c.fetch()));
    on(0xcb, (c) => {
      const diff = (c.a & c.x) - c.fetch();
      c.x = diff & 0xff;
      c.flags = (c.flags & ~(N | Z | C)) | (NZ[c.x] as number) | (diff >= 0 ? C : 0);
    });

    // Undocumented read-modify-write + ALU combinations
    on([0x07, 0x17, 0x0f, 0x1f, 0x1b, 0x03, 0x13], (c, opcode) => {
      const address = c.comboAddress(opcode);
      c.ora(c.writeBack(address, c.asl(c.modify(address))));
    });
    on([0x27, 0x37, 0x2f, 0x3f, 0x3b, 0x23, 0x33], (c, opcode) => {
      const address = c.comboAddress(opcode);
      c.and(c.writeBack(address, c.rol(c.modify(address))));
    });
    on([0x47, 0x57, 0x4f, 0x5f, 0x5b, 0x43, 0x53], (c, opcode) => {
      const address = c.comboAddress(opcode);
      c.eor(c.writeBack(address, c.lsr(c.modify(address))));
    });
    on([0x67, 0x77, 0x6f, 0x7f, 0x7b, 0x63, 0x73], (c, opcode) => {
      const address = c.comboAddress(opcode);
      c.adc(c.writeBack(address, c.ror(c.modify(address))));
    });
    on([0xc7, 0xd7, 0xcf, 0xdf, 0xdb, 0xc3, 0xd3], (c, opcode) => {
      const address = c.comboAddress(opcode);
      c.compare(c.a, c.writeBack(address, (c.modify(address) - 1) & 0xff));
    });
    on([0xe7, 0xf7, 0xef, 0xff, 0xfb, 0xe3, 0xf3], (c, opcode) => {
      const address = c.comboAddress(opcode);
      c.sbc(c.writeBack(address, (c.modify(address) + 1) & 0xff));
    });
    on([0x02, 0x12, 0x22, 0x32, 0x42, 0x52, 0x62, 0x72, 0x92, 0xb2, 0xd2, 0xf2], (c) => c.jam());

    for (let opcode = 0; opcode < 256; opcode++) {
      const implemented = handlers[opcode] !== undefined;
      if (implemented !== (OPCODES[opcode] !== undefined)) {
        throw new Error(`CPU handlers and the opcode table disagree about $${opcode.toString(16)}`);
      }
      // The unstable opcodes the table leaves out ($8B, $93, $9B, $9C, $9E, $9F, $AB, $BB) stop the CPU
      // like a JAM: a visible halt rather than a value that real chips do not agree on.
      if (!implemented) handlers[opcode] = (c) => c.jam();
    }
  }
}

function checkInteger(record: Record<string, unknown>, key: string, max: number): number {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`CPU state: "${key}" must be an integer from 0 to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkBoolean(record: Record<string, unknown>, key: string): boolean {
  const value = record[key];
  if (typeof value !== 'boolean') {
    throw new Error(`CPU state: "${key}" must be true or false, got ${JSON.stringify(value)}`);
  }
  return value;
}
