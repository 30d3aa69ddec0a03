// @vitest-environment node
// Device audio sessions between two real WebRTC peers (@roamhq/wrtc, each in its own process: the library
// segfaults at exit in a process that doesn't close it first) through the real room server and a real coturn.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server';
import { Appliance, type ApplianceOptions } from '../support/appliance';
import { startTurnServer, type TurnServer } from '../support/turn-server';
import { connectSignaling, type SignalingClient } from '../support/ws-client';

const IDLE_MS = 1500;
const DEVICE_HZ = 440;
const MOIM_HZ = 660;

let server: RunningServer;
let turn: TurnServer;
const running: Appliance[] = [];
const clients: SignalingClient[] = [];

beforeAll(async () => {
  [server, turn] = await Promise.all([
    startServer({ host: '127.0.0.1', port: 0, sessionIdleMs: IDLE_MS }),
    startTurnServer(),
  ]);
}, 30_000);

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  // A clean exit also proves the segfault-on-exit pitfall of @roamhq/wrtc is handled.
  const exits = await Promise.all(running.splice(0).map((a) => a.stop()));
  for (const exit of exits) expect(exit).toEqual({ code: 0, signal: null });
});

afterAll(async () => {
  await turn?.stop();
  await server?.close();
});

async function start(options: Partial<ApplianceOptions> = {}): Promise<Appliance> {
  const appliance = await Appliance.start({ wsUrl: server.wsUrl, ...options });
  running.push(appliance);
  return appliance;
}

/** The device creates a session and offers; a Node stand-in for Moim joins with the token and answers. */
async function connect(device: Partial<ApplianceOptions> = {}, moim: Partial<ApplianceOptions> = {}) {
  const [offerer, answerer] = await Promise.all([
    start({ toneHz: DEVICE_HZ, ...device, role: 'offerer' }),
    start({ toneHz: MOIM_HZ, ...moim, role: 'answerer' }),
  ]);
  const { sessionId, token } = await offerer.created();
  await answerer.join(sessionId, token);
  return { offerer, answerer, sessionId, token };
}

/** Resolves once `appliance` has received `hz` with real packets and a real level (not just silent frames). */
function hears(appliance: Appliance, hz: number, minPackets = 25) {
  return appliance.waitFor(
    'audio',
    (a) => a.nonZeroSamples > 0 && a.packetsReceived >= minPackets && a.rms > 0.05 && Math.abs(a.frequencyHz - hz) < 15,
    15_000,
  );
}

async function signaling(): Promise<SignalingClient> {
  const client = await connectSignaling(server.wsUrl);
  clients.push(client);
  await client.request('hello', { displayName: 'test' });
  return client;
}

