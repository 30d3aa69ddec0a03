import type { AudioSessions } from './audio-session';
import type { LobbyRoster } from './lobby-roster';
import type { AnyNotification } from './signaling-types';
import type { EngineEvents } from './types';

type Emit = <K extends keyof EngineEvents>(event: K, ...args: EngineEvents[K]) => void;

/** Where the notifications that are not about a room go. */
export interface DirectTargets {
  emit: Emit;
  lobby: LobbyRoster;
  audio: AudioSessions;
  /** A newer connection took over our peer id. */
  replaced(): void;
}

/**
 * Handles a notification about the connection, the lobby, direct calls or a device audio session; returns false
 * for the rest (room presence and media signaling), which the room membership handles.
 */
export function routeDirectNotification(n: AnyNotification, to: DirectTargets): boolean {
  switch (n.name) {
    case 'replaced':
      to.replaced();
      return true;
    case 'lobbyUserJoined':
    case 'lobbyUserLeft':
    case 'lobbyUserChanged':
      to.emit('lobby', to.lobby.apply(n));
      return true;
    case 'incomingCall':
      to.emit('incomingcall', n.data);
      return true;
    case 'callRinging':
      to.emit('callringing', n.data.callId);
      return true;
    case 'callAccepted':
      to.emit('callaccepted', n.data);
      return true;
    case 'callEnded':
      to.emit('callended', n.data);
      return true;
    case 'sessionJoined':
      to.emit('sessionjoined', n.data);
      return true;
    case 'sessionEnded':
      to.audio.onEnded(n.data);
      return true;
    case 'signal':
      // A device session's signals are the audio session's; the rest belong to the room's media session.
      return to.audio.handleSignal(n.data);
    default:
      return false;
  }
}
