import type { CpuBus } from '../../../../src-main/core/cpu/cpu6502.ts';

export type BusAccess = [address: number, value: number, kind: 'read' | 'write'];

/** Flat 64K RAM that records every bus access in order, in the format of the single-step vectors. */
export class TracingBus implements CpuBus {
  readonly memory = new Uint8Array(0x10000);
  log: BusAccess[] = [];

  read(address: number): number {
    const value = this.memory[address] as number;
    this.log.push([address, value, 'read']);
    return value;
  }

  write(address: number, value: number): void {
    this.memory[address] = value;
    this.log.push([address, value, 'write']);
  }

  /** Copies bytes into memory without logging. */
  load(address: number, bytes: readonly number[]): void {
    bytes.forEach((byte, i) => {
      this.memory[(address + i) & 0xffff] = byte;
    });
  }
}
