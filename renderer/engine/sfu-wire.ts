import type { types } from 'mediasoup-client';
import type { z } from 'zod';
import type {
  dtlsParameters,
  iceCandidates,
  iceParameters,
  rtpCapabilities,
  rtpParameters,
  sctpParameters,
} from '../../common/protocol/mediasoup';

/** RTP parameters as the signaling protocol carries them (outer shape checked, the rest mediasoup's own). */
export type WireRtpParameters = z.infer<typeof rtpParameters>;
/** RTP capabilities as the signaling protocol carries them. */
export type WireRtpCapabilities = z.infer<typeof rtpCapabilities>;

/** What `createWebRtcTransport` answers, as far as mediasoup-client needs it. */
export interface WireTransport {
  transportId: string;
  iceParameters: z.infer<typeof iceParameters>;
  iceCandidates: z.infer<typeof iceCandidates>;
  dtlsParameters: z.infer<typeof dtlsParameters>;
  sctpParameters?: z.infer<typeof sctpParameters> | undefined;
}

// mediasoup-client's types are exact object types; the protocol's zod schemas check only the outer shape and keep
// the remaining fields as `unknown`, because the server hands on mediasoup's own objects unchanged. The
// conversions below are the one place where the one is taken for the other, in each direction.

/** Client → wire: mediasoup-client's RTP parameters as the `produce` request carries them. */
export function toWireRtpParameters(parameters: types.RtpParameters): WireRtpParameters {
  return parameters as WireRtpParameters;
}

/** Client → wire: the device's receive capabilities as the `consume` request carries them. */
export function toWireRtpCapabilities(capabilities: types.RtpCapabilities): WireRtpCapabilities {
  return capabilities as WireRtpCapabilities;
}

/** Wire → client: a consumer's RTP parameters from the server, for `transport.consume()`. */
export function toClientRtpParameters(parameters: WireRtpParameters): types.RtpParameters {
  return parameters as types.RtpParameters;
}

/** Wire → client: the router's capabilities from the server, for `device.load()`. */
export function toClientRtpCapabilities(capabilities: WireRtpCapabilities): types.RtpCapabilities {
  return capabilities as types.RtpCapabilities;
}

/** Wire → client: a transport the server created, as mediasoup-client's transport options. */
export function toTransportOptions(remote: WireTransport, iceServers: RTCIceServer[]): types.TransportOptions {
  return {
    id: remote.transportId,
    iceParameters: remote.iceParameters as types.IceParameters,
    iceCandidates: remote.iceCandidates as types.IceCandidate[],
    dtlsParameters: remote.dtlsParameters as types.DtlsParameters,
    sctpParameters: remote.sctpParameters as types.SctpParameters | undefined,
    iceServers,
  };
}
