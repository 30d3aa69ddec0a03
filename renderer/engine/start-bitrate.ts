import { SCREEN_START_KBPS, VIDEO_START_KBPS } from '../../common/media';

/** Codecs that carry pictures (not their repair streams: rtx, red, ulpfec, flexfec). */
const PICTURE_CODECS = /^(VP8|VP9|H264|H265|AV1)$/i;
const RTPMAP = /^a=rtpmap:(\d+) ([^/]+)\//;
const FMTP = /^a=fmtp:(\d+) /;

/**
 * `sdp` with `x-google-start-bitrate` on every video codec that carries pictures (appended to its fmtp line, or a
 * new one after its rtpmap), unless already there. Chromium reads it from the REMOTE description of the side that
 * sends, so a P2P link applies it to each description it receives; the SFU's codecs carry it the same way.
 */
export function withStartBitrate(sdp: string, kbps = VIDEO_START_KBPS): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const sections: string[][] = [];
  for (const line of sdp.split(eol)) {
    if (line.startsWith('m=') || sections.length === 0) sections.push([]);
    sections[sections.length - 1]!.push(line);
  }
  return sections
    .map((lines) => (lines[0]!.startsWith('m=video') ? videoSection(lines, kbps) : lines))
    .flat()
    .join(eol);
}

function videoSection(lines: readonly string[], kbps: number): string[] {
  const pictures = new Set<string>();
  for (const line of lines) {
    const map = RTPMAP.exec(line);
    if (map && PICTURE_CODECS.test(map[2]!)) pictures.add(map[1]!);
  }
  const withFmtp = new Set(lines.flatMap((line) => FMTP.exec(line)?.[1] ?? []));
  const param = `x-google-start-bitrate=${kbps}`;
  return lines.flatMap((line) => {
    const fmtp = FMTP.exec(line)?.[1];
    if (fmtp && pictures.has(fmtp)) return line.includes('x-google-start-bitrate') ? [line] : [`${line};${param}`];
    const map = RTPMAP.exec(line)?.[1];
    if (map && pictures.has(map) && !withFmtp.has(map)) return [line, `a=fmtp:${map} ${param}`];
    return [line];
  });
}

/**
 * What a P2P link applies to each description it receives: the start bitrate is chosen once, at its first one
 * (higher while we share a screen), and kept, since Chromium would reset its estimate if a renegotiation changed it.
 */
export function linkStartBitrate(sharesScreen: () => boolean): (sdp: string) => string {
  let kbps: number | null = null;
  return (sdp) => withStartBitrate(sdp, (kbps ??= sharesScreen() ? SCREEN_START_KBPS : VIDEO_START_KBPS));
}
