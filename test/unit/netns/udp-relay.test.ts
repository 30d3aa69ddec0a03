// @vitest-environment node
import dgram from 'node:dgram';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startUdpRelay, type UdpRelay } from '../../support/netns/udp-relay';

/** An echo server on loopback: answers every datagram with the same bytes. */
async function echo(): Promise<{ port: number; close: () => void }> {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (m, from) => socket.send(m, from.port, from.address));
  socket.bind(0, '127.0.0.1');
  await once(socket, 'listening');
  return { port: socket.address().port, close: () => socket.close() };
}

/** Sends `count` numbered datagrams through `port` and collects the echoes for `waitMs`, with round-trip times. */
async function roundTrips(port: number, count: number, waitMs: number): Promise<{ n: number; ms: number }[]> {
  const client = dgram.createSocket('udp4');
  client.bind(0, '127.0.0.1');
  await once(client, 'listening');
  const sent = new Map<number, number>();
  const back: { n: number; ms: number }[] = [];
  client.on('message', (m) => back.push({ n: m.readUInt32BE(0), ms: Date.now() - sent.get(m.readUInt32BE(0))! }));
  for (let n = 0; n < count; n++) {
    const packet = Buffer.alloc(4);
    packet.writeUInt32BE(n);
    sent.set(n, Date.now());
    client.send(packet, port, '127.0.0.1');
    // Paced, so no socket buffer on the way overflows: only the relay may lose packets.
    if (n % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  client.close();
  return back;
}

/** Repeatable randomness (a linear congruential generator). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('startUdpRelay', () => {
  const stops: (() => unknown)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  const relayTo = async (port: number, impairment = {}): Promise<UdpRelay> => {
    const relay = await startUdpRelay({
      listenHost: '127.0.0.1',
      ports: [0],
      targetHost: '127.0.0.1',
      targetPort: port,
      impairment,
      random: seeded(7),
    });
    stops.push(() => relay.close());
    return relay;
  };

  it('forwards datagrams both ways unchanged when not impaired', async () => {
    const server = await echo();
    stops.push(server.close);
    const relay = await relayTo(server.port);
    const back = await roundTrips(relay.ports[0]!, 50, 300);
    expect(back.map((b) => b.n).sort((a, b) => a - b)).toEqual([...Array(50).keys()]);
    expect(relay.stats()).toEqual({ forwarded: 100, dropped: 0 });
  });

  it('drops about the asked share of packets each way', async () => {
    const server = await echo();
    stops.push(server.close);
    const relay = await relayTo(server.port, { loss: 0.2 });
    const back = await roundTrips(relay.ports[0]!, 500, 400);
    // Both ways at 20 %: about 64 % of round trips survive.
    expect(back.length).toBeGreaterThan(500 * 0.54);
    expect(back.length).toBeLessThan(500 * 0.74);
    const { forwarded, dropped } = relay.stats();
    expect(dropped / (forwarded + dropped)).toBeGreaterThan(0.15);
    expect(dropped / (forwarded + dropped)).toBeLessThan(0.25);
  });

  it('delays each packet by the asked time each way, and can change it while running', async () => {
    const server = await echo();
    stops.push(server.close);
    const relay = await relayTo(server.port, { delayMs: 60 });
    const slow = await roundTrips(relay.ports[0]!, 20, 400);
    expect(slow).toHaveLength(20);
    expect(Math.min(...slow.map((b) => b.ms))).toBeGreaterThanOrEqual(115);
    relay.impair({ delayMs: 0 });
    const fast = await roundTrips(relay.ports[0]!, 20, 200);
    expect(Math.max(...fast.map((b) => b.ms))).toBeLessThan(100);
  });
});
