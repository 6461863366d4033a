/**
 * What the Memory area's CPU and I/O panel shows, gathered only through peeks and saved-state copies, so
 * looking never changes the machine (reading the ACIA's data register would clear RDRF; peeking does not).
 */

import { DCD, CTS, FE, IRQ, OVRN, PE, RDRF, TDRE } from '../machine/acia6850.ts';
import type { Superboard } from '../machine/superboard.ts';

export interface IoSnapshot {
  readonly cycles: number;
  readonly pc: number;
  readonly a: number;
  readonly x: number;
  readonly y: number;
  readonly s: number;
  readonly p: number;
  /** The stack page from S+1 to $01FF (what a pull would see next). */
  readonly stack: number[];
  /** Stack slots that look like a JSR's return address: the byte before it is a JSR. */
  readonly returns: StackReturn[];
  readonly zeroPage: number[];
  readonly acia: {
    readonly status: number;
    readonly data: number;
    readonly control: number;
    /** Status bit names that are set, e.g. ['RDRF', 'TDRE']. */
    readonly flags: string[];
  };
  readonly keyboardLatch: number;
  /** The interface flags at $0203 (LOAD) and $0205 (SAVE). */
  readonly loadFlag: number;
  readonly saveFlag: number;
  /** The monitor's cursor column at $0200 (SYN600 and the Lab Monitor keep it there). */
  readonly cursorColumn: number;
}

export interface StackReturn {
  /** Where the low byte sits on the stack page. */
  readonly slot: number;
  /** The address the JSR was at, and where it called. */
  readonly jsrAt: number;
  readonly target: number;
}

const JSR = 0x20;

/** Return addresses on the stack: a JSR pushes (its address + 2), high byte first. */
export function stackReturns(peek: (address: number) => number, s: number): StackReturn[] {
  const found: StackReturn[] = [];
  for (let slot = 0x100 + ((s + 1) & 0xff); slot < 0x1ff; slot++) {
    const pushed = peek(slot) | (peek(slot + 1) << 8);
    const jsrAt = (pushed - 2) & 0xffff;
    if (peek(jsrAt) !== JSR) continue;
    found.push({ slot, jsrAt, target: peek((jsrAt + 1) & 0xffff) | (peek((jsrAt + 2) & 0xffff) << 8) });
  }
  return found;
}

const STATUS_BITS: readonly [number, string][] = [
  [RDRF, 'RDRF'],
  [TDRE, 'TDRE'],
  [DCD, 'DCD'],
  [CTS, 'CTS'],
  [FE, 'FE'],
  [OVRN, 'OVRN'],
  [PE, 'PE'],
  [IRQ, 'IRQ'],
];

export function ioSnapshot(board: Superboard): IoSnapshot {
  const cpu = board.cpu;
  const status = board.peek(0xf000);
  return {
    cycles: cpu.cycles,
    pc: cpu.pc,
    a: cpu.a,
    x: cpu.x,
    y: cpu.y,
    s: cpu.s,
    p: cpu.p,
    stack: Array.from(board.peekRange(0x100 + ((cpu.s + 1) & 0xff), 0xff - cpu.s)),
    returns: stackReturns((address) => board.peek(address), cpu.s),
    zeroPage: Array.from(board.peekRange(0, 0x100)),
    acia: {
      status,
      data: board.peek(0xf001),
      control: board.acia.saveState().control,
      flags: STATUS_BITS.filter(([bit]) => (status & bit) !== 0).map(([, name]) => name),
    },
    keyboardLatch: board.keyboard.saveState().rowLatch,
    loadFlag: board.peek(0x0203),
    saveFlag: board.peek(0x0205),
    cursorColumn: board.peek(0x0200),
  };
}
