// @vitest-environment node
// The update flow against a real feed directory served by the real room server (--update-feed-dir). The
// updater behind the interface is a small generic-provider client: latest-linux.yml, then the installer,
// verified against the yml's sha512 — what electron-updater does, without Electron.
import { createHash } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../../../common/ipc/updates';
import {
  CHECK_EVERY_MS,
  KIOSK_QUIET_MS,
  createUpdates,
  type Updater,
  type UpdatesDeps,
} from '../../../../main/updates/updates';
import { startServer, type RunningServer } from '../../../../server';
import { writeUpdateFeed, type UpdateFeedFixture } from '../../../support/update-feed';

let feed: UpdateFeedFixture;
let server: RunningServer;
let feedUrl: string;

beforeAll(async () => {
  feed = writeUpdateFeed('0.2.0', 512 * 1024);
  server = await startServer({ host: '127.0.0.1', port: 0, updateFeedDir: feed.dir });
  feedUrl = `http://127.0.0.1:${server.port}/updates/`;
});
afterAll(async () => {
  await server.close();
  rmSync(feed.dir, { recursive: true, force: true });
});

/** A generic-provider client for version `current`: reads latest-linux.yml, streams and verifies the file. */
function feedUpdater(current: string) {
  let base = '';
  const downloaded: Buffer[] = [];
  const updater: Updater & { installs: number; downloaded: Buffer[] } = {
    installs: 0,
    downloaded,
    setFeed: (url) => void (base = url),
    async check() {
      const yml = await (await fetch(new URL('latest-linux.yml', base))).text();
      const version = /^version: (.+)$/m.exec(yml)?.[1]?.trim() ?? '';
      const newer = version.localeCompare(current, undefined, { numeric: true }) > 0;
      return newer ? { version } : null;
    },
    async download(onProgress) {
      const yml = await (await fetch(new URL('latest-linux.yml', base))).text();
      const file = /^path: (.+)$/m.exec(yml)![1]!.trim();
      const sha512 = /^sha512: (.+)$/m.exec(yml)![1]!.trim();
      const response = await fetch(new URL(file, base));
      if (!response.ok || !response.body) throw new Error(`download failed: HTTP ${response.status}`);
      const total = Number(response.headers.get('content-length'));
      const chunks: Buffer[] = [];
      let received = 0;
      const reader = response.body.getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        chunks.push(Buffer.from(next.value));
        received += next.value.length;
        onProgress((received / total) * 100);
      }
      const bytes = Buffer.concat(chunks);
      if (createHash('sha512').update(bytes).digest('base64') !== sha512) throw new Error('sha512 checksum mismatch');
      downloaded.push(bytes);
    },
    install() {
      updater.installs++;
    },
  };
  return updater;
}

function setup(opts: { current?: string; feed?: string; kiosk?: boolean } = {}) {
  const updater = feedUpdater(opts.current ?? '0.1.0');
  const pushed: UpdateStatus[] = [];
  const intervals: { fn: () => void; ms: number }[] = [];
  // Pending one-shot timers by handle; `elapse` fires those due, as the clock would.
  const timeouts = new Map<number, { fn: () => void; at: number }>();
  let now = 0;
  let nextHandle = 0;
  const elapse = (ms: number) => {
    now += ms;
    for (const [handle, timer] of [...timeouts]) {
      if (timer.at > now) continue;
      timeouts.delete(handle);
      timer.fn();
    }
  };
  const order: string[] = [];
  const deps: UpdatesDeps = {
    updater,
    feedUrl: () => opts.feed ?? feedUrl,
    push: (status) => void pushed.push(status),
    isKiosk: () => opts.kiosk ?? false,
    beforeInstall: () => void order.push('allow-quit'),
    timers: {
      setInterval: (fn, ms) => intervals.push({ fn, ms }),
      clearInterval: () => undefined,
      setTimeout: (fn, ms) => (timeouts.set(++nextHandle, { fn, at: now + ms }), nextHandle),
      clearTimeout: (handle) => void timeouts.delete(handle as number),
    },
  };
  const original = updater.install;
  updater.install = () => (order.push('install'), original());
  return { updates: createUpdates(deps), updater, pushed, intervals, order, elapse, timeouts };
}

