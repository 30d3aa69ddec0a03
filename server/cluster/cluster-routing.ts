import type { ServerMessage } from '../../common/cluster/messages';
import {
  ProtocolError,
  type MethodName,
  type NotificationName,
  type NotificationOf,
  type RoomMode,
} from '../../common/protocol';
import { createLogger } from '../log';
import type { Peer } from '../peers/peer';
import type { Services } from '../services';
import type { PeerContext } from '../signaling/dispatcher';
import { DIRECTORY_WAIT_MS, within, type ClusterDirectory } from './cluster-backend';
import type { ClusterRpc } from './cluster-rpc';
import type { MirrorRouting, RemoteRoom } from './mirror-routing';
import { RemotePeer } from './remote-peer';

const log = createLogger('cluster:routing');

/** Methods a server always answers itself; every other one is about the peer's room, wherever that is hosted. */
const OWN_METHODS = new Set<MethodName>([
  'hello',
  'createRoom',
  'joinRoom',
  'enterLobby',
  'leaveLobby',
  'invite',
  'accept',
  'decline',
  'cancel',
  'hangUp',
  'createSession',
  'joinSession',
  'heartbeat',
  'endSession',
]);
const CALL_METHODS = new Set<MethodName>(['accept', 'decline', 'cancel', 'hangUp']);

/**
 * The local side of a cluster: requests of peers signed in here whose room or call is hosted on another server go
 * there (the directory says where), and what that server tells them comes back here to their connection.
 */
export class ClusterRouting {
  /** Local peer id → its room on another server. */
  private readonly remoteRooms = new Map<string, RemoteRoom>();
  /** Call id → the server hosting the call (a local peer's side of a call placed elsewhere). */
  private readonly remoteCalls = new Map<string, string>();
  /** Whether a server still counts as alive (set by every heartbeat); a room on a dead one is re-created here. */
  isAlive: (server: string) => boolean = () => true;

  constructor(
    private readonly me: string,
    private readonly services: Services,
    private readonly directory: ClusterDirectory,
    private readonly rpc: ClusterRpc,
    /** The receive side of SFU rooms hosted elsewhere, answered here (null: this server has no SFU to do it). */
    private readonly mirrors: MirrorRouting | null,
  ) {}

  /** The dispatcher's forwarder: where a request goes, and what comes back. */
  async forward(ctx: PeerContext, method: MethodName, data: unknown): Promise<{ result: unknown } | undefined> {
    const peer = ctx.peer;
    if (peer instanceof RemotePeer) return undefined;
    const host = await this.hostOf(peer, method, data);
    if (host === undefined) return undefined;
    const room = this.remoteRooms.get(peer.id);
    if (room && this.mirrors && !OWN_METHODS.has(method)) {
      const answered = await this.mirrors.answer(peer, room, method, data);
      if (answered) return answered;
    }
    const result = await this.rpc.request(host.server, this.origin(peer), method, data);
    if (method === 'joinRoom') {
      const roomId = (data as { roomId: string }).roomId;
      peer.roomId = roomId;
      this.remoteRooms.set(peer.id, { roomId, server: host.server, mode: host.mode ?? 'p2p' });
    } else if (method === 'leaveRoom') {
      this.leftRemoteRoom(peer);
    }
    return { result };
  }

  /** A local peer left the server: its room and call elsewhere are left too, and forgotten here. */
  peerGone(peer: Peer): void {
    const room = this.remoteRooms.get(peer.id);
    if (room !== undefined) {
      this.leftRemoteRoom(peer);
      this.rpc.request(room.server, this.origin(peer), 'leaveRoom', {}).catch(() => undefined);
    }
    const callServer = peer.callId === null ? undefined : this.remoteCalls.get(peer.callId);
    if (callServer !== undefined && peer.callId !== null) {
      const callId = peer.callId;
      this.remoteCalls.delete(callId);
      peer.callId = null;
      this.rpc.request(callServer, this.origin(peer), 'hangUp', { callId }).catch(() => undefined);
    }
  }

