import type { Updater } from './updates';

/** The slice of electron-updater's `autoUpdater` Moim uses. */
interface AutoUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
  off(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown;
}

/**
 * electron-updater behind the `Updater` interface, imported on the first check (it requires `electron`, so
 * only the app runs this). Downloads are ours to start; a downloaded update also installs on quit.
 */
export function electronUpdater(): Updater {
  let feed = '';
  let loaded: AutoUpdaterLike | null = null;
  const load = async () => {
    if (!loaded) {
      // CommonJS package: its exports arrive as the default export under ESM.
      const { default: pkg } = await import('electron-updater');
      loaded = pkg.autoUpdater as unknown as AutoUpdaterLike;
      loaded.autoDownload = false;
      loaded.autoInstallOnAppQuit = true;
    }
    loaded.setFeedURL({ provider: 'generic', url: feed });
    return loaded;
  };
  return {
    setFeed: (url) => void (feed = url),
    async check() {
      const result = await (await load()).checkForUpdates();
      return result?.isUpdateAvailable ? { version: result.updateInfo.version } : null;
    },
    async download(onProgress) {
      const auto = await load();
      const listener = (progress: { percent: number }) => onProgress(progress.percent);
      auto.on('download-progress', listener);
      try {
        await auto.downloadUpdate();
      } finally {
        auto.off('download-progress', listener);
      }
    },
    install: () => loaded?.quitAndInstall(false, true),
  };
}
