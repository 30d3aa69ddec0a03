import type { ResponseOf } from '../../common/protocol';
import { UnsupportedError } from './errors';
import type { MediaSession, MediaSessionContext, MediaSessionFactory } from './media-session';
import type { SignalingClient } from './signaling-client';
import { SignalingRelay } from './signaling-relay';
import type { EngineEvents } from './types';

type Emit = <K extends keyof EngineEvents>(event: K, ...args: EngineEvents[K]) => void;

/** What building a room's media session needs: the engine's emitter, the factories and the WebRTC context. */
export interface SessionBuildContext {
  emit: Emit;
  factories: Partial<Record<string, MediaSessionFactory>>;
  mediaContext(): Pick<MediaSessionContext, 'iceServers' | 'RTCPeerConnection' | 'MediaStream'>;
}

/** The media session of a joined room and the relay its signaling goes through. */
export interface BuiltSession {
  session: MediaSession;
  relay: SignalingRelay;
}

/**
 * Builds the media session for a join answer, its tracks and errors forwarded as engine events; the caller wires
 * what is its own (media state, rejoins). Throws UnsupportedError for a room mode this client has no session for.
 */
export function buildRoomSession(
  context: SessionBuildContext,
  client: SignalingClient,
  result: ResponseOf<'joinRoom'>,
): BuiltSession {
  const factory = context.factories[result.mode];
  if (!factory) throw new UnsupportedError(`joinRoom() | this client has no media session for '${result.mode}' rooms`);
  const relay = new SignalingRelay(client);
  const session = factory({
    selfId: result.self.peerId,
    roomId: result.roomId,
    mode: result.mode,
    role: result.self.role,
    signaling: relay,
    ...context.mediaContext(),
  });
  session.on('track', (remote) => context.emit('track', remote));
  session.on('trackended', (remote) => context.emit('trackended', remote));
  session.on('error', (error) => context.emit('error', error));
  return { session, relay };
}
