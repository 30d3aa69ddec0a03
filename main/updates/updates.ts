import type { Activity, InstallUpdateResult, UpdateStatus } from '../../common/ipc/updates';
import { logger } from '../log';

const log = logger('updates');

/** How often a running app looks for updates after the check at start. */
export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

/** How long a kiosk must have shown no live presenter before it restarts into a downloaded update. */
export const KIOSK_QUIET_MS = 10 * 60 * 1000;

/** The timers the update flow uses; tests pass fakes. */
export interface UpdateTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The updater behind its interface: electron-updater in the app (electron-updater.ts), a fake in tests. */
export interface Updater {
  /** Points the generic provider at a feed directory URL. */
  setFeed(url: string): void;
  /** The newer version the feed offers, or null when this one is current. */
  check(): Promise<{ version: string } | null>;
  /** Downloads (and verifies) the offered update, reporting 0–100. */
  download(onProgress: (percent: number) => void): Promise<void>;
  /** Quits and installs the downloaded update, then starts the app again. */
  install(): void;
}

/** What the update flow needs from the rest of main. */
export interface UpdatesDeps {
  updater: Updater;
  /** The configured feed URL, read at every check ('' = updates off). */
  feedUrl(): string;
  push(status: UpdateStatus): void;
  /** True while the kiosk runs: it restarts by itself at a quiet moment instead of asking. */
  isKiosk(): boolean;
  /** Lets the restart through the kiosk's quit guard. */
  beforeInstall(): void;
  timers?: UpdateTimers;
  intervalMs?: number;
  /** How long a kiosk stays quiet before it restarts (KIOSK_QUIET_MS). */
  quietMs?: number;
}

/** The update flow main runs and the IPC handlers drive. */
export interface Updates {
  /** Checks now and then every few hours. */
  start(): void;
  check(): Promise<UpdateStatus>;
  status(): UpdateStatus;
  install(): InstallUpdateResult;
  activity(activity: Activity): void;
  stop(): void;
}

/**
 * Checks the feed on start and every few hours, downloads in the background with progress, and restarts
 * only at a quiet moment: never during a call; a kiosk restarts by itself once no presenter has been live for
 * `quietMs`.
 */
export function createUpdates(deps: UpdatesDeps): Updates {
  const timers: UpdateTimers = deps.timers ?? {
    setInterval,
    clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
    setTimeout,
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  };
  let status: UpdateStatus = { state: 'idle' };
  // Unknown until the renderer reports: a kiosk never restarts on a guess.
  let activity: Activity | null = null;
  let running: Promise<UpdateStatus> | null = null;
  let handle: unknown = null;
  // The pending kiosk restart: armed when the kiosk turns quiet with an update ready, dropped when a presenter returns.
  let quietTimer: unknown = null;

  const set = (next: UpdateStatus) => {
    status = next;
    deps.push(next);
    if (next.state === 'ready') maybeRestartKiosk();
  };
  const restart = () => {
    log.debug('install() | restarting into %s', status.state === 'ready' ? status.version : '?');
    deps.beforeInstall();
    deps.updater.install();
  };
  const cancelQuietRestart = () => {
    if (quietTimer !== null) timers.clearTimeout(quietTimer);
    quietTimer = null;
  };
  // A presenter who pauses for a moment is not a quiet moment: the kiosk must stay idle for quietMs first.
  const maybeRestartKiosk = () => {
    const quiet = activity !== null && !activity.presenterLive && !activity.inCall;
    if (!(deps.isKiosk() && status.state === 'ready' && quiet)) return cancelQuietRestart();
    quietTimer ??= timers.setTimeout(() => {
      quietTimer = null;
      restart();
    }, deps.quietMs ?? KIOSK_QUIET_MS);
  };

  const run = async (): Promise<UpdateStatus> => {
    const feed = deps.feedUrl();
    if (!feed || status.state === 'ready') return status;
    set({ state: 'checking' });
    try {
      deps.updater.setFeed(feed);
      const offered = await deps.updater.check();
      if (!offered) {
        set({ state: 'idle' });
        return status;
      }
      set({ state: 'downloading', version: offered.version, percent: 0 });
      await deps.updater.download((percent) =>
        set({ state: 'downloading', version: offered.version, percent: Math.max(0, Math.min(100, percent)) }),
      );
      set({ state: 'ready', version: offered.version });
    } catch (error) {
      const message = (error as Error).message.slice(0, 300);
      log.warn('check() | %s', message);
      set({ state: 'error', message });
    }
    return status;
  };

  return {
    start() {
      void this.check();
      handle ??= timers.setInterval(() => void this.check(), deps.intervalMs ?? CHECK_EVERY_MS);
    },
    check: () => (running ??= run().finally(() => (running = null))),
    status: () => status,
    install() {
      if (status.state !== 'ready') return { ok: false, reason: 'not-ready' };
      if (activity?.inCall) return { ok: false, reason: 'in-call' };
      restart();
      return { ok: true };
    },
    activity(next) {
      activity = next;
      maybeRestartKiosk();
    },
    stop() {
      if (handle !== null) timers.clearInterval(handle);
      handle = null;
      cancelQuietRestart();
    },
  };
}
