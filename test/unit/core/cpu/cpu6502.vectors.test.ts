import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cpu6502 } from '../../../../src-main/core/cpu/cpu6502.ts';
import { TracingBus, type BusAccess } from './tracing-bus.ts';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const vectorDir = path.resolve(repoRoot, '../shared/testdata/6502');
const haveVectors = existsSync(vectorDir);

interface VectorState {
  pc: number;
  s: number;
  a: number;
  x: number;
  y: number;
  p: number;
  ram: [number, number][];
}

interface Vector {
  name: string;
  initial: VectorState;
  final: VectorState;
  cycles: BusAccess[];
}

/** Runs one vector and returns a description of every difference (empty when it passes). */
function runVector(cpu: Cpu6502, bus: TracingBus, vector: Vector): string[] {
  const { initial, final } = vector;
  for (const [address] of final.ram) bus.memory[address] = 0;
  for (const [address, value] of initial.ram) bus.memory[address] = value;
  cpu.a = initial.a;
  cpu.x = initial.x;
  cpu.y = initial.y;
  cpu.s = initial.s;
  cpu.pc = initial.pc;
  cpu.p = initial.p;
  bus.log = [];
  const used = cpu.step();

  const problems: string[] = [];
  for (const key of ['a', 'x', 'y', 's', 'pc', 'p'] as const) {
    if (cpu[key] !== final[key]) problems.push(`${key}=${cpu[key]} expected ${final[key]}`);
  }
  for (const [address, value] of final.ram) {
    if (bus.memory[address] !== value) {
      problems.push(`ram[${address}]=${bus.memory[address]} expected ${value}`);
    }
  }
  if (used !== vector.cycles.length)
    problems.push(`step() returned ${used}, expected ${vector.cycles.length}`);
  const got = JSON.stringify(bus.log);
  const want = JSON.stringify(vector.cycles);
  if (got !== want) problems.push(`bus ${got} expected ${want}`);
  return problems;
}

const suiteName = haveVectors
  ? `6502 single-step vectors in ${vectorDir}`
  : `6502 single-step vectors (skipped: ${vectorDir} is absent)`;

describe.skipIf(!haveVectors)(suiteName, () => {
  const files = haveVectors ? readdirSync(vectorDir).filter((name) => /^[0-9a-f]{2}\.json$/.test(name)) : [];

  it('has the 151 documented opcode files', () => {
    expect(files).toHaveLength(151);
  });

  it.each(files)('%s: registers, memory, cycle count and bus order match', (file) => {
    const vectors = JSON.parse(readFileSync(path.join(vectorDir, file), 'utf8')) as Vector[];
    expect(vectors.length).toBeGreaterThan(0);
    const bus = new TracingBus();
    const cpu = new Cpu6502(bus);
    const failures: string[] = [];
    for (const vector of vectors) {
      const problems = runVector(cpu, bus, vector);
      if (problems.length > 0 && failures.length < 5) failures.push(`${vector.name}: ${problems.join('; ')}`);
    }
    expect(failures).toEqual([]);
  });
});
