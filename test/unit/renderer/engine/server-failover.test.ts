// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { ConferenceEngine } from '../../../../renderer/engine/engine';
import type { EngineOptions } from '../../../../renderer/engine/engine-options';
import type { WebSocketCtor } from '../../../../renderer/engine/signaling-types';
import { recordingSessions, fakeMedia } from '../support/fake-media';
import { FakeServer } from '../support/fake-server';
import { until } from '../support/p2p-mesh';

const engines: ConferenceEngine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.close();
});

/** Two servers of one cluster, reached at ws://a.test and ws://b.test; a socket goes to the one its URL names. */
function cluster() {
  const a = new FakeServer();
  const b = new FakeServer();
  const byUrl: Record<string, FakeServer> = { 'ws://a.test': a, 'ws://b.test': b };
  const dialed: string[] = [];
  const WebSocket = function (url: string) {
    dialed.push(url);
    const server = byUrl[url];
    if (!server) throw new Error(`no server at ${url}`);
    return new server.WebSocket(url);
  } as unknown as WebSocketCtor;
  return { a, b, dialed, WebSocket };
}

function engineOn(servers: ReturnType<typeof cluster>, serverUrl: EngineOptions['serverUrl'], mode = 'p2p') {
  const sessions = recordingSessions();
  const engine = new ConferenceEngine({
    serverUrl,
    displayName: 'Ada',
    media: fakeMedia().media,
    WebSocket: servers.WebSocket,
    sessions: { [mode]: sessions.factory },
    reconnect: { initialMs: 5, maxMs: 20 },
    requestTimeoutMs: 500,
  });
  engines.push(engine);
  return { engine, sessions };
}

/** Server `server` dies: it drops every connection and answers no new one. */
function kill(server: FakeServer): void {
  server.down = true;
  server.restart();
}

