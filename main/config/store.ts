import { logger } from '../log';
import { storeOptions } from './schema';
import type { ConfigStore } from './settings';

const log = logger('config');

/** Creates a store from options; electron-store in the app, `conf` with a temp dir in tests. */
export type StoreFactory = (options: ReturnType<typeof storeOptions>) => ConfigStore;

/**
 * Opens Moim's config. A file the schema rejects (a bad hand edit, a half-written file) is moved aside
 * as `config.json.invalid-<time>` and the app starts from defaults rather than not at all.
 */
export function openConfigStore(deps: {
  create: StoreFactory;
  version: string;
  locale?: string;
  configPath: string;
  exists: (file: string) => boolean;
  moveAside: (from: string, to: string) => void;
  now?: () => number;
}): ConfigStore {
  const options = storeOptions(deps.version, deps.locale);
  try {
    return deps.create(options);
  } catch (error) {
    // Only a bad file is recoverable; anything else (permissions, a broken install) must surface.
    if (!deps.exists(deps.configPath)) throw error;
    const aside = `${deps.configPath}.invalid-${(deps.now ?? Date.now)()}`;
    log.error('open() | %s is unreadable (%s); moved to %s', deps.configPath, (error as Error).message, aside);
    deps.moveAside(deps.configPath, aside);
    return deps.create(options);
  }
}

/** The production factory: electron-store, imported only when called because it loads Electron. */
export async function electronStoreFactory(): Promise<StoreFactory> {
  const { default: Store } = await import('electron-store');
  return (options) => new Store(options as ConstructorParameters<typeof Store>[0]) as unknown as ConfigStore;
}
