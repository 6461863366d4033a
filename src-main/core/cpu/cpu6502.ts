/**
 * A cycle-exact NMOS 6502. Every bus access is one clock cycle, including the dummy reads of indexed and
 * implied addressing and the dummy write of read-modify-write instructions, so cycle counts and bus order
 * follow from the code (MOS MCS6500 hardware manual, appendix A). Opcode lengths and base cycle counts are
 * declared once in opcodes.ts; the unit tests check this switch against that table for all 256 opcodes.
 */

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

export class Cpu6502 {
  a = 0;
  x = 0;
  y = 0;
  s = 0;
  pc = 0;
  /** Total clock cycles since construction (or as restored by loadState). */
  cycles = 0;
  /** True after a JAM opcode: the CPU does nothing more until reset(). */
  jammed = false;
  /** Address of the JAM opcode that stopped the CPU, or null. */
  jammedAt: number | null = null;

  private readonly bus: CpuBus;
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
    this.jammed = false;
    this.jammedAt = null;
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
    this.execute(this.fetch());
    return this.cycles - start;
  }

  /**
   * Runs instructions until cycles >= untilCycle. The last instruction may overshoot by a few cycles. A
   * jammed CPU keeps its clock running (the chip is stuck, not stopped), so cycles still reaches untilCycle.
   */
  run(untilCycle: number): void {
    while (this.cycles < untilCycle) {
      if (this.attention) {
        if (this.jammed) {
          this.cycles = untilCycle;
          return;
        }
        this.pollInterrupts();
      }
      this.execute(this.fetch());
    }
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
    this.jammed = jammed;
    this.jammedAt = jammedAt;
    this.delayedIAt = delayedI === null ? -1 : cycles;
    this.delayedI = delayedI === true ? I : 0;
    this.updateAttention();
  }

  private updateAttention(): void {
    this.attention = this.nmiPending || this.irqLine || this.jammed;
  }

  private pollInterrupts(): void {
    if (this.nmiPending) {
      this.nmiPending = false;
      this.updateAttention();
      this.interrupt(NMI_VECTOR);
      return;
    }
    const iFlag = this.delayedIAt === this.cycles ? this.delayedI : this.flags & I;
    if (this.irqLine && iFlag === 0) this.interrupt(IRQ_VECTOR);
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
    this.jammedAt = (this.pc - 1) & 0xffff;
    this.read(this.pc);
    this.jammed = true;
    this.updateAttention();
  }

  private execute(opcode: number): void {
    let address: number;
    switch (opcode) {
      // ORA, AND, EOR, ADC, LDA, CMP, SBC
      case 0x09:
        this.ora(this.fetch());
        break;
      case 0x05:
        this.ora(this.read(this.zp()));
        break;
      case 0x15:
        this.ora(this.read(this.zpx()));
        break;
      case 0x0d:
        this.ora(this.read(this.abs()));
        break;
      case 0x1d:
        this.ora(this.read(this.absIndexedRead(this.x)));
        break;
      case 0x19:
        this.ora(this.read(this.absIndexedRead(this.y)));
        break;
      case 0x01:
        this.ora(this.read(this.izx()));
        break;
      case 0x11:
        this.ora(this.read(this.izyRead()));
        break;
      case 0x29:
        this.and(this.fetch());
        break;
      case 0x25:
        this.and(this.read(this.zp()));
        break;
      case 0x35:
        this.and(this.read(this.zpx()));
        break;
      case 0x2d:
        this.and(this.read(this.abs()));
        break;
      case 0x3d:
        this.and(this.read(this.absIndexedRead(this.x)));
        break;
      case 0x39:
        this.and(this.read(this.absIndexedRead(this.y)));
        break;
      case 0x21:
        this.and(this.read(this.izx()));
        break;
      case 0x31:
        this.and(this.read(this.izyRead()));
        break;
      case 0x49:
        this.eor(this.fetch());
        break;
      case 0x45:
        this.eor(this.read(this.zp()));
        break;
      case 0x55:
        this.eor(this.read(this.zpx()));
        break;
      case 0x4d:
        this.eor(this.read(this.abs()));
        break;
      case 0x5d:
        this.eor(this.read(this.absIndexedRead(this.x)));
        break;
      case 0x59:
        this.eor(this.read(this.absIndexedRead(this.y)));
        break;
      case 0x41:
        this.eor(this.read(this.izx()));
        break;
      case 0x51:
        this.eor(this.read(this.izyRead()));
        break;
      case 0x69:
        this.adc(this.fetch());
        break;
      case 0x65:
        this.adc(this.read(this.zp()));
        break;
      case 0x75:
        this.adc(this.read(this.zpx()));
        break;
      case 0x6d:
        this.adc(this.read(this.abs()));
        break;
      case 0x7d:
        this.adc(this.read(this.absIndexedRead(this.x)));
        break;
      case 0x79:
        this.adc(this.read(this.absIndexedRead(this.y)));
        break;
      case 0x61:
        this.adc(this.read(this.izx()));
        break;
      case 0x71:
        this.adc(this.read(this.izyRead()));
        break;
      case 0xa9:
        this.lda(this.fetch());
        break;
      case 0xa5:
        this.lda(this.read(this.zp()));
        break;
      case 0xb5:
        this.lda(this.read(this.zpx()));
        break;
      case 0xad:
        this.lda(this.read(this.abs()));
        break;
      case 0xbd:
        this.lda(this.read(this.absIndexedRead(this.x)));
        break;
      case 0xb9:
        this.lda(this.read(this.absIndexedRead(this.y)));
        break;
      case 0xa1:
        this.lda(this.read(this.izx()));
        break;
      case 0xb1:
        this.lda(this.read(this.izyRead()));
        break;
      case 0xc9:
        this.compare(this.a, this.fetch());
        break;
      case 0xc5:
        this.compare(this.a, this.read(this.zp()));
        break;
      case 0xd5:
        this.compare(this.a, this.read(this.zpx()));
        break;
      case 0xcd:
        this.compare(this.a, this.read(this.abs()));
        break;
      case 0xdd:
        this.compare(this.a, this.read(this.absIndexedRead(this.x)));
        break;
      case 0xd9:
        this.compare(this.a, this.read(this.absIndexedRead(this.y)));
        break;
      case 0xc1:
        this.compare(this.a, this.read(this.izx()));
        break;
      case 0xd1:
        this.compare(this.a, this.read(this.izyRead()));
        break;
      case 0xe9:
      case 0xeb:
        this.sbc(this.fetch());
        break;
      case 0xe5:
        this.sbc(this.read(this.zp()));
        break;
      case 0xf5:
        this.sbc(this.read(this.zpx()));
        break;
      case 0xed:
        this.sbc(this.read(this.abs()));
        break;
      case 0xfd:
        this.sbc(this.read(this.absIndexedRead(this.x)));
        break;
      case 0xf9:
        this.sbc(this.read(this.absIndexedRead(this.y)));
        break;
      case 0xe1:
        this.sbc(this.read(this.izx()));
        break;
      case 0xf1:
        this.sbc(this.read(this.izyRead()));
        break;

      // Stores
      case 0x85:
        this.write(this.zp(), this.a);
        break;
      case 0x95:
        this.write(this.zpx(), this.a);
        break;
      case 0x8d:
        this.write(this.abs(), this.a);
        break;
      case 0x9d:
        this.write(this.absIndexedWrite(this.x), this.a);
        break;
      case 0x99:
        this.write(this.absIndexedWrite(this.y), this.a);
        break;
      case 0x81:
        this.write(this.izx(), this.a);
        break;
      case 0x91:
        this.write(this.izyWrite(), this.a);
        break;
      case 0x86:
        this.write(this.zp(), this.x);
        break;
      case 0x96:
        this.write(this.zpy(), this.x);
        break;
      case 0x8e:
        this.write(this.abs(), this.x);
        break;
      case 0x84:
        this.write(this.zp(), this.y);
        break;
      case 0x94:
        this.write(this.zpx(), this.y);
        break;
      case 0x8c:
        this.write(this.abs(), this.y);
        break;

      // LDX, LDY, CPX, CPY, BIT
      case 0xa2:
        this.ldx(this.fetch());
        break;
      case 0xa6:
        this.ldx(this.read(this.zp()));
        break;
      case 0xb6:
        this.ldx(this.read(this.zpy()));
        break;
      case 0xae:
        this.ldx(this.read(this.abs()));
        break;
      case 0xbe:
        this.ldx(this.read(this.absIndexedRead(this.y)));
        break;
      case 0xa0:
        this.ldy(this.fetch());
        break;
      case 0xa4:
        this.ldy(this.read(this.zp()));
        break;
      case 0xb4:
        this.ldy(this.read(this.zpx()));
        break;
      case 0xac:
        this.ldy(this.read(this.abs()));
        break;
      case 0xbc:
        this.ldy(this.read(this.absIndexedRead(this.x)));
        break;
      case 0xe0:
        this.compare(this.x, this.fetch());
        break;
      case 0xe4:
        this.compare(this.x, this.read(this.zp()));
        break;
      case 0xec:
        this.compare(this.x, this.read(this.abs()));
        break;
      case 0xc0:
        this.compare(this.y, this.fetch());
        break;
      case 0xc4:
        this.compare(this.y, this.read(this.zp()));
        break;
      case 0xcc:
        this.compare(this.y, this.read(this.abs()));
        break;
      case 0x24:
        this.bit(this.read(this.zp()));
        break;
      case 0x2c:
        this.bit(this.read(this.abs()));
        break;

      // Shifts, rotates, INC, DEC
      case 0x0a:
        this.implied();
        this.a = this.asl(this.a);
        break;
      case 0x06:
        address = this.zp();
        this.write(address, this.asl(this.modify(address)));
        break;
      case 0x16:
        address = this.zpx();
        this.write(address, this.asl(this.modify(address)));
        break;
      case 0x0e:
        address = this.abs();
        this.write(address, this.asl(this.modify(address)));
        break;
      case 0x1e:
        address = this.absIndexedWrite(this.x);
        this.write(address, this.asl(this.modify(address)));
        break;
      case 0x2a:
        this.implied();
        this.a = this.rol(this.a);
        break;
      case 0x26:
        address = this.zp();
        this.write(address, this.rol(this.modify(address)));
        break;
      case 0x36:
        address = this.zpx();
        this.write(address, this.rol(this.modify(address)));
        break;
      case 0x2e:
        address = this.abs();
        this.write(address, this.rol(this.modify(address)));
        break;
      case 0x3e:
        address = this.absIndexedWrite(this.x);
        this.write(address, this.rol(this.modify(address)));
        break;
      case 0x4a:
        this.implied();
        this.a = this.lsr(this.a);
        break;
      case 0x46:
        address = this.zp();
        this.write(address, this.lsr(this.modify(address)));
        break;
      case 0x56:
        address = this.zpx();
        this.write(address, this.lsr(this.modify(address)));
        break;
      case 0x4e:
        address = this.abs();
        this.write(address, this.lsr(this.modify(address)));
        break;
      case 0x5e:
        address = this.absIndexedWrite(this.x);
        this.write(address, this.lsr(this.modify(address)));
        break;
      case 0x6a:
        this.implied();
        this.a = this.ror(this.a);
        break;
      case 0x66:
        address = this.zp();
        this.write(address, this.ror(this.modify(address)));
        break;
      case 0x76:
        address = this.zpx();
        this.write(address, this.ror(this.modify(address)));
        break;
      case 0x6e:
        address = this.abs();
        this.write(address, this.ror(this.modify(address)));
        break;
      case 0x7e:
        address = this.absIndexedWrite(this.x);
        this.write(address, this.ror(this.modify(address)));
        break;
      case 0xe6:
        address = this.zp();
        this.write(address, this.inc(this.modify(address)));
        break;
      case 0xf6:
        address = this.zpx();
        this.write(address, this.inc(this.modify(address)));
        break;
      case 0xee:
        address = this.abs();
        this.write(address, this.inc(this.modify(address)));
        break;
      case 0xfe:
        address = this.absIndexedWrite(this.x);
        this.write(address, this.inc(this.modify(address)));
        break;
      case 0xc6:
        address = this.zp();
        this.write(address, this.dec(this.modify(address)));
        break;
      case 0xd6:
        address = this.zpx();
        this.write(address, this.dec(this.modify(address)));
        break;
      case 0xce:
        address = this.abs();
        this.write(address, this.dec(this.modify(address)));
        break;
      case 0xde:
        address = this.absIndexedWrite(this.x);
        this.write(address, this.dec(this.modify(address)));
        break;

      // Branches
      case 0x10:
        this.branch((this.flags & N) === 0);
        break;
      case 0x30:
        this.branch((this.flags & N) !== 0);
        break;
      case 0x50:
        this.branch((this.flags & V) === 0);
        break;
      case 0x70:
        this.branch((this.flags & V) !== 0);
        break;
      case 0x90:
        this.branch((this.flags & C) === 0);
        break;
      case 0xb0:
        this.branch((this.flags & C) !== 0);
        break;
      case 0xd0:
        this.branch((this.flags & Z) === 0);
        break;
      case 0xf0:
        this.branch((this.flags & Z) !== 0);
        break;

      // Jumps, subroutines, interrupts, stack
      case 0x4c:
        this.pc = this.abs();
        break;
      case 0x6c: {
        const pointer = this.abs();
        const lo = this.read(pointer);
        // NMOS bug: the pointer's high byte comes from the same page ($xxFF wraps to $xx00).
        this.pc = lo | (this.read((pointer & 0xff00) | ((pointer + 1) & 0xff)) << 8);
        break;
      }
      case 0x20: {
        const lo = this.fetch();
        this.read(0x100 | this.s);
        this.push(this.pc >> 8);
        this.push(this.pc & 0xff);
        this.pc = lo | (this.read(this.pc) << 8);
        break;
      }
      case 0x60: {
        this.implied();
        this.read(0x100 | this.s);
        const lo = this.pull();
        this.pc = lo | (this.pull() << 8);
        this.read(this.pc);
        this.pc = (this.pc + 1) & 0xffff;
        break;
      }
      case 0x40: {
        this.implied();
        this.read(0x100 | this.s);
        this.p = this.pull();
        const lo = this.pull();
        this.pc = lo | (this.pull() << 8);
        break;
      }
      case 0x00: {
        this.fetch();
        this.push(this.pc >> 8);
        this.push(this.pc & 0xff);
        this.push(this.flags | FLAG_B);
        this.flags |= I;
        const lo = this.read(IRQ_VECTOR);
        this.pc = lo | (this.read(IRQ_VECTOR + 1) << 8);
        break;
      }
      case 0x08:
        this.implied();
        this.push(this.flags | FLAG_B);
        break;
      case 0x48:
        this.implied();
        this.push(this.a);
        break;
      case 0x28: {
        const before = this.flags;
        this.implied();
        this.read(0x100 | this.s);
        this.p = this.pull();
        this.setDelayedI(before);
        break;
      }
      case 0x68:
        this.implied();
        this.read(0x100 | this.s);
        this.lda(this.pull());
        break;

      // Flags, transfers, register increments
      case 0x18:
        this.implied();
        this.flags &= ~C;
        break;
      case 0x38:
        this.implied();
        this.flags |= C;
        break;
      case 0x58: {
        const before = this.flags;
        this.implied();
        this.flags &= ~I;
        this.setDelayedI(before);
        break;
      }
      case 0x78: {
        const before = this.flags;
        this.implied();
        this.flags |= I;
        this.setDelayedI(before);
        break;
      }
      case 0xb8:
        this.implied();
        this.flags &= ~V;
        break;
      case 0xd8:
        this.implied();
        this.flags &= ~D;
        break;
      case 0xf8:
        this.implied();
        this.flags |= D;
        break;
      case 0xaa:
        this.implied();
        this.ldx(this.a);
        break;
      case 0x8a:
        this.implied();
        this.lda(this.x);
        break;
      case 0xa8:
        this.implied();
        this.ldy(this.a);
        break;
      case 0x98:
        this.implied();
        this.lda(this.y);
        break;
      case 0xba:
        this.implied();
        this.ldx(this.s);
        break;
      case 0x9a:
        this.implied();
        this.s = this.x;
        break;
      case 0xe8:
        this.implied();
        this.ldx((this.x + 1) & 0xff);
        break;
      case 0xca:
        this.implied();
        this.ldx((this.x - 1) & 0xff);
        break;
      case 0xc8:
        this.implied();
        this.ldy((this.y + 1) & 0xff);
        break;
      case 0x88:
        this.implied();
        this.ldy((this.y - 1) & 0xff);
        break;
      case 0xea:
      case 0x1a:
      case 0x3a:
      case 0x5a:
      case 0x7a:
      case 0xda:
      case 0xfa:
        this.implied();
        break;

      // Undocumented NOPs that read an operand
      case 0x80:
      case 0x82:
      case 0x89:
      case 0xc2:
      case 0xe2:
        this.fetch();
        break;
      case 0x04:
      case 0x44:
      case 0x64:
        this.read(this.zp());
        break;
      case 0x14:
      case 0x34:
      case 0x54:
      case 0x74:
      case 0xd4:
      case 0xf4:
        this.read(this.zpx());
        break;
      case 0x0c:
        this.read(this.abs());
        break;
      case 0x1c:
      case 0x3c:
      case 0x5c:
      case 0x7c:
      case 0xdc:
      case 0xfc:
        this.read(this.absIndexedRead(this.x));
        break;

      // Undocumented LAX, SAX
      case 0xa7:
        this.lax(this.read(this.zp()));
        break;
      case 0xb7:
        this.lax(this.read(this.zpy()));
        break;
      case 0xaf:
        this.lax(this.read(this.abs()));
        break;
      case 0xbf:
        this.lax(this.read(this.absIndexedRead(this.y)));
        break;
      case 0xa3:
        this.lax(this.read(this.izx()));
        break;
      case 0xb3:
        this.lax(this.read(this.izyRead()));
        break;
      case 0x87:
        this.write(this.zp(), this.a & this.x);
        break;
      case 0x97:
        this.write(this.zpy(), this.a & this.x);
        break;
      case 0x8f:
        this.write(this.abs(), this.a & this.x);
        break;
      case 0x83:
        this.write(this.izx(), this.a & this.x);
        break;

      // Undocumented immediate ALU ops
      case 0x0b:
      case 0x2b:
        this.and(this.fetch());
        this.flags = (this.flags & ~C) | (this.a >> 7);
        break;
      case 0x4b: {
        const t = this.a & this.fetch();
        this.flags = (this.flags & ~C) | (t & C);
        this.lda(t >> 1);
        break;
      }
      case 0x6b:
        this.arr(this.fetch());
        break;
      case 0xcb: {
        const diff = (this.a & this.x) - this.fetch();
        this.x = diff & 0xff;
        this.flags = (this.flags & ~(N | Z | C)) | (NZ[this.x] as number) | (diff >= 0 ? C : 0);
        break;
      }

      // Undocumented read-modify-write + ALU combinations
      case 0x07:
      case 0x17:
      case 0x0f:
      case 0x1f:
      case 0x1b:
      case 0x03:
      case 0x13:
        address = this.comboAddress(opcode);
        this.ora(this.writeBack(address, this.asl(this.modify(address))));
        break;
      case 0x27:
      case 0x37:
      case 0x2f:
      case 0x3f:
      case 0x3b:
      case 0x23:
      case 0x33:
        address = this.comboAddress(opcode);
        this.and(this.writeBack(address, this.rol(this.modify(address))));
        break;
      case 0x47:
      case 0x57:
      case 0x4f:
      case 0x5f:
      case 0x5b:
      case 0x43:
      case 0x53:
        address = this.comboAddress(opcode);
        this.eor(this.writeBack(address, this.lsr(this.modify(address))));
        break;
      case 0x67:
      case 0x77:
      case 0x6f:
      case 0x7f:
      case 0x7b:
      case 0x63:
      case 0x73:
        address = this.comboAddress(opcode);
        this.adc(this.writeBack(address, this.ror(this.modify(address))));
        break;
      case 0xc7:
      case 0xd7:
      case 0xcf:
      case 0xdf:
      case 0xdb:
      case 0xc3:
      case 0xd3:
        address = this.comboAddress(opcode);
        this.compare(this.a, this.writeBack(address, (this.modify(address) - 1) & 0xff));
        break;
      case 0xe7:
      case 0xf7:
      case 0xef:
      case 0xff:
      case 0xfb:
      case 0xe3:
      case 0xf3:
        address = this.comboAddress(opcode);
        this.sbc(this.writeBack(address, (this.modify(address) + 1) & 0xff));
        break;

      case 0x02:
      case 0x12:
      case 0x22:
      case 0x32:
      case 0x42:
      case 0x52:
      case 0x62:
      case 0x72:
      case 0x92:
      case 0xb2:
      case 0xd2:
      case 0xf2:
        this.jam();
        break;

      default:
        // The unstable opcodes ($8B, $93, $9B, $9C, $9E, $9F, $AB, $BB) are not emulated; treating them as
        // a JAM stops the program visibly instead of computing a value real chips do not agree on.
        this.jam();
        break;
    }
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
