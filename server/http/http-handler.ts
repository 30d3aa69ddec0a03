import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger } from '../log';
import { contentSecurityPolicy, setSecurityHeaders } from './security-headers';
import type { StaticFiles } from './static-files';

const log = createLogger('http');

/** Options for the HTTP handler. */
export interface HttpHandlerOptions {
  files: StaticFiles;
  /** The desktop app's update feed, served under UPDATE_FEED_PATH; absent = 404 there. */
  updateFeed?: StaticFiles;
  /** The body of `/healthz`, computed per request. */
  health(): Record<string, unknown>;
  /** Signaling addresses besides this server's that the web client may connect to (its failover servers). */
  connectTo?: readonly string[];
}

/** Where the desktop app's generic update provider finds latest*.yml and the installers. */
export const UPDATE_FEED_PATH = '/updates/';

/** Answers plain HTTP: `/healthz`, the update feed, then the web client's files; GET and HEAD only. */
export class HttpHandler {
  private readonly csp: string;

  constructor(private readonly options: HttpHandlerOptions) {
    this.csp = contentSecurityPolicy(options.connectTo);
  }

  /** The `request` listener of the HTTP server. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.route(req, res).catch((error: unknown) => {
      log.error('handle() | %s %s failed: %o', req.method, req.url, error);
      if (!res.headersSent) this.text(res, 500, 'internal error');
      else res.destroy();
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res, this.csp);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.text(res, 405, 'method not allowed');
    }
    // The raw path, not a URL-normalized one: StaticFiles decides about '..' itself.
    const rawPath = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
    if (rawPath === '/healthz') {
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(JSON.stringify({ ok: true, ...this.options.health() }));
      return;
    }
    if (rawPath.startsWith(UPDATE_FEED_PATH)) {
      const feed = this.options.updateFeed;
      const file = rawPath.slice(UPDATE_FEED_PATH.length - 1);
      if (!feed || !(await feed.serve(req, res, file))) this.text(res, 404, 'not found');
      return;
    }
    if (!(await this.options.files.serve(req, res, rawPath))) this.text(res, 404, 'not found');
  }

  private text(res: ServerResponse, status: number, body: string): void {
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(body);
  }
}
