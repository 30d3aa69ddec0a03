import { ProtocolError, type ResponseOf, type Role, type RoomMode } from '../../common/protocol';
import type { Clock } from '../clock';
import { randomId } from '../ids';
import { createLogger } from '../log';
import type { Peer } from '../peers/peer';
import type { MediaService } from '../sfu/media-service';
import { Room } from './room';
import { UnjoinedRooms } from './unjoined-rooms';

const log = createLogger('room');

/** Options for the room registry. */
export interface RoomRegistryOptions {
  clock: Clock;
  media: MediaService;
  maxPeersPerRoom: number;
  maxRooms: number;
  emptyRoomTtlMs: number;
  /** Rooms created and not yet joined that peers from one address may hold (unlimited when unset). */
  maxUnjoinedPerIp?: number;
}

/** Options for one new room. */
export interface CreateRoomOptions {
  /** Only these peers may join (a direct call's private room). */
  allowedPeerIds?: readonly string[];
  /** The peer that asked for the room; it may hold only a few rooms nobody joined yet. */
  creatorId?: string;
  /** The address the creator came from; it may hold only so many rooms nobody joined yet. */
  creatorIp?: string;
  /** Re-create the room under an id a client already knew (it was lost with a server restart). */
  roomId?: string;
  /** The room's key; meeting rooms hand it to their members (the caller checked it opens `roomId`). */
  key?: string;
}

