import { z } from 'zod';

// mediasoup validates these deeply itself; here we check the outer shape so garbage never reaches the
// worker, and keep unknown fields because mediasoup-client adds new ones over time.

const codec = z.looseObject({
  mimeType: z.string().max(64),
  clockRate: z.number().int().positive(),
});

/** RTP capabilities of a device or router. */
export const rtpCapabilities = z.looseObject({
  codecs: z
    .array(codec.extend({ kind: z.enum(['audio', 'video']).optional() }))
    .max(64)
    .optional(),
  headerExtensions: z
    .array(z.looseObject({ uri: z.string().max(256) }))
    .max(64)
    .optional(),
});

/** RTP parameters of a producer or consumer. */
export const rtpParameters = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z
    .array(codec.extend({ payloadType: z.number().int().min(0).max(127) }))
    .min(1)
    .max(32),
  headerExtensions: z
    .array(z.looseObject({ uri: z.string().max(256), id: z.number().int() }))
    .max(32)
    .optional(),
  encodings: z.array(z.looseObject({})).max(8).optional(),
  rtcp: z.looseObject({}).optional(),
});

/** DTLS parameters of a WebRTC transport. */
export const dtlsParameters = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.strictObject({ algorithm: z.string().max(32), value: z.string().max(256) }))
    .min(1)
    .max(8),
});

/** ICE parameters of a WebRTC transport. */
export const iceParameters = z.looseObject({
  usernameFragment: z.string(),
  password: z.string(),
  iceLite: z.boolean().optional(),
});

/** ICE candidates of a WebRTC transport. */
export const iceCandidates = z
  .array(z.looseObject({ foundation: z.string(), ip: z.string(), port: z.number() }))
  .max(32);

/** SCTP parameters of a WebRTC transport, present when DataChannels were asked for. */
export const sctpParameters = z.looseObject({ port: z.number(), OS: z.number(), MIS: z.number() });
