import type { Services } from '../services';
import type { Dispatcher } from '../signaling/dispatcher';

/** Lobby and direct-call methods; the rules live in Lobby and CallManager. */
export function registerCallHandlers(dispatcher: Dispatcher, services: Services): void {
  const { lobby, calls } = services;
  dispatcher
    .on('enterLobby', (ctx) => ({ users: lobby.enter(ctx.peer) }))
    .on('leaveLobby', (ctx) => {
      lobby.leave(ctx.peer);
      return {};
    })
    .on('invite', (ctx, { to }) => calls.invite(ctx.peer, to))
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
