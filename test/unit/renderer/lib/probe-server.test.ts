import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { probeServer } from '../../../../renderer/lib/probe-server';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

async function listeningWs(): Promise<string> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  closers.push(() => server.close());
  return `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** A TCP port that accepts connections and never answers: a server that hangs. */
async function silentPort(): Promise<string> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return `ws://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('probeServer', () => {
  it('is true for an address where a WebSocket server answers', async () => {
    expect(await probeServer(await listeningWs(), { WebSocketImpl: WebSocket })).toBe(true);
  });

  it('is false for an address nobody listens on', async () => {
    const url = await listeningWs();
    closers.splice(0).forEach((close) => close());
    expect(await probeServer(url, { WebSocketImpl: WebSocket })).toBe(false);
  });

  it('is false when the server never answers within the timeout', async () => {
    expect(await probeServer(await silentPort(), { WebSocketImpl: WebSocket, timeoutMs: 300 })).toBe(false);
  });

  it('is false for an address the WebSocket refuses to open', async () => {
    expect(await probeServer('not a url', { WebSocketImpl: WebSocket })).toBe(false);
  });
});
