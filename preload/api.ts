import { channelId, channelNames, contract, listenerName, type MoimDesktopApi } from '../common/ipc/contract';

/** The slice of ipcRenderer the preload uses; it never leaves this file. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The slice of contextBridge the preload uses. */
export interface ContextBridgeLike {
  exposeInMainWorld(key: string, api: unknown): void;
}

/** The global the renderer finds the desktop API under. */
export const DESKTOP_GLOBAL = 'moimDesktop';

/**
 * Builds `moimDesktop` from the contract: each invoke channel becomes a function, each push channel an
 * `on<Name>(listener)` that hands the listener only the payload and returns its unsubscribe function.
 */
export function buildDesktopApi(ipc: IpcRendererLike): MoimDesktopApi {
  const api: Record<string, unknown> = {};
  for (const name of channelNames) {
    const channel = channelId(name);
    if (contract[name].kind === 'invoke') {
      api[name] = (...args: unknown[]) => ipc.invoke(channel, ...args);
      continue;
    }
    api[listenerName(name as Parameters<typeof listenerName>[0])] = (listener: unknown) => {
      if (typeof listener !== 'function') throw new TypeError(`${name}: listener must be a function`);
      // The IpcRendererEvent carries `sender` (an ipcRenderer): it must never reach the page.
      const wrapped = (_event: unknown, payload: unknown) => (listener as (payload: unknown) => void)(payload);
      ipc.on(channel, wrapped);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, wrapped);
      };
    };
  }
  return Object.freeze(api) as MoimDesktopApi;
}

/** Exposes exactly one object to the page: `window.moimDesktop`. */
export function exposeDesktopApi(bridge: ContextBridgeLike, ipc: IpcRendererLike): void {
  bridge.exposeInMainWorld(DESKTOP_GLOBAL, buildDesktopApi(ipc));
}
