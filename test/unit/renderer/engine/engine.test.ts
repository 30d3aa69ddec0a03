// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { ConferenceEngine } from '../../../../renderer/engine/engine';
import type { EngineOptions } from '../../../../renderer/engine/engine-options';
import { InvalidStateError, SignalingError, UnsupportedError } from '../../../../renderer/engine/errors';
import type { EngineEvents } from '../../../../renderer/engine/types';
import { FakeServer } from '../support/fake-server';
import { FakeStream, FakeTrack, fakeMedia, recordingSessions } from '../support/fake-media';
import { until } from '../support/p2p-mesh';

const engines: ConferenceEngine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.close();
});

function setup(server = new FakeServer(), extra: Partial<EngineOptions> = {}) {
  const sessions = recordingSessions();
  const devices = fakeMedia();
  const engine = new ConferenceEngine({
    serverUrl: 'ws://moim.test/ws',
    displayName: 'Ada',
    media: devices.media,
    WebSocket: server.WebSocket,
    sessions: { p2p: sessions.factory },
    reconnect: { initialMs: 5, maxMs: 20 },
    requestTimeoutMs: 500,
    ...extra,
  });
  engines.push(engine);
  const events: string[] = [];
  const record = <K extends keyof EngineEvents>(name: K) =>
    engine.on(name, ((...args: unknown[]) => events.push(`${name}:${args.map(label).join(',')}`)) as never);
  for (const name of [
    'statechange',
    'roomstate',
    'peerjoined',
    'peerleft',
    'published',
    'unpublished',
    'roomleft',
    'localpublished',
    'localunpublished',
    'error',
  ] as const)
    record(name);
  return { server, engine, sessions, devices, events };
}

function label(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value instanceof Error) return value.name;
  if (value && typeof value === 'object' && 'peerId' in value) return String(value.peerId);
  if (value instanceof FakeStream) return 'stream';
  return typeof value;
}

/** A second participant talking to the same fake server, as a bare engine with a recording session. */
async function other(server: FakeServer, roomId: string) {
  const o = setup(server);
  await o.engine.connect();
  await o.engine.joinRoom(roomId);
  return o;
}

describe('ConferenceEngine: connection', () => {
  it("connect() resolves with the server's peer id and goes connecting → connected", async () => {
    const { engine, events } = setup();
    await expect(engine.connect()).resolves.toBe('p1');
    expect(engine.peerId).toBe('p1');
    expect(events).toEqual(['statechange:connecting', 'statechange:connected']);
  });

  it('connect() rejects and returns to idle when the server is down, and can be tried again', async () => {
    const server = new FakeServer();
    server.down = true;
    const { engine, events } = setup(server);
    await expect(engine.connect()).rejects.toMatchObject({ code: 'CLOSED' });
    expect(engine.state).toBe('idle');
    server.down = false;
    await expect(engine.connect()).resolves.toBe('p1');
    expect(events).toEqual([
      'statechange:connecting',
      'statechange:idle',
      'statechange:connecting',
      'statechange:connected',
    ]);
  });

  it('uses the ICE servers from options over the ones the server offers', async () => {
    const { engine, sessions, server } = setup(undefined, {
      iceServers: [{ urls: 'turn:turn.test:3478', username: 'u', credential: 'c' }],
    });
    await engine.connect();
    server.addRoom('r1');
    await engine.joinRoom('r1');
    expect(sessions.made[0]?.context.iceServers).toEqual([
      { urls: 'turn:turn.test:3478', username: 'u', credential: 'c' },
    ]);
  });

  it('close() is safe twice, ends in closed, and every later call throws InvalidStateError', async () => {
    const { engine, events } = setup();
    await engine.connect();
    engine.close();
    engine.close();
    expect(engine.state).toBe('closed');
    expect(events.filter((e) => e === 'statechange:closed')).toHaveLength(1);
    expect(() => engine.connect()).toThrow(InvalidStateError);
    await expect(engine.joinRoom('r1')).rejects.toBeInstanceOf(InvalidStateError);
    await expect(engine.publish('cam')).rejects.toBeInstanceOf(InvalidStateError);
  });
});

