import {
  describeIssue,
  isNotificationName,
  notificationEnvelope,
  notifications,
  responseEnvelope,
  type ErrorBody,
} from '../../common/protocol';
import type { AnyNotification } from './signaling-types';

/** A frame from the server, classified: a response to match by id, a valid notification, or something to drop. */
export type Incoming =
  | { type: 'response'; id: number; ok: true; data: unknown }
  | { type: 'response'; id: number; ok: false; error: ErrorBody }
  | { type: 'notification'; notification: AnyNotification }
  | { type: 'drop'; reason: string };

/**
 * Parses and validates one text frame. Notifications are checked against their schema here, so nothing past
 * this point sees a malformed push; responses are matched to their method's schema by the caller.
 */
export function parseIncoming(raw: unknown): Incoming {
  let message: unknown;
  try {
    message = JSON.parse(String(raw));
  } catch {
    return { type: 'drop', reason: 'not JSON' };
  }
  if (typeof message === 'object' && message !== null && 'ok' in message) {
    const parsed = responseEnvelope.safeParse(message);
    if (!parsed.success) return { type: 'drop', reason: `malformed response: ${describeIssue(parsed.error)}` };
    const r = parsed.data;
    if (r.id === null) {
      // The server could not read one of our frames well enough to know its id.
      return { type: 'drop', reason: r.ok ? 'response without id' : `server refused a frame: ${r.error.code}` };
    }
    return r.ok
      ? { type: 'response', id: r.id, ok: true, data: r.data }
      : { type: 'response', id: r.id, ok: false, error: r.error };
  }
  const parsed = notificationEnvelope.safeParse(message);
  if (!parsed.success) return { type: 'drop', reason: 'neither a response nor a notification' };
  const name = parsed.data.method;
  if (!isNotificationName(name)) return { type: 'drop', reason: `unknown notification ${name.slice(0, 64)}` };
  // Empty notifications (e.g. `replaced`) may come without a data field.
  const data = notifications[name].safeParse(parsed.data.data ?? {});
  if (!data.success) return { type: 'drop', reason: `invalid ${name}: ${describeIssue(data.error)}` };
  return { type: 'notification', notification: { name, data: data.data } as AnyNotification };
}
