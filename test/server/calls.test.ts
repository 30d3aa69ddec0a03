// @vitest-environment node
// Direct 1:1 calls through the lobby against a real room server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectRelay, Harness, type Client } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.stop());
afterEach(() => h.reset());

/** Signed-in clients that all entered the lobby. */
async function inLobby(...names: string[]): Promise<Client[]> {
  const clients: Client[] = [];
  for (const name of names) {
    const client = await h.client(name);
    await client.request('enterLobby', {});
    clients.push(client);
  }
  return clients;
}

/** `caller` rings `callee`, who has seen the incoming call. */
async function ring(caller: Client, callee: Client): Promise<string> {
  const { callId } = await caller.request('invite', { to: callee.peerId });
  await expect(callee.notifications.waitFor('incomingCall', (c) => c.callId === callId)).resolves.toEqual({
    callId,
    from: { peerId: caller.peerId, displayName: 'Ann' },
  });
  await caller.notifications.waitFor('callRinging', (c) => c.callId === callId);
  return callId;
}

describe('the lobby', () => {
  it('lists the others with busy flags in the response and pushes only what changed', async () => {
    const [ann] = (await inLobby('Ann')) as [Client];
    const bob = await h.client('Bob');
    expect(await bob.request('enterLobby', {})).toEqual({
      users: [{ peerId: ann.peerId, displayName: 'Ann', busy: false }],
    });
    await ann.notifications.waitFor('lobbyUserJoined', (l) => l.user.peerId === bob.peerId);
    const [cy] = (await inLobby('Cy')) as [Client];
    await ring(ann, bob);
    for (const peer of [ann, bob]) {
      await cy.notifications.waitFor('lobbyUserChanged', (l) => l.user.peerId === peer.peerId && l.user.busy);
    }
    await bob.request('leaveLobby', {});
    await cy.notifications.waitFor('lobbyUserLeft', (l) => l.peerId === bob.peerId);
  });
});

describe('direct calls', () => {
  it('invite → accept gives both the private room; both join it, exchange signals, and hang-up ends it on both sides', async () => {
    const [ann, bob, eve] = (await inLobby('Ann', 'Bob', 'Eve')) as [Client, Client, Client];
    const callId = await ring(ann, bob);
    const accepted = await bob.request('accept', { callId });
    expect(accepted.callId).toBe(callId);
    await expect(ann.notifications.waitFor('callAccepted')).resolves.toEqual(accepted);
    await expect(bob.notifications.waitFor('callAccepted')).resolves.toEqual(accepted);
    const { roomId } = accepted;
    await ann.request('joinRoom', { roomId });
    expect((await bob.request('joinRoom', { roomId })).members.map((m) => m.peerId)).toEqual([ann.peerId]);
    await expectRelay(ann, bob);
    await expectRelay(bob, ann);
    await expect(eve.request('joinRoom', { roomId })).rejects.toMatchObject({ code: 'ROOM_NOT_FOUND' });

    await bob.request('hangUp', { callId });
    await expect(ann.notifications.waitFor('callEnded')).resolves.toEqual({ callId, reason: 'hungUp' });
    await expect(bob.notifications.waitFor('callEnded')).resolves.toEqual({ callId, reason: 'hungUp' });
  });

  it('decline ends the call as declined for the caller', async () => {
    const [ann, bob] = (await inLobby('Ann', 'Bob')) as [Client, Client];
    const callId = await ring(ann, bob);
    await bob.request('decline', { callId });
    await expect(ann.notifications.waitFor('callEnded')).resolves.toEqual({ callId, reason: 'declined' });
  });

  it('cancel while ringing ends the call as cancelled for the callee', async () => {
    const [ann, bob] = (await inLobby('Ann', 'Bob')) as [Client, Client];
    const callId = await ring(ann, bob);
    await ann.request('cancel', { callId });
    await expect(bob.notifications.waitFor('callEnded')).resolves.toEqual({ callId, reason: 'cancelled' });
    await expect(bob.request('accept', { callId })).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
  });

  it('an unanswered call ends as timeout on both sides', async () => {
    // Its own server with a short ring, so the other tests never race a timeout.
    const fast = await Harness.start({ ringTimeoutMs: 200 });
    try {
      const [ann, bob] = [await fast.client('Ann'), await fast.client('Bob')];
      await bob.request('enterLobby', {});
      const { callId } = await ann.request('invite', { to: bob.peerId });
      await bob.notifications.waitFor('incomingCall');
      await expect(ann.notifications.waitFor('callEnded')).resolves.toEqual({ callId, reason: 'timeout' });
      await expect(bob.notifications.waitFor('callEnded')).resolves.toEqual({ callId, reason: 'timeout' });
      await expect(bob.request('accept', { callId })).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
    } finally {
      await fast.stop();
    }
  });

  it('a callee who is not in the lobby (or not connected) ends the call as offline', async () => {
    const [ann] = (await inLobby('Ann')) as [Client];
    const hidden = await h.client('Hidden');
    const first = await ann.request('invite', { to: hidden.peerId });
    await expect(ann.notifications.waitFor('callEnded', (e) => e.callId === first.callId)).resolves.toEqual({
      callId: first.callId,
      reason: 'offline',
    });
    const gone = await h.client('Gone');
    const goneId = gone.peerId;
    await gone.request('enterLobby', {});
    await gone.close();
    await ann.notifications.waitFor('lobbyUserLeft', (l) => l.peerId === goneId);
    const second = await ann.request('invite', { to: goneId });
    await expect(ann.notifications.waitFor('callEnded', (e) => e.callId === second.callId)).resolves.toEqual({
      callId: second.callId,
      reason: 'offline',
    });
    await expect(hidden.notifications.waitFor('incomingCall', () => true, 1)).rejects.toThrow();
  });

  it('a callee already in a call ends the new call as busy without disturbing the first', async () => {
    const [ann, bob, cy] = (await inLobby('Ann', 'Bob', 'Cy')) as [Client, Client, Client];
    const first = await ring(ann, bob);
    const { roomId } = await bob.request('accept', { callId: first });
    const { callId } = await cy.request('invite', { to: bob.peerId });
    await expect(cy.notifications.waitFor('callEnded')).resolves.toEqual({ callId, reason: 'busy' });
    await ann.request('joinRoom', { roomId });
    await bob.request('joinRoom', { roomId });
    await expectRelay(ann, bob);
    await expect(bob.notifications.waitFor('incomingCall', (c) => c.callId === callId, 1)).rejects.toThrow();
  });

  it('a party that disconnects ends the call as disconnected for the other', async () => {
    const [ann, bob] = (await inLobby('Ann', 'Bob')) as [Client, Client];
    const callId = await ring(ann, bob);
    await bob.request('accept', { callId });
    await bob.close();
    await expect(ann.notifications.waitFor('callEnded')).resolves.toEqual({ callId, reason: 'disconnected' });
  });

  it('nobody outside a call can act on it: CALL_NOT_FOUND for every action, and the call goes on', async () => {
    const [ann, bob, eve] = (await inLobby('Ann', 'Bob', 'Eve')) as [Client, Client, Client];
    const callId = await ring(ann, bob);
    for (const method of ['accept', 'decline', 'cancel', 'hangUp'] as const) {
      await expect(eve.request(method, { callId })).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
    }
    await expect(eve.request('hangUp', { callId: 'AAAAAAAAAAAAAAAA' })).rejects.toMatchObject({
      code: 'CALL_NOT_FOUND',
    });
    const { roomId } = await bob.request('accept', { callId });
    await expect(ann.notifications.waitFor('callAccepted')).resolves.toEqual({ callId, roomId });
  });
});