describe('desktop updates from a feed directory', () => {
  it('checks on start, downloads in the background with progress, and ends ready to restart', async () => {
    const { updates, updater, pushed } = setup();
    updates.start();
    await vi.waitFor(() => expect(updates.status()).toEqual({ state: 'ready', version: '0.2.0' }));
    expect(updater.downloaded[0]!.equals(feed.bytes)).toBe(true);
    expect(pushed[0]).toEqual({ state: 'checking' });
    const percents = pushed.flatMap((s) => (s.state === 'downloading' ? [s.percent] : []));
    expect(percents[0]).toBe(0);
    expect(percents.at(-1)).toBe(100);
    expect(percents.length).toBeGreaterThan(2);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  });

  it('checks again every few hours', async () => {
    const { updates, intervals } = setup({ current: '0.2.0' });
    updates.start();
    expect(intervals).toHaveLength(1);
    expect(intervals[0]!.ms).toBe(CHECK_EVERY_MS);
    expect(CHECK_EVERY_MS).toBeGreaterThanOrEqual(60 * 60 * 1000);
    expect(CHECK_EVERY_MS).toBeLessThanOrEqual(12 * 60 * 60 * 1000);
  });

  it('the current version is not downloaded; no feed URL means no check at all', async () => {
    const current = setup({ current: '0.2.0' });
    await expect(current.updates.check()).resolves.toEqual({ state: 'idle' });
    expect(current.updater.downloaded).toHaveLength(0);
    const off = setup({ feed: '' });
    await expect(off.updates.check()).resolves.toEqual({ state: 'idle' });
    expect(off.pushed).toEqual([]);
  });

  it('a download that does not match the feed’s sha512 ends in an error, never ready', async () => {
    const tampered = writeUpdateFeed('0.3.0', 64 * 1024);
    writeFileSync(path.join(tampered.dir, tampered.file), Buffer.from('not the release'));
    const other = await startServer({ host: '127.0.0.1', port: 0, updateFeedDir: tampered.dir });
    try {
      const { updates } = setup({ feed: `http://127.0.0.1:${other.port}/updates/` });
      await expect(updates.check()).resolves.toEqual({ state: 'error', message: 'sha512 checksum mismatch' });
      expect(updates.install()).toEqual({ ok: false, reason: 'not-ready' });
    } finally {
      await other.close();
      rmSync(tampered.dir, { recursive: true, force: true });
    }
  });

  it('"Restart to update" is refused during a call and works after it', async () => {
    const { updates, updater } = setup();
    updates.activity({ inCall: true, presenterLive: false });
    await updates.check();
    expect(updates.install()).toEqual({ ok: false, reason: 'in-call' });
    expect(updater.installs).toBe(0);
    updates.activity({ inCall: false, presenterLive: false });
    expect(updater.installs).toBe(0); // a normal window asks the user; it never restarts by itself
    expect(updates.install()).toEqual({ ok: true });
    expect(updater.installs).toBe(1);
  });

  it('a kiosk waits while a presenter is live, then restarts by itself after a quiet spell, through its quit guard', async () => {
    const { updates, updater, order, elapse } = setup({ kiosk: true });
    await updates.check();
    elapse(KIOSK_QUIET_MS * 2);
    expect(updater.installs).toBe(0); // nothing reported yet: no restart on a guess
    updates.activity({ inCall: false, presenterLive: true });
    elapse(KIOSK_QUIET_MS * 2);
    expect(updates.status().state).toBe('ready');
    expect(updater.installs).toBe(0);
    updates.activity({ inCall: false, presenterLive: false });
    expect(updater.installs).toBe(0); // a presenter between slides is not a quiet moment yet
    elapse(KIOSK_QUIET_MS - 1);
    expect(updater.installs).toBe(0);
    elapse(1);
    expect(order).toEqual(['allow-quit', 'install']);
  });

  it('a presenter who comes back before the quiet spell ends cancels the kiosk restart; the spell starts over', async () => {
    const { updates, updater, elapse, timeouts } = setup({ kiosk: true });
    await updates.check();
    updates.activity({ inCall: false, presenterLive: false });
    elapse(KIOSK_QUIET_MS / 2);
    updates.activity({ inCall: false, presenterLive: true });
    expect(timeouts.size).toBe(0);
    elapse(KIOSK_QUIET_MS);
    expect(updater.installs).toBe(0);
    updates.activity({ inCall: false, presenterLive: false });
    updates.activity({ inCall: false, presenterLive: false }); // repeated reports do not re-arm or double the restart
    elapse(KIOSK_QUIET_MS / 2);
    expect(updater.installs).toBe(0);
    elapse(KIOSK_QUIET_MS / 2);
    expect(updater.installs).toBe(1);
  });

  it('an update that finishes while the kiosk is already quiet waits the quiet spell too; stop() drops it', async () => {
    const quiet = setup({ kiosk: true });
    quiet.updates.activity({ inCall: false, presenterLive: false });
    await quiet.updates.check();
    expect(quiet.updater.installs).toBe(0);
    quiet.elapse(KIOSK_QUIET_MS);
    expect(quiet.updater.installs).toBe(1);

    const stopped = setup({ kiosk: true });
    stopped.updates.activity({ inCall: false, presenterLive: false });
    await stopped.updates.check();
    stopped.updates.stop();
    stopped.elapse(KIOSK_QUIET_MS * 2);
    expect(stopped.updater.installs).toBe(0);
  });
});
