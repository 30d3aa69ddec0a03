/** Signing in on a server: the `hello` request that starts (or resumes) a connection, and its takeover push. */
import { z } from 'zod';
import { MAX_SERVERS, signalingUrl } from '../server-list';
import { displayName, empty, iceServer, id } from './primitives';

/** The request every connection starts with. */
export const helloMethods = {
  hello: {
    request: z.strictObject({
      displayName,
      resume: z.strictObject({ peerId: id, secret: z.string().min(16).max(128) }).optional(),
    }),
    response: z.strictObject({
      peerId: id,
      secret: z.string(),
      iceServers: z.array(iceServer),
      sfuAvailable: z.boolean(),
      /** Other servers of this server's cluster a client may sign in on when this one stops answering. */
      servers: z.array(signalingUrl).max(MAX_SERVERS).optional(),
    }),
  },
} as const;

/** Pushes about the connection itself. */
export const helloNotifications = {
  /** The connection was taken over by a newer one with the same peer id; this one is about to close. */
  replaced: empty,
} as const;
