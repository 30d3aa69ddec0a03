/** SFU media (mediasoup): transports, producers and consumers, and the pushes about them. */
import { z } from 'zod';
import {
  dtlsParameters,
  iceCandidates,
  iceParameters,
  rtpCapabilities,
  rtpParameters,
  sctpParameters,
} from './mediasoup';
import { empty, id, publishKind } from './primitives';

const mediaKind = z.enum(['audio', 'video']);

/** Requests that set up and steer a peer's SFU media. */
export const sfuMethods = {
  getRouterRtpCapabilities: { request: empty, response: z.strictObject({ rtpCapabilities }) },
  createWebRtcTransport: {
    request: z.strictObject({ direction: z.enum(['send', 'recv']), sctp: z.boolean().optional() }),
    response: z.strictObject({
      transportId: id,
      iceParameters,
      iceCandidates,
      dtlsParameters,
      sctpParameters: sctpParameters.optional(),
    }),
  },
  connectWebRtcTransport: {
    request: z.strictObject({ transportId: id, dtlsParameters }),
    response: empty,
  },
  restartIce: {
    request: z.strictObject({ transportId: id }),
    response: z.strictObject({ iceParameters }),
  },
  produce: {
    request: z.strictObject({
      transportId: id,
      kind: mediaKind,
      rtpParameters,
      source: publishKind,
      paused: z.boolean().optional(),
    }),
    response: z.strictObject({ producerId: id }),
  },
  closeProducer: { request: z.strictObject({ producerId: id }), response: empty },
  pauseProducer: { request: z.strictObject({ producerId: id }), response: empty },
  resumeProducer: { request: z.strictObject({ producerId: id }), response: empty },
  consume: {
    request: z.strictObject({ transportId: id, producerId: id, rtpCapabilities }),
    response: z.strictObject({
      consumerId: id,
      producerId: id,
      peerId: id,
      kind: mediaKind,
      source: publishKind,
      rtpParameters,
      type: z.string(),
      producerPaused: z.boolean(),
    }),
  },
  resumeConsumer: { request: z.strictObject({ consumerId: id }), response: empty },
  setConsumerPreferredLayers: {
    request: z.strictObject({
      consumerId: id,
      spatialLayer: z.number().int().min(0).max(3),
      temporalLayer: z.number().int().min(0).max(3).optional(),
    }),
    response: empty,
  },
  // A viewer whose picture went stale (its tab became visible again) asks for a fresh keyframe of its own consumer.
  requestKeyFrame: { request: z.strictObject({ consumerId: id }), response: empty },
} as const;

/** Pushes about producers, consumers, the active speaker and the media worker. */
export const sfuNotifications = {
  newProducer: z.strictObject({
    peerId: id,
    producerId: id,
    kind: mediaKind,
    source: publishKind,
    paused: z.boolean(),
  }),
  producerClosed: z.strictObject({ peerId: id, producerId: id }),
  producerPaused: z.strictObject({ peerId: id, producerId: id }),
  producerResumed: z.strictObject({ peerId: id, producerId: id }),
  consumerClosed: z.strictObject({ consumerId: id }),
  /** The simulcast layers the SFU forwards on a consumer changed (null: none, e.g. the bandwidth ran out). */
  consumerLayersChanged: z.strictObject({
    consumerId: id,
    spatialLayer: z.number().int().min(0).max(15).nullable(),
    temporalLayer: z.number().int().min(0).max(15).nullable(),
  }),
  activeSpeaker: z.strictObject({ peerId: id.nullable() }),
  /** The room's media worker died; a new one took over and clients must set up their SFU media again. */
  mediaReset: empty,
} as const;
