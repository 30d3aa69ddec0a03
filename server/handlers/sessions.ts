import type { Services } from '../services';
import type { Dispatcher } from '../signaling/dispatcher';

/** Device audio session methods; the rules live in SessionManager. */
export function registerSessionHandlers(dispatcher: Dispatcher, services: Services): void {
  const { sessions } = services;
  dispatcher
    .on('createSession', (ctx) => sessions.create(ctx.peer))
    .on('joinSession', (ctx, { sessionId, token }) => sessions.join(ctx.peer, sessionId, token))
    .on('heartbeat', (ctx, { sessionId }) => {
      sessions.heartbeat(ctx.peer, sessionId);
      return {};
    })
    .on('endSession', (ctx, { sessionId }) => {
      sessions.end(ctx.peer, sessionId);
      return {};
    });
}