/** Every open room; owns room lifetime (create, join, leave, close) and calls the media hooks. */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly unjoined: UnjoinedRooms;
  private readonly closedListeners: ((room: Room) => void)[] = [];
  private readonly openedListeners: ((room: Room) => Promise<void>)[] = [];
  private creating = 0;
  /** Rooms being created under a requested id: a second request for the same id waits for the first. */
  private readonly pending = new Map<string, Promise<Room>>();

  constructor(private readonly options: RoomRegistryOptions) {
    // A room that is created but never joined would otherwise live forever.
    this.unjoined = new UnjoinedRooms(options.clock, options.emptyRoomTtlMs, options.maxUnjoinedPerIp);
  }

  get size(): number {
    return this.rooms.size;
  }

  /** The open room with this id. */
  get(roomId: string): Room | undefined {
    return this.rooms.get(roomId);
  }

  /** Calls `listener` whenever a room closes (the call manager ends a call whose room is gone). */
  onClosed(listener: (room: Room) => void): void {
    this.closedListeners.push(listener);
  }

  /** Awaits `listener` for every new room before its id is handed out (a cluster records it in its directory). */
  onOpened(listener: (room: Room) => Promise<void>): void {
    this.openedListeners.push(listener);
  }

  /**
   * Creates a room; media rooms need the media service and get their router before the id is handed out.
   * With `opts.roomId` an open room of that id and mode is returned as it is (another mode: INVALID_STATE).
   */
  async create(mode: RoomMode, opts: CreateRoomOptions = {}): Promise<Room> {
    const wanted = opts.roomId;
    if (wanted === undefined) return this.open(mode, opts, randomId());
    // No await unless a creation is under way, so two requests for a new id can't both start creating it.
    const pending = this.pending.get(wanted);
    const existing = this.rooms.get(wanted) ?? (pending ? await pending.catch(() => undefined) : undefined);
    if (existing) {
      if (existing.mode !== mode || existing.isPrivate) {
        throw new ProtocolError('INVALID_STATE', `room ${wanted} already exists with another mode`);
      }
      return existing;
    }
    const creating = this.open(mode, opts, wanted);
    this.pending.set(wanted, creating);
    try {
      return await creating;
    } finally {
      this.pending.delete(wanted);
    }
  }

  private async open(mode: RoomMode, opts: CreateRoomOptions, id: string): Promise<Room> {
    const { media } = this.options;
    if (mode !== 'p2p' && !media.available) {
      throw new ProtocolError('MEDIA_SERVER_UNAVAILABLE', `${mode} rooms need a media server, which is unavailable`);
    }
    const creator = { peerId: opts.creatorId ?? null, ip: opts.creatorIp ?? null };
    this.unjoined.checkCreator(creator);
    if (this.rooms.size + this.creating >= this.options.maxRooms) {
      throw new ProtocolError('RATE_LIMITED', 'the server has too many rooms');
    }
    while (this.rooms.has(id)) id = randomId();
    const { maxPeersPerRoom: maxPeers } = this.options;
    const room = new Room({ id, mode, maxPeers, allowedPeerIds: opts.allowedPeerIds, key: opts.key });
    if (mode !== 'p2p') {
      // Counted while the router is being made so concurrent creates can't overshoot maxRooms.
      this.creating++;
      try {
        await media.onRoomCreated(room);
      } catch (error) {
        if (error instanceof ProtocolError) throw error;
        log.error('create() | media service failed [mode:%s]: %o', mode, error);
        throw new ProtocolError('MEDIA_SERVER_UNAVAILABLE', 'the media server could not open the room');
      } finally {
        this.creating--;
      }
    }
    this.rooms.set(id, room);
    this.unjoined.add(id, creator, () => {
      if (room.size === 0) this.close(room);
    });
    for (const listener of this.openedListeners) await listener(room);
    log.debug('create() | room created [room:%s, mode:%s]', id, mode);
    return room;
  }

  /** Puts a peer into a room; joining the room it is already in just returns a fresh snapshot. */
  join(peer: Peer, roomId: string, role: Role): ResponseOf<'joinRoom'> {
    const room = this.rooms.get(roomId);
    if (room && peer.roomId === roomId) return room.snapshotFor(peer);
    // A private room answers exactly like an unknown one: outsiders learn nothing.
    if (!room || !room.admits(peer)) throw new ProtocolError('ROOM_NOT_FOUND', `room ${roomId} does not exist`);
    if (peer.roomId !== null) throw new ProtocolError('ALREADY_IN_ROOM', `already in room ${peer.roomId}; leave first`);
    const snapshot = room.add(peer, role);
    this.unjoined.settle(room.id);
    if (room.mode !== 'p2p') this.safely('onPeerJoined', () => this.options.media.onPeerJoined(room, peer));
    return snapshot;
  }

  /** Takes a peer out of its room, closing the room when it was the last one. */
  leave(peer: Peer): void {
    const room = peer.roomId === null ? undefined : this.rooms.get(peer.roomId);
    if (!room) throw new ProtocolError('NOT_IN_ROOM', 'not in a room');
    if (room.mode !== 'p2p') this.safely('onPeerLeft', () => this.options.media.onPeerLeft(room, peer));
    room.remove(peer);
    if (room.size === 0) this.close(room);
  }

  /** The room a peer is in, or NOT_IN_ROOM. */
  roomOf(peer: Peer): Room {
    const room = peer.roomId === null ? undefined : this.rooms.get(peer.roomId);
    if (!room) throw new ProtocolError('NOT_IN_ROOM', 'not in a room');
    return room;
  }

  /** Closes every room (server shutdown); peers are expected to be gone already. */
  closeAll(): void {
    for (const room of [...this.rooms.values()]) this.close(room);
  }

  private close(room: Room): void {
    if (room.closed) return;
    room.closed = true;
    this.rooms.delete(room.id);
    this.unjoined.settle(room.id);
    if (room.mode !== 'p2p') this.safely('onRoomClosed', () => this.options.media.onRoomClosed(room));
    for (const listener of this.closedListeners) this.safely('closed listener', () => listener(room));
    log.debug('close() | room closed [room:%s]', room.id);
  }

  private safely(what: string, fn: () => void): void {
    try {
      fn();
    } catch (error) {
      log.error('%s threw: %o', what, error);
    }
  }
}
