import { realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import send from 'send';

/** Paths `send` refused (bad encoding, NUL, `..`, dot files) or did not find: the caller answers 404 alike. */
const NOT_SERVED = new Set([400, 403, 404]);
/** Answers `send` computed and left to us because we listen for its errors. */
const ANSWERED = new Set([412, 416]);

/** `missing`: no such file, so a client-side route may fall back to index.html; `refused`: never a fallback. */
type Outcome = 'served' | 'missing' | 'refused';

interface SendError {
  status?: number;
  /** The stat error's code when the file was not there (ENOENT, ENOTDIR…). */
  code?: string;
  headers?: Record<string, string>;
}

/**
 * Serves the built web client from one directory through `send`, Express's static-file engine: MIME types,
 * ETag/Last-Modified with 304s, byte ranges (suffix ranges, If-Range, 416), `..`, NUL and dot files refused,
 * read errors answered instead of crashing. Chosen over `sirv`, which answers `Range: bytes=-3` with the first
 * four bytes and leaves its read streams without an error handler. On top: symlinks must not lead out of the
 * root, paths without an extension that match no file get index.html (client-side routes), and Vite's
 * content-hashed assets/ are cached for good while everything else is revalidated.
 */
export class StaticFiles {
  private readonly root: string;
  private realRoot: string | null = null;

  /** `spaFallback: false` for plain file directories (the update feed): a missing file is a 404. */
  constructor(
    root: string,
    private readonly options: { spaFallback: boolean } = { spaFallback: true },
  ) {
    this.root = path.resolve(root);
  }

  /** Answers a GET/HEAD for `rawPath` (still percent-encoded); false when there is nothing to serve (404). */
  async serve(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<boolean> {
    if (await this.leadsOutside(rawPath)) return false;
    const outcome = await this.send(req, res, rawPath);
    if (outcome !== 'missing') return outcome === 'served';
    if (!this.options.spaFallback) return false;
    if (path.extname(rawPath) !== '' || (await this.leadsOutside('/index.html'))) return false;
    return (await this.send(req, res, '/index.html')) === 'served';
  }

  private send(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      const settle = (outcome: Outcome) => {
        res.off('finish', served).off('close', served);
        resolve(outcome);
      };
      const served = () => settle('served');
      res.once('finish', served).once('close', served);
      send(req, rawPath, { root: this.root, index: ['index.html'], dotfiles: 'ignore', cacheControl: false })
        .on('headers', (_res: ServerResponse, file: string) => {
          const hashed = path.relative(this.root, file).startsWith('assets' + path.sep);
          res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        })
        // A directory is no page: client-side routes like /room/<id> fall back to index.html.
        .on('directory', () => settle('missing'))
        .on('error', (error: SendError) => {
          const status = error.status ?? 500;
          if (NOT_SERVED.has(status)) return settle(error.code?.startsWith('ENO') ? 'missing' : 'refused');
          if (!ANSWERED.has(status)) return reject(error);
          res.statusCode = status;
          for (const [name, value] of Object.entries(error.headers ?? {})) res.setHeader(name, value);
          res.end();
        })
        .pipe(res);
    });
  }

  /** True when `rawPath` names a file that exists but whose real path (symlinks resolved) is outside the root. */
  private async leadsOutside(rawPath: string): Promise<boolean> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      return false; // `send` refuses it
    }
    const file = path.join(this.root, decoded.endsWith('/') ? `${decoded}index.html` : decoded);
    try {
      const real = await realpath(file);
      this.realRoot ??= await realpath(this.root);
      return !real.startsWith(this.realRoot + path.sep);
    } catch {
      return false; // nothing there: `send` answers 404
    }
  }
}
