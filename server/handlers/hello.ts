import { ProtocolError } from '../../common/protocol';
import type { Peer } from '../peers/peer';
import type { Services } from '../services';
import type { Dispatcher } from '../signaling/dispatcher';

/** Close code sent to a connection whose peer was taken over by a newer connection. */
export const REPLACED_CLOSE_CODE = 4001;

/**
 * `hello` signs a connection in. With `resume` {peerId, secret} matching a live or recently dropped
 * peer, the new connection takes that peer over: the old one gets `replaced` and is closed, and the
 * peer keeps its room seat, published kinds, lobby entry, call and session with no peerLeft/peerJoined
 * for anyone. Notifications kept while it had no connection follow the response. An unknown id or a
 * wrong secret silently gets a fresh identity, so a client must compare `peerId` to see if it resumed.
 */
export function registerHelloHandler(dispatcher: Dispatcher, services: Services): void {
  dispatcher.onPublic('hello', (ctx, { displayName, resume }) => {
    if (ctx.peer) throw new ProtocolError('INVALID_STATE', 'hello was already sent on this connection');
    let peer: Peer | undefined = resume ? services.peers.resume(resume.peerId, resume.secret) : undefined;
    let secret: string;
    if (peer && resume) {
      secret = resume.secret;
      const old = peer.link;
      if (old) {
        old.deliver('replaced', {});
        peer.detach();
        old.close(REPLACED_CLOSE_CODE, 'replaced by a newer connection');
      }
    } else {
      ({ peer, secret } = services.peers.create(displayName, ctx.remoteIp));
    }
    ctx.bindPeer(peer);
    peer.attach(ctx.link);
    return {
      peerId: peer.id,
      secret,
      iceServers: services.config.iceServers,
      sfuAvailable: services.media.available,
      ...(services.config.failoverServers.length ? { servers: services.config.failoverServers } : {}),
    };
  });
}
