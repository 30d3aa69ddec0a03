// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SessionManager } from '../../../../server/sessions/session-manager';
import { connectedPeer, FakeClock } from '../support/fakes';

const IDLE_MS = 60_000;

function setup() {
  const clock = new FakeClock();
  const sessions = new SessionManager({ clock, idleMs: IDLE_MS });
  const device = connectedPeer('Speaker');
  const moim = connectedPeer('Moim');
  return { clock, sessions, device, moim };
}

describe('SessionManager', () => {
  it('creates a session with an unguessable id and token and the idle limit', () => {
    const { sessions, device } = setup();
    const created = sessions.create(device.peer);
    expect(created.sessionId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.idleTimeoutMs).toBe(IDLE_MS);
  });

  it('joinSession with the token answers the creator id and tells the creator sessionJoined', () => {
    const { sessions, device, moim } = setup();
    const { sessionId, token } = sessions.create(device.peer);
    expect(sessions.join(moim.peer, sessionId, token)).toEqual({
      sessionId,
      peerId: device.peer.id,
      idleTimeoutMs: IDLE_MS,
    });
    expect(device.link.of('sessionJoined')).toEqual([{ sessionId, peerId: moim.peer.id, displayName: 'Moim' }]);
  });

  it('refuses a wrong token, an unknown session, a taken session and an ended one with the same FORBIDDEN', () => {
    const { sessions, device, moim } = setup();
    const { sessionId, token } = sessions.create(device.peer);
    const errors: unknown[] = [];
    const attempt = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        errors.push(error);
      }
    };
    attempt(() => sessions.join(moim.peer, sessionId, `${token}x`));
    attempt(() => sessions.join(moim.peer, 'unknown', token));
    sessions.join(moim.peer, sessionId, token);
    attempt(() => sessions.join(connectedPeer().peer, sessionId, token));
    sessions.end(device.peer, sessionId);
    attempt(() => sessions.join(connectedPeer().peer, sessionId, token));
    expect(errors).toHaveLength(4);
    const shapes = errors.map((e) => ({ code: (e as { code: string }).code, message: (e as Error).message }));
    expect(new Set(shapes.map((s) => JSON.stringify(s))).size).toBe(1);
    expect(shapes[0]!.code).toBe('FORBIDDEN');
    expect(device.link.of('sessionJoined')).toHaveLength(1);
  });

  it('ends a session idle past the limit and tells both sides idle', () => {
    const { sessions, device, moim, clock } = setup();
    const { sessionId, token } = sessions.create(device.peer);
    sessions.join(moim.peer, sessionId, token);
    clock.advance(IDLE_MS - 1);
    expect(device.link.of('sessionEnded')).toEqual([]);
    clock.advance(1);
    expect(device.link.of('sessionEnded')).toEqual([{ sessionId, reason: 'idle' }]);
    expect(moim.link.of('sessionEnded')).toEqual([{ sessionId, reason: 'idle' }]);
    expect(() => sessions.heartbeat(device.peer, sessionId)).toThrow(
      expect.objectContaining({ code: 'SESSION_NOT_FOUND' }),
    );
  });

  it('ends a session nobody joined once it is idle', () => {
    const { sessions, device, clock } = setup();
    const { sessionId } = sessions.create(device.peer);
    clock.advance(IDLE_MS);
    expect(device.link.of('sessionEnded')).toEqual([{ sessionId, reason: 'idle' }]);
    expect(device.peer.sessionId).toBeNull();
  });

  it('heartbeats from either side keep a session alive well past the limit', () => {
    const { sessions, device, moim, clock } = setup();
    const { sessionId, token } = sessions.create(device.peer);
    sessions.join(moim.peer, sessionId, token);
    for (let i = 0; i < 10; i++) {
      clock.advance(IDLE_MS / 2);
      sessions.heartbeat(i % 2 ? device.peer : moim.peer, sessionId);
    }
    expect(device.link.of('sessionEnded')).toEqual([]);
  });

  it('a relayed signal between the two sides counts as activity; with anyone else it does not relay', () => {
    const { sessions, device, moim, clock } = setup();
    const outsider = connectedPeer();
    const { sessionId, token } = sessions.create(device.peer);
    sessions.join(moim.peer, sessionId, token);
    clock.advance(IDLE_MS - 10);
    expect(sessions.relay(moim.peer, device.peer)).toBe(true);
    expect(sessions.relay(outsider.peer, device.peer)).toBe(false);
    expect(sessions.relay(device.peer, outsider.peer)).toBe(false);
    clock.advance(IDLE_MS - 10);
    expect(device.link.of('sessionEnded')).toEqual([]);
    clock.advance(10);
    expect(device.link.of('sessionEnded')).toEqual([{ sessionId, reason: 'idle' }]);
  });

  it.each(['device', 'moim'] as const)('endSession by the %s tells both sides ended', (who) => {
    const { sessions, device, moim } = setup();
    const { sessionId, token } = sessions.create(device.peer);
    sessions.join(moim.peer, sessionId, token);
    sessions.end((who === 'device' ? device : moim).peer, sessionId);
    expect(device.link.of('sessionEnded')).toEqual([{ sessionId, reason: 'ended' }]);
    expect(moim.link.of('sessionEnded')).toEqual([{ sessionId, reason: 'ended' }]);
  });

  it('answers SESSION_NOT_FOUND to heartbeat and end from outside the session', () => {
    const { sessions, device, moim } = setup();
    const { sessionId } = sessions.create(device.peer);
    expect(() => sessions.heartbeat(moim.peer, sessionId)).toThrow(
      expect.objectContaining({ code: 'SESSION_NOT_FOUND' }),
    );
    expect(() => sessions.end(moim.peer, sessionId)).toThrow(expect.objectContaining({ code: 'SESSION_NOT_FOUND' }));
    expect(device.link.of('sessionEnded')).toEqual([]);
  });

  it('tells the other side peerLeft when one side leaves the server', () => {
    const { sessions, device, moim } = setup();
    const { sessionId, token } = sessions.create(device.peer);
    sessions.join(moim.peer, sessionId, token);
    sessions.peerGone(moim.peer);
    expect(device.link.of('sessionEnded')).toEqual([{ sessionId, reason: 'peerLeft' }]);
  });

  it('refuses a second session for the same peer with INVALID_STATE', () => {
    const { sessions, device } = setup();
    sessions.create(device.peer);
    expect(() => sessions.create(device.peer)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });
});
