import {
  channelId,
  channelNames,
  contract,
  listenerName,
  type ChannelName,
  type MoimDesktopApi,
  type ShareControlApi,
} from '../common/ipc/contract';

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
  return buildApi(ipc, channelNames) as MoimDesktopApi;
}

/** The channels of the share control window's API: press a button, hear the share's state. */
export const SHARE_CONTROL_API_CHANNELS = ['shareControl', 'shareControlState'] as const satisfies ChannelName[];

/** The share control window's API object (`window.moimShareControl`): only its two channels. */
export function buildShareControlApi(ipc: IpcRendererLike): ShareControlApi {
  return buildApi(ipc, SHARE_CONTROL_API_CHANNELS) as ShareControlApi;
}

/** An API object over `names`: invoke channels become functions, push channels `on<Name>(listener)`. */
function buildApi(ipc: IpcRendererLike, names: readonly ChannelName[]): object {
  const api: Record<string, unknown> = {};
  for (const name of names) {
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
  return Object.freeze(api);
}

/** Exposes exactly one object to the page: `window.moimDesktop`. */
export function exposeDesktopApi(bridge: ContextBridgeLike, ipc: IpcRendererLike): void {
  bridge.exposeInMainWorld(DESKTOP_GLOBAL, buildDesktopApi(ipc));
}

/** The global the share control page finds its API under. */
export const SHARE_CONTROL_GLOBAL = 'moimShareControl';

/** Exposes exactly one object to the share control page: `window.moimShareControl`. */
export function exposeShareControlApi(bridge: ContextBridgeLike, ipc: IpcRendererLike): void {
  bridge.exposeInMainWorld(SHARE_CONTROL_GLOBAL, buildShareControlApi(ipc));
}
