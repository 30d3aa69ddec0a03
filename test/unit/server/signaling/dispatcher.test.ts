// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { methods, ProtocolError, type MethodName } from '../../../../common/protocol';
import { serverConfigSchema } from '../../../../server/config';
import { createDispatcher } from '../../../../server/handlers';
import type { Peer } from '../../../../server/peers/peer';
import { Services } from '../../../../server/services';
import { Dispatcher, type ConnectionContext } from '../../../../server/signaling/dispatcher';
import { connectedPeer, FakeClock, FakeLink } from '../support/fakes';

const KEY = 'k'.repeat(22);

function context(peer: Peer | null = null): ConnectionContext {
  let bound = peer;
  return {
    get peer() {
      return bound;
    },
    remoteIp: '127.0.0.1',
    link: new FakeLink(),
    bindPeer: (p) => (bound = p),
  };
}

const signedIn = () => context(connectedPeer().peer);

function dispatcher(): Dispatcher {
  return new Dispatcher()
    .onPublic('hello', () => ({ peerId: 'p1', secret: 's', iceServers: [], sfuAvailable: false }))
    .on('createRoom', ({ peer }, { mode }) => ({ roomId: `${peer.id}-${mode}`, presenterKey: KEY }))
    .on('leaveRoom', () => {
      throw new ProtocolError('NOT_IN_ROOM', 'not in a room');
    })
    .on('setPublished', () => {
      throw new Error('secret internal detail /etc/passwd');
    });
}

describe('Dispatcher', () => {
  it.each([['"just a string"'], ['null'], ['[1,2]'], ['{"method":"hello"}']])(
    'answers %s with BAD_REQUEST and id null',
    async (json) => {
      const response = await dispatcher().dispatch(signedIn(), JSON.parse(json));
      expect(response).toMatchObject({ id: null, ok: false, error: { code: 'BAD_REQUEST' } });
    },
  );

  it('keeps the id of an envelope that fails validation so the client can match the answer', async () => {
    const response = await dispatcher().dispatch(signedIn(), { id: 7, method: 'hello', extra: true });
    expect(response).toMatchObject({ id: 7, ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('answers UNKNOWN_METHOD for a method the protocol does not define, without echoing it', async () => {
    const response = await dispatcher().dispatch(signedIn(), { id: 1, method: '<script>' });
    expect(response).toEqual({ id: 1, ok: false, error: { code: 'UNKNOWN_METHOD', message: 'unknown method' } });
  });

  it('answers UNKNOWN_METHOD for a protocol method that has no handler', async () => {
    const response = await dispatcher().dispatch(signedIn(), { id: 1, method: 'invite', data: { to: 'x' } });
    expect(response).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('answers NOT_CONNECTED to anything but hello before hello', async () => {
    const d = dispatcher();
    const before = await d.dispatch(context(), { id: 1, method: 'createRoom', data: { mode: 'p2p' } });
    expect(before).toMatchObject({ id: 1, ok: false, error: { code: 'NOT_CONNECTED' } });
    const hello = await d.dispatch(context(), { id: 2, method: 'hello', data: { displayName: 'A' } });
    expect(hello).toMatchObject({ id: 2, ok: true });
  });

  it("answers BAD_REQUEST naming the field when data fails the method's schema", async () => {
    const response = await dispatcher().dispatch(signedIn(), { id: 3, method: 'createRoom', data: { mode: 'mesh' } });
    expect(response).toMatchObject({ id: 3, ok: false, error: { code: 'BAD_REQUEST' } });
    expect(response.ok === false && response.error.message).toMatch(/^createRoom: mode: /);
  });

  it('passes validated data to the handler and wraps its result', async () => {
    const ctx = signedIn();
    const response = await dispatcher().dispatch(ctx, { id: 4, method: 'createRoom', data: { mode: 'p2p' } });
    expect(response).toEqual({ id: 4, ok: true, data: { roomId: `${ctx.peer!.id}-p2p`, presenterKey: KEY } });
  });

  it('treats missing data of a method without fields as an empty object', async () => {
    const response = await dispatcher().dispatch(signedIn(), { id: 5, method: 'leaveRoom' });
    expect(response).toMatchObject({ id: 5, ok: false, error: { code: 'NOT_IN_ROOM' } });
  });

  it("passes a ProtocolError's code and message through", async () => {
    const response = await dispatcher().dispatch(signedIn(), { id: 6, method: 'leaveRoom', data: {} });
    expect(response).toEqual({ id: 6, ok: false, error: { code: 'NOT_IN_ROOM', message: 'not in a room' } });
  });

  it('answers INTERNAL with a generic message for any other exception', async () => {
    const response = await dispatcher().dispatch(signedIn(), {
      id: 8,
      method: 'setPublished',
      data: { kind: 'cam', published: true },
    });
    expect(response).toEqual({ id: 8, ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
  });

  it('refuses to register a method twice', () => {
    expect(() => dispatcher().on('createRoom', () => ({ roomId: 'x', presenterKey: KEY }))).toThrow(TypeError);
  });
});

describe('createDispatcher', () => {
  it('has a handler for every method of the protocol', () => {
    const services = new Services({ config: serverConfigSchema.parse({}), clock: new FakeClock() });
    const d = createDispatcher(services);
    const missing = (Object.keys(methods) as MethodName[]).filter((m) => !d.has(m));
    expect(missing).toEqual([]);
  });
});
