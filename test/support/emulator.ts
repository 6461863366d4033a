import { labMonitorLoader } from '../../src-main/services/lab-monitor-rom.ts';

export const WORKER_SOURCE = new URL('../../src-main/services/emulator/emulator-worker.ts', import.meta.url);
export const ROM_SOURCES = new URL('../../src-main/rom/', import.meta.url);

/** The Lab Monitor assembled from its sources, as a host without a build uses it. */
export const labMonitor = labMonitorLoader(null, ROM_SOURCES);

/** Video RAM rows as text, printable ASCII only (other codes as spaces). */
export function videoText(video: Uint8Array): string[] {
  const rows: string[] = [];
  for (let r = 0; r < 32; r++) {
    let row = '';
    for (let c = 0; c < 32; c++) {
      const code = video[r * 32 + c] ?? 0x20;
      row += code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : ' ';
    }
    rows.push(row.trimEnd());
  }
  return rows;
}
