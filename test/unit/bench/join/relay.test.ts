// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startRelay, type Relay } from '../../../../bench/join/relay';

// The relayed floor's server, over real sockets on 127.0.0.1.

let relay: Relay | null = null;
afterEach(async () => {
  await relay?.close();
  relay = null;
});

/** A client of the relay, open, keeping what it received. */
async function client(url: string): Promise<{ socket: WebSocket; received: string[] }> {
  const socket = new WebSocket(url);
  const received: string[] = [];
  socket.on('message', (data) => received.push(String(data)));
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { socket, received };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('bench relay', () => {
  it('hands each message to every other client, not back to its sender', async () => {
    relay = await startRelay();
    const [a, b, c] = await Promise.all([client(relay.url), client(relay.url), client(relay.url)]);
    a.socket.send(JSON.stringify({ type: 'offer' }));
    b.socket.send('candidate');
    await settle();
    expect(a.received).toEqual(['candidate']);
    expect(b.received).toEqual(['{"type":"offer"}']);
    expect(c.received).toEqual(['{"type":"offer"}', 'candidate']);
  });

  it("serves the relayed call's pages a blank page of its own origin", async () => {
    relay = await startRelay();
    const page = await fetch(relay.pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(new URL(relay.url).port).toBe(new URL(relay.pageUrl).port);
  });

  it('close() drops its clients and frees its port', async () => {
    relay = await startRelay();
    const a = await client(relay.url);
    const closed = new Promise((resolve) => a.socket.once('close', resolve));
    const url = relay.url;
    await relay.close();
    relay = null;
    await closed;
    await expect(client(url)).rejects.toThrow();
  });
});
