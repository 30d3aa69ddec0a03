// @vitest-environment node
// A packaging check, not an installer: it lays out the files a packaged app has (resources/app.asar.unpacked
// with the worker electron-builder unpacks) and runs the code path the packaged app takes to find it.
import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackedWorkerPath, useUnpackedWorker, WORKER_DIR } from '../../../../main/hosting/worker-path';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const installedWorker = path.join(repo, ...WORKER_DIR, 'mediasoup-worker');
const resources = mkdtempSync(path.join(tmpdir(), 'moim-packaged-'));
afterAll(() => rmSync(resources, { recursive: true, force: true }));

describe('the mediasoup worker in a packaged app', () => {
  it('an unpackaged (dev) run leaves mediasoup’s own lookup alone', () => {
    const env: NodeJS.ProcessEnv = {};
    const deps = { isPackaged: false, resourcesPath: resources, platform: 'linux' as const, env, exists: () => true };
    expect(useUnpackedWorker(deps)).toBeNull();
    expect(env.MEDIASOUP_WORKER_BIN).toBeUndefined();
  });

  it('a packaged app points MEDIASOUP_WORKER_BIN at app.asar.unpacked, per platform', () => {
    const env: NodeJS.ProcessEnv = {};
    const set = useUnpackedWorker({
      isPackaged: true,
      resourcesPath: '/opt/Moim/resources',
      platform: 'win32',
      env,
      exists: () => true,
    });
    expect(set).toBe(
      path.join('/opt/Moim/resources/app.asar.unpacked/node_modules/mediasoup/worker/out/Release/mediasoup-worker.exe'),
    );
    expect(env.MEDIASOUP_WORKER_BIN).toBe(set);
  });

  it('a packaged build without a worker (macOS/Windows built elsewhere) changes nothing and hosts P2P only', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(
      useUnpackedWorker({ isPackaged: true, resourcesPath: resources, platform: 'darwin', env, exists: existsSync }),
    ).toBeNull();
    expect(env.MEDIASOUP_WORKER_BIN).toBeUndefined();
  });

  const why = existsSync(installedWorker) ? '' : ` (skipped: no worker at ${installedWorker}; run scripts/setup.sh)`;
  it.skipIf(!existsSync(installedWorker))(
    `mediasoup, loaded after the resolver ran, spawns the unpacked executable worker${why}`,
    { timeout: 30_000 },
    async () => {
      const unpacked = unpackedWorkerPath(resources, 'linux');
      mkdirSync(path.dirname(unpacked), { recursive: true });
      copyFileSync(installedWorker, unpacked);
      chmodSync(unpacked, 0o755);
      const env: NodeJS.ProcessEnv = { ...process.env, MEDIASOUP_WORKER_BIN: undefined, DEBUG: '' };
      delete env.MEDIASOUP_WORKER_BIN;
      expect(
        useUnpackedWorker({ isPackaged: true, resourcesPath: resources, platform: 'linux', env, exists: existsSync }),
      ).toBe(unpacked);
      expect(statSync(unpacked).mode & 0o111).not.toBe(0);
      // A fresh process, as the app's first import of mediasoup: it must start that very binary.
      const script = `const m = await import('mediasoup'); const w = await m.createWorker({ logLevel: 'warn' });
        console.log(JSON.stringify({ bin: m.workerBin, pid: w.pid })); w.close();`;
      const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
        cwd: repo,
        env,
      });
      const seen = JSON.parse(stdout.trim()) as { bin: string; pid: number };
      expect(seen.bin).toBe(unpacked);
      expect(seen.pid).toBeGreaterThan(0);
    },
  );
});
