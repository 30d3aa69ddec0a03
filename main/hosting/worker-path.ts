import path from 'node:path';
import { logger } from '../log';

const log = logger('worker-path');

/** Where mediasoup keeps its worker, relative to the app root (and to `app.asar.unpacked`). */
export const WORKER_DIR = ['node_modules', 'mediasoup', 'worker', 'out', 'Release'] as const;

/** The worker's file name on a platform: mediasoup builds `mediasoup-worker.exe` on Windows. */
export function workerFileName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'mediasoup-worker.exe' : 'mediasoup-worker';
}

/** The unpacked worker of a packaged app: `<resources>/app.asar.unpacked/node_modules/mediasoup/…`. */
export function unpackedWorkerPath(resourcesPath: string, platform: NodeJS.Platform): string {
  return path.join(resourcesPath, 'app.asar.unpacked', ...WORKER_DIR, workerFileName(platform));
}

/**
 * A packaged Linux app's launcher for the worker (build/after-pack.mjs writes it beside the worker's bundled
 * libraries): it runs the unpacked worker on the system's libraries when all are there, else on the bundled ones.
 */
export function workerLauncherPath(resourcesPath: string): string {
  return path.join(resourcesPath, 'mediasoup-runtime', 'start-worker');
}

/** What `useUnpackedWorker` reads from the process. */
export interface WorkerPathDeps {
  isPackaged: boolean;
  resourcesPath: string;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  exists(file: string): boolean;
}

/**
 * Points mediasoup at the unpacked worker in a packaged app. mediasoup computes its worker path inside
 * `app.asar` and starts it with `spawn`, which Electron does not redirect to `app.asar.unpacked`, so
 * without this a packaged app hosts P2P rooms only. On Linux it points at the worker's launcher when the build
 * has one, so the bundled libraries' path reaches the worker and no other process. Must run before mediasoup is
 * imported: it reads MEDIASOUP_WORKER_BIN once, at load. Returns the path set, or null when nothing was changed.
 */
export function useUnpackedWorker(deps: WorkerPathDeps): string | null {
  if (!deps.isPackaged) return null;
  if (deps.env.MEDIASOUP_WORKER_BIN) {
    log.debug('useUnpackedWorker() | keeping MEDIASOUP_WORKER_BIN=%s', deps.env.MEDIASOUP_WORKER_BIN);
    return null;
  }
  const worker = unpackedWorkerPath(deps.resourcesPath, deps.platform);
  if (!deps.exists(worker)) {
    // macOS/Windows builds made without that platform's worker: hosting falls back to P2P rooms.
    log.warn('useUnpackedWorker() | no worker at %s; hosted rooms will be P2P only', worker);
    return null;
  }
  const launcher = workerLauncherPath(deps.resourcesPath);
  const bin = deps.platform === 'linux' && deps.exists(launcher) ? launcher : worker;
  deps.env.MEDIASOUP_WORKER_BIN = bin;
  return bin;
}
