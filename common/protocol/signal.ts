/** P2P signaling: offers, answers and ICE candidates relayed between two peers of a room. */
import { z } from 'zod';
import { empty, iceCandidate, id, publishKind, sessionDescription } from './primitives';

/**
 * Sent with each P2P offer/answer: the sender's MediaStream id → what it carries. The camera stream also
 * carries the mic's audio track (one stream keeps lip sync), so an audio track in a 'cam' stream is the mic.
 */
export const streamKinds = z.record(z.string().min(1).max(100), publishKind).refine((r) => Object.keys(r).length <= 8, {
  message: 'at most 8 streams',
});

/** The request that relays a description or a candidate to another peer. */
export const signalMethods = {
  signal: {
    request: z
      .strictObject({
        to: id,
        description: sessionDescription.optional(),
        candidate: iceCandidate.nullable().optional(),
        streams: streamKinds.optional(),
      })
      .refine((m) => (m.description === undefined) !== (m.candidate === undefined), {
        message: 'a signal carries exactly one of description or candidate',
      }),
    response: empty,
  },
} as const;

/** The push that delivers a relayed description or candidate. */
export const signalNotifications = {
  signal: z.strictObject({
    from: id,
    description: sessionDescription.optional(),
    candidate: iceCandidate.nullable().optional(),
    streams: streamKinds.optional(),
  }),
} as const;
