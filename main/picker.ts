import { randomUUID } from 'node:crypto';
import type { PickerCloseReason } from '../common/ipc/contract';
import type { CaptureSource, PickerChoice } from '../common/ipc/types';
import { isAppUrl } from './app-origin';
import { sendPush } from './ipc';
import { logger } from './log';
import type { ContentsLike } from './windows';

const log = logger('picker');

/** How long the picker may stay open before main answers "no" by itself. */
export const PICKER_TIMEOUT_MS = 120_000;
/** How often thumbnails are refreshed while the picker is open. */
export const REFRESH_MS = 2_000;
const THUMBNAIL_SIZE = { width: 320, height: 180 };

/** An image as desktopCapturer returns it. */
export interface ImageLike {
  isEmpty(): boolean;
  toDataURL(): string;
}
/** A DesktopCapturerSource: also what Electron's callback takes back as `video`. */
export interface SourceLike {
  id: string;
  name: string;
  thumbnail: ImageLike;
  appIcon: ImageLike | null;
}
/** Electron's answer object; `null` denies (an empty object would throw "Video was requested…"). */
export type Streams = { video: SourceLike; audio?: 'loopback' } | null;
/** The request Electron hands the display-media handler. */
export interface DisplayMediaRequestLike {
  frame: { url: string } | null;
  securityOrigin: string;
  audioRequested: boolean;
}
export type DisplayMediaCallback = (streams: Streams) => void;

/** What the picker needs from Electron. */
export interface PickerDeps {
  getSources(options: {
    types: ('screen' | 'window')[];
    thumbnailSize: { width: number; height: number };
    fetchWindowIcons: boolean;
  }): Promise<SourceLike[]>;
  /** The WebContents of one of our windows that owns this frame, or null. */
  contentsForFrame(frame: DisplayMediaRequestLike['frame']): ContentsLike | null;
  platform: NodeJS.Platform;
  /** Capture goes through the xdg-desktop-portal (`usesSystemPortal` in capture-backend.ts). */
  portal: boolean;
  timeoutMs?: number;
  refreshMs?: number;
}

/**
 * Loopback audio per Electron's rules: its `audio: 'loopback'` is documented for Windows only; macOS
 * needs ScreenCaptureKit flags and still hands a custom picker silent tracks (electron#52738).
 */
export function audioSupported(platform: NodeJS.Platform): boolean {
  return platform === 'win32';
}

/** Converts capturer sources into what the renderer's picker shows. */
export function toCaptureSources(sources: SourceLike[]): CaptureSource[] {
  return sources.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.id.startsWith('screen:') ? 'screen' : 'window',
    thumbnail: s.thumbnail.toDataURL(),
    icon: s.appIcon && !s.appIcon.isEmpty() ? s.appIcon.toDataURL() : null,
  }));
}

interface Pending {
  requestId: string;
  contents: ContentsLike;
  sources: SourceLike[];
  audio: boolean;
  settle(streams: Streams, reason?: PickerCloseReason): void;
}

/** The display-media handler plus the answer side the IPC handler calls. */
export interface Picker {
  handle(request: DisplayMediaRequestLike, callback: DisplayMediaCallback): void;
  /** The renderer's answer; ignored unless it comes from the window that was asked. */
  answer(webContentsId: number, choice: PickerChoice): void;
}

/** Wraps Electron's callback so it runs at most once and a throw from it can't escape. */
function once(callback: DisplayMediaCallback, requestId: string): DisplayMediaCallback {
  let called = false;
  return (streams) => {
    if (called) return;
    called = true;
    try {
      callback(streams);
    } catch (error) {
      log.error('callback() | Electron refused the answer [request:%s]: %o', requestId, error);
    }
  };
}

/** Creates Moim's picker flow; every request's callback runs exactly once, whatever happens. */
export function createPicker(deps: PickerDeps): Picker {
  const pending = new Map<number, Pending>();
  const watched = new Set<number>();
  const list = () =>
    deps.getSources({ types: ['screen', 'window'], thumbnailSize: THUMBNAIL_SIZE, fetchWindowIcons: true });

  const open = async (
    contents: ContentsLike,
    audioRequested: boolean,
    answer: DisplayMediaCallback,
    requestId: string,
  ) => {
    pending.get(contents.id)?.settle(null, 'superseded');
    const audio = audioRequested && audioSupported(deps.platform);
    const timers: { timeout?: ReturnType<typeof setTimeout>; refresh?: ReturnType<typeof setInterval> } = {};
    let done = false;
    const entry: Pending = {
      requestId,
      contents,
      sources: [],
      audio,
      settle(streams, reason) {
        if (done) return;
        done = true;
        clearTimeout(timers.timeout);
        clearInterval(timers.refresh);
        if (pending.get(contents.id) === entry) pending.delete(contents.id);
        if (reason) sendPush(contents, 'pickerClosed', { requestId, reason });
        answer(streams);
      },
    };
    pending.set(contents.id, entry);
    if (!watched.has(contents.id)) {
      watched.add(contents.id);
      // The page that asked is gone: a reload, a navigation or a crash ends its request (no push: the
      // next page never asked), so thumbnails stop streaming to it.
      const end = () => pending.get(contents.id)?.settle(null);
      contents.on('destroyed', end);
      contents.on('render-process-gone', end);
      contents.on('did-navigate', end);
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) end();
      });
    }
    timers.timeout = setTimeout(() => entry.settle(null, 'timeout'), deps.timeoutMs ?? PICKER_TIMEOUT_MS);
    const push = async () => {
      const sources = await list();
      if (done) return;
      entry.sources = sources;
      sendPush(contents, 'pickerRequest', { requestId, sources: toCaptureSources(sources), audioSupported: audio });
    };
    timers.refresh = setInterval(
      () => push().catch((e: unknown) => log.warn('refresh failed: %o', e)),
      deps.refreshMs ?? REFRESH_MS,
    );
    try {
      await push();
    } catch (error) {
      log.error('open() | listing sources failed [request:%s]: %o', requestId, error);
      entry.settle(null, 'error');
    }
  };

  return {
    handle(request, callback) {
      const requestId = randomUUID();
      const answer = once(callback, requestId);
      const contents = isAppUrl(request.frame?.url) ? deps.contentsForFrame(request.frame) : null;
      if (!contents || contents.isDestroyed()) {
        log.warn('handle() | denied display media to %s', request.securityOrigin.slice(0, 200));
        answer(null);
        return;
      }
      if (deps.portal) {
        // On Wayland getSources() itself shows the portal dialog and returns the one source chosen.
        list().then(
          (sources) => {
            if (sources.length <= 1) return answer(sources[0] ? { video: sources[0] } : null);
            // A full list means no portal dialog ran (XWayland after all): the user chooses in Moim's picker.
            log.warn('handle() | %d sources on the portal path; showing Moim’s picker', sources.length);
            void open(contents, request.audioRequested, answer, requestId);
          },
          () => answer(null),
        );
        return;
      }
      void open(contents, request.audioRequested, answer, requestId);
    },
    answer(webContentsId, choice) {
      const entry = pending.get(webContentsId);
      if (!entry || entry.requestId !== choice.requestId) {
        log.warn('answer() | no open request %s for webContents %d', choice.requestId, webContentsId);
        return;
      }
      if (choice.sourceId === null) return entry.settle(null, 'cancelled');
      const source = entry.sources.find((s) => s.id === choice.sourceId);
      if (!source) return entry.settle(null, 'source-gone');
      entry.settle(choice.shareAudio && entry.audio ? { video: source, audio: 'loopback' } : { video: source });
    },
  };
}
