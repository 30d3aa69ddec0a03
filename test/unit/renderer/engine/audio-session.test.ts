// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode, SessionDescription } from '../../../../common/protocol';
import { ConferenceEngine } from '../../../../renderer/engine/engine';
import type { EngineEvents } from '../../../../renderer/engine/types';
import { candidate, FakePeerConnection, offer, settle } from '../support/audio-session-fakes';
import { FakeStream, FakeTrack, fakeMedia } from '../support/fake-media';
import { FakeServer, type FakeSocket } from '../support/fake-server';
import { until } from '../support/p2p-mesh';

const DEVICE = 'dev1';
const SESSION = 'sess1';
const TOKEN = 'right-token';

/** The fake room server plus one device audio session, created by a device peer that only exists as an id. */
class SessionServer extends FakeServer {
  /** What Moim signalled to the device. */
  readonly toDevice: { description?: SessionDescription; candidate?: unknown }[] = [];
  joiner: string | null = null;
  /** Delivered to the joiner before its joinSession response (the device was quick). */
  offerBeforeResponse: SessionDescription | null = null;

  override receive(socket: FakeSocket, frame: string): void {
    const { id, method, data } = JSON.parse(frame) as { id: number; method: string; data: Record<string, string> };
    const peer = [...this.peers.values()].find((p) => p.socket === socket);
    const ok = (result: unknown = {}) => socket.deliver({ id, ok: true, data: result });
    const fail = (code: ErrorCode) => socket.deliver({ id, ok: false, error: { code, message: code } });
    const mine =
      ['joinSession', 'heartbeat', 'endSession'].includes(method) || (method === 'signal' && data.to === DEVICE);
    if (!mine || !peer) return super.receive(socket, frame);
    this.requests.push({ peer: peer.id, method, data });
    switch (method) {
      case 'joinSession':
        if (data.sessionId !== SESSION || data.token !== TOKEN || this.joiner) return fail('FORBIDDEN');
        this.joiner = peer.id;
        if (this.offerBeforeResponse) this.fromDevice({ description: this.offerBeforeResponse });
        return ok({ sessionId: SESSION, peerId: DEVICE, idleTimeoutMs: 3000 });
      case 'heartbeat':
        return data.sessionId === SESSION && this.joiner === peer.id ? ok() : fail('SESSION_NOT_FOUND');
      case 'endSession':
        if (data.sessionId !== SESSION || this.joiner !== peer.id) return fail('SESSION_NOT_FOUND');
        ok();
        return this.end('ended');
      default:
        this.toDevice.push(data as never);
        return ok();
    }
  }

  /** The device signals the joiner. */
  fromDevice(signal: { description?: SessionDescription; candidate?: unknown }): void {
    if (this.joiner) this.notify(this.joiner, 'signal', { from: DEVICE, ...(signal as object) });
  }

  /** The server ends the session (both sides are told). */
  end(reason: 'ended' | 'idle' | 'peerLeft'): void {
    if (this.joiner) this.notify(this.joiner, 'sessionEnded', { sessionId: SESSION, reason });
    this.joiner = null;
  }

  answers(): string[] {
    return this.toDevice.filter((s) => s.description).map((s) => s.description!.type);
  }
}

const engines: ConferenceEngine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.close();
  FakePeerConnection.made = [];
});

async function setup() {
  const server = new SessionServer();
  const devices = fakeMedia();
  const engine = new ConferenceEngine({
    serverUrl: 'ws://moim.test/ws',
    displayName: 'Ada',
    media: devices.media,
    WebSocket: server.WebSocket,
    RTCPeerConnection: FakePeerConnection as unknown as typeof RTCPeerConnection,
    MediaStream: FakeStream as unknown as typeof MediaStream,
    requestTimeoutMs: 500,
    reconnect: { initialMs: 5, maxMs: 20 },
  });
  engines.push(engine);
  const events: string[] = [];
  const record = <K extends keyof EngineEvents>(name: K, show: (...args: EngineEvents[K]) => string) =>
    engine.on(name, ((...args: EngineEvents[K]) => events.push(`${name}:${show(...args)}`)) as never);
  record('track', (r) => `${r.peerId}/${r.kind}`);
  record('trackended', (r) => `${r.peerId}/${r.kind}`);
  record('sessionended', (s) => `${s.sessionId}/${s.reason}`);
  record('localpublished', (kind) => kind);
  record('localunpublished', (kind) => kind);
  record('error', (e) => e.name);
  await engine.connect();
  const pc = () => FakePeerConnection.made[0];
  return { server, engine, devices, events, pc };
}

/** Joins and waits until the device's offer was answered. */
async function joined() {
  const s = await setup();
  await s.engine.joinSession(SESSION, TOKEN);
  s.server.fromDevice({ description: offer() });
  await until(() => s.server.answers().length === 1, 2000, 'the answer');
  return s;
}

