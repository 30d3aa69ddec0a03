import type { types } from 'mediasoup';
import { VIDEO_START_KBPS } from '../../common/media';

/** How the mediasoup SFU runs: workers, RTC ports and the address clients reach it on. */
export interface SfuSettings {
  /** mediasoup-worker processes (one per core is the usual choice). */
  workers: number;
  /**
   * Consumers a router carries before new receive transports go to an edge router on another worker, fed
   * from the room's origin router by pipeToRouter (a receive transport with no consumer yet counts as one).
   */
  consumersPerRouter: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  /** Interface the WebRtcTransports listen on. */
  listenIp: string;
  /** Address put in ICE candidates instead of `listenIp` (a public IP behind NAT). */
  announcedIp?: string | undefined;
  /** Bits per second a new consumer may send at first; high enough that everyone starts on the top layer. */
  initialAvailableOutgoingBitrate: number;
  /** Folder recordings are written to; unset = `recordings` in the default data folder. */
  recordingDir?: string | undefined;
}

/** Defaults for everything but the worker count: 500 consumers per router, loopback, ports 40000–49999, 3 Mbps. */
export const DEFAULT_SFU_SETTINGS: Omit<SfuSettings, 'workers'> = {
  consumersPerRouter: 500,
  rtcMinPort: 40_000,
  rtcMaxPort: 49_999,
  listenIp: '127.0.0.1',
  initialAvailableOutgoingBitrate: 3_000_000,
};

/**
 * Every router's codecs. VP8 comes first: 3.12 finds H264 temporal layers only through frame-marking,
 * which Chrome doesn't send, so VP8 (then VP9) is what simulcast and layer switching work with.
 */
export const MEDIA_CODECS: types.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48_000, channels: 2 },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90_000,
    parameters: { 'x-google-start-bitrate': VIDEO_START_KBPS },
  },
  { kind: 'video', mimeType: 'video/VP9', clockRate: 90_000, parameters: { 'profile-id': 0 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90_000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

/**
 * How long a video producer gathers keyframe requests before asking the sender again. With 0, mediasoup
 * sends one request and, while it is pending, re-asks only after 1000 ms; Chromium also ignores a request
 * within 300 ms of the last one it acted on (libwebrtc's minimum keyframe request interval). So viewers that
 * join together just after the first request waited a second. With a delay just above Chromium's window, every
 * request in it is answered by one more keyframe that the encoder does honour (issue 13: parallel joiners).
 * 350 rather than 400: four viewers joining at once then see their first frame 250 ms sooner (median of the
 * crowd 648–774 ms against 996–1026 ms, interleaved runs on 2026-12-07), and 50 ms still covers the jitter
 * between two requests on their way to the sender.
 */
export const KEYFRAME_REQUEST_DELAY_MS = 350;

/** AudioLevelObserver options: the loudest producer above -70 dBov, checked every 800 ms. */
export const AUDIO_LEVEL_OPTIONS: types.AudioLevelObserverOptions = { maxEntries: 1, threshold: -70, interval: 800 };

/** The address transports listen on, with the one other hosts are told (`--announced-ip`) when set. */
export function listenIpOf(settings: SfuSettings): types.TransportListenIp {
  return settings.announcedIp
    ? { ip: settings.listenIp, announcedIp: settings.announcedIp }
    : { ip: settings.listenIp };
}

/**
 * Pipes between servers (cluster): NACK/RTX, since they cross a real network that loses packets (between
 * workers of one host, pipeToRouter needs neither), and SRTP, since that network need not be private. Both ends
 * must agree on both; the SRTP keys travel over the cluster bus.
 */
export const PIPE_OPTIONS = { enableRtx: true, enableSrtp: true } as const;

/**
 * Options of every WebRtcTransport; SCTP (DataChannels) only when the client asked for it. With the
 * worker's WebRtcServer the transport shares its port; without one it takes its own from the range.
 */
export function webRtcTransportOptions(
  settings: SfuSettings,
  sctp: boolean,
  webRtcServer?: types.WebRtcServer,
): types.WebRtcTransportOptions {
  return {
    ...(webRtcServer ? { webRtcServer } : { listenIps: [listenIpOf(settings)] }),
    enableUdp: true,
    enableTcp: true,
    preferUdp: true,
    initialAvailableOutgoingBitrate: settings.initialAvailableOutgoingBitrate,
    enableSctp: sctp,
    numSctpStreams: { OS: 1024, MIS: 1024 },
  };
}
