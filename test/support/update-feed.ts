// A real update feed directory as electron-builder publishes it for the generic provider: latest*.yml
// naming the installer with its sha512 and size, and the installer bytes next to it.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What `writeUpdateFeed` put on disk. */
export interface UpdateFeedFixture {
  dir: string;
  version: string;
  file: string;
  bytes: Buffer;
  sha512: string;
}

/** Writes latest-linux.yml + latest.yml + the installer (random bytes) into a new temp directory. */
export function writeUpdateFeed(version = '0.2.0', size = 256 * 1024): UpdateFeedFixture {
  const dir = mkdtempSync(path.join(tmpdir(), 'moim-feed-'));
  const file = `Moim-${version}.AppImage`;
  const bytes = randomBytes(size);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const yml = [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${sha512}`,
    `    size: ${size}`,
    `path: ${file}`,
    `sha512: ${sha512}`,
    `releaseDate: '2026-12-05T12:00:00.000Z'`,
    '',
  ].join('\n');
  writeFileSync(path.join(dir, file), bytes);
  writeFileSync(path.join(dir, 'latest-linux.yml'), yml);
  writeFileSync(path.join(dir, 'latest.yml'), yml.replace(file, `Moim-Setup-${version}.exe`));
  return { dir, version, file, bytes, sha512 };
}

/** A raw HTTP request: the path goes on the wire exactly as given (fetch would normalize '..'). */
export function rawRequest(
  port: number,
  rawPath: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}
