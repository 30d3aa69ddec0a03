import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A real Moim room server child process (on 127.0.0.1 unless placed elsewhere), stopped by PID. */
export interface RoomServerProcess {
  /** http(s)://<host>:<port> — also the web client's address. */
  httpUrl: string;
  /** ws(s)://<host>:<port> — the signaling endpoint. */
  wsUrl: string;
  /** The printed SHA-256 fingerprint of a self-signed certificate, when the server made one. */
  fingerprint: string | null;
  pid: number;
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Where a server runs: its listen address, and a network namespace to run in (test/support/netns). */
export interface ServerPlacement {
  host: string;
  netns?: string;
}

/**
 * Starts the built server (`dist/server/index.js`) on a loopback port (random unless `port` is given) and
 * waits for its ready line.
 */
export async function startRoomServer(
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
  port = 0,
  placement: ServerPlacement = { host: '127.0.0.1' },
): Promise<RoomServerProcess> {
  const args = [path.join(repo, 'dist/server/index.js'), '--host', placement.host, '--port', String(port)];
  // `ip netns exec` execs the program, so the child's pid is the server's own.
  const [command, commandArgs] = placement.netns
    ? ['ip', ['netns', 'exec', placement.netns, process.execPath, ...args, ...extraArgs]]
    : [process.execPath, [...args, ...extraArgs]];
  const child = spawn(command, commandArgs, {
    cwd: repo,
    env: { ...process.env, ...env, MEDIASOUP_WORKER_BIN: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const { scheme, port: listening } = await waitForReadyLine(child, () => log);
  const httpUrl = `${scheme}://${placement.host}:${listening}`;
  return {
    httpUrl,
    wsUrl: `${scheme === 'https' ? 'wss' : 'ws'}://${placement.host}:${listening}`,
    fingerprint: /^SHA-256 fingerprint: ([0-9A-F:]+)$/m.exec(log)?.[1] ?? null,
    pid: child.pid!,
    output: () => log,
    stop: () => stopChild(child),
  };
}

async function waitForReadyLine(
  child: ChildProcess,
  log: () => string,
): Promise<{ scheme: 'http' | 'https'; port: number }> {
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = /listening on (https?):\/\/[^\s/]+:(\d+)/.exec(log());
      if (match) {
        cleanup();
        resolve({ scheme: match[1] === 'https' ? 'https' : 'http', port: Number(match[2]) });
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`room server exited with ${code} before it was ready:\n${log()}`));
    };
    const cleanup = () => {
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout!.on('data', onData);
    child.on('exit', onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  process.kill(child.pid!, 'SIGTERM');
  const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid!, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
