import { readdirSync, readFileSync } from 'node:fs';

/** CPU time and resident memory of a process (or a process tree), read from /proc. */
export interface Sample {
  /** user + system CPU seconds so far. */
  readonly cpuSeconds: number;
  readonly rssMb: number;
}

const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Fields of /proc/<pid>/stat after the `(comm)` field: index 0 is `state` (field 3 of proc(5)). */
function statFields(pid: number): string[] | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

export function sample(pid: number): Sample | undefined {
  const fields = statFields(pid);
  const status = read(`/proc/${pid}/status`);
  if (!fields || !status) return undefined;
  const ticks = Number(fields[11]) + Number(fields[12]); // utime (14), stime (15)
  const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / CLOCK_TICKS, rssMb: rssKb / 1024 };
}

/** A process and its direct children summed (PostgreSQL: the postmaster and its backends). */
export function sampleTree(pid: number): Sample | undefined {
  const own = sample(pid);
  if (!own) return undefined;
  let { cpuSeconds, rssMb } = own;
  for (const child of childrenOf(pid)) {
    const s = sample(child);
    if (s) {
      cpuSeconds += s.cpuSeconds;
      rssMb += s.rssMb;
    }
  }
  return { cpuSeconds, rssMb };
}

/**
 * The whole machine as one "process": CPU seconds spent outside idle and iowait (every process, the kernel's
 * interrupt work for the loopback traffic included; /proc/stat's first line), and no RSS. Unlike a process
 * tree it loses nothing when processes exit (PostgreSQL backends).
 */
export function sampleMachine(): Sample | undefined {
  const line = read('/proc/stat')?.split('\n')[0];
  if (!line) return undefined;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return {
    cpuSeconds: ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / CLOCK_TICKS,
    rssMb: 0,
  };
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
}

function childrenOf(parent: number): number[] {
  return pids().filter((pid) => statFields(pid)?.[1] === String(parent)); // ppid (4)
}

/** The process named `comm` whose command line contains every one of `parts` (e.g. the broker's JVM by its data dir). */
export function findProcess(comm: string, ...parts: string[]): number | undefined {
  return pids().find((pid) => {
    if (read(`/proc/${pid}/comm`)?.trim() !== comm) return false;
    const cmdline = read(`/proc/${pid}/cmdline`)?.replace(/\0/g, ' ');
    return cmdline !== undefined && parts.every((p) => cmdline.includes(p));
  });
}

/** Samples a set of processes every second; per-window CPU (% of one core) and peak RSS. */
export function createMonitor(
  targets: () => Record<string, { pid: number | undefined; tree?: boolean; machine?: boolean }>,
) {
  let start = new Map<string, Sample>();
  let startedAt = Date.now();
  const peak = new Map<string, number>();
  const take = () => {
    const out = new Map<string, Sample>();
    for (const [name, t] of Object.entries(targets())) {
      const s = t.machine
        ? sampleMachine()
        : t.pid === undefined
          ? undefined
          : t.tree
            ? sampleTree(t.pid)
            : sample(t.pid);
      if (s) out.set(name, s);
    }
    return out;
  };
  const timer = setInterval(() => {
    for (const [name, s] of take()) peak.set(name, Math.max(peak.get(name) ?? 0, s.rssMb));
  }, 1000);
  return {
    /** Starts a measurement window. */
    mark: () => {
      start = take();
      startedAt = Date.now();
      peak.clear();
      for (const [n, s] of start) peak.set(n, s.rssMb);
    },
    /** CPU % of one core and peak RSS (MB) per process since `mark()`. */
    read: (): Record<string, { cpuPercent: number; peakRssMb: number }> => {
      const now = take();
      const seconds = (Date.now() - startedAt) / 1000;
      const out: Record<string, { cpuPercent: number; peakRssMb: number }> = {};
      for (const [name, s] of now) {
        const before = start.get(name);
        const cpu = before ? ((s.cpuSeconds - before.cpuSeconds) / seconds) * 100 : Number.NaN;
        out[name] = { cpuPercent: cpu, peakRssMb: Math.max(peak.get(name) ?? 0, s.rssMb) };
      }
      return out;
    },
    stop: () => clearInterval(timer),
  };
}
