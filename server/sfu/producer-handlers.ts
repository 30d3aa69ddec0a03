import type { types } from 'mediasoup';
import { ProtocolError, type PublishKind } from '../../common/protocol';
import type { SfuHandlers } from './media-service';
import type { SfuContext } from './sfu-context';
import { LayerWatch } from './layer-watch';
import { KEYFRAME_REQUEST_DELAY_MS } from './media-settings';
import { mediasoupCall } from './sfu-errors';

type ProducerHandlers = Pick<SfuHandlers, 'produce' | 'closeProducer' | 'pauseProducer' | 'resumeProducer'>;

/** What each source may carry: a screen share may bring its audio along. */
const SOURCE_KINDS: Record<PublishKind, readonly types.MediaKind[]> = {
  mic: ['audio'],
  cam: ['video'],
  screen: ['video', 'audio'],
};

/** Handlers for a peer's producers: publishing, unpublishing, pausing and resuming. */
export function producerHandlers(ctx: SfuContext): ProducerHandlers {
  return {
    produce: async (room, peer, { transportId, kind, rtpParameters, source, paused = false }) => {
      if (peer.role === 'viewer') throw new ProtocolError('FORBIDDEN', 'viewers cannot publish');
      if (!SOURCE_KINDS[source].includes(kind))
        throw new ProtocolError('BAD_REQUEST', `${source} cannot carry ${kind}`);
      const media = ctx.media(room);
      const peerMedia = media.peer(peer.id);
      const transport = peerMedia.transport(transportId, 'send');
      const existing = peerMedia.producing(source, kind);
      if (existing) {
        const id = existing.producer.id;
        throw new ProtocolError(
          'INVALID_STATE',
          `already producing ${source} ${kind} (producer ${id}); close it first`,
        );
      }
      const producer = await mediasoupCall('produce', () =>
        transport.produce({
          kind,
          // The schema checked the outer shape; mediasoup validates the rest.
          rtpParameters: rtpParameters as types.RtpParameters,
          paused,
          keyFrameRequestDelay: kind === 'video' ? KEYFRAME_REQUEST_DELAY_MS : 0,
          appData: { peerId: peer.id, source },
        }),
      );
      peerMedia.adopt(producer);
      media.addProducer(peer, peerMedia, { producer, peerId: peer.id, source, layers: LayerWatch.of(producer) });
      return { producerId: producer.id };
    },

    closeProducer: async (room, peer, { producerId }) => {
      const media = ctx.media(room);
      media.closeProducer(media.peer(peer.id).producer(producerId));
      return {};
    },

    pauseProducer: async (room, peer, { producerId }) => {
      const { producer } = ctx.media(room).peer(peer.id).producer(producerId);
      if (producer.paused) return {};
      await mediasoupCall('pauseProducer', () => producer.pause());
      room.notifyAll('producerPaused', { peerId: peer.id, producerId }, peer);
      return {};
    },

    resumeProducer: async (room, peer, { producerId }) => {
      const { producer } = ctx.media(room).peer(peer.id).producer(producerId);
      if (!producer.paused) return {};
      await mediasoupCall('resumeProducer', () => producer.resume());
      room.notifyAll('producerResumed', { peerId: peer.id, producerId }, peer);
      return {};
    },
  };
}
