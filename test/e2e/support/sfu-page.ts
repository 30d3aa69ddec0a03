import type { Browser, Page } from '@playwright/test';
import type { PublishKind } from '../../../common/protocol';
import { createRoom, joinRoom, openMoim, peerIdOf, remoteStats, type UiMode } from './moim-page';

/** A few pages in one room: the first creates it in `mode`, the others join (as viewers when `watch`). */
export async function pagesInRoom(
  browser: Browser,
  baseUrl: string,
  mode: UiMode,
  names: string[],
  options: { watch?: boolean } = {},
): Promise<{ pages: Page[]; ids: string[]; roomId: string }> {
  const pages: Page[] = [];
  for (const name of names) pages.push(await openMoim(browser, baseUrl, name));
  const roomId = await createRoom(pages[0]!, mode);
  for (const page of pages.slice(1)) await joinRoom(page, roomId, options);
  const ids = await Promise.all(pages.map(peerIdOf));
  return { pages, ids, roomId };
}

/**
 * Opens a page that watches `roomId` ('Watch' on the home view), in a context with no camera or microphone
 * permission that counts every device request (`deviceRequests`); resolves with the page and its peer id.
 */
export async function watcher(
  browser: Browser,
  baseUrl: string,
  roomId: string,
  name: string,
  /** Runs on the new page before it loads Moim (init scripts). */
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<{ page: Page; id: string }> {
  const page = await deviceCountingPage(browser);
  await beforeLoad?.(page);
  page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message}`));
  await page.goto(`${baseUrl}/`);
  const nameField = page.getByLabel('Your name');
  if (await nameField.count()) await nameField.fill(name);
  await joinRoom(page, roomId, { watch: true });
  return { page, id: await peerIdOf(page) };
}

/**
 * A page in a new context with no camera or microphone permission that counts every device request
 * (read with `deviceRequests`): a viewer or kiosk must never ask.
 */
export async function deviceCountingPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const counted = (w: Window & { __deviceRequests?: number }) => (w.__deviceRequests = (w.__deviceRequests ?? 0) + 1);
    const gum = devices.getUserMedia.bind(devices);
    const gdm = devices.getDisplayMedia.bind(devices);
    devices.getUserMedia = (c) => (counted(window), gum(c));
    devices.getDisplayMedia = (c) => (counted(window), gdm(c));
  });
  return context.newPage();
}

/** Opens the browser kiosk for `roomId` in a context with no device permission that counts device requests. */
export async function openKiosk(browser: Browser, baseUrl: string, roomId: string): Promise<Page> {
  const page = await deviceCountingPage(browser);
  await page.goto(`${baseUrl}/?kiosk=1&room=${roomId}`);
  return page;
}

/** How many times a `watcher` page asked for a camera, microphone or screen. */
export function deviceRequests(page: Page): Promise<number> {
  return page.evaluate(() => (window as Window & { __deviceRequests?: number }).__deviceRequests ?? 0);
}

/** Closes every page's browser context. */
export async function closeAll(pages: Page[]): Promise<void> {
  await Promise.all(pages.map((p) => p.context().close()));
}

/** The width of the frames `page` currently decodes from `peerId`'s `kind` video (0 before the first). */
export async function frameWidthFrom(page: Page, peerId: string, kind: 'cam' | 'screen' = 'cam'): Promise<number> {
  const s = (await remoteStats(page)).find((r) => r.peerId === peerId && r.kind === kind && r.trackKind === 'video');
  return s?.frameWidth ?? 0;
}

/** Frames of `peerId`'s `kind` video `page` decoded so far. */
export async function framesFrom(page: Page, peerId: string, kind: 'cam' | 'screen' = 'cam'): Promise<number> {
  const s = (await remoteStats(page)).find((r) => r.peerId === peerId && r.kind === kind && r.trackKind === 'video');
  return s?.framesDecoded ?? 0;
}

/** Asks `page`'s engine for a spatial layer of `peerId`'s `kind` video (SFU rooms). */
export async function setPreferredLayer(
  page: Page,
  peerId: string,
  kind: PublishKind,
  spatialLayer: number,
): Promise<void> {
  await page.evaluate(
    async ([id, k, layer]) => {
      const engine = window.moim?.engine as unknown as {
        setPreferredLayers(peerId: string, kind: string, spatialLayer: number): Promise<void>;
      };
      await engine.setPreferredLayers(id, k, layer);
    },
    [peerId, kind, spatialLayer] as const,
  );
}

/**
 * Tries to publish a camera (a canvas stream, so no device is opened) through `page`'s engine; resolves with
 * the error code it was refused with, or 'published'.
 */
export async function tryToPublish(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const context = canvas.getContext('2d')!;
    const timer = setInterval(() => context.fillRect(Math.random() * 300, Math.random() * 220, 20, 20), 50);
    const stream = canvas.captureStream(10);
    try {
      await window.moim!.engine!.publish('cam', stream);
      return 'published';
    } catch (error) {
      return String((error as { code?: string }).code ?? (error as Error).name);
    } finally {
      clearInterval(timer);
    }
  });
}

/** Sends `produce` for a viewer over a second, raw signaling connection; resolves with the error code. */
export async function rawProduceAsViewer(page: Page, wsUrl: string, roomId: string): Promise<string> {
  return page.evaluate(
    async ([url, room]) => {
      const ws = new WebSocket(url);
      let next = 1;
      const pending = new Map<number, (frame: { ok: boolean; data?: unknown; error?: { code: string } }) => void>();
      ws.onmessage = (e) => {
        const frame = JSON.parse(String(e.data)) as { id?: number; ok: boolean };
        if (frame.id !== undefined) pending.get(frame.id)?.(frame as never);
      };
      await new Promise((resolve, reject) => {
        ws.onopen = resolve;
        ws.onerror = reject;
      });
      const request = (method: string, data: unknown) =>
        new Promise<{ ok: boolean; data?: unknown; error?: { code: string } }>((resolve) => {
          const id = next++;
          pending.set(id, resolve);
          ws.send(JSON.stringify({ id, method, data }));
        });
      try {
        await request('hello', { displayName: 'Raw viewer' });
        const joined = await request('joinRoom', { roomId: room, role: 'viewer' });
        if (!joined.ok) return `join failed: ${joined.error?.code}`;
        const transport = await request('createWebRtcTransport', { direction: 'send' });
        if (!transport.ok) return transport.error!.code;
        const { transportId } = transport.data as { transportId: string };
        const rtpParameters = {
          mid: '0',
          codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {}, rtcpFeedback: [] }],
          headerExtensions: [],
          encodings: [{ ssrc: 1111 }],
          rtcp: { cname: 'x', reducedSize: true },
        };
        const produced = await request('produce', { transportId, kind: 'video', rtpParameters, source: 'cam' });
        return produced.ok ? 'produced' : produced.error!.code;
      } finally {
        ws.close();
      }
    },
    [wsUrl, roomId] as const,
  );
}
