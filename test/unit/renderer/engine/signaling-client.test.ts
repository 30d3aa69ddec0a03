// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignalingError } from '../../../../renderer/engine/errors';
import { SignalingClient } from '../../../../renderer/engine/signaling-client';
import type { WebSocketLike } from '../../../../renderer/engine/signaling-types';

/** A WebSocket the test drives by hand. */
class HandSocket implements WebSocketLike {
  static last: HandSocket | null = null;
  readyState = 0;
  sent: { id: number; method: string; data: unknown }[] = [];
  closedWith: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    HandSocket.last = this;
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  message(frame: unknown): void {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  serverClose(code = 1006): void {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

async function connected(timeoutMs = 1000): Promise<{ client: SignalingClient; socket: HandSocket }> {
  const client = new SignalingClient({ url: 'ws://moim.test/ws', WebSocket: HandSocket, timeoutMs });
  const opening = client.open();
  const socket = HandSocket.last!;
  socket.open();
  await opening;
  return { client, socket };
}

beforeEach(() => {
  HandSocket.last = null;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SignalingClient', () => {
  it('sends a request with a fresh id and resolves with the matching response, whatever the order', async () => {
    const { client, socket } = await connected();
    const create = client.request('createRoom', { mode: 'p2p' });
    const join = client.request('joinRoom', { roomId: 'r1' });
    const [first, second] = socket.sent;
    expect(first).toEqual({ id: expect.any(Number), method: 'createRoom', data: { mode: 'p2p' } });
    expect(second?.id).not.toBe(first?.id);
    socket.message({
      id: second!.id,
      ok: true,
      data: {
        roomId: 'r1',
        mode: 'p2p',
        self: { peerId: 'p1', displayName: 'A', role: 'presenter', published: [] },
        members: [],
        viewerCount: 0,
      },
    });
    socket.message({ id: first!.id, ok: true, data: { roomId: 'r7', presenterKey: 'k'.repeat(22) } });
    await expect(create).resolves.toEqual({ roomId: 'r7', presenterKey: 'k'.repeat(22) });
    await expect(join).resolves.toMatchObject({ roomId: 'r1', members: [] });
  });

  it("rejects with a SignalingError carrying the server's code", async () => {
    const { client, socket } = await connected();
    const join = client.request('joinRoom', { roomId: 'nope' });
    socket.message({ id: socket.sent[0]!.id, ok: false, error: { code: 'ROOM_NOT_FOUND', message: 'no room nope' } });
    const error = await join.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignalingError);
    expect(error).toMatchObject({ code: 'ROOM_NOT_FOUND', method: 'joinRoom', message: 'no room nope' });
  });

  it('rejects with TIMEOUT when no response comes in time, and ignores a late one', async () => {
    vi.useFakeTimers();
    const { client, socket } = await connected(500);
    const req = client.request('leaveRoom', {});
    const caught = req.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(501);
    expect(await caught).toMatchObject({ code: 'TIMEOUT', method: 'leaveRoom' });
    expect(() => socket.message({ id: socket.sent[0]!.id, ok: true, data: {} })).not.toThrow();
  });

  it('rejects with INVALID_RESPONSE when the response does not match the method schema', async () => {
    const { client, socket } = await connected();
    const req = client.request('createRoom', { mode: 'sfu' });
    socket.message({ id: socket.sent[0]!.id, ok: true, data: { roomId: 'has spaces!' } });
    await expect(req).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('accepts an empty response without a data field', async () => {
    const { client, socket } = await connected();
    const req = client.request('leaveRoom', {});
    socket.message({ id: socket.sent[0]!.id, ok: true });
    await expect(req).resolves.toEqual({});
  });

  it('delivers valid notifications to typed listeners and drops invalid ones without disturbing later ones', async () => {
    const { client, socket } = await connected();
    const left: string[] = [];
    const all: string[] = [];
    const off = client.onNotification('peerLeft', (data) => left.push(data.peerId));
    client.on('notification', (n) => all.push(n.name));
    socket.message({ method: 'peerLeft', data: { peerId: 42 } });
    socket.message('{"method":"peerLeft",');
    socket.message({ method: 'notAThing', data: {} });
    socket.message({ method: 'peerLeft', data: { peerId: 'p2' } });
    socket.message({ method: 'viewerCount', data: { count: 3 } });
    off();
    socket.message({ method: 'peerLeft', data: { peerId: 'p3' } });
    expect(left).toEqual(['p2']);
    expect(all).toEqual(['peerLeft', 'viewerCount', 'peerLeft']);
  });

  it('fails pending requests with CLOSED and emits close once when the server goes away', async () => {
    const { client, socket } = await connected();
    const closes: unknown[] = [];
    client.on('close', (info) => closes.push(info));
    const req = client.request('leaveRoom', {});
    socket.serverClose(1006);
    await expect(req).rejects.toMatchObject({ code: 'CLOSED' });
    client.close();
    expect(closes).toEqual([{ code: 1006, reason: '', byClient: false }]);
    await expect(client.request('leaveRoom', {})).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('close() closes the socket, fails pending requests and is safe to call twice', async () => {
    const { client, socket } = await connected();
    const req = client.request('leaveRoom', {});
    client.close();
    client.close();
    await expect(req).rejects.toMatchObject({ code: 'CLOSED' });
    expect(socket.closedWith).toBe(1000);
    expect(client.isClosed).toBe(true);
  });

  it('open() rejects with CLOSED when the socket closes before opening, and TIMEOUT when it hangs', async () => {
    const refused = new SignalingClient({ url: 'ws://down.test', WebSocket: HandSocket });
    const opening = refused.open();
    HandSocket.last!.serverClose(1006);
    await expect(opening).rejects.toMatchObject({ code: 'CLOSED' });

    vi.useFakeTimers();
    const hanging = new SignalingClient({ url: 'ws://slow.test', WebSocket: HandSocket, timeoutMs: 300 });
    const caught = hanging.open().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(301);
    expect(await caught).toMatchObject({ code: 'TIMEOUT' });
    expect(HandSocket.last!.closedWith).toBe(1000);
  });

  it('a request before the socket is open rejects with CLOSED instead of throwing', async () => {
    const client = new SignalingClient({ url: 'ws://x.test', WebSocket: HandSocket });
    await expect(client.request('leaveRoom', {})).rejects.toBeInstanceOf(SignalingError);
  });
});
