import { ProtocolError, type CallEndReason, type ResponseOf } from '../../common/protocol';
import type { Clock, TimerHandle } from '../clock';
import { randomId } from '../ids';
import { createLogger } from '../log';
import type { Peer } from '../peers/peer';
import type { PeerRegistry } from '../peers/peer-registry';
import type { Room } from '../rooms/room';
import type { RoomRegistry } from '../rooms/room-registry';
import type { Lobby } from './lobby';

const log = createLogger('call');

interface Call {
  id: string;
  caller: Peer;
  callee: Peer;
  state: 'ringing' | 'active';
  roomId: string | null;
  ringTimer: TimerHandle | null;
}

/** Options for the call manager. */
export interface CallManagerOptions {
  clock: Clock;
  peers: PeerRegistry;
  rooms: RoomRegistry;
  lobby: Lobby;
  ringTimeoutMs: number;
}

/** Callees signed in on other servers of a cluster (their stand-ins forward what they are told). */
export interface RemoteCallees {
  /** The stand-in of a lobby member elsewhere, or undefined when nobody of that id is in the lobby. */
  callee(peerId: string): Peer | undefined;
  /** True when that member is in a call on its own server. */
  busy(peer: Peer): boolean;
}

/**
 * Direct 1:1 calls: ringing → active → ended. Both parties get every change (callAccepted, callEnded);
 * the one whose request caused it gets it after its response. Callers can only reach lobby members,
 * and a call id means nothing to anyone but its two parties (CALL_NOT_FOUND otherwise).
 */
export class CallManager {
  private readonly calls = new Map<string, Call>();
  private readonly byRoom = new Map<string, Call>();
  private remote: RemoteCallees | null = null;

  constructor(private readonly options: CallManagerOptions) {
    options.rooms.onClosed((room) => this.roomClosed(room));
  }

  /** Lets callers ring lobby members signed in on other servers of a cluster. */
  linkCluster(remote: RemoteCallees): void {
    this.remote = remote;
  }

  /** Rings `to`; an offline or busy callee ends the call at once (the caller gets callEnded). */
  invite(caller: Peer, to: string): ResponseOf<'invite'> {
    if (caller.callId !== null) throw new ProtocolError('INVALID_STATE', `already in call ${caller.callId}`);
    if (to === caller.id) throw new ProtocolError('BAD_REQUEST', 'cannot call yourself');
    const callId = randomId();
    const local = this.options.peers.get(to);
    const callee = local && this.options.lobby.has(local) ? local : this.remote?.callee(to);
    // Not in the lobby = not reachable; whether the id exists at all is not revealed.
    if (!callee) {
      caller.notify('callEnded', { callId, reason: 'offline' });
      return { callId };
    }
    if (callee.callId !== null || this.remote?.busy(callee)) {
      caller.notify('callEnded', { callId, reason: 'busy' });
      return { callId };
    }
    const call: Call = { id: callId, caller, callee, state: 'ringing', roomId: null, ringTimer: null };
    call.ringTimer = this.options.clock.setTimeout(() => this.end(call, 'timeout'), this.options.ringTimeoutMs);
    this.calls.set(callId, call);
    caller.callId = callId;
    callee.callId = callId;
    callee.notify('incomingCall', { callId, from: { peerId: caller.id, displayName: caller.displayName } });
    caller.notify('callRinging', { callId });
    this.options.lobby.changed(caller, callee);
    log.debug('invite() | ringing [call:%s, from:%s, to:%s]', callId, caller.id, callee.id);
    return { callId };
  }

  /** The callee picks up: a private p2p room for the two is created and both are told its id. */
  async accept(peer: Peer, callId: string): Promise<ResponseOf<'accept'>> {
    const call = this.find(peer, callId);
    if (call.callee !== peer) throw new ProtocolError('INVALID_STATE', 'only the callee can accept');
    if (call.state !== 'ringing') throw new ProtocolError('INVALID_STATE', `call ${callId} was already accepted`);
    call.state = 'active';
    this.options.clock.clearTimeout(call.ringTimer);
    let room: Room;
    try {
      room = await this.options.rooms.create('p2p', { allowedPeerIds: [call.caller.id, call.callee.id] });
    } catch (error) {
      this.end(call, 'hungUp');
      throw error;
    }
    // Either side may have gone while the room was being made; the unused room then expires empty.
    if (this.calls.get(callId) !== call) {
      room.seal();
      throw new ProtocolError('CALL_NOT_FOUND', `call ${callId} not found`);
    }
    call.roomId = room.id;
    this.byRoom.set(room.id, call);
    call.caller.notify('callAccepted', { callId, roomId: room.id });
    call.callee.notify('callAccepted', { callId, roomId: room.id });
    return { callId, roomId: room.id };
  }

  /** The callee refuses a ringing call. */
  decline(peer: Peer, callId: string): void {
    const call = this.find(peer, callId);
    if (call.callee !== peer)
      throw new ProtocolError('INVALID_STATE', 'only the callee can decline; the caller cancels');
    if (call.state !== 'ringing') throw new ProtocolError('INVALID_STATE', `call ${callId} is not ringing`);
    this.end(call, 'declined');
  }

  /** The caller gives up on a ringing call. */
  cancel(peer: Peer, callId: string): void {
    const call = this.find(peer, callId);
    if (call.caller !== peer)
      throw new ProtocolError('INVALID_STATE', 'only the caller can cancel; the callee declines');
    if (call.state !== 'ringing') throw new ProtocolError('INVALID_STATE', `call ${callId} is not ringing`);
    this.end(call, 'cancelled');
  }

  /** Either party ends the call; while still ringing this means cancel (caller) or decline (callee). */
  hangUp(peer: Peer, callId: string): void {
    const call = this.find(peer, callId);
    if (call.state === 'active') this.end(call, 'hungUp');
    else this.end(call, call.caller === peer ? 'cancelled' : 'declined');
  }

  /** A peer left the server: its call ends with 'disconnected'. */
  peerGone(peer: Peer): void {
    const call = peer.callId === null ? undefined : this.calls.get(peer.callId);
    if (call) this.end(call, 'disconnected');
  }

  /** Ends every call without telling anyone (server shutdown). */
  closeAll(): void {
    for (const call of this.calls.values()) this.options.clock.clearTimeout(call.ringTimer);
    this.calls.clear();
    this.byRoom.clear();
  }

  private find(peer: Peer, callId: string): Call {
    const call = this.calls.get(callId);
    if (!call || (call.caller !== peer && call.callee !== peer)) {
      throw new ProtocolError('CALL_NOT_FOUND', `call ${callId} not found`);
    }
    return call;
  }

  private roomClosed(room: Room): void {
    // Both left the call's room (or never came): the call is over even if nobody hung up.
    const call = this.byRoom.get(room.id);
    if (call) this.end(call, 'hungUp');
  }

  private end(call: Call, reason: CallEndReason): void {
    if (this.calls.get(call.id) !== call) return;
    this.calls.delete(call.id);
    this.options.clock.clearTimeout(call.ringTimer);
    if (call.roomId !== null) {
      this.byRoom.delete(call.roomId);
      this.options.rooms.get(call.roomId)?.seal();
    }
    for (const party of [call.caller, call.callee]) {
      if (party.callId === call.id) party.callId = null;
      party.notify('callEnded', { callId: call.id, reason });
    }
    this.options.lobby.changed(call.caller, call.callee);
    log.debug('end() | call ended [call:%s, reason:%s]', call.id, reason);
  }
}
