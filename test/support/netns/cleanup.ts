import { readdirSync } from 'node:fs';
import { runSync } from './run';

// Every namespace this process creates is named `moimnet-<pid>-<random>-<role>`: a run finds (and deletes) what a
// crashed earlier run left behind by checking whether the pid in the name is still alive, and never touches the
// namespaces of a parallel run (whose process is alive) or anything not named by this harness.
const PREFIX = 'moimnet-';

const namespaces = new Set<string>();
const pids = new Set<number>();
let hooked = false;

/** The namespace name prefix of one lab in this process: unique per run and per lab. */
export function labPrefix(): string {
  return `${PREFIX}${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** Remembers a namespace so it is deleted at process exit even if the test's own clean-up never runs. */
export function trackNamespace(name: string): void {
  hook();
  namespaces.add(name);
}

/** Remembers a child process (server, browser) started inside a namespace, killed at exit by its PID. */
export function trackPid(pid: number): void {
  hook();
  pids.add(pid);
}

/** Forgets a process or namespace that was already cleaned up normally. */
export function untrack(what: { pid?: number; namespace?: string }): void {
  if (what.pid !== undefined) pids.delete(what.pid);
  if (what.namespace !== undefined) namespaces.delete(what.namespace);
}

/** Kills the tracked processes, then deletes the tracked namespaces (with their veths); synchronous. */
export function cleanUpNow(): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  pids.clear();
  for (const ns of namespaces) runSync('ip', ['netns', 'del', ns]);
  namespaces.clear();
}

/** Deletes namespaces left by earlier runs of this harness whose process no longer exists. */
export function sweepStaleNamespaces(): string[] {
  let names: string[] = [];
  try {
    names = readdirSync('/run/netns');
  } catch {
    return [];
  }
  const stale = names.filter((name) => {
    const pid = Number(/^moimnet-(\d+)-/.exec(name)?.[1]);
    return Number.isInteger(pid) && pid !== process.pid && !alive(pid);
  });
  for (const name of stale) runSync('ip', ['netns', 'del', name]);
  return stale;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanUpNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanUpNow();
      process.kill(process.pid, signal);
    });
  }
}
