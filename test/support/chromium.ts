/** Debian's Chromium, driven by Playwright without any browser download. */
export const CHROMIUM_PATH = process.env.MOIM_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Flags verified on these machines (see shared/ENVIRONMENT.md): root with no display and no internet,
 * fake camera/mic/screen, loopback ICE.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  // A page that never captured hides its host candidates behind mDNS (.local) names; nothing resolves them on
  // this offline loopback host, so a receive-only P2P peer could never connect. Real LANs resolve them.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];
