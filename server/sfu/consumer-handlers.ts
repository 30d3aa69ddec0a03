import type { types } from 'mediasoup';
import { ProtocolError } from '../../common/protocol';
import type { SfuHandler } from './media-service';
import type { SfuConsumer } from './mediasoup-types';
import type { ReceiveContext, RoomRef } from './sfu-context';
import { mediasoupCall } from './sfu-errors';
import { estimateOf } from './transport-estimate';

type ConsumerMethod = 'consume' | 'resumeConsumer' | 'setConsumerPreferredLayers' | 'requestKeyFrame';
type ConsumerHandlers = { [M in ConsumerMethod]: SfuHandler<M, RoomRef> };

/**
 * Asks the producer behind a video consumer for a keyframe now, rather than leaving the viewer on a grey or
 * smeared picture until the sender's next periodic one (for a screen share that can be many seconds, since a
 * still screen makes few). mediasoup does this itself on some of these paths; asking explicitly costs nothing,
 * because the producer's keyFrameRequestDelay folds requests that arrive together into one.
 */
function askKeyFrame(consumer: SfuConsumer): Promise<void> {
  if (consumer.kind !== 'video') return Promise.resolve();
  return mediasoupCall('requestKeyFrame', () => consumer.requestKeyFrame());
}

/** Handlers for a peer's consumers: subscribing to a producer, the resume acknowledgement, layer choice. */
export function consumerHandlers(ctx: ReceiveContext): ConsumerHandlers {
  return {
    // Created paused: the client resumes it once its side is ready, and mediasoup asks the producer for a
    // keyframe on resume, so the first frame is not lost in between.
    consume: async (room, peer, { transportId, producerId, rtpCapabilities }) => {
      const media = ctx.media(room);
      const peerMedia = media.peer(peer.id);
      const transport = peerMedia.transport(transportId, 'recv');
      // On an edge router (or another server's mirror) the producer exists once its pipe is up (same id there).
      const { entry, router } = await media.consumable(peer.id, producerId);
      if (entry.peerId === peer.id) throw new ProtocolError('BAD_REQUEST', 'cannot consume your own producer');
      const capabilities = rtpCapabilities as types.RtpCapabilities;
      if (!router.canConsume({ producerId, rtpCapabilities: capabilities })) {
        throw new ProtocolError('UNSUPPORTED', `your device cannot receive producer ${producerId}`);
      }
      // Consuming a producer again replaces the earlier consumer.
      const earlier = peerMedia.consumerOf(producerId);
      if (earlier) {
        peerMedia.consumers.delete(earlier.id);
        earlier.close();
      }
      const consumer = await mediasoupCall('consume', () =>
        transport.consume({ producerId, rtpCapabilities: capabilities, paused: true, appData: { peerId: peer.id } }),
      );
      peerMedia.adopt(consumer);
      if (consumer.closed || media.producer(producerId) !== entry) {
        consumer.close();
        throw new ProtocolError('INVALID_STATE', `producer ${producerId} closed meanwhile`);
      }
      peerMedia.consumers.set(consumer.id, consumer);
      await entry.layers?.adopt(consumer, estimateOf(transport));
      // The stats panel shows which simulcast layer arrives: only the server knows it.
      consumer.on?.('layerschange', (layers) =>
        peer.notify('consumerLayersChanged', {
          consumerId: consumer.id,
          spatialLayer: layers?.spatialLayer ?? null,
          temporalLayer: layers?.temporalLayer ?? null,
        }),
      );
      const { id: consumerId, kind, rtpParameters, type, producerPaused } = consumer;
      return {
        consumerId,
        producerId,
        peerId: entry.peerId,
        kind,
        source: entry.source,
        rtpParameters,
        type,
        producerPaused,
      };
    },

    resumeConsumer: async (room, peer, { consumerId }) => {
      const consumer = ctx.media(room).peer(peer.id).consumer(consumerId);
      await mediasoupCall('resumeConsumer', () => consumer.resume());
      // A new viewer (a late joiner above all) needs a keyframe to show anything at all.
      await askKeyFrame(consumer);
      return {};
    },

    setConsumerPreferredLayers: async (room, peer, { consumerId, spatialLayer, temporalLayer }) => {
      const consumer = ctx.media(room).peer(peer.id).consumer(consumerId);
      const layers = temporalLayer === undefined ? { spatialLayer } : { spatialLayer, temporalLayer };
      const watch = ctx.media(room).producer(consumer.producerId)?.layers;
      if (watch) await watch.prefer(consumer, layers);
      else await mediasoupCall('setConsumerPreferredLayers', () => consumer.setPreferredLayers(layers));
      // A viewer switching to another layer can decode nothing of it before that layer's next keyframe.
      await askKeyFrame(consumer);
      return {};
    },

    // Only a consumer of the caller's own is found: knowing another viewer's consumer id gives no power over it.
    requestKeyFrame: async (room, peer, { consumerId }) => {
      await askKeyFrame(ctx.media(room).peer(peer.id).consumer(consumerId));
      return {};
    },
  };
}
