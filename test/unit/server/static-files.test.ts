// @vitest-environment node
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StaticFiles } from '../../../server/http/static-files';
import { mimeType } from '../../../server/http/mime-types';

const root = path.resolve('/srv/moim/web');
const files = new StaticFiles(root);

describe('StaticFiles.resolve', () => {
  it.each([
    ['/', root],
    ['/index.html', path.join(root, 'index.html')],
    ['/assets/app-1a2b.js', path.join(root, 'assets', 'app-1a2b.js')],
    ['/assets//x.css', path.join(root, 'assets', 'x.css')],
    ['/caf%C3%A9.png', path.join(root, 'café.png')],
  ])('maps %s inside the root', (url, expected) => {
    expect(files.resolve(url)).toBe(expected);
  });

  it.each([
    '/../package.json',
    '/assets/../../etc/passwd',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fetc/passwd',
    '/..%5cpackage.json',
    '/index.html%00.png',
    '/.env',
    '/assets/.git/config',
    '/%E0%A4%A',
    'relative/path',
  ])('refuses %s', (url) => {
    expect(files.resolve(url)).toBeNull();
  });
});

describe('mimeType', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
    ['app.css', 'text/css; charset=utf-8'],
    ['icon.SVG', 'image/svg+xml'],
    ['ring.ogg', 'audio/ogg'],
    ['font.woff2', 'font/woff2'],
    ['blob.bin', 'application/octet-stream'],
  ])('serves %s as %s', (file, type) => {
    expect(mimeType(file)).toBe(type);
  });
});
