import { spawn, type ChildProcess } from 'node:child_process';
import { trackPid, untrack } from './netns/cleanup';
import { once } from 'node:events';
import net from 'node:net';
import { freePort } from './free-port';

/** A real `redis-server` child process on its own loopback port, with nothing persisted, stopped by PID. */
export interface RedisProcess {
  port: number;
  url: string;
  pid: number;
  /** Kills this redis-server (SIGKILL by default: a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** True when `port` accepts a TCP connection on 127.0.0.1 now. */
async function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Starts Debian's redis-server (installed by scripts/setup-system.sh) on `port` (a free one unless given). */
export async function startRedis(port?: number): Promise<RedisProcess> {
  const chosen = port ?? (await freePort());
  const args = ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child: ChildProcess = spawn('redis-server', [...args, '--daemonize', 'no'], { stdio: 'ignore' });
  const exited = once(child, 'exit');
  const spawned = await Promise.race([once(child, 'spawn').then(() => true), once(child, 'error').then(() => false)]);
  if (!spawned) throw new Error('redis-server is not installed: run `bash scripts/setup.sh`');
  for (let i = 0; i < 200 && !(await accepts(chosen)); i++) await new Promise((r) => setTimeout(r, 25));
  // Killed at exit even when a test's teardown never finishes (a timed-out afterAll left Redis running).
  trackPid(child.pid!);
  if (!(await accepts(chosen))) throw new Error(`redis-server did not listen on ${chosen}`);
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    pid: child.pid!,
    stop: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
      await exited;
      untrack({ pid: child.pid! });
    },
  };
}
