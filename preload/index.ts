/**
 * The sandboxed preload. Bundled into one CommonJS file (dist/preload/index.cjs) with only `electron`
 * left external, because a sandboxed preload has no module loader of its own.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeDesktopApi } from './api';

exposeDesktopApi(contextBridge, ipcRenderer);
