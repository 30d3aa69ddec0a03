import type { Services } from '../services';
import { Dispatcher } from '../signaling/dispatcher';
import { registerCallHandlers } from './calls';
import { registerHelloHandler } from './hello';
import { registerRoomExtraHandlers } from './room-extras';
import { registerRoomHandlers } from './rooms';
import { registerSessionHandlers } from './sessions';
import { registerSfuHandlers } from './sfu';
import { registerSignalHandler } from './signal';

/** A dispatcher with a handler for every protocol method, split by feature. */
export function createDispatcher(services: Services): Dispatcher {
  const dispatcher = new Dispatcher();
  registerHelloHandler(dispatcher, services);
  registerRoomHandlers(dispatcher, services);
  registerSignalHandler(dispatcher, services);
  registerSfuHandlers(dispatcher, services);
  registerCallHandlers(dispatcher, services);
  registerSessionHandlers(dispatcher, services);
  registerRoomExtraHandlers(dispatcher, services);
  return dispatcher;
}
