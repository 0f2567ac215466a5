/**
 * Memory of the engines under test. In-process engines (DuckDB, chDB) run each
 * in its own worker process, whose peak RSS (VmHWM) is theirs plus Node's own
 * (~50 MB). PostgreSQL is many processes sharing shared_buffers: we sample the
 * sum of their proportional set sizes (Pss, shared pages split between
 * sharers) and keep the peak.
 */
import { readdirSync, readFileSync } from 'node:fs';

function field(text: string, name: string): number | undefined {
  const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
  return m ? Number(m[1]) * 1024 : undefined;
}

/** Peak resident set of one process in bytes (VmHWM), undefined when unreadable. */
export function peakRss(pid: number): number | undefined {
  try {
    return field(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmHWM');
  } catch {
    return undefined;
  }
}

/** The process and all its descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Current memory of a process tree in bytes: Σ Pss (falls back to Σ RSS). */
export function treeMemory(root: number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      total += field(rollup, 'Pss') ?? field(rollup, 'Rss') ?? 0;
    } catch {
      try {
        total += field(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS') ?? 0;
      } catch {
        // gone
      }
    }
  }
  return total;
}

/** Sample a process tree every `ms` and keep the peak, until stopped. */
export function sampleTreePeak(root: () => number, ms = 200): { stop(): number } {
  let peak = 0;
  const tick = () => {
    try {
      peak = Math.max(peak, treeMemory(root()));
    } catch {
      // not started yet or already stopped
    }
  };
  tick();
  const timer = setInterval(tick, ms);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      tick();
      return peak;
    },
  };
}
