// @vitest-environment node
// --update-feed-dir: the desktop app's update files served read-only under /updates/, nothing else.
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server';
import { parseCliConfig } from '../../server/cli-options';
import { rawRequest, writeUpdateFeed, type UpdateFeedFixture } from '../support/update-feed';

const SECRET = 'secret-outside-the-feed';
let feed: UpdateFeedFixture;
let server: RunningServer;
let bare: RunningServer;

beforeAll(async () => {
  feed = writeUpdateFeed('0.2.0');
  mkdirSync(path.join(feed.dir, 'sub'));
  writeFileSync(path.join(feed.dir, 'sub', 'notes.txt'), 'release notes');
  writeFileSync(path.join(feed.dir, '..', `${path.basename(feed.dir)}-secret.txt`), SECRET);
  symlinkSync(path.join(feed.dir, '..', `${path.basename(feed.dir)}-secret.txt`), path.join(feed.dir, 'linked.yml'));
  server = await startServer({ host: '127.0.0.1', port: 0, updateFeedDir: feed.dir });
  bare = await startServer({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await Promise.all([server.close(), bare.close()]);
  rmSync(`${feed.dir}-secret.txt`, { force: true });
  rmSync(feed.dir, { recursive: true, force: true });
});

describe('the update feed', () => {
  it('serves latest-linux.yml and the installer byte for byte', async () => {
    const yml = await rawRequest(server.port, '/updates/latest-linux.yml');
    expect(yml.status).toBe(200);
    expect(yml.body.toString()).toContain('version: 0.2.0');
    expect(yml.headers['cache-control']).toBe('no-cache');
    const installer = await rawRequest(server.port, `/updates/${feed.file}`);
    expect(installer.status).toBe(200);
    expect(installer.body.equals(feed.bytes)).toBe(true);
    expect((await rawRequest(server.port, '/updates/sub/notes.txt')).body.toString()).toBe('release notes');
  });

  it('is read-only: no PUT, POST or DELETE', async () => {
    for (const method of ['PUT', 'POST', 'DELETE']) {
      expect((await rawRequest(server.port, '/updates/latest.yml', method)).status).toBe(405);
    }
  });

  it('never leads out of its directory: .., encoded .., symlinks, missing files are 404', async () => {
    for (const attempt of [
      `/updates/../${path.basename(feed.dir)}-secret.txt`,
      `/updates/%2e%2e/${path.basename(feed.dir)}-secret.txt`,
      `/updates/..%2f${path.basename(feed.dir)}-secret.txt`,
      '/updates/linked.yml',
      '/updates/nothing.yml',
      '/updates/sub',
    ]) {
      const answer = await rawRequest(server.port, attempt);
      expect(answer.status, attempt).toBe(404);
      expect(answer.body.toString(), attempt).not.toContain(SECRET);
    }
  });

  it('a server without --update-feed-dir answers 404 under /updates/', async () => {
    expect((await rawRequest(bare.port, '/updates/latest-linux.yml')).status).toBe(404);
  });

  it('--update-feed-dir is a command-line flag', () => {
    expect(parseCliConfig(['--update-feed-dir', feed.dir], {})).toMatchObject({ updateFeedDir: feed.dir });
  });
});