describe('ConferenceEngine: device audio sessions (answer-only)', () => {
  it("joinSession() resolves with the session, the device's peer id and the idle limit", async () => {
    const { engine, server } = await setup();
    await expect(engine.joinSession(SESSION, TOKEN)).resolves.toEqual({
      sessionId: SESSION,
      peerId: DEVICE,
      idleTimeoutMs: 3000,
    });
    expect(server.requestsOf('joinSession')).toEqual([{ sessionId: SESSION, token: TOKEN }]);
  });

  it("answers the device's offer over the ICE servers from hello, with a microphone it opens itself", async () => {
    const { devices, events, pc } = await joined();
    expect(pc()!.config.iceServers).toEqual([{ urls: 'stun:stun.invalid:3478' }]);
    expect(devices.calls).toEqual([{ fn: 'getUserMedia', arg: { audio: true, video: false } }]);
    const mic = devices.opened[0]!.getAudioTracks()[0]!;
    expect(pc()!.transceivers[0]!.sender.track).toBe(mic);
    expect(pc()!.calls).toContain(`createAnswer:sendrecv:${mic.id}`);
    expect(pc()!.calls).not.toContain('createOffer');
    expect(events).toEqual(['track:dev1/mic']);
  });

  it('answers with the microphone the app published, and a microphone published later replaces it without an offer', async () => {
    const { engine, server, devices, pc } = await setup();
    const appMic = new FakeTrack('audio');
    await engine.publish('mic', new FakeStream([appMic]) as unknown as MediaStream);
    await engine.joinSession(SESSION, TOKEN);
    server.fromDevice({ description: offer() });
    await until(() => server.answers().length === 1, 2000, 'the answer');
    expect(pc()!.transceivers[0]!.sender.track).toBe(appMic);
    expect(devices.calls).toEqual([]);

    const another = new FakeTrack('audio');
    await engine.publish('mic', new FakeStream([another]) as unknown as MediaStream);
    await until(() => pc()!.transceivers[0]!.sender.track === another, 2000, 'the new microphone on the sender');
    // Muting (track.enabled) acts on the very track the app holds.
    expect(pc()!.calls).not.toContain('createOffer');
    expect(server.answers()).toEqual(['answer']);
  });

  it('answers an offer that arrives before the joinSession response', async () => {
    const { engine, server } = await setup();
    server.offerBeforeResponse = offer();
    await engine.joinSession(SESSION, TOKEN);
    await until(() => server.answers().length === 1, 2000, 'the answer to the early offer');
  });

  it("applies the device's trickled candidates, including those sent before its offer was answered", async () => {
    const { engine, server, pc } = await setup();
    await engine.joinSession(SESSION, TOKEN);
    server.fromDevice({ candidate: candidate(5001) });
    server.fromDevice({ description: offer() });
    server.fromDevice({ candidate: candidate(5002) });
    await until(
      () => (pc()?.calls.filter((c) => c.startsWith('addIceCandidate')).length ?? 0) === 2,
      2000,
      'both candidates',
    );
    const calls = pc()!.calls;
    expect(calls.indexOf('addIceCandidate:5001 typ')).toBeGreaterThan(calls.indexOf('setRemoteDescription:offer:u1'));
  });

  it('sends its own candidates to the device after its answer, and answers a renegotiation without ever offering', async () => {
    const { server, pc } = await joined();
    pc()!.gather('candidate:9 1 udp 1 127.0.0.1 6001 typ host');
    server.fromDevice({ description: offer('u2') });
    await until(() => server.answers().length === 2, 2000, 'the second answer');
    expect(server.toDevice.map((s) => (s.description ? s.description.type : 'candidate'))).toEqual([
      'answer',
      'candidate',
      'answer',
    ]);
    expect(server.requestsOf('signal').every((s) => (s as { to: string }).to === DEVICE)).toBe(true);
  });

  it('joinSession() rejects with FORBIDDEN for a wrong token and opens no connection and no device', async () => {
    const { engine, server, devices } = await setup();
    await expect(engine.joinSession(SESSION, 'wrong')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    server.fromDevice({ description: offer() });
    await settle();
    expect(FakePeerConnection.made).toEqual([]);
    expect(devices.calls).toEqual([]);
  });

  it('heartbeat() tells the server the session is alive', async () => {
    const { engine, server } = await joined();
    await engine.heartbeat(SESSION);
    expect(server.requestsOf('heartbeat')).toEqual([{ sessionId: SESSION }]);
  });

  it("the server's sessionEnded closes the connection, ends the device's audio and stops the session's microphone, once", async () => {
    const { server, devices, events, pc } = await joined();
    server.end('idle');
    await until(() => events.includes('sessionended:sess1/idle'), 2000, 'sessionended');
    expect(pc()!.calls.at(-1)).toBe('close');
    expect(events).toEqual(['track:dev1/mic', 'trackended:dev1/mic', 'sessionended:sess1/idle']);
    expect((devices.opened[0]!.getAudioTracks()[0] as FakeTrack).readyState).toBe('ended');
  });

  it('a microphone the app publishes during the session replaces the one the session opened, which stops', async () => {
    const { engine, devices, pc } = await joined();
    const own = devices.opened[0]!.getAudioTracks()[0] as FakeTrack;
    const appMic = new FakeTrack('audio');
    await engine.publish('mic', new FakeStream([appMic]) as unknown as MediaStream);
    await until(() => pc()!.transceivers[0]!.sender.track === appMic, 2000, "the app's microphone on the sender");
    await until(() => own.readyState === 'ended', 2000, "the session's own microphone stopped");
  });

  it('a microphone the app publishes while the session is still opening the device wins', async () => {
    const { engine, server, devices, pc } = await setup();
    let openDevice!: () => void;
    const gate = new Promise<void>((resolve) => (openDevice = resolve));
    const getUserMedia = devices.media.getUserMedia;
    devices.media.getUserMedia = async (constraints) => {
      await gate;
      return getUserMedia(constraints);
    };
    await engine.joinSession(SESSION, TOKEN);
    server.fromDevice({ description: offer() });
    await until(() => devices.calls.length === 0 && FakePeerConnection.made.length === 1, 2000, 'the link');
    await settle();
    const appMic = new FakeTrack('audio');
    await engine.publish('mic', new FakeStream([appMic]) as unknown as MediaStream);
    openDevice();
    await until(() => server.answers().length === 1, 2000, 'the answer');
    expect(pc()!.calls).toContain(`createAnswer:sendrecv:${appMic.id}`);
    expect(pc()!.transceivers[0]!.sender.track).toBe(appMic);
    expect((devices.opened[0]!.getAudioTracks()[0] as FakeTrack).readyState).toBe('ended');
  });

  it('outside a room, the microphone the app published for the session is unpublished when it ends', async () => {
    const { engine, server, events } = await setup();
    await engine.publish('mic', new FakeStream([new FakeTrack('audio')]) as unknown as MediaStream);
    await engine.joinSession(SESSION, TOKEN);
    server.end('peerLeft');
    await until(() => events.includes('localunpublished:mic'), 2000, 'the microphone unpublished');
    expect(events.filter((e) => e.startsWith('sessionended'))).toEqual(['sessionended:sess1/peerLeft']);
    expect(engine.localStreams.mic).toBeUndefined();
  });

  it("endSession() ends it for both sides, reporting 'ended' once although the server confirms it too", async () => {
    const { engine, server, events } = await joined();
    await engine.endSession(SESSION);
    expect(server.requestsOf('endSession')).toEqual([{ sessionId: SESSION }]);
    expect(events.filter((e) => e.startsWith('sessionended'))).toEqual(['sessionended:sess1/ended']);
    await settle();
    expect(events.filter((e) => e.startsWith('sessionended'))).toEqual(['sessionended:sess1/ended']);
    await expect(engine.getStats()).resolves.toEqual([]);
  });

  it("getStats() includes the device's inbound audio", async () => {
    const { engine, pc } = await joined();
    pc()!.inbound = { packetsReceived: 120, audioLevel: 0.25 };
    await expect(engine.getStats()).resolves.toEqual([
      expect.objectContaining({
        peerId: DEVICE,
        kind: 'mic',
        trackKind: 'audio',
        packetsReceived: 120,
        audioLevel: 0.25,
      }),
    ]);
  });

  it('joinSession() again for the same session answers the same; another session is refused while in one', async () => {
    const { engine } = await joined();
    await expect(engine.joinSession(SESSION, TOKEN)).resolves.toMatchObject({ sessionId: SESSION, peerId: DEVICE });
    await expect(engine.joinSession('other1', 'tok')).rejects.toMatchObject({ name: 'InvalidStateError' });
  });

  it('a dropped connection that resumes keeps the session: media carries on and signals flow again', async () => {
    const { engine, server, pc } = await joined();
    const moim = engine.peerId!;
    server.drop(moim);
    await until(() => server.requestsOf('hello').length === 2 && engine.state === 'connected', 2000, 'resumed');
    expect(engine.peerId).toBe(moim);
    server.fromDevice({ description: offer('u2') });
    await until(() => server.answers().length === 2, 2000, 'the answer to a restart after the resume');
    expect(pc()!.calls).not.toContain('close');
  });

  it("a reconnect as a new peer means the server ended the session: it is reported as 'peerLeft'", async () => {
    const { engine, server, events, pc } = await joined();
    server.graceMs = 0;
    server.drop(engine.peerId!);
    await until(() => events.includes('sessionended:sess1/peerLeft'), 2000, 'sessionended');
    expect(pc()!.calls.at(-1)).toBe('close');
  });

  it('close() closes the connection to the device', async () => {
    const { engine, pc } = await joined();
    engine.close();
    expect(pc()!.calls.at(-1)).toBe('close');
  });
});