describe('ConferenceEngine: a server list', () => {
  it('signs in on the next server when its own stops answering, and rejoins the room by id with the same media', async () => {
    const servers = cluster();
    const { engine, sessions } = engineOn(servers, 'ws://a.test, ws://b.test');
    await engine.connect();
    servers.a.addRoom('r1');
    servers.b.addRoom('r1'); // the room is hosted elsewhere in the cluster; every server joins it
    await engine.joinRoom('r1');
    await engine.publish('cam');
    kill(servers.a);
    await until(() => engine.roomState === 'joined' && sessions.made.length === 2, 2000, 'rejoined on B');
    expect(servers.dialed.at(-1)).toBe('ws://b.test');
    // A server never resumes an identity another one gave out: a plain hello there.
    expect(servers.b.requestsOf('hello')).toEqual([{ displayName: 'Ada' }]);
    expect(servers.b.requestsOf('joinRoom').at(-1)).toMatchObject({ roomId: 'r1' });
    expect(sessions.made[0]?.closed).toBe(true);
    // What was published goes out again from the kept stream (no new device request).
    expect(sessions.made[1]?.calls[0]).toMatch(/^start:.*:cam$/);
    await until(() => servers.b.requestsOf('setPublished').length > 0, 2000, 'announced on B');
    expect(servers.b.requestsOf('setPublished')).toEqual([{ kind: 'cam', published: true }]);
  });

  it("re-homes a room the dead server hosted: on the next server it re-creates it by id with the room's key", async () => {
    const servers = cluster();
    const { engine } = engineOn(servers, ['ws://a.test', 'ws://b.test']);
    await engine.connect();
    servers.a.addRoom('r1');
    await engine.joinRoom('r1');
    kill(servers.a);
    await until(() => engine.roomState === 'joined' && servers.b.rooms.has('r1'), 2000, 're-homed on B');
    expect(servers.b.requestsOf('createRoom')).toEqual([
      { mode: 'p2p', roomId: 'r1', presenterKey: FakeServer.keyOf('r1') },
    ]);
  });

  it('a viewer without the key waits on the next server and gets in once a key holder brings the room back', async () => {
    const servers = cluster();
    const { engine } = engineOn(servers, 'ws://a.test,ws://b.test', 'broadcast');
    await engine.connect();
    servers.a.addRoom('b1', 'broadcast');
    await engine.joinRoom('b1', { role: 'viewer' });
    kill(servers.a);
    await until(() => engine.roomState === 'waiting' && engine.state === 'connected', 2000, 'waiting on B');
    const tries = servers.b.requestsOf('joinRoom').length;
    await until(() => servers.b.requestsOf('joinRoom').length > tries + 1, 2000, 'keeps trying');
    expect(servers.b.requestsOf('createRoom')).toEqual([]);
    servers.b.addRoom('b1', 'broadcast');
    await until(() => engine.roomState === 'joined', 2000, 'joined on B');
  });

  it('learns the other servers from hello, so one address is enough to fail over', async () => {
    const servers = cluster();
    servers.a.helloServers = ['ws://b.test'];
    const { engine } = engineOn(servers, 'ws://a.test');
    await engine.connect();
    servers.a.addRoom('r1');
    await engine.joinRoom('r1');
    kill(servers.a);
    await until(() => servers.b.peers.get('p1')?.roomId === 'r1' && engine.roomState === 'joined', 2000, 'on B');
    expect(servers.dialed.at(-1)).toBe('ws://b.test');
  });

  it('with one address it keeps trying that one (a load balancer): it never dials anything else', async () => {
    const servers = cluster();
    const { engine } = engineOn(servers, 'ws://a.test');
    await engine.connect();
    servers.a.addRoom('r1');
    await engine.joinRoom('r1');
    servers.a.down = true;
    servers.a.dropAll();
    await until(() => servers.dialed.length > 4, 2000, 'several attempts');
    expect(new Set(servers.dialed)).toEqual(new Set(['ws://a.test']));
    servers.a.down = false;
    await until(() => engine.roomState === 'joined' && engine.state === 'connected', 2000, 'back on A');
  });

  it('connect() goes down the list when the first server does not answer', async () => {
    const servers = cluster();
    servers.a.down = true;
    const { engine } = engineOn(servers, 'ws://a.test,ws://b.test');
    await expect(engine.connect()).resolves.toBe('p1');
    expect(servers.dialed).toEqual(['ws://a.test', 'ws://b.test']);
  });

  it('a malformed server list is refused with ServerListError', () => {
    const servers = cluster();
    expect(() => engineOn(servers, 'ws://a.test,ftp://b.test')).toThrow(/BAD_URL/);
  });
});

describe('ConferenceEngine: roomLost', () => {
  it('joins again at once over the same connection, re-creating the room by id and key where it is gone', async () => {
    const servers = cluster();
    const { engine, sessions } = engineOn(servers, 'ws://b.test');
    await engine.connect();
    servers.b.addRoom('r1');
    await engine.joinRoom('r1');
    await engine.publish('cam');
    // The server that hosted the room is gone: this server let the peer out and forgot the room.
    servers.b.peers.get('p1')!.roomId = null;
    servers.b.rooms.delete('r1');
    servers.b.notify('p1', 'roomLost', { roomId: 'r1' });
    await until(() => sessions.made.length === 2 && engine.roomState === 'joined', 2000, 'joined again');
    expect(engine.state).toBe('connected');
    expect(servers.b.requestsOf('createRoom')).toEqual([
      { mode: 'p2p', roomId: 'r1', presenterKey: FakeServer.keyOf('r1') },
    ]);
    expect(sessions.made[1]?.calls[0]).toMatch(/^start:.*:cam$/);
  });

  it('ignores roomLost about another room', async () => {
    const servers = cluster();
    const { engine, sessions } = engineOn(servers, 'ws://b.test');
    await engine.connect();
    servers.b.addRoom('r1');
    await engine.joinRoom('r1');
    servers.b.notify('p1', 'roomLost', { roomId: 'other' });
    await new Promise((r) => setTimeout(r, 100));
    expect(sessions.made).toHaveLength(1);
    expect(servers.b.requestsOf('joinRoom')).toHaveLength(1);
  });
});
