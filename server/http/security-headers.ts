import type { ServerResponse } from 'node:http';

/**
 * The Content-Security-Policy of the web client: a Vite build of a Lit app loads only its own module
 * scripts; Lit's styles may fall back to <style> elements (hence 'unsafe-inline' for styles only);
 * signaling is a WebSocket to the same host ('self' covers ws:/wss: of the same origin) and to the servers it may
 * fail over to (`connectTo`); media comes from MediaStreams and blobs; nothing may frame the app.
 */
export function contentSecurityPolicy(connectTo: readonly string[] = []): string {
  // Only scheme://host[:port] of each address: nothing of a path or query can end up as a directive.
  const sources = connectTo.map((url) => `${new URL(url).protocol}//${new URL(url).host}`);
  return CSP.map((d) => (d === "connect-src 'self'" ? [d, ...sources].join(' ') : d)).join('; ');
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' data: blob: mediastream:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

const HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The app itself needs camera, microphone and screen capture; nothing else, and no embedder gets them.
  'Permissions-Policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()',
};

/** Sets the security headers every HTTP response carries; `csp` from contentSecurityPolicy. */
export function setSecurityHeaders(res: ServerResponse, csp = contentSecurityPolicy()): void {
  res.setHeader('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
}
