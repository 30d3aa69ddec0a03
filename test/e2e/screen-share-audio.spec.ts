import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { expect, test } from './support/fixtures';
import { createRoom, joinRoom, openMoim, peerIdOf, remoteStats } from './support/moim-page';

// Share audio with a browser tab that plays a tone. Chromium's fake capture UI (the suite's usual flag) hands out
// a fake screen with no audio, so the presenter's browser runs with the real capture path instead and picks the
// tab titled TONE_TITLE by itself (--auto-select-tab-capture-source-by-title).
const TONE_TITLE = 'Moim share audio tone';

test('a shared tab with "Share audio" reaches the viewer as the share\'s own audio, with sound in it', async ({
  browser,
  roomServer,
}) => {
  const args = CHROMIUM_ARGS.filter((a) => a !== '--use-fake-ui-for-media-stream');
  const presenterBrowser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...args, `--auto-select-tab-capture-source-by-title=${TONE_TITLE}`],
  });
  try {
    const context = await presenterBrowser.newContext();
    const tone = await context.newPage();
    // A blank page keeps the title we give it (Moim's own page sets its title itself).
    await tone.goto('about:blank');
    await tone.evaluate((title) => {
      document.title = title;
      const audio = new AudioContext();
      const oscillator = audio.createOscillator();
      oscillator.frequency.value = 440;
      oscillator.connect(audio.destination);
      oscillator.start();
      return audio.resume();
    }, TONE_TITLE);

    const presenter = await context.newPage();
    await presenter.goto(`${roomServer.httpUrl}/`);
    await presenter.getByLabel('Your name').fill('Presenter');
    const viewer = await openMoim(browser, roomServer.httpUrl, 'Viewer');
    await joinRoom(viewer, await createRoom(presenter));
    const presenterId = await peerIdOf(presenter);

    await presenter.getByRole('button', { name: 'Share screen', exact: true }).click();
    const picker = presenter.getByRole('dialog', { name: 'Choose what to share' });
    await picker.getByRole('option', { name: 'A browser tab' }).click();
    await picker.getByRole('checkbox', { name: 'Share audio' }).check();
    await picker.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(presenter.getByRole('button', { name: 'Share screen', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    const local = await presenter.evaluate(() =>
      (window.moim?.engine?.localStreams.screen?.getTracks() ?? []).map((t) => `${t.kind}:${t.label}`),
    );
    console.log(`presenter's share tracks: ${local.join(', ')}`);
    expect(local.some((t) => t.startsWith('audio:'))).toBe(true);

    // The viewer gets the share's audio as its own track (kind 'screen'), not in the mic, and it is not silent.
    const shareAudio = async () =>
      (await remoteStats(viewer)).find(
        (s) => s.peerId === presenterId && s.kind === 'screen' && s.trackKind === 'audio',
      );
    await expect.poll(async () => (await shareAudio())?.audioLevel ?? 0).toBeGreaterThan(0);
    console.log(`viewer's share audio: ${JSON.stringify(await shareAudio())}`);
    expect((await remoteStats(viewer)).some((s) => s.kind === 'mic')).toBe(false);
    await expect(viewer.locator(`audio[data-peer-id="${presenterId}"][data-kind="screen"]`)).toHaveCount(1);
    await viewer.context().close();
  } finally {
    await presenterBrowser.close();
  }
});
