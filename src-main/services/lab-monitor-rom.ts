import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { assembleLabMonitor } from '../rom/lab-monitor.ts';

/**
 * Our own monitor ROM: the binary the build assembled (`out/rom/lab-monitor.bin`) when it exists, otherwise
 * assembled now from its sources (a development tree or the tests).
 */
export function labMonitorLoader(builtBinary: URL | null, sourceDir: URL): () => Promise<Uint8Array> {
  let cached: Uint8Array | null = null;
  return async () => {
    if (cached) return cached;
    if (builtBinary) {
      try {
        const bytes = new Uint8Array(await readFile(builtBinary));
        if (bytes.length === 2048) return (cached = bytes);
      } catch {
        // Not built: fall back to the sources.
      }
    }
    const dir = fileURLToPath(sourceDir);
    const build = assembleLabMonitor((name) => {
      try {
        return readFileSync(path.join(dir, path.basename(name)), 'utf8');
      } catch {
        return undefined;
      }
    });
    return (cached = build.rom);
  };
}
