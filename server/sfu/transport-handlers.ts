import type { types } from 'mediasoup';
import { ProtocolError } from '../../common/protocol';
import type { SfuHandler } from './media-service';
import { webRtcTransportOptions } from './media-settings';
import type { ReceiveContext, RoomRef } from './sfu-context';
import { mediasoupCall } from './sfu-errors';
import { webRtcServerOf } from './webrtc-servers';

type TransportMethod = 'getRouterRtpCapabilities' | 'createWebRtcTransport' | 'connectWebRtcTransport' | 'restartIce';
type TransportHandlers = { [M in TransportMethod]: SfuHandler<M, RoomRef> };

/**
 * Handlers for the router's capabilities and a peer's WebRTC transports (one send, one receive); on a room's mirror
 * (cluster) they serve the receive side only.
 */
export function transportHandlers(ctx: ReceiveContext): TransportHandlers {
  return {
    getRouterRtpCapabilities: async (room) => ({ rtpCapabilities: ctx.media(room).router.rtpCapabilities }),

    // A second transport of the same direction replaces the first (a client recovering from a failed one).
    createWebRtcTransport: async (room, peer, { direction, sctp = false }) => {
      const media = ctx.media(room);
      const peerMedia = media.peer(peer.id);
      // Receive transports of a big room may go to an edge router on another worker (router-fleet.ts).
      const { worker, router } = await media.routerFor(peer.id, direction);
      const server = webRtcServerOf(worker);
      const options = {
        ...webRtcTransportOptions(ctx.settings, sctp, server),
        appData: { peerId: peer.id, direction },
      };
      const transport = await mediasoupCall('createWebRtcTransport', () => router.createWebRtcTransport(options)).catch(
        (error: unknown) => {
          // The router is fine, so a refusal here means the worker is out of ports (or of sockets).
          if (error instanceof ProtocolError && error.code === 'INVALID_STATE') {
            throw new ProtocolError('MEDIA_SERVER_UNAVAILABLE', 'the media server has no free port; try again later');
          }
          throw error;
        },
      );
      const replacing = peerMedia.transportFor(direction) !== undefined;
      media.setTransport(peerMedia, direction, transport);
      // A receive transport made again (the client's reconnect ladder) lost its consumers with the old one:
      // announce every producer again so the client consumes them on the new one.
      if (replacing && direction === 'recv') media.announceTo(peer);
      const { id: transportId, iceParameters, iceCandidates, dtlsParameters, sctpParameters } = transport;
      return { transportId, iceParameters, iceCandidates, dtlsParameters, ...(sctpParameters && { sctpParameters }) };
    },

    connectWebRtcTransport: async (room, peer, { transportId, dtlsParameters }) => {
      const transport = ctx.media(room).peer(peer.id).transport(transportId);
      // The schema checked the outer shape; mediasoup validates the rest.
      const dtls = dtlsParameters as types.DtlsParameters;
      await mediasoupCall('connectWebRtcTransport', () => transport.connect({ dtlsParameters: dtls }));
      return {};
    },

    restartIce: async (room, peer, { transportId }) => {
      const transport = ctx.media(room).peer(peer.id).transport(transportId);
      return { iceParameters: await mediasoupCall('restartIce', () => transport.restartIce()) };
    },
  };
}
