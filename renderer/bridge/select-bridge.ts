import type { MoimBridge } from './bridge';
import { BrowserBridge } from './browser-bridge';
import { createElectronBridge } from './electron-bridge';

/**
 * The bridge for where the renderer runs: inside Electron (the preload exposed `window.moimDesktop`) the Electron
 * bridge, else the browser bridge.
 */
export function selectBridge(win: object = window): MoimBridge {
  return 'moimDesktop' in win ? createElectronBridge() : new BrowserBridge();
}