  /** Delivers a notification from the server hosting a peer's room or call, keeping the call state in step. */
  deliver(message: Extract<ServerMessage, { kind: 'notify' }>): void {
    const peer = this.services.peers.get(message.peerId);
    if (!peer) return log.debug('deliver() | peer gone [peer:%s, name:%s]', message.peerId, message.name);
    const name = message.name as NotificationName;
    if (name === 'incomingCall' || name === 'callEnded') {
      const { callId } = message.data as NotificationOf<'callEnded'>;
      if (name === 'incomingCall') {
        peer.callId = callId;
        this.remoteCalls.set(callId, message.from);
      } else if (this.remoteCalls.delete(callId) && peer.callId === callId) {
        peer.callId = null;
      }
      this.services.lobby.changed(peer);
    }
    if (this.remoteRooms.has(peer.id)) this.mirrors?.delivering(peer.id, peer.roomId, name, message.data);
    peer.notify(name, message.data as never);
  }

  /**
   * Peers here whose room is hosted by a server that is gone: they are out of that room, and told so (`roomLost`)
   * so that they join it again at once, wherever a key holder re-creates it.
   */
  prune(isAlive: (server: string) => boolean): void {
    for (const [peerId, { server, roomId }] of this.remoteRooms) {
      if (isAlive(server)) continue;
      this.remoteRooms.delete(peerId);
      this.mirrors?.peerLeft(peerId, roomId);
      const peer = this.services.peers.get(peerId);
      if (!peer || peer.roomId === null) continue;
      peer.roomId = null;
      log.warn('prune() | the server hosting the room is gone [peer:%s, room:%s, server:%s]', peerId, roomId, server);
      peer.notify('roomLost', { roomId });
    }
    for (const [callId, server] of this.remoteCalls) {
      if (isAlive(server)) continue;
      this.remoteCalls.delete(callId);
      for (const peer of this.services.peers.all()) {
        if (peer.callId !== callId) continue;
        peer.callId = null;
        peer.notify('callEnded', { callId, reason: 'disconnected' });
      }
    }
  }

  /** A local peer is out of its room elsewhere: forgotten here, with its media on this server. */
  private leftRemoteRoom(peer: Peer): void {
    const room = this.remoteRooms.get(peer.id);
    this.remoteRooms.delete(peer.id);
    peer.roomId = null;
    if (room) this.mirrors?.peerLeft(peer.id, room.roomId);
  }

  /** The server that answers this request (with the room's mode when a room is joined), or undefined for this one. */
  private async hostOf(
    peer: Peer,
    method: MethodName,
    data: unknown,
  ): Promise<{ server: string; mode?: RoomMode } | undefined> {
    if (CALL_METHODS.has(method)) return this.serverOf(this.remoteCalls.get((data as { callId: string }).callId));
    if (!OWN_METHODS.has(method)) return this.remoteRooms.get(peer.id);
    if (method !== 'joinRoom' && method !== 'createRoom') return undefined;
    const roomId = (data as { roomId?: string }).roomId;
    if (roomId === undefined || this.services.rooms.get(roomId)) return undefined;
    // Joining the remote room it is already in re-syncs there.
    if (peer.roomId === roomId) return this.remoteRooms.get(peer.id);
    const record = await within(this.directory.findRoom(roomId), DIRECTORY_WAIT_MS, null);
    if (!record || record.server === this.me || !this.isAlive(record.server)) return undefined;
    // As on one server: a room that exists, while the peer is in another, is ALREADY_IN_ROOM.
    if (method === 'joinRoom' && peer.roomId !== null) {
      throw new ProtocolError('ALREADY_IN_ROOM', `already in room ${peer.roomId}; leave first`);
    }
    return { server: record.server, mode: record.mode };
  }

  private serverOf(server: string | undefined): { server: string } | undefined {
    return server === undefined ? undefined : { server };
  }

  private origin(peer: Peer): { peerId: string; displayName: string; ip: string } {
    return { peerId: peer.id, displayName: peer.displayName, ip: peer.ip };
  }
}
