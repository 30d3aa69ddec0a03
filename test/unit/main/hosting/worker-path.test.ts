// @vitest-environment node
// Where a packaged app finds its mediasoup worker. test/unit/main/packaging.test.ts packages the app for real and
// starts the worker from it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackedWorkerPath, useUnpackedWorker, workerLauncherPath } from '../../../../main/hosting/worker-path';

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

  it('a packaged Linux app points MEDIASOUP_WORKER_BIN at the worker’s launcher when the build has one', () => {
    const env: NodeJS.ProcessEnv = {};
    const resourcesPath = '/opt/Moim/resources';
    const set = useUnpackedWorker({ isPackaged: true, resourcesPath, platform: 'linux', env, exists: () => true });
    expect(set).toBe(path.join(resourcesPath, 'mediasoup-runtime/start-worker'));
    expect(set).toBe(workerLauncherPath(resourcesPath));
    expect(env.MEDIASOUP_WORKER_BIN).toBe(set);
  });

  it('without a launcher (a build made before it, or off Linux) the unpacked worker itself is used', () => {
    const resourcesPath = '/opt/Moim/resources';
    const launcher = workerLauncherPath(resourcesPath);
    const exists = (file: string): boolean => file !== launcher;
    const linux: NodeJS.ProcessEnv = {};
    useUnpackedWorker({ isPackaged: true, resourcesPath, platform: 'linux', env: linux, exists });
    expect(linux.MEDIASOUP_WORKER_BIN).toBe(unpackedWorkerPath(resourcesPath, 'linux'));
    const mac: NodeJS.ProcessEnv = {};
    useUnpackedWorker({ isPackaged: true, resourcesPath, platform: 'darwin', env: mac, exists: () => true });
    expect(mac.MEDIASOUP_WORKER_BIN).toBe(unpackedWorkerPath(resourcesPath, 'darwin'));
  });
});
