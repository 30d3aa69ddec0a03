import { MAX_CHAT_CHARS, ProtocolError } from '../../common/protocol';
import type { Peer } from '../peers/peer';
import type { Services } from '../services';
import type { Dispatcher } from '../signaling/dispatcher';
import { TokenBucket } from '../signaling/token-bucket';

/** Hands, reactions and chat messages one peer may send in a burst, and per second after it. */
const GESTURE_BURST = 10;
const GESTURES_PER_SECOND = 2;

/**
 * Raised hands, reactions and chat, in every room mode. Besides the connection's own rate limit, each peer has a
 * small budget for these (RATE_LIMITED past it), since each one goes out to the whole room. A broadcast viewer's
 * hand and reactions reach only the presenters (viewers stay invisible to each other); chat reaches everyone and
 * the room keeps the last messages for those who join later. Chat text is trimmed plain text: TOO_LARGE past
 * MAX_CHAT_CHARS, BAD_REQUEST when empty. A broadcast's presenters (the presenter key made them so) may lower anyone's
 * hand; in meeting rooms everyone lowers only their own.
 */
export function registerRoomExtraHandlers(dispatcher: Dispatcher, services: Services): void {
  const budgets = new WeakMap<Peer, TokenBucket>();
  const admit = (peer: Peer): void => {
    let bucket = budgets.get(peer);
    if (!bucket) {
      bucket = new TokenBucket({
        capacity: GESTURE_BURST,
        perSecond: GESTURES_PER_SECOND,
        now: () => services.clock.now(),
      });
      budgets.set(peer, bucket);
    }
    if (!bucket.take()) throw new ProtocolError('RATE_LIMITED', 'too many hands, reactions or messages; slow down');
  };
  dispatcher
    .on('raiseHand', (ctx, { raised }) => {
      const room = services.rooms.roomOf(ctx.peer);
      const { id: peerId, displayName } = ctx.peer;
      if (room.extras.hands.has(peerId) === raised) return {};
      admit(ctx.peer);
      if (raised) room.extras.hands.set(peerId, displayName);
      else room.extras.hands.delete(peerId);
      room.notifyGesture(ctx.peer, 'handChanged', { peerId, displayName, raised });
      return {};
    })
    .on('lowerHand', (ctx, { peerId }) => {
      const room = services.rooms.roomOf(ctx.peer);
      if (room.mode !== 'broadcast' || ctx.peer.role !== 'presenter') {
        throw new ProtocolError('FORBIDDEN', 'lowerHand: only a broadcast presenter may lower other hands');
      }
      const target = room.get(peerId);
      if (!target || !room.extras.hands.delete(peerId)) return {};
      admit(ctx.peer);
      room.notifyGesture(target, 'handChanged', { peerId, displayName: target.displayName, raised: false });
      return {};
    })
    .on('react', (ctx, { reaction }) => {
      const room = services.rooms.roomOf(ctx.peer);
      admit(ctx.peer);
      room.notifyGesture(ctx.peer, 'reaction', { peerId: ctx.peer.id, displayName: ctx.peer.displayName, reaction });
      return {};
    })
    .on('sendChat', (ctx, { text }) => {
      const room = services.rooms.roomOf(ctx.peer);
      const trimmed = text.trim();
      if (trimmed.length === 0) throw new ProtocolError('BAD_REQUEST', 'sendChat: the message is empty');
      if (trimmed.length > MAX_CHAT_CHARS) {
        throw new ProtocolError('TOO_LARGE', `sendChat: a message has at most ${MAX_CHAT_CHARS} characters`);
      }
      admit(ctx.peer);
      const { id: from, displayName } = ctx.peer;
      const message = room.extras.addChat({ from, displayName, text: trimmed, sentAt: Date.now() });
      room.notifyAll('chat', { message });
      return {};
    });
}
