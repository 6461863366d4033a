/**
 * The Memory area's cost to the machine, measured where the user meets it: the emulator worker's runner at
 * maximum speed running the Lab Monitor while 65V text is typed in, with the inspector closed, then with the
 * heatmap live (access recording, heat bit planes, a hex page and the CPU panel in 30 snapshots a second),
 * then closed again. Runs alternate; medians of five. In-process figures (no worker thread or IPC).
 * Run: node test/bench/inspector.bench.ts [seconds per run]
 */
import type { InspectView } from '../../src-main/ipc/contract.ts';
import { EmulatorRunner, LAB_MONITOR_SOURCE } from '../../src-main/services/emulator/emulator-runner.ts';
import { labMonitor } from '../support/emulator.ts';

const LIVE: InspectView = {
  recording: true,
  heatmap: true,
  io: true,
  ranges: [{ start: 0x0200, length: 256 }],
};

const seconds = Number(process.argv[2] ?? 3);
const monitor = await labMonitor();

async function runOnce(
  view: InspectView | null,
  reopened: boolean,
): Promise<{ multiple: number; snapshots: number }> {
  let snapshots = 0;
  const runner = new EmulatorRunner(() => performance.now(), {
    frame: () => {},
    status: () => {},
    snapshot: () => snapshots++,
  });
  runner.configure({ monitor: { bytes: monitor, source: LAB_MONITOR_SOURCE }, basic: [], ramKb: 8, seed: 1 });
  runner.command({ kind: 'speed', speed: 'max' });
  runner.command({ kind: 'type', text: `M.0300/${'A9 41 8D 00 D0 '.repeat(400).replace(/ /g, '\r')}` });
  if (reopened) {
    runner.inspect(LIVE);
    for (let i = 0; i < 20; i++) runner.tick();
    runner.inspect(null);
  }
  runner.inspect(view);
  for (let i = 0; i < 20; i++) runner.tick();
  const startCycles = runner.machine.cpu.cycles;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) runner.tick();
  const elapsed = (performance.now() - started) / 1000;
  return {
    multiple: (runner.machine.cpu.cycles - startCycles) / elapsed / 983_040,
    snapshots: snapshots / elapsed,
  };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const closed: number[] = [];
const live: number[] = [];
const reclosed: number[] = [];
const rates: number[] = [];
for (let i = 0; i < 5; i++) {
  closed.push((await runOnce(null, false)).multiple);
  const run = await runOnce(LIVE, false);
  live.push(run.multiple);
  rates.push(run.snapshots);
  reclosed.push((await runOnce(null, true)).multiple);
}
console.log(
  `Memory inspector cost, Lab Monitor at maximum speed, 5 alternating runs of ${seconds} s (medians, in-process)`,
);
console.log(`inspector closed                      ${median(closed).toFixed(0).padStart(4)}x real time`);
console.log(
  `heatmap live (recording, 30/s)        ${median(live).toFixed(0).padStart(4)}x real time` +
    `  (${(median(live) / median(closed)).toFixed(2)} of closed; ${median(rates).toFixed(0)} snapshots a second)`,
);
console.log(
  `closed again after being open         ${median(reclosed).toFixed(0).padStart(4)}x real time` +
    `  (${(median(reclosed) / median(closed)).toFixed(2)} of closed)`,
);
