import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { parseLabelFile } from '../core/inspector/labels.ts';
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
    return (cached = assembleFrom(sourceDir).rom);
  };
}

/**
 * The Lab Monitor's symbols: the label file the build wrote (`out/rom/lab-monitor.labels`) when it exists,
 * otherwise from assembling the sources.
 */
export function labMonitorSymbolsLoader(
  builtLabels: URL | null,
  sourceDir: URL,
): () => Promise<ReadonlyMap<string, number>> {
  let cached: Map<string, number> | null = null;
  return async () => {
    if (cached) return cached;
    if (builtLabels) {
      try {
        const { labels } = parseLabelFile(await readFile(builtLabels, 'utf8'));
        if (labels.length > 0) return (cached = new Map(labels.map((l) => [l.name, l.address])));
      } catch {
        // Not built: fall back to the sources.
      }
    }
    return (cached = assembleFrom(sourceDir).symbols);
  };
}

/**
 * The Lab Monitor and its symbols for a host entry point built into `out/main/` (`entryUrl` is its
 * import.meta.url): the build's files in `out/rom/`, else the sources beside `out/`.
 */
export function builtLabMonitor(entryUrl: string): {
  labMonitor: () => Promise<Uint8Array>;
  labMonitorSymbols: () => Promise<ReadonlyMap<string, number>>;
} {
  const sources = new URL('../../src-main/rom/', entryUrl);
  return {
    labMonitor: labMonitorLoader(new URL('../rom/lab-monitor.bin', entryUrl), sources),
    labMonitorSymbols: labMonitorSymbolsLoader(new URL('../rom/lab-monitor.labels', entryUrl), sources),
  };
}

function assembleFrom(sourceDir: URL): ReturnType<typeof assembleLabMonitor> {
  const dir = fileURLToPath(sourceDir);
  return assembleLabMonitor((name) => {
    try {
      return readFileSync(path.join(dir, path.basename(name)), 'utf8');
    } catch {
      return undefined;
    }
  });
}
