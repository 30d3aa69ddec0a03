import {
  methods,
  type ErrorCode,
  type Member,
  type MethodName,
  type NotificationName,
  type NotificationOf,
  type PublishKind,
  type Role,
  type RoomMode,
} from '../../../../common/protocol';
import type { WebSocketCtor, WebSocketLike } from '../../../../renderer/engine/signaling-types';

interface Peer {
  id: string;
  secret: string;
  name: string;
  socket: FakeSocket | null;
  roomId: string | null;
  role: Role;
  published: Set<PublishKind>;
  /** Notifications kept while the peer has no connection, delivered after a resume's hello response. */
  outbox: unknown[];
  grace: ReturnType<typeof setTimeout> | null;
}

/** A WebSocket whose other end is a FakeServer; frames cross as separate macrotasks, like a real socket. */
export class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;

  constructor(
    private readonly server: FakeServer,
    readonly url: string,
  ) {
    setTimeout(() => server.accept(this), 0);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    setTimeout(() => this.server.receive(this, data), 0);
  }

  close(): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    setTimeout(() => this.server.disconnected(this, true), 0);
  }

  /** Server side: opens the socket. */
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** Server side: delivers a frame to the client, unless closed by then. */
  deliver(frame: unknown): void {
    const data = typeof frame === 'string' ? frame : JSON.stringify(frame);
    setTimeout(() => this.readyState === 1 && this.onmessage?.({ data }), 0);
  }

  /** Server side: the connection goes away (code 1006 = abnormal: network loss, a server that died). */
  drop(code = 1006): void {
    if (this.readyState >= 2) return;
    this.readyState = 3;
    this.server.disconnected(this, code !== 1006);
    setTimeout(() => this.onclose?.({ code, reason: '' }), 0);
  }
}

/**
 * An in-memory room server speaking the shared protocol (requests validated with the same schemas as the real
 * server) with the real server's reconnect rules: an abnormal drop keeps the peer's seat for `graceMs` and a
 * resume takes it back silently (no presence for anyone, held notifications delivered after the hello
 * response); an unknown resume silently gets a fresh identity; joinRoom of one's own room is a snapshot; the
 * last member out closes the room. Knobs for what the engine must survive: drops, restarts, refusals.
 */
export class FakeServer {
  readonly rooms = new Map<string, { mode: RoomMode }>();
  readonly peers = new Map<string, Peer>();
  /** Every request received, in order. */
  readonly requests: { peer: string | null; method: string; data: unknown }[] = [];
  /** method → error code to answer with instead of handling it. */
  readonly refuse = new Map<MethodName, ErrorCode>();
  /** When true, new connections are closed at once (the server is down). */
  down = false;
  /** How long a dropped peer keeps its seat for a resume (0: released at once). */
  graceMs = 10_000;
  /** The other servers of its cluster this server names in `hello` (none: the field is left out). */
  helloServers: string[] = [];
  private nextId = 1;
  private readonly sockets = new Map<FakeSocket, string | null>();

  /** A WebSocket constructor connected to this server. */
  get WebSocket(): WebSocketCtor {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const server = this;
    return class extends FakeSocket {
      constructor(url: string) {
        super(server, url);
      }
    };
  }

  /** The key of room `roomId` (22 url-safe characters, as the real server's keys). */
  static keyOf(roomId: string): string {
    return `key-${roomId}`.padEnd(22, '_');
  }

  /** Makes a room with a given id, as if it had been created (or re-created after a restart). */
  addRoom(roomId: string, mode: RoomMode = 'p2p'): void {
    this.rooms.set(roomId, { mode });
  }

  /** Drops every connection abruptly, keeping state (a network blip). */
  dropAll(): void {
    for (const socket of this.sockets.keys()) socket.drop();
  }

  /** Drops one peer's connection abruptly. */
  drop(peerId: string): void {
    this.peers.get(peerId)?.socket?.drop();
  }

