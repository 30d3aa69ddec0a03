// A broadcast presenter for the kiosk e2e: a real Chromium page that speaks Moim's signaling protocol and
// publishes its (fake) screen through mediasoup-client, independent of the renderer's UI.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { build } from 'esbuild';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const PRESENTER_SOURCE = `
import { Device } from 'mediasoup-client';

window.presentScreen = async (wsUrl) => {
  const ws = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = () => reject(new Error('signaling unreachable')); });
  let nextId = 1;
  const waiting = new Map();
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    const pending = typeof message.id === 'number' ? waiting.get(message.id) : undefined;
    if (!pending) return;
    waiting.delete(message.id);
    if (message.ok) pending.resolve(message.data ?? {});
    else pending.reject(new Error(message.error.code + ': ' + message.error.message));
  };
  const request = (method, data = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, data }));
    });

  const hello = await request('hello', { displayName: 'Presenter' });
  if (!hello.sfuAvailable) return { sfu: false };
  const { roomId, presenterKey } = await request('createRoom', { mode: 'broadcast' });
  await request('joinRoom', { roomId, role: 'presenter', presenterKey });
  const { rtpCapabilities } = await request('getRouterRtpCapabilities');
  const device = new Device();
  await device.load({ routerRtpCapabilities: rtpCapabilities });
  const t = await request('createWebRtcTransport', { direction: 'send' });
  const transport = device.createSendTransport({
    id: t.transportId, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters,
  });
  transport.on('connect', ({ dtlsParameters }, ok, fail) =>
    request('connectWebRtcTransport', { transportId: t.transportId, dtlsParameters }).then(() => ok(), fail));
  transport.on('produce', ({ kind, rtpParameters }, ok, fail) =>
    request('produce', { transportId: t.transportId, kind, rtpParameters, source: 'screen' }).then(({ producerId }) => ok({ id: producerId }), fail));
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true });
  await transport.produce({ track: stream.getVideoTracks()[0] });
  await request('setPublished', { kind: 'screen', published: true }).catch(() => undefined);
  window.__presenter = { ws, transport, stream };
  return { sfu: true, roomId };
};
`;

/** A presenting page; `roomId` is null when the server has no SFU (no mediasoup worker). */
export interface Presenter {
  roomId: string | null;
  page: Page;
}

/** Opens a page on the room server, creates a broadcast room and publishes the fake screen into it. */
export async function startPresenter(browser: Browser, server: { httpUrl: string; wsUrl: string }): Promise<Presenter> {
  const bundle = await build({
    stdin: { contents: PRESENTER_SOURCE, resolveDir: repo, loader: 'js' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  // bypassCSP: the server's CSP rightly forbids inline scripts, and this page injects one.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  // Served by the room server, so the page is a secure context on loopback and may capture its screen.
  await page.goto(server.httpUrl);
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const result = await page.evaluate(
    (wsUrl) =>
      (window as unknown as { presentScreen(url: string): Promise<{ sfu: boolean; roomId?: string }> }).presentScreen(
        wsUrl,
      ),
    server.wsUrl,
  );
  return { roomId: result.sfu ? result.roomId! : null, page };
}
