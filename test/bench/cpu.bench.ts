/**
 * CPU-bound speed of Cpu6502 on a flat 64K RAM bus: a loop of mixed loads, stores, ALU, read-modify-write,
 * branches and subroutine calls. Prints cycles per second and the multiple of the Superboard's 983,040 Hz.
 * The best of five runs is the figure to compare (the machine is shared); the median shows the spread.
 * Run: node test/bench/cpu.bench.ts [millions of cycles per run, default 100]
 */
import { Cpu6502, type CpuBus } from '../../src-main/core/cpu/cpu6502.ts';

const SUPERBOARD_HZ = 983_040;

class FlatRam implements CpuBus {
  readonly memory = new Uint8Array(0x10000);

  read(address: number): number {
    return this.memory[address] as number;
  }

  write(address: number, value: number): void {
    this.memory[address] = value;
  }
}

// prettier-ignore
const program = [
  0xa2, 0x00,       // $0400 LDX #$00
  0xbd, 0x00, 0x02, // $0402 LDA $0200,X
  0x18,             // $0405 CLC
  0x69, 0x03,       // $0406 ADC #$03
  0x9d, 0x00, 0x03, // $0408 STA $0300,X
  0x51, 0x10,       // $040B EOR ($10),Y
  0xe6, 0x20,       // $040D INC $20
  0x0a,             // $040F ASL A
  0x26, 0x21,       // $0410 ROL $21
  0xc9, 0x40,       // $0412 CMP #$40
  0xd0, 0x01,       // $0414 BNE $0417
  0xc8,             // $0416 INY
  0xa5, 0x20,       // $0417 LDA $20
  0x85, 0x22,       // $0419 STA $22
  0xe8,             // $041B INX
  0xd0, 0xe4,       // $041C BNE $0402
  0x20, 0x30, 0x04, // $041E JSR $0430
  0x4c, 0x00, 0x04, // $0421 JMP $0400
];
// prettier-ignore
const subroutine = [
  0x48, // $0430 PHA
  0x08, // $0431 PHP
  0x28, // $0432 PLP
  0x68, // $0433 PLA
  0x60, // $0434 RTS
];

function makeCpu(): Cpu6502 {
  const bus = new FlatRam();
  bus.memory.set(program, 0x0400);
  bus.memory.set(subroutine, 0x0430);
  bus.memory.set([0x00, 0x05], 0x10);
  bus.memory.set([0x00, 0x04], 0xfffc);
  const cpu = new Cpu6502(bus);
  cpu.reset();
  return cpu;
}

/** Runs `totalCycles` in calls of `slice` cycles, `repeats` times; returns cycles per second of each repeat. */
function measure(totalCycles: number, slice: number, repeats: number): number[] {
  const rates: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const cpu = makeCpu();
    const start = performance.now();
    const end = cpu.cycles + totalCycles;
    while (cpu.cycles < end) cpu.run(Math.min(end, cpu.cycles + slice));
    rates.push(totalCycles / ((performance.now() - start) / 1000));
  }
  return rates;
}

function report(label: string, rates: number[]): void {
  const sorted = [...rates].sort((x, y) => x - y);
  const best = sorted.at(-1) ?? 0;
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const format = (rate: number) =>
    `${(rate / 1e6).toFixed(1).padStart(6)} M cycles/s = ${(rate / SUPERBOARD_HZ).toFixed(0).padStart(4)}x`;
  console.log(`${label.padEnd(30)} best ${format(best)}   median ${format(median)}`);
}

const millions = Number(process.argv[2] ?? '100');
const repeats = 5;
const total = millions * 1e6;
console.log(`Cpu6502 on a flat 64K RAM bus, ${millions} M cycles x ${repeats} per line; 1x = 983,040 Hz`);
measure(20e6, 1e6, 1);
report('run() in one call', measure(total, total, repeats));
report('run() in 16,384-cycle frames', measure(total, 16_384, repeats));
report('run() in 100-cycle slices', measure(total, 100, repeats));