describe('ConferenceEngine: rooms and presence', () => {
  it('joinRoom() resolves after the media session started (its first offers are out), so the room renders after them', async () => {
    const server = new FakeServer();
    server.addRoom('r1');
    await other(server, 'r1');
    const order: string[] = [];
    // Made with the session: start() resolves a task after the engine called it.
    const gate = () => new Promise<void>((resolve) => setTimeout(() => (order.push('started'), resolve()), 0));
    const { engine } = setup(server, { sessions: { p2p: recordingSessions(gate).factory } });
    await engine.connect();
    await engine.joinRoom('r1', { role: 'presenter' });
    order.push('joined');
    expect(order).toEqual(['started', 'joined']);
  });

  it('joinRoom() does not wait long for a media session that is slow to start', async () => {
    const server = new FakeServer();
    server.addRoom('r1');
    const never = new Promise<void>(() => undefined);
    const { engine, events } = setup(server, { sessions: { p2p: recordingSessions(() => never).factory } });
    await engine.connect();
    await expect(engine.joinRoom('r1', { role: 'presenter' })).resolves.toMatchObject({ roomId: 'r1' });
    expect(events).toContain('roomstate:joined');
  });

  it('joinRoom() returns the other members and starts a media session for the room mode with them', async () => {
    const server = new FakeServer();
    server.addRoom('r1');
    const bob = await other(server, 'r1');
    const { engine, sessions, events } = setup(server);
    await engine.connect();
    const result = await engine.joinRoom('r1', { role: 'presenter' });
    expect(result).toMatchObject({
      roomId: 'r1',
      mode: 'p2p',
      self: { peerId: 'p2' },
      members: [{ peerId: 'p1' }],
      viewerCount: 0,
    });
    expect(sessions.made).toHaveLength(1);
    expect(sessions.made[0]?.context).toMatchObject({ selfId: 'p2', roomId: 'r1', mode: 'p2p', role: 'presenter' });
    expect(sessions.made[0]?.calls).toEqual(['start:p1:']);
    expect(events).toContain('roomstate:joined');
    await until(() => bob.sessions.made[0]!.calls.includes('peerJoined:p2'), 1000, 'bob told of ada');
  });

  it('joinRoom() rejects with ROOM_NOT_FOUND for an unknown room and stays out', async () => {
    const { engine, events } = setup();
    await engine.connect();
    const error = await engine.joinRoom('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignalingError);
    expect(error).toMatchObject({ code: 'ROOM_NOT_FOUND' });
    expect(engine.roomState).toBe('none');
    expect(events.filter((e) => e.startsWith('roomstate'))).toEqual(['roomstate:joining', 'roomstate:none']);
  });

  it('joining a room whose mode has no media session fails with UnsupportedError and leaves it on the server', async () => {
    const server = new FakeServer();
    server.addRoom('big', 'sfu');
    const { engine } = setup(server);
    await engine.connect();
    await expect(engine.joinRoom('big')).rejects.toBeInstanceOf(UnsupportedError);
    await until(() => server.requestsOf('leaveRoom').length === 1, 1000, 'leaveRoom');
    expect(engine.roomId).toBeNull();
  });

  it('turns presence notifications into events and tells the session who came and went', async () => {
    const server = new FakeServer();
    server.addRoom('r1');
    const { engine, sessions, events } = setup(server);
    await engine.connect();
    await engine.joinRoom('r1');
    const bob = await other(server, 'r1');
    await until(() => events.includes('peerjoined:p2'), 1000, 'peerjoined');
    await bob.engine.publish('cam');
    await until(() => events.includes('published:p2,cam'), 1000, 'published');
    expect(engine.members).toEqual([{ peerId: 'p2', displayName: 'Ada', role: 'presenter', published: ['cam'] }]);
    await bob.engine.leaveRoom();
    await until(() => events.includes('peerleft:p2'), 1000, 'peerleft');
    expect(sessions.made[0]?.calls).toEqual(['start::', 'peerJoined:p2', 'peerLeft:p2']);
    expect(sessions.made[0]?.notifications.map((n) => n.name)).toEqual(['published']);
  });

  it('passes signals on to the session, including ones that arrive in the same breath as the join response', async () => {
    const server = new FakeServer();
    server.addRoom('r1');
    const bob = await other(server, 'r1');
    const { engine, sessions } = setup(server);
    await engine.connect();
    // Deliver a signal right behind the joinRoom response, before the engine could have built its session.
    const original = server.receive.bind(server);
    server.receive = (socket, frame) => {
      original(socket, frame);
      if (frame.includes('"joinRoom"')) server.notify('p2', 'signal', { from: 'p1', candidate: null });
    };
    await engine.joinRoom('r1');
    await until(() => (sessions.made[0]?.notifications.length ?? 0) > 0, 1000, 'signal');
    expect(sessions.made[0]?.notifications).toEqual([{ name: 'signal', data: { from: 'p1', candidate: null } }]);
    expect(bob.engine.roomId).toBe('r1');
  });

  it('leaveRoom() closes the session, stops the devices it opened, and says roomleft', async () => {
    const server = new FakeServer();
    server.addRoom('r1');
    const { engine, sessions, devices, events } = setup(server);
    await engine.connect();
    await engine.joinRoom('r1');
    await engine.publish('cam');
    await engine.leaveRoom();
    expect(sessions.made[0]?.closed).toBe(true);
    expect(devices.opened[0]?.getTracks().every((t) => t.readyState === 'ended')).toBe(true);
    expect(engine.localStreams).toEqual({});
    expect(events.slice(-3)).toEqual(['roomstate:none', 'localunpublished:cam', 'roomleft:left']);
    expect(server.requestsOf('leaveRoom')).toHaveLength(1);
  });
});

describe('ConferenceEngine: publishing', () => {
  async function joined() {
    const ctx = setup();
    await ctx.engine.connect();
    ctx.server.addRoom('r1');
    await ctx.engine.joinRoom('r1');
    return ctx;
  }

  it('publish() without a stream opens the device for the kind, sends its track and announces it', async () => {
    const { engine, sessions, devices, server, events } = await joined();
    const cam = await engine.publish('cam');
    await engine.publish('mic');
    expect(devices.calls.map((c) => [c.fn, c.arg])).toEqual([
      ['getUserMedia', { video: true, audio: false }],
      ['getUserMedia', { audio: true, video: false }],
    ]);
    expect(sessions.made[0]?.calls.slice(1)).toEqual(['publish:cam:video', 'publish:mic:audio']);
    expect(server.requestsOf('setPublished')).toEqual([
      { kind: 'cam', published: true },
      { kind: 'mic', published: true },
    ]);
    expect(engine.localStreams.cam).toBe(cam);
    expect(events).toContain('localpublished:cam,stream');
  });

  it("a screen share uses getDisplayMedia, is marked contentHint 'detail', and unpublishes itself when the user stops it", async () => {
    const { engine, sessions, devices, server, events } = await joined();
    await engine.publish('screen');
    const track = devices.opened[0]!.getTracks()[0]!;
    expect(devices.calls[0]).toEqual({ fn: 'getDisplayMedia', arg: { audio: false } });
    expect(track.contentHint).toBe('detail');
    track.end();
    await until(() => events.includes('localunpublished:screen'), 1000, 'auto unpublish');
    expect(sessions.made[0]?.calls).toContain('unpublish:screen');
    expect(server.requestsOf('setPublished').at(-1)).toEqual({ kind: 'screen', published: false });
    expect(engine.localStreams.screen).toBeUndefined();
  });

  it('a stream passed in is used as given and is not stopped by unpublish (the caller owns it)', async () => {
    const { engine, sessions } = await joined();
    const mine = new FakeStream([new FakeTrack('video'), new FakeTrack('audio')]);
    await engine.publish('cam', mine as unknown as MediaStream);
    await engine.unpublish('cam');
    expect(sessions.made[0]?.calls.slice(1)).toEqual(['publish:cam:video', 'unpublish:cam']);
    expect(mine.getTracks().every((t) => t.readyState === 'live')).toBe(true);
  });

  it('publishing a kind again replaces its stream and stops the replaced device', async () => {
    const { engine, devices, server } = await joined();
    await engine.publish('cam');
    await engine.publish('cam');
    expect(devices.opened[0]?.getTracks()[0]?.readyState).toBe('ended');
    expect(devices.opened[1]?.getTracks()[0]?.readyState).toBe('live');
    expect(engine.localStreams.cam).toBe(devices.opened[1]);
    expect(server.requestsOf('setPublished')).toHaveLength(2);
  });

  it('a refused publish rejects with the server code and undoes itself: device stopped, nothing left sending', async () => {
    const { engine, sessions, devices, server } = await joined();
    server.refuse.set('setPublished', 'FORBIDDEN');
    await expect(engine.publish('cam')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(devices.opened[0]?.getTracks()[0]?.readyState).toBe('ended');
    expect(sessions.made[0]?.calls.slice(1)).toEqual(['publish:cam:video', 'unpublish:cam']);
    expect(engine.localStreams).toEqual({});
  });

  it('a stream without a track of the kind is a TypeError', async () => {
    const { engine } = await joined();
    await expect(
      engine.publish('mic', new FakeStream([new FakeTrack('video')]) as unknown as MediaStream),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('what is published before joining goes out on join', async () => {
    const { engine, sessions, server } = setup();
    await engine.connect();
    await engine.publish('cam');
    expect(server.requestsOf('setPublished')).toEqual([]);
    server.addRoom('r1');
    await engine.joinRoom('r1');
    expect(sessions.made[0]?.calls[0]).toBe('start::cam');
    await until(() => server.requestsOf('setPublished').length === 1, 1000, 'announce on join');
  });
});

describe('ConferenceEngine: reconnecting', () => {
  /** Ada (under test, publishing her camera) and Bob, both in room r1. */
  async function inRoom(server = new FakeServer(), extra: Partial<EngineOptions> = {}) {
    const ctx = setup(server, extra);
    await ctx.engine.connect();
    server.addRoom('r1');
    await ctx.engine.joinRoom('r1');
    await ctx.engine.publish('cam');
    const bob = await other(server, 'r1');
    await until(() => ctx.events.includes('peerjoined:p2'), 1000, 'bob joined');
    ctx.events.length = 0;
    return { ...ctx, bob };
  }

  it('a dropped connection resumes the same peer and keeps the media session running: no churn, no new session', async () => {
    const { engine, server, sessions, events } = await inRoom();
    server.drop('p1');
    await until(() => events.includes('roomstate:joined'), 2000, 'resynced');
    expect(engine.peerId).toBe('p1');
    expect(server.requestsOf('hello').at(-1)).toMatchObject({ resume: { peerId: 'p1' } });
    expect(sessions.made).toHaveLength(1);
    expect(sessions.made[0]?.closed).toBe(false);
    expect(sessions.made[0]?.calls.at(-1)).toBe('resumed');
    expect(events).toEqual([
      'statechange:reconnecting',
      'roomstate:rejoining',
      'statechange:connected',
      'roomstate:joined',
    ]);
  });

  it('what happened in the room during the outage reaches the UI and the kept session after the resume', async () => {
    // Ada stays away 300 ms while the room moves on.
    const slow = { reconnect: { initialMs: 300, maxMs: 300 }, random: () => 0 };
    const { engine, server, sessions, events, bob } = await inRoom(new FakeServer(), slow);
    server.drop('p1');
    await until(() => engine.state === 'reconnecting', 1000, 'reconnecting');
    await bob.engine.publish('screen');
    const carol = await other(server, 'r1');
    expect(engine.state).toBe('reconnecting');
    await until(() => engine.roomState === 'joined' && events.includes('peerjoined:p3'), 2000, 'resynced');
    expect(events).toContain('published:p2,screen');
    expect(sessions.made[0]?.calls).toContain('peerJoined:p3');
    expect(engine.members.map((m) => m.peerId).sort()).toEqual(['p2', 'p3']);
    expect(carol.engine.members.map((m) => m.peerId).sort()).toEqual(['p1', 'p2']);
  });

  it('requests the session makes while disconnected wait, and go out once the connection resumes', async () => {
    const { engine, server, sessions } = await inRoom();
    server.down = true;
    server.drop('p1');
    await until(() => engine.state === 'reconnecting', 1000, 'reconnecting');
    const sent = sessions.made[0]!.context.signaling.request('signal', { to: 'p2', candidate: null });
    server.down = false;
    await expect(sent).resolves.toEqual({});
    expect(server.requestsOf('signal', 'p1')).toEqual([{ to: 'p2', candidate: null }]);
  });

  it('a kind published or unpublished during the outage is announced after the resume', async () => {
    const { engine, server } = await inRoom();
    server.down = true;
    server.drop('p1');
    await until(() => engine.state === 'reconnecting', 1000, 'reconnecting');
    await engine.publish('mic');
    await engine.unpublish('cam');
    server.down = false;
    await until(() => server.requestsOf('setPublished', 'p1').length === 3, 2000, 'announced');
    expect(server.requestsOf('setPublished', 'p1').slice(1)).toEqual(
      expect.arrayContaining([
        { kind: 'mic', published: true },
        { kind: 'cam', published: false },
      ]),
    );
  });

  it('a lone member (a kiosk waiting for the presenter) keeps its seat and its room through a drop', async () => {
    const server = new FakeServer();
    const { engine } = setup(server);
    await engine.connect();
    server.addRoom('r1');
    await engine.joinRoom('r1', { role: 'viewer' });
    let lost = false;
    engine.on('statechange', (state) => (lost ||= state === 'reconnecting'));
    server.drop('p1');
    await until(() => lost && engine.roomState === 'joined', 2000, 'back');
    expect(server.rooms.has('r1')).toBe(true);
  });

  it('when the server no longer knows it, it comes back as a new peer with a new session; the others see a new member', async () => {
    const server = new FakeServer();
    server.graceMs = 0;
    const { engine, sessions, events, bob } = await inRoom(server);
    server.drop('p1');
    await until(() => engine.roomState === 'joined' && sessions.made.length === 2, 2000, 'rejoined');
    expect(engine.peerId).not.toBe('p1');
    expect(sessions.made[0]?.closed).toBe(true);
    expect(sessions.made[1]?.calls[0]).toBe('start:p2:cam');
    await until(() => server.requestsOf('setPublished', engine.peerId!).length === 1, 1000, 'announced again');
    expect(events.filter((e) => e.startsWith('peer'))).toEqual([]);
    await until(
      () => bob.events.includes(`peerjoined:${engine.peerId}`) && bob.events.includes('peerleft:p1'),
      1000,
      'bob sees it',
    );
  });

  it('after a server restart it re-creates its room under the same id, joins it, and meets the others there', async () => {
    const { engine, server, sessions, events } = await inRoom();
    server.restart();
    await until(() => sessions.made.length > 1 && engine.roomState === 'joined', 2000, 'joined again');
    expect(engine.roomId).toBe('r1');
    expect(sessions.made[0]?.closed).toBe(true);
    expect(server.requestsOf('createRoom').at(-1)).toEqual({
      mode: 'p2p',
      roomId: 'r1',
      presenterKey: FakeServer.keyOf('r1'),
    });
    expect(sessions.made.at(-1)?.calls[0]).toMatch(/^start:(p\d+)?:cam$/);
    // Bob came back as a new peer too, and each side ends up seeing the other.
    await until(() => engine.members.length === 1 && engine.members[0]?.peerId !== 'p2', 2000, 'bob again');
    expect(events).toContain('peerleft:p2');
  });

  it('while the lost room cannot be re-created it waits, keeps trying the same id, and joins once it can', async () => {
    const { engine, server, sessions, events } = await inRoom();
    server.refuse.set('createRoom', 'MEDIA_SERVER_UNAVAILABLE');
    server.restart();
    await until(() => engine.roomState === 'waiting', 2000, 'waiting');
    expect(engine.state).toBe('connected');
    expect(engine.roomId).toBe('r1');
    expect(sessions.made[0]?.closed).toBe(true);
    const tries = server.requestsOf('joinRoom').length;
    await until(() => server.requestsOf('joinRoom').length > tries + 2, 2000, 'keeps trying');
    server.refuse.delete('createRoom');
    await until(() => engine.roomState === 'joined', 2000, 'joined again');
    expect(engine.roomId).toBe('r1');
    expect(events).toContain('roomstate:waiting');
  });

  it("a broadcast viewer holds no key, so it never re-creates the lost room: it waits until the presenter's client does", async () => {
    const server = new FakeServer();
    const { engine, sessions } = setup(server, { sessions: { broadcast: recordingSessions().factory } });
    await engine.connect();
    server.addRoom('b1', 'broadcast');
    await engine.joinRoom('b1', { role: 'viewer' });
    server.restart();
    await until(() => engine.roomState === 'waiting', 2000, 'waiting');
    const tries = server.requestsOf('joinRoom').length;
    await until(() => server.requestsOf('joinRoom').length > tries + 2, 2000, 'keeps trying to join');
    expect(server.requestsOf('createRoom')).toEqual([]);
    // The presenter's client, which holds the key, brings the room back; the viewer then gets in.
    server.addRoom('b1', 'broadcast');
    await until(() => engine.roomState === 'joined', 2000, 'joined again');
    expect(sessions.made).toEqual([]);
  });

  it("a broadcast presenter re-creates its lost room with the room's key and presents again", async () => {
    const server = new FakeServer();
    const { engine } = setup(server, { sessions: { broadcast: recordingSessions().factory } });
    await engine.connect();
    server.addRoom('b2', 'broadcast');
    const presenterKey = FakeServer.keyOf('b2');
    await engine.joinRoom('b2', { presenterKey });
    server.restart();
    await until(() => server.requestsOf('createRoom').length === 1 && engine.roomState === 'joined', 2000, 'back');
    expect(server.requestsOf('createRoom')).toEqual([{ mode: 'broadcast', roomId: 'b2', presenterKey }]);
    expect(server.requestsOf('joinRoom').at(-1)).toEqual({ roomId: 'b2', presenterKey });
  });

  it('retries forever while the server is down, then recovers', async () => {
    const { engine, server } = await inRoom();
    let attempts = 0;
    engine.observer.on('reconnectattempt', () => attempts++);
    server.down = true;
    server.drop('p1');
    await until(() => attempts >= 6, 3000, 'several attempts');
    expect(engine.state).toBe('reconnecting');
    server.down = false;
    await until(() => engine.roomState === 'joined', 2000, 'recovered');
  });

  it("when the device's network comes back ('online') it reconnects at once instead of waiting out the backoff", async () => {
    const network = new EventTarget();
    const slow = { reconnect: { initialMs: 60_000, maxMs: 60_000 }, random: () => 0, network };
    const { engine, server } = await inRoom(new FakeServer(), slow);
    server.drop('p1');
    await until(() => engine.state === 'reconnecting', 1000, 'reconnecting');
    network.dispatchEvent(new Event('online'));
    await until(
      () => engine.roomState === 'joined' && engine.state === 'connected',
      1000,
      'back without the 60 s wait',
    );
  });

  it('the network coming back while signaling stayed up lets the media session repair at once', async () => {
    const network = new EventTarget();
    const { engine, sessions } = await inRoom(new FakeServer(), { network });
    const session = sessions.made[0]!;
    network.dispatchEvent(new Event('online'));
    expect(session.calls).toContain('networkReturned');
    expect(engine.state).toBe('connected');
  });

  it("a 'replaced' notification closes the engine for good: no reconnect fight with the newer connection", async () => {
    const { engine, server, events } = await inRoom();
    let attempts = 0;
    engine.observer.on('reconnectattempt', () => attempts++);
    server.notify('p1', 'replaced', {});
    await until(() => engine.state === 'closed', 1000, 'closed');
    await new Promise((r) => setTimeout(r, 100));
    expect(attempts).toBe(0);
    expect(events).toContain('roomleft:replaced');
  });

  it('leaveRoom() while reconnecting stops the rejoin; the connection still comes back', async () => {
    const { engine, server, sessions } = await inRoom();
    server.down = true;
    server.drop('p1');
    await until(() => engine.state === 'reconnecting', 1000, 'reconnecting');
    await engine.leaveRoom();
    expect(sessions.made[0]?.closed).toBe(true);
    server.down = false;
    await until(() => engine.state === 'connected', 2000, 'connected');
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.roomId).toBeNull();
    expect(engine.roomState).toBe('none');
  });

  it('close() during a reconnect stops it', async () => {
    const { engine, server } = await inRoom();
    server.down = true;
    server.drop('p1');
    await until(() => engine.state === 'reconnecting', 1000, 'reconnecting');
    engine.close();
    const hellos = server.requestsOf('hello').length;
    server.down = false;
    await new Promise((r) => setTimeout(r, 100));
    expect(server.requestsOf('hello')).toHaveLength(hellos);
    expect(engine.state).toBe('closed');
  });
});

describe('ConferenceEngine: listener errors', () => {
  it('a throwing listener becomes an error event and the other listeners still run', async () => {
    const { engine, events } = setup();
    let second = false;
    engine.on('statechange', () => {
      throw new RangeError('ui bug');
    });
    engine.on('statechange', () => (second = true));
    await engine.connect();
    expect(second).toBe(true);
    expect(events).toContain('error:RangeError');
  });
});
