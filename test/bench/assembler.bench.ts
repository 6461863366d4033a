// Assembler speed: assembles the Lab Monitor ROM sources (5 files) repeatedly.
// Run: node test/bench/assembler.bench.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleLabMonitor } from '../../src-main/rom/lab-monitor.ts';

const romDir = join(import.meta.dirname, '../../src-main/rom');
const files = new Map<string, string>();
const read = (path: string): string | undefined => {
  if (!files.has(path)) {
    try {
      files.set(path, readFileSync(join(romDir, path), 'utf8'));
    } catch {
      return undefined;
    }
  }
  return files.get(path);
};

assembleLabMonitor(read);
const lines = [...files.values()].reduce((sum, text) => sum + text.split('\n').length, 0);
const runs = 200;
const start = performance.now();
for (let i = 0; i < runs; i++) assembleLabMonitor(read);
const ms = (performance.now() - start) / runs;
console.log(
  `assembler: Lab Monitor (${lines} lines) in ${ms.toFixed(2)} ms, ${Math.round(lines / ms)} lines/ms`,
);
