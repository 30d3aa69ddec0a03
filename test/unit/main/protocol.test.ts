// @vitest-environment node
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  createAppProtocolHandler,
  resolveAppPath,
  setupAppProtocol,
} from '../../../main/protocol';

// A real directory: dist/renderer with a secret file next to it that must stay unreachable.
const base = mkdtempSync(path.join(tmpdir(), 'moim-protocol-'));
const root = path.join(base, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Moim</title>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'export {}');
writeFileSync(path.join(base, 'secret.txt'), 'TOP SECRET');
writeFileSync(path.join(base, 'renderer-evil.txt'), 'SIBLING');

const serve = createAppProtocolHandler({ rootDir: root, readFile: (file) => readFile(file) });
const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('app protocol', () => {
  it('registers moim-app as standard, secure and fetch-capable (a real origin, a secure context)', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'moim-app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    let registered: string | undefined;
    setupAppProtocol({
      protocol: { handle: (scheme) => void (registered = scheme) },
      rootDir: root,
      readFile: (f) => readFile(f),
    });
    expect(registered).toBe('moim-app');
  });

  it('serves the renderer with its content type, the strict CSP and nosniff', async () => {
    const page = await get('moim-app://app/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Moim</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('moim-app://app/assets/app.js?v=1');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('the CSP allows scripts only from the app and forbids plugins, framing, base and form hijacks', () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    for (const d of ['object-src', 'base-uri', 'form-action', 'frame-ancestors', 'frame-src'])
      expect(directives[d], d).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
  });

  it.each([
    'moim-app://app/../secret.txt',
    'moim-app://app/%2e%2e/secret.txt',
    'moim-app://app/..%2fsecret.txt',
    'moim-app://app/..%2Fsecret.txt',
    'moim-app://app/assets/..%2f..%2fsecret.txt',
    'moim-app://app/..%5csecret.txt',
    'moim-app://app/%2e%2e%5csecret.txt',
    'moim-app://app/..%5c..%5csecret.txt',
    'moim-app://app/index.html%00.js',
    'moim-app://app/%252e%252e/secret.txt',
    'moim-app://app/..%2f..%2frenderer-evil.txt',
    `moim-app://app/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
    'moim-app://app//etc/passwd',
    'moim-app://other/index.html',
    'moim-app://app/%E0%A4%A',
  ])('never serves anything outside dist/renderer: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).not.toContain('TOP SECRET');
    expect(body).not.toContain('SIBLING');
  });

  it('resolveAppPath maps only into the root', () => {
    expect(resolveAppPath(root, 'moim-app://app/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, 'moim-app://app/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'https://app/index.html')).toBeNull();
    expect(resolveAppPath(root, 'moim-app://app/..%2f')).toBeNull();
  });

  it('answers 404 for a missing file and 405 for anything but GET and HEAD', async () => {
    expect((await get('moim-app://app/nope.js')).status).toBe(404);
    expect((await get('moim-app://app/index.html', 'POST')).status).toBe(405);
    const head = await get('moim-app://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
