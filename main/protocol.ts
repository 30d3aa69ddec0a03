import path from 'node:path';
import type { CustomScheme } from 'electron';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { logger } from './log';

const log = logger('protocol');

/**
 * Privileges of the app scheme; must be registered before `ready`. `standard` gives it a real origin
 * (so permissions and IPC can be checked against it), `secure` makes it a secure context (getUserMedia,
 * getDisplayMedia), `supportFetchAPI` lets the renderer fetch its own assets.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/**
 * The page's Content-Security-Policy. Scripts only from the app; connections anywhere over ws/http(s)
 * because the room server is whatever the user configured; inline styles because Lit templates may
 * carry style attributes; data: images for the picker's thumbnails.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss: http: https:",
  "manifest-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps an app URL to a file under `root`, or null when it names anything outside it (traversal,
 * encoded separators, NUL bytes, another host).
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  // Decoding can turn %2F / %5C / %00 into separators or NULs the URL parser never saw: refuse them.
  if (pathname.includes('\0') || pathname.includes('\\') || pathname.split('/').includes('..')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  const inside = path.relative(resolvedRoot, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

/** What the protocol module needs from Electron and the file system. */
export interface AppProtocolDeps {
  protocol: { handle(scheme: string, handler: (request: Request) => Promise<Response>): void };
  /** dist/renderer */
  rootDir: string;
  readFile: (file: string) => Promise<Uint8Array>;
}

/** Builds the handler that serves dist/renderer under the app scheme with the CSP on every response. */
export function createAppProtocolHandler(deps: Pick<AppProtocolDeps, 'rootDir' | 'readFile'>) {
  return async (request: Request): Promise<Response> => {
    const headers = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers });
    const file = resolveAppPath(deps.rootDir, request.url);
    if (!file) {
      log.warn('serve() | refused %s', request.url.slice(0, 200));
      return new Response('Not found', { status: 404, headers });
    }
    try {
      const body = await deps.readFile(file);
      const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      // fs hands back ArrayBuffer-backed bytes; the DOM typing only fears SharedArrayBuffer.
      return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
        status: 200,
        headers: { ...headers, 'Content-Type': type },
      });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  };
}

/** Serves the renderer from `moim-app://app/` (call after `ready`). */
export function setupAppProtocol(deps: AppProtocolDeps): void {
  deps.protocol.handle(APP_SCHEME, createAppProtocolHandler(deps));
}
