import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { createLogger } from '../log';
import { mimeType } from './mime-types';

const log = createLogger('http');

/**
 * Serves the built web client from one directory. Paths are resolved segment by segment: `..`, dot
 * files, NUL and backslashes are refused, the result must stay inside the root, and symlinks must not
 * lead out of it. Paths without an extension that match no file get index.html (client-side routes).
 */
export class StaticFiles {
  private readonly root: string;
  private realRoot: string | null = null;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Maps a raw (still percent-encoded) URL path to a file path inside the root, or null. */
  resolve(rawPath: string): string | null {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rawPath);
    } catch {
      return null;
    }
    if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
    const segments = decoded.split('/').filter((s) => s !== '');
    if (segments.some((s) => s.startsWith('.'))) return null;
    const file = path.join(this.root, ...segments);
    return file === this.root || file.startsWith(this.root + path.sep) ? file : null;
  }

  /** Answers a GET/HEAD for `rawPath`; false when there is nothing to serve (the caller sends 404). */
  async serve(req: IncomingMessage, res: ServerResponse, rawPath: string): Promise<boolean> {
    const file = this.resolve(rawPath);
    if (file === null) return false;
    let target = await this.fileAt(file === this.root ? path.join(file, 'index.html') : file);
    if (!target && path.extname(file) === '') target = await this.fileAt(path.join(this.root, 'index.html'));
    if (!target) return false;
    res.statusCode = 200;
    res.setHeader('Content-Type', mimeType(target.path));
    res.setHeader('Content-Length', target.size);
    // Vite puts content-hashed names under assets/; everything else must be revalidated.
    const hashed = target.relative.startsWith('assets' + path.sep);
    res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    await new Promise<void>((resolve) => {
      const stream = createReadStream(target.path);
      stream.on('error', (error) => {
        log.warn('serve() | read failed [%s]: %s', target.path, error.message);
        res.destroy();
        resolve();
      });
      stream.on('end', resolve);
      stream.pipe(res);
    });
    return true;
  }

  /** The regular file at `file` if it exists and really lies inside the root (symlinks resolved). */
  private async fileAt(file: string): Promise<{ path: string; relative: string; size: number } | null> {
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      this.realRoot ??= await realpath(this.root);
      const real = await realpath(file);
      if (!real.startsWith(this.realRoot + path.sep)) return null;
      return { path: real, relative: path.relative(this.realRoot, real), size: info.size };
    } catch {
      return null;
    }
  }
}
