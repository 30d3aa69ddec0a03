import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { createRoom, joinRoom, peerIdOf, remoteStats, shareScreen, tileOf, type UiMode } from './support/moim-page';

/** What the presenter's screen sender is set to, as the browser reports it. */
interface ScreenSender {
  contentHint: string;
  degradationPreference: string | null;
  maxFramerate: number | null;
  trackId: string;
}

declare global {
  interface Window {
    /** Every RTCPeerConnection the page made, and how many offers they made (installed by this spec). */
    __sharePcs?: { list: RTCPeerConnection[]; offers: number };
  }
}

/** Opens Moim in a context whose RTCPeerConnections are recorded, so the test sees offers and senders. */
async function openRecorded(browser: Browser, baseUrl: string, name: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const record = { list: [] as RTCPeerConnection[], offers: 0 };
    window.__sharePcs = record;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        record.list.push(this);
        this.addEventListener('signalingstatechange', () => {
          if (this.signalingState === 'have-local-offer') record.offers++;
        });
      }
    };
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Your name').fill(name);
  return page;
}

function offers(page: Page): Promise<number> {
  return page.evaluate(() => window.__sharePcs?.offers ?? 0);
}

/** The sender carrying the local screen video (the one track the engine publishes as 'screen'). */
function screenSender(page: Page): Promise<ScreenSender | null> {
  return page.evaluate(() => {
    const track = window.moim?.engine?.localStreams.screen?.getVideoTracks()[0];
    const senders = (window.__sharePcs?.list ?? []).flatMap((pc) => pc.getSenders());
    const sender = senders.find((s) => track && s.track === track);
    if (!track || !sender) return null;
    const p = sender.getParameters();
    return {
      contentHint: track.contentHint,
      degradationPreference: p.degradationPreference ?? null,
      maxFramerate: p.encodings[p.encodings.length - 1]?.maxFramerate ?? null,
      trackId: track.id,
    };
  });
}

async function screenFrames(page: Page, peerId: string): Promise<number> {
  const stats = await remoteStats(page);
  return stats.find((s) => s.peerId === peerId && s.kind === 'screen' && s.trackKind === 'video')?.framesDecoded ?? 0;
}

for (const mode of ['P2P', 'Group (SFU)'] as UiMode[]) {
  test(`${mode}: the profile toggle, switching source and pause act on the running share without renegotiation`, async ({
    browser,
    roomServer,
  }) => {
    const presenter = await openRecorded(browser, roomServer.httpUrl, 'Presenter');
    const viewer = await openRecorded(browser, roomServer.httpUrl, 'Viewer');
    await joinRoom(viewer, await createRoom(presenter, mode));
    const presenterId = await peerIdOf(presenter);
    await shareScreen(presenter);
    const bar = presenter.getByRole('toolbar', { name: 'Screen sharing' });
    await expect(bar.getByRole('status')).toHaveText('You are sharing');
    await expect.poll(() => screenFrames(viewer, presenterId)).toBeGreaterThan(0);

    // A screen starts as text: detail hint, resolution kept, low frame rate.
    await expect
      .poll(() => screenSender(presenter))
      .toMatchObject({ contentHint: 'detail', degradationPreference: 'maintain-resolution', maxFramerate: 15 });
    await expect.poll(() => offers(presenter)).toBeGreaterThan(0);
    const offersBefore = await offers(presenter);

    await bar.getByRole('button', { name: 'Motion and video' }).click();
    await expect(bar.getByRole('button', { name: 'Motion and video' })).toHaveAttribute('aria-pressed', 'true');
    await expect
      .poll(() => screenSender(presenter))
      .toMatchObject({ contentHint: 'motion', degradationPreference: 'maintain-framerate', maxFramerate: 60 });

    // Switch source: the picker again, a new capture track on the same sender, the profile kept.
    const firstTrack = (await screenSender(presenter))!.trackId;
    await bar.getByRole('button', { name: 'Switch source' }).click();
    const picker = presenter.getByRole('dialog', { name: 'Choose what to share' });
    await picker.getByRole('option', { name: 'Entire screen' }).click();
    await picker.getByRole('button', { name: 'Share', exact: true }).click();
    await expect.poll(async () => (await screenSender(presenter))?.trackId).not.toBe(firstTrack);
    await expect.poll(() => screenSender(presenter)).toMatchObject({ contentHint: 'motion', maxFramerate: 60 });
    const afterSwitch = await screenFrames(viewer, presenterId);
    await expect.poll(() => screenFrames(viewer, presenterId)).toBeGreaterThan(afterSwitch);

    // Pause: the viewer's frames stop (its player keeps the last one); resume: they flow again.
    await bar.getByRole('button', { name: 'Pause' }).click();
    await expect(bar.getByRole('status')).toHaveText('Sharing paused');
    const viewerTile = tileOf(viewer, presenterId, 'screen');
    await expect(viewerTile.getByRole('status')).toHaveText('Paused');
    let last = -1;
    await expect
      .poll(
        async () => {
          const now = await screenFrames(viewer, presenterId);
          const still = now === last;
          last = now;
          return still;
        },
        { intervals: [1500] },
      )
      .toBe(true);
    await bar.getByRole('button', { name: 'Resume' }).click();
    await expect(bar.getByRole('status')).toHaveText('You are sharing');
    await expect(viewerTile.getByRole('status')).toHaveCount(0);
    await expect.poll(() => screenFrames(viewer, presenterId)).toBeGreaterThan(last);

    expect(await offers(presenter)).toBe(offersBefore);
    await bar.getByRole('button', { name: 'Stop' }).click();
    await expect(bar).toHaveCount(0);
    await presenter.context().close();
    await viewer.context().close();
  });
}
