// A real room server in this process (startServer on 127.0.0.1:0) and the clients the server tests drive it with.
import { expect } from 'vitest';
import WebSocket from 'ws';
import type { ResponseEnvelope } from '../../common/protocol';
import { startServer, type RunningServer, type StartServerOptions } from '../../server';
import { connectSignaling, type SignalingClient } from '../support/ws-client';

/** A signed-in protocol client that also records every signal it receives. */
export interface Client extends SignalingClient {
  peerId: string;
  secret: string;
  signals: { from: string; candidate?: unknown; description?: unknown }[];
}

/** One running server plus everything a test opened against it, closed by `reset`/`stop`. */
export class Harness {
  private readonly open: { close(): unknown }[] = [];

  private constructor(readonly server: RunningServer) {}

  static async start(options: StartServerOptions = {}): Promise<Harness> {
    return new Harness(await startServer({ host: '127.0.0.1', port: 0, ...options }));
  }

  /** Connects and says hello. */
  async client(displayName = 'tester', resume?: { peerId: string; secret: string }): Promise<Client> {
    const client = await connectSignaling(this.server.wsUrl);
    this.open.push(client);
    const signals: Client['signals'] = [];
    client.notifications.on('signal', (s) => signals.push(s));
    const hello = await client.request('hello', resume ? { displayName, resume } : { displayName });
    return Object.assign(client, { peerId: hello.peerId, secret: hello.secret, signals });
  }

  /** A socket that speaks raw frames, for sending what a real client never would; `from` picks a loopback address. */
  async raw(from?: string): Promise<RawClient> {
    const raw = await RawClient.open(this.server.wsUrl, from);
    this.open.push(raw);
    return raw;
  }

  /** `n` clients in one new p2p room. */
  async room(n: number, prefix = 'peer'): Promise<{ roomId: string; clients: Client[] }> {
    const clients: Client[] = [];
    for (let i = 0; i < n; i++) clients.push(await this.client(`${prefix}${i}`));
    const { roomId } = await clients[0]!.request('createRoom', { mode: 'p2p' });
    for (const c of clients) await c.request('joinRoom', { roomId });
    return { roomId, clients };
  }

  /** The server's /healthz body. */
  async health(): Promise<{ ok: boolean; connections: number; peers: number; rooms: number; queuedBytes: number }> {
    return (await (await fetch(`${this.server.url}/healthz`)).json()) as Awaited<ReturnType<Harness['health']>>;
  }

  /** Polls /healthz until `ready` holds (for server-side events no client can observe). */
  async waitForHealth(ready: (health: Awaited<ReturnType<Harness['health']>>) => boolean): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if (ready(await this.health())) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`server never reached the expected state: ${JSON.stringify(await this.health())}`);
  }

  async reset(): Promise<void> {
    await Promise.all(this.open.splice(0).map((c) => c.close()));
  }

  async stop(): Promise<void> {
    await this.reset();
    await this.server.close();
  }
}

let sequence = 0;

/** Sends a real ICE candidate from `from` to `to` and asserts that exactly it arrives. */
export async function expectRelay(
  from: Pick<Client, 'peerId' | 'request'>,
  to: Pick<Client, 'peerId' | 'notifications'>,
): Promise<void> {
  const candidate = `candidate:${++sequence} 1 udp 2122260223 127.0.0.1 ${40000 + sequence} typ host`;
  const arrived = to.notifications.waitFor(
    'signal',
    (s) => s.from === from.peerId && s.candidate?.candidate === candidate,
    5000,
  );
  await from.request('signal', { to: to.peerId, candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0 } });
  await expect(arrived).resolves.toMatchObject({ from: from.peerId, candidate: { sdpMid: '0' } });
}

/** A WebSocket that sends raw frames and keeps every frame it receives. */
export class RawClient {
  readonly frames: Record<string, unknown>[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private nextId = 1;
  private readonly waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on('error', () => undefined);
    ws.on('message', (raw) => {
      this.frames.push(JSON.parse(raw.toString()) as Record<string, unknown>);
      for (const wake of [...this.waiters]) wake();
    });
  }

  static async open(url: string, localAddress?: string): Promise<RawClient> {
    const ws = new WebSocket(url, localAddress ? { localAddress } : {});
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new RawClient(ws);
  }

  send(frame: string | Buffer): void {
    this.ws.send(frame);
  }

  /** Sends a well-formed request and resolves with its response. */
  async request(method: string, data?: unknown): Promise<ResponseEnvelope> {
    const id = this.nextId++;
    this.send(JSON.stringify({ id, method, data }));
    return (await this.waitFor((f) => f.id === id && 'ok' in f)) as ResponseEnvelope;
  }

  /** The first frame, received so far or later, that matches. */
  waitFor(match: (frame: Record<string, unknown>) => boolean, timeoutMs = 5000): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.find(match);
        if (!found) return false;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(found);
        return true;
      };
      const wake = () => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames).slice(0, 500)}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(wake);
    });
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    const timer = setTimeout(() => this.ws.terminate(), 2000);
    await this.closed;
    clearTimeout(timer);
  }
}
