import { labMonitorLoader } from '../services/lab-monitor-rom.ts';

/** The Lab Monitor beside the built CLI (out/rom/), or assembled from src-main/rom/ when run from source. */
export const cliLabMonitor = labMonitorLoader(
  new URL('../rom/lab-monitor.bin', import.meta.url),
  new URL('../rom/', import.meta.url),
);
