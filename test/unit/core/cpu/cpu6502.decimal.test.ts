import { describe, expect, it } from 'vitest';
import { Cpu6502, FLAG_C, FLAG_D, FLAG_N, FLAG_V, FLAG_Z } from '../../../../src-main/core/cpu/cpu6502.ts';
import { TracingBus } from './tracing-bus.ts';

/** Sign-extends a byte-sized value (bits above 7 must be 0). */
function signed(value: number): number {
  return value >= 0x80 ? value - 0x100 : value;
}

/**
 * NMOS ADC in decimal mode, step by step as Bruce Clark's "Decimal Mode" tutorial (appendix A) states it:
 * sequence 1 for A and C, sequence 2 (signed arithmetic) for N and V, and Z from the binary sum.
 */
function clarkAdc(a: number, b: number, carry: number): { a: number; flags: number } {
  let al = (a & 0x0f) + (b & 0x0f) + carry;
  if (al >= 0x0a) al = ((al + 0x06) & 0x0f) + 0x10;
  let sum = (a & 0xf0) + (b & 0xf0) + al;
  if (sum >= 0xa0) sum += 0x60;
  const signedSum = signed(a & 0xf0) + signed(b & 0xf0) + al;
  let flags = 0;
  if (sum >= 0x100) flags |= FLAG_C;
  if (signedSum & 0x80) flags |= FLAG_N;
  if (signedSum < -128 || signedSum > 127) flags |= FLAG_V;
  if (((a + b + carry) & 0xff) === 0) flags |= FLAG_Z;
  return { a: sum & 0xff, flags };
}

/** NMOS SBC in decimal mode: Clark's sequence 3 for A; N, V, Z and C as in binary mode. */
function clarkSbc(a: number, b: number, carry: number): { a: number; flags: number } {
  let al = (a & 0x0f) - (b & 0x0f) + carry - 1;
  if (al < 0) al = ((al - 0x06) & 0x0f) - 0x10;
  let result = (a & 0xf0) - (b & 0xf0) + al;
  if (result < 0) result -= 0x60;
  const binary = a - b - (1 - carry);
  const signedDifference = signed(a) - signed(b) - (1 - carry);
  let flags = 0;
  if (binary >= 0) flags |= FLAG_C;
  if (binary & 0x80) flags |= FLAG_N;
  if (signedDifference < -128 || signedDifference > 127) flags |= FLAG_V;
  if ((binary & 0xff) === 0) flags |= FLAG_Z;
  return { a: result & 0xff, flags };
}

describe('Cpu6502 decimal mode against Bruce Clark’s NMOS description (all inputs)', () => {
  const bus = new TracingBus();
  const cpu = new Cpu6502(bus);
  const flagMask = FLAG_N | FLAG_V | FLAG_Z | FLAG_C;

  function runImmediate(opcode: number, a: number, value: number, carry: number) {
    bus.memory[0x0200] = opcode;
    bus.memory[0x0201] = value;
    bus.log = [];
    cpu.pc = 0x0200;
    cpu.a = a;
    cpu.p = FLAG_D | carry;
    cpu.step();
    return { a: cpu.a, flags: cpu.p & flagMask };
  }

  it.each([
    ['ADC', 0x69, clarkAdc],
    ['SBC', 0xe9, clarkSbc],
  ] as const)('%s #imm matches for every A, operand and carry', (_name, opcode, model) => {
    const mismatches: string[] = [];
    for (let a = 0; a < 256; a++) {
      for (let value = 0; value < 256; value++) {
        for (const carry of [0, 1]) {
          const got = runImmediate(opcode, a, value, carry);
          const want = model(a, value, carry);
          if ((got.a !== want.a || got.flags !== want.flags) && mismatches.length < 5) {
            mismatches.push(
              `A=${a} M=${value} C=${carry}: got ${JSON.stringify(got)} want ${JSON.stringify(want)}`,
            );
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
