// @vitest-environment node
// Server-wide limits are counted per address: one address using up its share leaves the server working
// for the others. On loopback a second address is just 127.0.0.2 (Linux routes all of 127/8 to lo). A real
// media call hosted from that other address runs through each attack and must keep flowing (live-call.ts).
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StartServerOptions } from '../../server';
import type { Harness } from './harness';
import { serverWithCall, type LiveCall } from './live-call';

const OTHER = '127.0.0.2';
let h: Harness | undefined;
let call: LiveCall | undefined;
afterEach(async () => {
  await call?.stop();
  await h?.stop();
  [h, call] = [undefined, undefined];
});

/** A server with a call in an SFU room, hosted from OTHER (one connection, one room of OTHER's). */
async function start(options: StartServerOptions): Promise<Harness> {
  ({ harness: h, call } = await serverWithCall(options, OTHER));
  return h;
}

describe('per-address limits', () => {
  it('"hello, create rooms, close" in a loop stops at the per-address cap; another address still creates', async () => {
    const harness = await start({ maxUnjoinedRoomsPerIp: 8, maxRooms: 12 });
    const codes: string[] = [];
    const attack = async () => {
      for (let round = 0; round < 4; round++) {
        const attacker = await harness.raw();
        await attacker.request('hello', { displayName: `attacker${round}` });
        for (let i = 0; i < 5; i++) {
          const answer = await attacker.request('createRoom', { mode: 'p2p' });
          codes.push(answer.ok ? 'ok' : answer.error.code);
        }
        await attacker.close();
      }
    };
    await call!.survives(attack());
    expect(codes.filter((c) => c === 'ok')).toHaveLength(8);
    expect(new Set(codes.filter((c) => c !== 'ok'))).toEqual(new Set(['RATE_LIMITED']));
    const other = await harness.raw(OTHER);
    await other.request('hello', { displayName: 'other' });
    expect(await other.request('createRoom', { mode: 'p2p' })).toMatchObject({ ok: true });
  });

  it('refuses connections past the per-address cap, closes sockets that never say hello, and serves others', async () => {
    const harness = await start({ maxConnectionsPerIp: 4, helloTimeoutMs: 400 });
    // Not sampled during: waiting would let the hello timeout free the address's slots first.
    const idle = await Promise.all([0, 1, 2, 3].map(() => harness.raw()));
    await expect(harness.raw()).rejects.toThrow(/429/);
    const other = await harness.raw(OTHER);
    expect(await other.request('hello', { displayName: 'other' })).toMatchObject({ ok: true });
    // The idle ones are closed with a policy violation; then the address may connect again.
    for (const socket of idle) await expect(socket.closed).resolves.toMatchObject({ code: 1008 });
    expect(other.ws.readyState).toBe(WebSocket.OPEN);
    await harness.waitForHealth((s) => s.connections === 2);
    await call!.expectFlowing();
    const again = await harness.raw();
    expect(await again.request('hello', { displayName: 'again' })).toMatchObject({ ok: true });
  });

  it('shares the request budget of an address across its connections, so reconnecting does not reset it', async () => {
    const harness = await start({ ipRateBurst: 40, ipRatePerSecond: 5 });
    const first = await harness.raw();
    for (let i = 0; i < 45; i++) first.send(JSON.stringify({ id: 1000 + i, method: 'leaveLobby', data: {} }));
    await first.waitFor((f) => f.ok === false && (f.error as { code: string }).code === 'RATE_LIMITED');
    await first.close();
    const second = await harness.raw();
    expect(await second.request('hello', { displayName: 'again' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    const other = await harness.raw(OTHER);
    expect(await other.request('hello', { displayName: 'other' })).toMatchObject({ ok: true });
    // Checked after the burst, not sampled during it: waiting would let the bucket refill.
    await call!.expectFlowing();
  });

  it('lets one address hold only so many lobby members; others still enter', async () => {
    const harness = await start({ maxLobbyPerIp: 3 });
    const fill = async () => {
      for (let i = 0; i < 3; i++) await (await harness.client(`m${i}`)).request('enterLobby', {});
    };
    await call!.survives(fill());
    await expect((await harness.client('one-too-many')).request('enterLobby', {})).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    const other = await harness.raw(OTHER);
    await other.request('hello', { displayName: 'other' });
    expect(await other.request('enterLobby', {})).toMatchObject({ ok: true, data: { users: expect.any(Array) } });
  });
});
