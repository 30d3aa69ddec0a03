/**
 * The share control window's sandboxed preload: exposes only `window.moimShareControl` (press Pause/Resume/Stop,
 * hear the share's state), bundled like the main preload into one CommonJS file with `electron` external.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeShareControlApi } from './api';

exposeShareControlApi(contextBridge, ipcRenderer);