  /** Drops every connection and forgets every peer and room (a server restart). */
  restart(): void {
    this.dropAll();
    for (const p of this.peers.values()) if (p.grace) clearTimeout(p.grace);
    this.peers.clear();
    this.rooms.clear();
  }

  /** Sends a notification to one peer, or keeps it while the peer has no connection. */
  notify<N extends NotificationName>(peerId: string, name: N, data: NotificationOf<N>): void {
    const peer = this.peers.get(peerId);
    if (peer?.socket) peer.socket.deliver({ method: name, data });
    else peer?.outbox.push({ method: name, data });
  }

  /** Sends a raw frame to one peer (for malformed-input tests). */
  sendRaw(peerId: string, frame: unknown): void {
    this.peers.get(peerId)?.socket?.deliver(frame);
  }

  /** Requests of `method`, optionally from one peer. */
  requestsOf(method: MethodName, peer?: string): unknown[] {
    return this.requests
      .filter((r) => r.method === method && (peer === undefined || r.peer === peer))
      .map((r) => r.data);
  }

  accept(socket: FakeSocket): void {
    if (this.down) return socket.drop();
    this.sockets.set(socket, null);
    socket.open();
  }

  disconnected(socket: FakeSocket, clean: boolean): void {
    const peerId = this.sockets.get(socket);
    this.sockets.delete(socket);
    const peer = peerId ? this.peers.get(peerId) : undefined;
    if (!peer || peer.socket !== socket) return;
    peer.socket = null;
    const release = () => {
      peer.grace = null;
      this.leave(peer);
      this.peers.delete(peer.id);
    };
    if (clean || this.graceMs <= 0) release();
    else peer.grace = setTimeout(release, this.graceMs);
  }

  receive(socket: FakeSocket, frame: string): void {
    if (!this.sockets.has(socket)) return;
    const { id, method, data } = JSON.parse(frame) as { id: number; method: MethodName; data: unknown };
    const peerId = this.sockets.get(socket) ?? null;
    this.requests.push({ peer: peerId, method, data });
    const fail = (code: ErrorCode, message: string = code) =>
      socket.deliver({ id, ok: false, error: { code, message } });
    const schema = methods[method]?.request;
    if (!schema) return fail('UNKNOWN_METHOD');
    const parsed = schema.safeParse(data ?? {});
    if (!parsed.success) return fail('BAD_REQUEST');
    const refusal = this.refuse.get(method);
    if (refusal) return fail(refusal);
    if (method !== 'hello' && !peerId) return fail('NOT_CONNECTED');
    try {
      const result = this.handle(socket, peerId ? this.peers.get(peerId) : undefined, method, parsed.data);
      if ('error' in result) return fail(result.error);
      socket.deliver({ id, ok: true, data: result.data });
      // A resume gets what was held for it right after its hello response.
      const peer = method === 'hello' ? this.peers.get(this.sockets.get(socket) ?? '') : undefined;
      for (const frame of peer?.outbox.splice(0) ?? []) socket.deliver(frame);
    } catch (error) {
      fail('INTERNAL', String(error).slice(0, 200));
    }
  }

