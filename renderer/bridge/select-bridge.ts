import type { MoimBridge } from './bridge';
import { BrowserBridge } from './browser-bridge';

type ElectronBridgeModule = { createElectronBridge?: () => MoimBridge; default?: MoimBridge | (() => MoimBridge) };

// A glob, not an import: the renderer builds before the Electron bridge exists and loads it only inside Electron.
const electronModules = import.meta.glob<ElectronBridgeModule>('./electron-bridge.ts');

/**
 * The bridge for where the renderer runs: inside Electron (the preload exposed `window.moimDesktop`) the Electron
 * bridge from ./electron-bridge (its `createElectronBridge()` export, or a default export), else the browser bridge.
 */
export async function selectBridge(win: object = window): Promise<MoimBridge> {
  const load = electronModules['./electron-bridge.ts'];
  if ('moimDesktop' in win && load) {
    const mod = await load();
    if (typeof mod.createElectronBridge === 'function') return mod.createElectronBridge();
    if (typeof mod.default === 'function') return mod.default();
    if (mod.default) return mod.default;
  }
  return new BrowserBridge();
}
