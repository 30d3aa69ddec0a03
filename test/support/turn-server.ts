import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

/** A coturn child process (on 127.0.0.1 or in a network namespace) with long-term credentials, stopped by PID. */
export interface TurnServer {
  /** UDP and TCP transports of the same listener. */
  urls: [udp: string, tcp: string];
  username: string;
  credential: string;
  realm: string;
  port: number;
  /** `{urls, username, credential}`, ready for RTCPeerConnection's iceServers (and the protocol's iceServer). */
  iceServer: { urls: string[]; username: string; credential: string };
  pid: number;
  /** What coturn logged, for failure messages. */
  output(): string;
  /** Kills coturn and removes its temp dir; safe to call twice. */
  stop(): Promise<void>;
}

export interface TurnServerOptions {
  /** Path to coturn's binary. Default /usr/bin/turnserver. */
  binary?: string;
  /** How many relay ports to allow. Default 100. */
  relayPorts?: number;
  /** Listen and relay on this address. Default 127.0.0.1. */
  host?: string;
  /** Run inside this network namespace (`ip netns exec`, which execs, so the PID is coturn's). Root only. */
  netns?: string;
  /** Fixed credentials (e.g. for a room server's `--ice-servers`, set before coturn starts). Default: random. */
  credentials?: { username: string; credential: string };
}

/**
 * Starts coturn on a free loopback port (or port 3478 in a namespace of its own) and resolves once it answers STUN
 * over UDP and accepts TCP (in a namespace: once it accepts TCP there).
 */
export async function startTurnServer(options: TurnServerOptions = {}): Promise<TurnServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'moim-turn-'));
  const host = options.host ?? '127.0.0.1';
  const port = options.netns ? 3478 : await freePort({ udp: true });
  const { username, credential } = options.credentials ?? randomCredentials();
  const realm = 'moim.test';
  const relayPorts = options.relayPorts ?? 100;
  const minPort = 40_000 + Math.floor(Math.random() * (20_000 - relayPorts));
  // prettier-ignore
  const args = [
    '-n', `--listening-ip=${host}`, `--relay-ip=${host}`, `--listening-port=${port}`,
    '--lt-cred-mech', `--user=${username}:${credential}`, `--realm=${realm}`,
    '--no-tls', '--no-dtls', '--no-cli', `--min-port=${minPort}`, `--max-port=${minPort + relayPorts - 1}`,
    // Peers on loopback are refused (403 Forbidden IP) without this.
    '--allow-loopback-peers',
    '--log-file=stdout', `--pidfile=${path.join(dir, 'turnserver.pid')}`, `--userdb=${path.join(dir, 'turndb')}`,
  ];
  const binary = options.binary ?? '/usr/bin/turnserver';
  const [program, programArgs] = options.netns
    ? ['ip', ['netns', 'exec', options.netns, binary, ...args]]
    : [binary, args];
  const child = spawn(program, programArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.on('error', () => undefined); // A failed spawn shows as a missing pid, handled next.
  if (child.pid === undefined) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`cannot run ${binary}; is coturn installed (apt-get install coturn)?`);
  }
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-50_000)));
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-50_000)));
  const exited = once(child, 'exit');
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= stopChild(child, exited).finally(() => rm(dir, { recursive: true, force: true })));

  try {
    await waitUntilListening(child, port, 10_000, options.netns ? { ns: options.netns, host } : undefined);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  const urls: TurnServer['urls'] = [`turn:${host}:${port}?transport=udp`, `turn:${host}:${port}?transport=tcp`];
  return {
    urls,
    username,
    credential,
    realm,
    port,
    iceServer: { urls: [...urls], username, credential },
    pid: child.pid!,
    output: () => log,
    stop,
  };
}

/** A user name and password for one coturn run. */
export function randomCredentials(): { username: string; credential: string } {
  return { username: `moim-${randomBytes(4).toString('hex')}`, credential: randomBytes(12).toString('hex') };
}

async function waitUntilListening(
  child: ChildProcess,
  port: number,
  timeoutMs: number,
  inNamespace?: { ns: string; host: string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`turnserver exited (${child.signalCode ?? child.exitCode}) before listening`);
    }
    if (inNamespace ? await tcpAcceptsIn(inNamespace, port) : (await stunAnswers(port)) && (await tcpAccepts(port))) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`turnserver did not listen on port ${port} within ${timeoutMs} ms`);
}

/** Sends a STUN Binding request over UDP and waits briefly for a Binding success response. */
async function stunAnswers(port: number): Promise<boolean> {
  const socket = dgram.createSocket('udp4');
  const request = Buffer.alloc(20);
  request.writeUInt16BE(0x0001, 0); // Binding request, no attributes.
  request.writeUInt32BE(0x2112a442, 4); // Magic cookie.
  randomBytes(12).copy(request, 8);
  return new Promise((resolve) => {
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), 200);
    socket.on('message', (m) => m.length >= 20 && m.readUInt16BE(0) === 0x0101 && done(true));
    socket.on('error', () => done(false));
    socket.send(request, port, '127.0.0.1');
  });
}

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether a TCP connection to `host:port` inside namespace `ns` succeeds (bash's /dev/tcp, run in the namespace). */
function tcpAcceptsIn({ ns, host }: { ns: string; host: string }, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = spawn('ip', ['netns', 'exec', ns, 'bash', '-c', `exec 3<>/dev/tcp/${host}/${port}`], {
      stdio: 'ignore',
    });
    probe.on('error', () => resolve(false));
    probe.on('exit', (code) => resolve(code === 0));
  });
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  process.kill(child.pid!, 'SIGTERM');
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
  }, 3000);
  await exited;
  clearTimeout(timer);
}
