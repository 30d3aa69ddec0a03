/**
 * Where a video sender's bandwidth estimate starts, in kbit/s (Chromium's `x-google-start-bitrate`), for the SFU's
 * codecs and for P2P links alike. Chromium's own start is 300 kbit/s: a 1080p keyframe of a slide sent at that
 * rate is a blur, and a late joiner stares at it until the estimate has grown. 1 Mbit/s is what the thinnest link
 * we plan for carries (the 1 Mbit/s presenter cap of the network tests); a thinner one backs off within a second.
 */
export const VIDEO_START_KBPS = 1000;

/**
 * The start of a P2P link made while its sender shares a screen (a late joiner of the share), in kbit/s. At 1 Mbit/s
 * Chromium starts 1080p motion scaled down and grows it back over seconds: a late joiner's picture was sharp after
 * 1.5 s, at 2.5 Mbit/s after 0.8–0.9 s (screen-share bench, 2026-12-07).
 */
export const SCREEN_START_KBPS = 2500;
