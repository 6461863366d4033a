// Assembles the Lab Monitor ROM into out/rom/: lab-monitor.bin (2,048 bytes for $F800-$FFFF), a listing and
// a symbol table. Usage: node scripts/build-rom.ts [OUTDIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSymbols } from '../src-main/core/cpu/assembler/assembler.ts';
import { assembleLabMonitor } from '../src-main/rom/lab-monitor.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const romDir = join(root, 'src-main', 'rom');
const outDir = resolve(process.argv[2] ?? join(root, 'out', 'rom'));

function readRomSource(path: string): string | undefined {
  try {
    return readFileSync(join(romDir, path), 'utf8');
  } catch {
    return undefined;
  }
}

try {
  const build = assembleLabMonitor(readRomSource);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'lab-monitor.bin'), build.rom);
  writeFileSync(join(outDir, 'lab-monitor.lst'), build.listing);
  writeFileSync(join(outDir, 'lab-monitor.sym'), formatSymbols(build.symbols));
  const used = build.assembly.segments.reduce((sum, segment) => sum + segment.bytes.length, 0);
  console.log(`lab-monitor.bin: ${build.rom.length} bytes ($F800-$FFFF), ${used} used -> ${outDir}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
