// @vitest-environment node
// Device audio sessions (create, join with a token, heartbeats, idle expiry, end) against a real room server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectRelay, Harness, type Client } from './harness';

// Short enough to wait out in a test, long enough that a busy machine doesn't end sessions mid-test.
const IDLE_MS = 1000;

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ sessionIdleMs: IDLE_MS });
});
afterAll(() => h.stop());
afterEach(() => h.reset());

/** A device that created a session and a Moim client that joined it with the token. */
async function joined(): Promise<{ device: Client; moim: Client; sessionId: string; token: string }> {
  const device = await h.client('Speaker');
  const moim = await h.client('Moim');
  const { sessionId, token, idleTimeoutMs } = await device.request('createSession', { type: 'audio' });
  expect(idleTimeoutMs).toBe(IDLE_MS);
  expect(await moim.request('joinSession', { sessionId, token })).toEqual({
    sessionId,
    peerId: device.peerId,
    idleTimeoutMs: IDLE_MS,
  });
  await expect(device.notifications.waitFor('sessionJoined')).resolves.toEqual({
    sessionId,
    peerId: moim.peerId,
    displayName: 'Moim',
  });
  return { device, moim, sessionId, token };
}

describe('device audio sessions', () => {
  it('joining with the token lets the two sides signal each other outside any room', async () => {
    const { device, moim } = await joined();
    const offer = { type: 'offer' as const, sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n' };
    await device.request('signal', { to: moim.peerId, description: offer });
    await expect(moim.notifications.waitFor('signal')).resolves.toEqual({ from: device.peerId, description: offer });
    await expectRelay(moim, device);
  });

  it('refuses a wrong token, an unknown session and a taken session with the same FORBIDDEN', async () => {
    const { device, sessionId, token } = await joined();
    const other = await h.client('Other');
    const attempts = [
      other.request('joinSession', { sessionId, token: `${token}x` }),
      other.request('joinSession', { sessionId: 'AAAAAAAAAAAAAAAA', token }),
      other.request('joinSession', { sessionId, token }),
    ];
    const errors = await Promise.all(
      attempts.map((a) =>
        a.then(
          () => null,
          (e: Error & { code: string }) => e,
        ),
      ),
    );
    expect(errors.map((e) => e?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(new Set(errors.map((e) => e?.message)).size).toBe(1);
    await expect(device.notifications.waitFor('sessionJoined', (j) => j.peerId === other.peerId, 1)).rejects.toThrow();
  });

  it('heartbeats keep a session alive well past the idle limit; without them it ends as idle on both sides', async () => {
    const { device, moim, sessionId, token } = await joined();
    const ended: string[] = [];
    device.notifications.on('sessionEnded', (e) => ended.push(`device:${e.reason}`));
    moim.notifications.on('sessionEnded', (e) => ended.push(`moim:${e.reason}`));
    for (let i = 0; i < 15; i++) {
      await (i % 2 ? device : moim).request('heartbeat', { sessionId });
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS / 6));
    }
    expect(ended).toEqual([]);
    await expectRelay(device, moim);

    await expect(device.notifications.waitFor('sessionEnded')).resolves.toEqual({ sessionId, reason: 'idle' });
    await expect(moim.notifications.waitFor('sessionEnded')).resolves.toEqual({ sessionId, reason: 'idle' });
    await expect(moim.request('heartbeat', { sessionId })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    const late = await h.client('Late');
    await expect(late.request('joinSession', { sessionId, token })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(device.request('signal', { to: moim.peerId, candidate: null })).rejects.toMatchObject({
      code: 'NOT_IN_ROOM',
    });
  }, 15_000);

  it.each(['device', 'moim'] as const)('endSession by the %s ends it as ended for the other side', async (who) => {
    const { device, moim, sessionId } = await joined();
    const [ender, other] = who === 'device' ? [device, moim] : [moim, device];
    await ender.request('endSession', { sessionId });
    await expect(other.notifications.waitFor('sessionEnded')).resolves.toEqual({ sessionId, reason: 'ended' });
    await expect(other.request('heartbeat', { sessionId })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
  });

  it('a side that disconnects ends the session as peerLeft for the other', async () => {
    const { device, moim, sessionId } = await joined();
    await moim.close();
    await expect(device.notifications.waitFor('sessionEnded')).resolves.toEqual({ sessionId, reason: 'peerLeft' });
  });

  it('an outsider can neither signal into a session nor heartbeat or end it', async () => {
    const { device, moim, sessionId } = await joined();
    const eve = await h.client('Eve');
    await expect(eve.request('signal', { to: moim.peerId, candidate: null })).rejects.toMatchObject({
      code: 'NOT_IN_ROOM',
    });
    await expect(eve.request('heartbeat', { sessionId })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    await expect(eve.request('endSession', { sessionId })).rejects.toMatchObject({ code: 'SESSION_NOT_FOUND' });
    await expectRelay(device, moim);
    expect(moim.signals.map((s) => s.from)).toEqual([device.peerId]);
  });
});
