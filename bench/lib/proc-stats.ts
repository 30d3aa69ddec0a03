import { readdirSync, readFileSync } from 'node:fs';
import os, { setPriority } from 'node:os';
import { setTimeout as wait } from 'node:timers/promises';

/** Clock ticks per second of /proc times (USER_HZ; 100 on every Linux this runs on). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself contain spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, i.e. 11 and 12 after the name.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Measures a process's CPU use between `start()` and `stop()` as a percentage of one core. */
export function cpuMeter(pid: number): { stop(): number } {
  const cpu0 = cpuSeconds(pid);
  const t0 = process.hrtime.bigint();
  return {
    stop: () => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      return ((cpuSeconds(pid) - cpu0) / seconds) * 100;
    },
  };
}

/** Datagrams the kernel dropped on each local UDP port since the socket opened (last column of /proc/net/udp). */
export function udpDrops(ports: readonly number[]): number {
  const wanted = new Set(ports);
  let drops = 0;
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    let table = '';
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of table.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const port = parseInt(cols[1]?.split(':')[1] ?? '', 16);
      if (wanted.has(port)) drops += Number(cols.at(-1));
    }
  }
  return drops;
}

/** Busy and total jiffies of the whole machine, from the first line of /proc/stat. */
function machineJiffies(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = fields[3]! + fields[4]!; // idle + iowait
  return { busy: total - idle, total };
}

/** Measures how many cores' worth of CPU the whole machine used between start and `stop()`. */
export function machineMeter(): { stop(): number } {
  const j0 = machineJiffies();
  const t0 = process.hrtime.bigint();
  return {
    stop: () => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      return (machineJiffies().busy - j0.busy) / TICKS_PER_SECOND / seconds;
    },
  };
}

/** What `untilSettled` saw: the machine's busy cores in its last window, and how long it waited. */
export interface Settled {
  busyCores: number;
  waitedMs: number;
  settled: boolean;
}

/**
 * Waits until the machine's load stops changing: `stableWindows` windows of `windowMs` in a row whose busy cores
 * differ by at most `slackCores` (pages done loading, closed ones gone), or until `timeoutMs`. A machine with every
 * core busy is not settled however steady (`maxBusyCores`): it cannot show that the work is easing.
 */
export async function untilSettled(
  {
    windowMs = 250,
    stableWindows = 4,
    slackCores = 0.15,
    maxBusyCores = os.cpus().length - 0.3,
    timeoutMs = 15_000,
  } = {},
  sleep: (ms: number) => Promise<unknown> = wait,
  meter: () => { stop(): number } = machineMeter,
): Promise<Settled> {
  const started = Date.now();
  const recent: number[] = [];
  for (;;) {
    const window = meter();
    await sleep(windowMs);
    recent.push(window.stop());
    if (recent.length > stableWindows) recent.shift();
    const steady = recent.length === stableWindows && Math.max(...recent) - Math.min(...recent) <= slackCores;
    const settled = steady && Math.max(...recent) <= maxBusyCores;
    const waitedMs = Date.now() - started;
    if (settled || waitedMs >= timeoutMs) {
      return { busyCores: Math.round(recent.at(-1)! * 100) / 100, waitedMs, settled };
    }
  }
}

/**
 * Raises a process's scheduling priority (needs root) so other work on the machine disturbs the measurement
 * less; returns the nice value it got, or 0 when it was not allowed.
 */
export function raisePriority(pid: number, nice = -10): number {
  try {
    setPriority(pid, nice);
    return nice;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by process `root` and every descendant, including children they already reaped
 * (cutime/cstime), so a Chromium renderer that exits during a window still counts as this tree's.
 */
export function treeCpuSeconds(root: number): number {
  const procs: { pid: number; ppid: number; seconds: number }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the name: ppid is field 1; utime, stime, cutime, cstime are 11–14.
      const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      procs.push({ pid: Number(name), ppid: Number(f[1]), seconds: ticks / TICKS_PER_SECOND });
    } catch {
      // The process exited while we listed /proc.
    }
  }
  const inTree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) {
      if (inTree.has(p.pid) || !inTree.has(p.ppid)) continue;
      inTree.add(p.pid);
      grew = true;
    }
  }
  return procs.filter((p) => inTree.has(p.pid)).reduce((sum, p) => sum + p.seconds, 0);
}

/** Cores kept busy during a window: by the whole machine, by this benchmark's process tree, by everything else. */
export interface Load {
  machineBusyCores: number;
  benchBusyCores: number;
  otherBusyCores: number;
}

/** Measures the machine's load, and how much of it was not this process and its descendants, until `stop()`. */
export function loadMeter(root = process.pid): { stop(): Load } {
  const machine = machineMeter();
  const cpu0 = treeCpuSeconds(root);
  const t0 = process.hrtime.bigint();
  return {
    stop: () => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const machineBusyCores = machine.stop();
      const benchBusyCores = (treeCpuSeconds(root) - cpu0) / seconds;
      return { machineBusyCores, benchBusyCores, otherBusyCores: Math.max(0, machineBusyCores - benchBusyCores) };
    },
  };
}
