import { ProtocolError } from '../../common/protocol';
import type { Services } from '../services';
import type { Dispatcher } from '../signaling/dispatcher';

/** Lobby and direct-call methods; the rules live in Lobby and CallManager (a call needs both in the lobby). */
export function registerCallHandlers(dispatcher: Dispatcher, services: Services): void {
  const { lobby, calls, tokens } = services;
  dispatcher
    .on('enterLobby', async (ctx, { token }) => {
      // With an auth secret only someone an operator admitted (a valid token of any room) sees who is online.
      if (tokens) await tokens.verify(token);
      return { users: lobby.enter(ctx.peer) };
    })
    .on('leaveLobby', (ctx) => {
      lobby.leave(ctx.peer);
      return {};
    })
    .on('invite', (ctx, { to }) => {
      // Knowing a peer id is not permission: with auth on, only an admitted lobby member calls.
      if (tokens && !lobby.has(ctx.peer))
        throw new ProtocolError('TOKEN_REQUIRED', 'enter the lobby with a token first');
      return calls.invite(ctx.peer, to);
    })
    .on('accept', (ctx, { callId }) => calls.accept(ctx.peer, callId))
    .on('decline', (ctx, { callId }) => {
      calls.decline(ctx.peer, callId);
      return {};
    })
    .on('cancel', (ctx, { callId }) => {
      calls.cancel(ctx.peer, callId);
      return {};
    })
    .on('hangUp', (ctx, { callId }) => {
      calls.hangUp(ctx.peer, callId);
      return {};
    });
}
