import type { z } from 'zod';
import { callMethods, callNotifications } from './calls';
import { helloMethods, helloNotifications } from './hello';
import { roomExtraMethods, roomExtraNotifications } from './room-extras';
import { roomMethods, roomNotifications } from './rooms';
import { sessionMethods, sessionNotifications } from './sessions';
import { sfuMethods, sfuNotifications } from './sfu';
import { signalMethods, signalNotifications } from './signal';

/**
 * Every request a client may send: method name → request and response schemas.
 * The server validates `request` on receipt; the client may validate `response`.
 */
export const methods = {
  ...helloMethods,
  ...roomMethods,
  ...signalMethods,
  ...sfuMethods,
  ...callMethods,
  ...sessionMethods,
  ...roomExtraMethods,
} as const;

/**
 * Every push the server may send: notification name → data schema.
 */
export const notifications = {
  ...roomNotifications,
  ...signalNotifications,
  ...helloNotifications,
  ...sfuNotifications,
  ...callNotifications,
  ...sessionNotifications,
  ...roomExtraNotifications,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Methods[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Methods[M]['response']>;

export type Notifications = typeof notifications;
export type NotificationName = keyof Notifications;
export type NotificationOf<N extends NotificationName> = z.output<Notifications[N]>;

/** True when `name` is a method the protocol defines. */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** True when `name` is a notification the protocol defines. */
export function isNotificationName(name: string): name is NotificationName {
  return Object.hasOwn(notifications, name);
}
