import type { RequestOf } from '../../common/protocol';

const FEEDBACK = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }];
const MID_EXT = { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 4 };

/** What Chrome's VP8 camera sends, three simulcast layers with RTX, as mediasoup-client describes it. */
export const camRtp = (mid: string, ssrc: number): RequestOf<'produce'>['rtpParameters'] => ({
  mid,
  codecs: [
    { mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: FEEDBACK },
    { mimeType: 'video/rtx', payloadType: 97, clockRate: 90000, parameters: { apt: 96 }, rtcpFeedback: [] },
  ],
  headerExtensions: [MID_EXT],
  encodings: [0, 1, 2].map((i) => ({ ssrc: ssrc + 10 * i, rtx: { ssrc: ssrc + 10 * i + 1 }, scalabilityMode: 'L1T3' })),
  rtcp: { cname: `cname-${ssrc}`, reducedSize: true },
});

/** What Chrome's opus microphone sends. */
export const micRtp = (mid: string, ssrc: number): RequestOf<'produce'>['rtpParameters'] => ({
  mid,
  codecs: [
    { mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } },
  ],
  headerExtensions: [MID_EXT],
  encodings: [{ ssrc }],
  rtcp: { cname: `cname-${ssrc}`, reducedSize: true },
});
