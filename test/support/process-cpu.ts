// Processor time (user + system) of processes, from /proc (Linux): for benchmarks on a shared machine, where
// wall times wait for a core and CPU times say what the work itself cost.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

interface ProcStat {
  ppid: number;
  /** User plus system time, in seconds, of the process and its threads (ended ones included). */
  cpu: number;
}

function procStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { ppid: Number(fields[1]), cpu: ticks / TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by process `pid` (all its threads). */
export function processCpu(pid: number): number {
  return procStat(pid)?.cpu ?? 0;
}

/**
 * CPU seconds used so far by the processes below `root` (children, grandchildren …) whose command line
 * contains `match`, e.g. a Chromium that Playwright started from this process. Processes that ended are
 * not counted, so take the figure while they run.
 */
export function descendantsCpu(root: number, match: string): number {
  let total = 0;
  for (const cpu of descendantsCpuByPid(root, match).values()) total += cpu;
  return total;
}

/** `descendantsCpu` process by process: CPU seconds so far by process id. */
export function descendantsCpuByPid(root: number, match: string): Map<number, number> {
  const children = new Map<number, number[]>();
  const stats = new Map<number, ProcStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const stat = procStat(pid);
    if (stat === null) continue;
    stats.set(pid, stat);
    const siblings = children.get(stat.ppid);
    if (siblings) siblings.push(pid);
    else children.set(stat.ppid, [pid]);
  }
  const found = new Map<number, number>();
  const visit = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      let command: string;
      try {
        command = readFileSync(`/proc/${child}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (command.includes(match)) found.set(child, stats.get(child)?.cpu ?? 0);
      visit(child);
    }
  };
  visit(root);
  return found;
}
