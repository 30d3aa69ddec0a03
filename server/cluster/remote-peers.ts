import type { ServerMessage } from '../../common/cluster/messages';
import type { ResponseEnvelope } from '../../common/protocol';
import { createLogger } from '../log';
import type { Services } from '../services';
import type { Dispatcher } from '../signaling/dispatcher';
import type { ClusterRpc } from './cluster-rpc';
import { RemotePeer } from './remote-peer';

const log = createLogger('cluster:remote');

type Request = Extract<ServerMessage, { kind: 'request' }>;

/**
 * The stand-ins of peers signed in elsewhere that are in a room or call hosted here. Their requests arrive over
 * the bus and run through the same dispatcher, handlers and permission checks as a local peer's.
 */
export class RemotePeers {
  private readonly stubs = new Map<string, RemotePeer>();

  constructor(
    private readonly services: Services,
    private readonly dispatcher: Dispatcher,
    private readonly rpc: ClusterRpc,
  ) {}

  /** The stand-in of a peer on `server`, made on first use. */
  get(server: string, peer: { peerId: string; displayName: string; ip: string }): RemotePeer {
    const known = this.stubs.get(peer.peerId);
    if (known && known.server === server) return known;
    const stub = new RemotePeer(server, { id: peer.peerId, displayName: peer.displayName, ip: peer.ip }, (p, n, d) =>
      this.rpc.notify(p.server, p.id, n, d),
    );
    this.stubs.set(peer.peerId, stub);
    return stub;
  }

  /** Runs a forwarded request as its peer's stand-in and answers it. */
  async serve(request: Request): Promise<ResponseEnvelope> {
    const stub = this.get(request.from, request.peer);
    const answer = await this.dispatcher.dispatch(
      { peer: stub, remoteIp: stub.ip, link: stub.link!, bindPeer: () => undefined },
      { id: 0, method: request.method, data: request.data },
    );
    this.forgetIfUnused(stub);
    return answer;
  }

  /** Releases the stand-ins of servers that stopped heartbeating: their rooms and calls here let them go. */
  prune(isAlive: (server: string) => boolean): void {
    for (const stub of [...this.stubs.values()]) {
      // A call's stand-in outlives its call until here (nothing else tells us it is done with).
      if (isAlive(stub.server)) {
        this.forgetIfUnused(stub);
        continue;
      }
      log.warn('prune() | server gone, releasing its peer [server:%s, peer:%s]', stub.server, stub.id);
      this.release(stub);
    }
  }

  /** Takes every stand-in out of its room and call (shutdown). */
  closeAll(): void {
    this.stubs.clear();
  }

  /** A stand-in leaves its room and call here; used when its server says the peer is gone. */
  release(stub: RemotePeer): void {
    this.services.calls.peerGone(stub);
    if (stub.roomId !== null && this.services.rooms.get(stub.roomId)) this.services.rooms.leave(stub);
    this.services.signalLimits.forget(stub);
    this.stubs.delete(stub.id);
  }

  private forgetIfUnused(stub: RemotePeer): void {
    if (stub.inUse || this.stubs.get(stub.id) !== stub) return;
    this.services.signalLimits.forget(stub);
    this.stubs.delete(stub.id);
  }
}
