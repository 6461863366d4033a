// The memory of a process and of the processes it started (a host and its tape processes), from /proc.
import { readdirSync, readFileSync } from 'node:fs';

/** The processes whose parent is `pid`, and theirs. */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(entry), ...descendants(Number(entry)));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Resident and proportional (shared pages split between processes) memory, in MB, from smaps_rollup. */
export function memoryOf(pid: number): { rss: number; pss: number } {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const field = (name: string): number =>
      Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0) / 1024;
    return { rss: field('Rss'), pss: field('Pss') };
  } catch {
    return { rss: 0, pss: 0 };
  }
}

export interface TreeMemory {
  /** RSS of the process itself, MB. */
  host: number;
  /** RSS of the processes it started, added up, MB (shared pages counted in each). */
  children: number;
  /** Proportional set size of them all together: shared pages counted once, MB. */
  pss: number;
  processes: number;
}

export function treeMemory(pid: number): TreeMemory {
  const children = descendants(pid).map(memoryOf);
  const own = memoryOf(pid);
  return {
    host: own.rss,
    children: children.reduce((sum, m) => sum + m.rss, 0),
    pss: own.pss + children.reduce((sum, m) => sum + m.pss, 0),
    processes: children.length,
  };
}

/** "123 MB" or "123 MB (+ 1 child process 120 MB)": its tape processes, and a big file's SHA-1 while it is taken. */
export function showTreeMemory(memory: TreeMemory): string {
  return (
    `${memory.host.toFixed(0)} MB` +
    (memory.processes > 0
      ? ` (+ ${memory.processes} child process${memory.processes > 1 ? 'es' : ''} ${memory.children.toFixed(0)} MB)`
      : '')
  );
}
