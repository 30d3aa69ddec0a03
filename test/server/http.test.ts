// @vitest-environment node
// The room server's plain HTTP side: the web client's files, /healthz, headers, and path traversal attempts.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server';

let dir: string;
let root: string;
let server: RunningServer;

const INDEX = '<!doctype html><title>Moim</title><script type="module" src="/assets/app-1a2b.js"></script>';
const SECRET = 'secret-outside-the-web-root';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'moim-http-'));
  root = path.join(dir, 'web');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), INDEX);
  writeFileSync(path.join(root, 'assets', 'app-1a2b.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'style.css'), 'body{}');
  writeFileSync(path.join(root, 'ring.ogg'), 'OggS');
  writeFileSync(path.join(root, 'café.txt'), 'accented');
  writeFileSync(path.join(root, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(path.join(root, 'font.woff2'), 'wOF2');
  writeFileSync(path.join(root, '.env'), SECRET);
  mkdirSync(path.join(root, 'assets', '.git'));
  writeFileSync(path.join(root, 'assets', '.git', 'config'), SECRET);
  writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ secret: SECRET }));
  symlinkSync(path.join(dir, 'secret.txt'), path.join(root, 'linked.txt'));
  server = await startServer({ host: '127.0.0.1', port: 0, staticDir: root });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw HTTP request: the path goes on the wire exactly as given (fetch would normalize '..'). */
function raw(rawPath: string, method = 'GET', headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: rawPath, method, headers }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('the web client over HTTP', () => {
  it.each(['/', '/?room=AAAAAAAAAAAAAAAA', '/room/AAAAAAAAAAAAAAAA'])(
    'serves index.html for %s, revalidated on every load',
    async (url) => {
      const res = await raw(url);
      expect(res.status).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it.each([
    ['/assets/app-1a2b.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/style.css', 'text/css; charset=utf-8', 'no-cache'],
    ['/ring.ogg', 'audio/ogg', 'no-cache'],
    ['/icon.svg', 'image/svg+xml', 'no-cache'],
    ['/font.woff2', 'font/woff2', 'no-cache'],
    ['/caf%C3%A9.txt', 'text/plain; charset=utf-8', 'no-cache'],
  ])('serves %s as %s', async (url, type, cache) => {
    const res = await raw(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe(cache);
  });

  it('sends the security headers, with a CSP that allows only its own scripts and same-origin WebSockets', async () => {
    const { headers } = await raw('/');
    const csp = String(headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers 404 for a missing file with an extension', async () => {
    expect((await raw('/assets/missing-0000.js')).status).toBe(404);
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/.env',
    '/linked.txt',
    '/index.html%00.js',
    '/../package.json',
    '/%2e%2e/%2e%2e/package.json',
    '/%2e%2e%2f%2e%2e%2fpackage.json',
    '/assets/.git/config',
    '/%E0%A4%A.js',
  ])('never serves anything outside the web root or hidden: %s', async (url) => {
    const res = await raw(url);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
  });

  it('answers a byte range with 206 and Content-Range, a suffix range with the last bytes', async () => {
    const first = await raw('/style.css', 'GET', { Range: 'bytes=0-3' });
    expect(first.status).toBe(206);
    expect(first.headers['content-range']).toBe('bytes 0-3/6');
    expect(first.body).toBe('body');
    const last = await raw('/style.css', 'GET', { Range: 'bytes=-2' });
    expect(last.status).toBe(206);
    expect(last.headers['content-range']).toBe('bytes 4-5/6');
    expect(last.body).toBe('{}');
    expect(last.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers an unsatisfiable range with 416 and the full length', async () => {
    const res = await raw('/style.css', 'GET', { Range: 'bytes=100-200' });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe('bytes */6');
    expect(res.body).toBe('');
  });

  it('sends an ETag and answers a matching If-None-Match with 304 and no body', async () => {
    const first = await raw('/style.css');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^(W\/)?"/);
    const again = await raw('/style.css', 'GET', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw('/style.css', 'GET', { 'If-None-Match': '"something-else"' })).status).toBe(200);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await raw('/style.css', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('6');
    expect(res.body).toBe('');
  });

  it('answers other methods with 405 and Allow', async () => {
    const res = await raw('/', 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('answers /healthz with ok and counts, never cached', async () => {
    const res = await raw('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, rooms: 0, peers: 0, sfuAvailable: false });
  });
});

describe('a server without a built web client', () => {
  it('answers 404 for the page but still serves /healthz', async () => {
    const bare = await startServer({ host: '127.0.0.1', port: 0, staticDir: path.join(dir, 'nothing-here') });
    try {
      expect((await fetch(`${bare.url}/`)).status).toBe(404);
      expect(await (await fetch(`${bare.url}/healthz`)).json()).toMatchObject({ ok: true });
    } finally {
      await bare.close();
    }
  });
});