// Each test spawns two peers and waits on real media; timeouts above leave room for a slow machine.
describe('device audio session between an appliance and an answer-only peer', { timeout: 40_000 }, () => {
  it("carries the appliance's tone to the answerer and the answerer's tone back", async () => {
    const { offerer, answerer } = await connect();
    await Promise.all([hears(answerer, DEVICE_HZ), hears(offerer, MOIM_HZ)]);
    const [deviceFirst, moimFirst] = await Promise.all([offerer.waitFor('firstAudio'), answerer.waitFor('firstAudio')]);
    expect(deviceFirst.ms).toBeGreaterThan(0);
    expect(moimFirst.ms).toBeGreaterThan(0);
  });

  it('answers an ICE-restart offer and the tone keeps flowing over the new pair', async () => {
    const { offerer, answerer } = await connect();
    await hears(offerer, MOIM_HZ);
    const pairBefore = (await offerer.waitFor('selectedPair')).local;
    const deviceBefore = offerer.last('audio')!.packetsReceived;
    const moimBefore = answerer.last('audio')!.packetsReceived;

    offerer.send({ cmd: 'renegotiate' });
    await expect(answerer.waitFor('renegotiated')).resolves.toMatchObject({ count: 2, iceRestart: true });
    await expect(offerer.waitFor('renegotiated')).resolves.toMatchObject({ count: 2, iceRestart: true });
    const after = await offerer.waitFor('selectedPair', (p) => p.local.port !== pairBefore.port);
    expect(after.local.candidateType).toBe('host');
    await Promise.all([hears(offerer, MOIM_HZ, deviceBefore + 50), hears(answerer, DEVICE_HZ, moimBefore + 50)]);
  });

  it.each([
    { transport: 'udp' as const, forced: 'offerer' as const },
    { transport: 'tcp' as const, forced: 'answerer' as const },
  ])(
    "relays through TURN over $transport when the $forced is forced to iceTransportPolicy 'relay'",
    async ({ transport, forced }) => {
      const url = turn.urls.find((u) => u.endsWith(`transport=${transport}`))!;
      const relayed: Partial<ApplianceOptions> = {
        iceServers: [{ ...turn.iceServer, urls: [url] }],
        iceTransportPolicy: 'relay',
      };
      const { offerer, answerer } = await connect(
        forced === 'offerer' ? relayed : {},
        forced === 'answerer' ? relayed : {},
      );
      const relaySide = forced === 'offerer' ? offerer : answerer;
      const pair = await relaySide.waitFor('selectedPair', () => true, 15_000);
      expect(pair.local.candidateType).toBe('relay');
      expect(pair.local.relayProtocol).toBe(transport);
      await Promise.all([hears(answerer, DEVICE_HZ), hears(offerer, MOIM_HZ)]);
    },
  );

  it('reports a 401 candidate error and never connects when the TURN credentials are wrong', async () => {
    const { offerer } = await connect({
      iceServers: [{ urls: [turn.urls[0]], username: turn.username, credential: 'wrong' }],
      iceTransportPolicy: 'relay',
    });
    await offerer.waitFor('iceCandidateError', (e) => e.errorCode === 401, 10_000);
    expect(offerer.last('connected')).toBeUndefined();
    expect(offerer.last('audio')?.nonZeroSamples ?? 0).toBe(0);
  });

  it('outlives the idle limit with heartbeats, and without them the server ends it as idle on both sides', async () => {
    const { offerer, answerer, sessionId } = await connect();
    await hears(answerer, DEVICE_HZ);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS * 2));
    expect(offerer.last('ended')).toBeUndefined();
    expect(answerer.last('ended')).toBeUndefined();
    await hears(answerer, DEVICE_HZ, answerer.last('audio')!.packetsReceived + 25);

    offerer.send({ cmd: 'stopHeartbeats' });
    answerer.send({ cmd: 'stopHeartbeats' });
    const ended = { sessionId, reason: 'idle' };
    await expect(offerer.waitFor('ended', () => true, IDLE_MS * 4)).resolves.toMatchObject(ended);
    await expect(answerer.waitFor('ended', () => true, IDLE_MS * 4)).resolves.toMatchObject(ended);
  });

  it.each(['offerer', 'answerer'] as const)('ends on both sides when the %s ends it', async (ender) => {
    const { offerer, answerer, sessionId } = await connect();
    await hears(answerer, DEVICE_HZ);
    const [by, other] = ender === 'offerer' ? [offerer, answerer] : [answerer, offerer];
    by.send({ cmd: 'end' });
    await expect(by.waitFor('ended')).resolves.toMatchObject({ sessionId, reason: 'ended' });
    await expect(other.waitFor('ended')).resolves.toMatchObject({ sessionId, reason: 'ended' });
  });
});

describe('joinSession', { timeout: 20_000 }, () => {
  it('refuses a wrong token, an unknown session and an ended session alike with FORBIDDEN', async () => {
    const owner = await signaling();
    const guest = await signaling();
    const { sessionId, token } = await owner.request('createSession', { type: 'audio' });

    const wrongToken = guest.request('joinSession', { sessionId, token: `${token}x` });
    await expect(wrongToken).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(wrongToken).rejects.not.toThrow(sessionId);
    await expect(guest.request('joinSession', { sessionId: 'no-such-session', token })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await owner.request('endSession', { sessionId });
    await expect(guest.request('joinSession', { sessionId, token })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await expect(owner.notifications.waitFor('sessionJoined', () => true, 200)).rejects.toThrow(/no sessionJoined/);
    expect([...owner.violations, ...guest.violations]).toEqual([]);
  });

  it('refuses an answerer with a wrong token, and the device never sees a peer join', async () => {
    const [offerer, answerer] = await Promise.all([start(), start({ role: 'answerer' })]);
    const { sessionId, token } = await offerer.created();
    await expect(answerer.join(sessionId, `${token}x`)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(offerer.waitFor('peerJoined', () => true, 300)).rejects.toThrow(/no matching peerJoined/);
  });
});
