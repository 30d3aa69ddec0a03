/** Direct 1:1 calls: the lobby of people who can be called, and inviting, answering and ending a call. */
import { z } from 'zod';
import { joinToken } from './join-token';
import { displayName, empty, id } from './primitives';

/** Why a direct call ended; the UI shows a sentence for each. */
export const callEndReason = z.enum(['declined', 'cancelled', 'timeout', 'busy', 'offline', 'hungUp', 'disconnected']);
export type CallEndReason = z.infer<typeof callEndReason>;

/** A user listed in the lobby of people who can be called. */
export const lobbyUser = z.strictObject({ peerId: id, displayName, busy: z.boolean() });
export type LobbyUser = z.infer<typeof lobbyUser>;

/** Requests that enter the lobby and place, answer and end calls. */
export const callMethods = {
  // With an auth secret, only a holder of a valid join token (any room, any role) may see and call who is online.
  enterLobby: {
    request: z.strictObject({ token: joinToken.optional() }),
    response: z.strictObject({ users: z.array(lobbyUser) }),
  },
  leaveLobby: { request: empty, response: empty },
  invite: { request: z.strictObject({ to: id }), response: z.strictObject({ callId: id }) },
  accept: { request: z.strictObject({ callId: id }), response: z.strictObject({ callId: id, roomId: id }) },
  decline: { request: z.strictObject({ callId: id }), response: empty },
  cancel: { request: z.strictObject({ callId: id }), response: empty },
  hangUp: { request: z.strictObject({ callId: id }), response: empty },
} as const;

/** Pushes about the lobby and about a call's progress. */
export const callNotifications = {
  // The lobby after `enterLobby`'s full list: one delta per change, never the whole list again.
  lobbyUserJoined: z.strictObject({ user: lobbyUser }),
  lobbyUserLeft: z.strictObject({ peerId: id }),
  /** A member's busy flag changed (a call started or ended). */
  lobbyUserChanged: z.strictObject({ user: lobbyUser }),
  incomingCall: z.strictObject({ callId: id, from: z.strictObject({ peerId: id, displayName }) }),
  callRinging: z.strictObject({ callId: id }),
  callAccepted: z.strictObject({ callId: id, roomId: id }),
  callEnded: z.strictObject({ callId: id, reason: callEndReason }),
} as const;