  private handle(
    socket: FakeSocket,
    peer: Peer | undefined,
    method: MethodName,
    data: unknown,
  ): { data: unknown } | { error: ErrorCode } {
    switch (method) {
      case 'hello': {
        const { displayName, resume } = data as { displayName: string; resume?: { peerId: string; secret: string } };
        // Like the real server: an unknown id or a wrong secret silently gets a fresh identity.
        let p = resume ? this.peers.get(resume.peerId) : undefined;
        if (p && p.secret === resume?.secret) {
          if (p.grace) clearTimeout(p.grace);
          p.grace = null;
          if (p.socket && p.socket !== socket) {
            p.socket.deliver({ method: 'replaced', data: {} });
            this.sockets.set(p.socket, null);
            const old = p.socket;
            setTimeout(() => old.drop(4001), 0);
          }
        } else {
          const id = `p${this.nextId++}`;
          p = {
            id,
            secret: `secret-${id}-0123456789abcdef`,
            name: displayName,
            socket: null,
            roomId: null,
            role: 'presenter',
            published: new Set(),
            outbox: [],
            grace: null,
          };
          this.peers.set(id, p);
        }
        p.socket = socket;
        this.sockets.set(socket, p.id);
        return {
          data: {
            peerId: p.id,
            secret: p.secret,
            iceServers: [{ urls: 'stun:stun.invalid:3478' }],
            sfuAvailable: false,
            ...(this.helloServers.length ? { servers: this.helloServers } : {}),
          },
        };
      }
      case 'createRoom': {
        const request = data as { mode: RoomMode; roomId?: string; presenterKey?: string };
        const { mode, roomId = `r${this.nextId++}` } = request;
        // As the real server: a known id comes back only with its key (the real one derives the id from it).
        if (request.roomId !== undefined && request.presenterKey !== FakeServer.keyOf(roomId))
          return { error: 'FORBIDDEN' };
        const existing = this.rooms.get(roomId);
        if (existing && existing.mode !== mode) return { error: 'INVALID_STATE' };
        if (!existing) this.rooms.set(roomId, { mode });
        return { data: { roomId, presenterKey: FakeServer.keyOf(roomId) } };
      }
      case 'joinRoom': {
        const { roomId, role = 'presenter' } = data as { roomId: string; role?: Role };
        const room = this.rooms.get(roomId);
        if (!room) return { error: 'ROOM_NOT_FOUND' };
        if (!peer) return { error: 'NOT_CONNECTED' };
        if (peer.roomId === roomId) {
          return {
            data: {
              roomId,
              mode: room.mode,
              self: this.member(peer),
              members: this.membersOf(roomId, peer.id),
              viewerCount: 0,
            },
          };
        }
        if (peer.roomId) return { error: 'ALREADY_IN_ROOM' };
        const members = this.membersOf(roomId);
        peer.roomId = roomId;
        peer.role = role;
        for (const m of members) this.notify(m.peerId, 'peerJoined', { member: this.member(peer) });
        const key = room.mode === 'broadcast' ? {} : { presenterKey: FakeServer.keyOf(roomId) };
        return { data: { roomId, mode: room.mode, self: this.member(peer), members, viewerCount: 0, ...key } };
      }
      case 'leaveRoom':
        if (!peer?.roomId) return { error: 'NOT_IN_ROOM' };
        this.leave(peer);
        return { data: {} };
      case 'setPublished': {
        const { kind, published } = data as { kind: PublishKind; published: boolean };
        if (!peer?.roomId) return { error: 'NOT_IN_ROOM' };
        if (published) peer.published.add(kind);
        else peer.published.delete(kind);
        for (const m of this.membersOf(peer.roomId, peer.id)) {
          this.notify(m.peerId, published ? 'published' : 'unpublished', { peerId: peer.id, kind });
        }
        return { data: {} };
      }
      case 'signal': {
        const { to, ...rest } = data as { to: string };
        const target = this.peers.get(to);
        if (!peer?.roomId || !target || target.roomId !== peer.roomId) return { error: 'PEER_NOT_FOUND' };
        this.notify(to, 'signal', { from: peer.id, ...rest });
        return { data: {} };
      }
      default:
        return { error: 'UNSUPPORTED' };
    }
  }

  private leave(peer: Peer): void {
    const roomId = peer.roomId;
    if (!roomId) return;
    peer.roomId = null;
    peer.published.clear();
    for (const m of this.membersOf(roomId)) this.notify(m.peerId, 'peerLeft', { peerId: peer.id });
    // The last one out closes the room.
    if (this.membersOf(roomId).length === 0) this.rooms.delete(roomId);
  }

  private membersOf(roomId: string, except?: string): Member[] {
    return [...this.peers.values()].filter((p) => p.roomId === roomId && p.id !== except).map((p) => this.member(p));
  }

  private member(p: Peer): Member {
    return { peerId: p.id, displayName: p.name, role: p.role, published: [...p.published] };
  }
}
