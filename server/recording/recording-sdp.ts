import type { types } from 'mediasoup';

/** One RTP stream the recorder receives: where ffmpeg listens for it, and what it carries. */
export interface RecordedStream {
  kind: types.MediaKind;
  /** ffmpeg's RTP port; RTCP comes to the next port. */
  port: number;
  rtpParameters: types.RtpParameters;
}

/**
 * The SDP that tells ffmpeg what arrives on which local port: one media section per stream, with the
 * codec the consumer sends (its payload type, clock rate, channels and format parameters).
 */
export function recordingSdp(streams: readonly RecordedStream[]): string {
  const lines = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=Moim recording', 'c=IN IP4 127.0.0.1', 't=0 0'];
  for (const { kind, port, rtpParameters } of streams) {
    const codec = rtpParameters.codecs[0];
    if (!codec) throw new TypeError(`recordingSdp() | the ${kind} stream has no codec`);
    const name = codec.mimeType.split('/')[1];
    const channels = codec.channels && codec.channels > 1 ? `/${codec.channels}` : '';
    lines.push(`m=${kind} ${port} RTP/AVPF ${codec.payloadType}`);
    lines.push(`a=rtcp:${port + 1}`);
    lines.push(`a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`);
    const fmtp = Object.entries(codec.parameters ?? {}).map(([key, value]) => `${key}=${String(value)}`);
    if (fmtp.length) lines.push(`a=fmtp:${codec.payloadType} ${fmtp.join(';')}`);
    lines.push('a=recvonly');
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The container a recording goes into: WebM for VP8/VP9 and Opus, Matroska for anything else (H264). */
export function recordingExtension(streams: readonly RecordedStream[]): 'webm' | 'mkv' {
  const webm = ['video/vp8', 'video/vp9', 'audio/opus'];
  const all = streams.flatMap((s) => s.rtpParameters.codecs.slice(0, 1).map((c) => c.mimeType.toLowerCase()));
  return all.every((mime) => webm.includes(mime)) ? 'webm' : 'mkv';
}
