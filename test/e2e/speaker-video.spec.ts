import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { createRoom, expectVideoFrom, joinRoom, peerIdOf, setControl, tileOf } from './support/moim-page';
import { closeAll } from './support/sfu-page';
import { countSpeakerChanges, mediaRestarts, openRecordingMediaRestarts } from './support/media-restarts';

// The active speaker in an SFU room changes every time the fake microphone beeps. Highlighting the speaker
// must not reload anyone's <video> or <audio>: a reload blanks the picture until the next keyframe.

/** Watches `pages` for 10 s of speaker changes and expects no <video>/<audio> on them to restart meanwhile. */
async function expectNoRestartsWhileSpeakersChange(pages: Record<string, Page>): Promise<void> {
  const entries = Object.entries(pages);
  const before = await Promise.all(entries.map(([, page]) => mediaRestarts(page)));
  for (const [, page] of entries) await countSpeakerChanges(page);
  await entries[0]![1].waitForTimeout(10_000);
  const after = await Promise.all(entries.map(([, page]) => mediaRestarts(page)));
  for (const [i, [name]] of entries.entries()) {
    // The check means something only if the speaker really changed while we watched.
    expect(after[i]!.speakerChanges, `${name} saw active-speaker changes`).toBeGreaterThanOrEqual(2);
    expect(after[i]!.restarts.slice(before[i]!.restarts.length), `${name}'s media restarted`).toEqual([]);
  }
}

test('active-speaker changes in an SFU room never restart a video or audio element, remote or self-view', async ({
  browser,
  roomServer,
}) => {
  test.setTimeout(150_000);
  const ana = await openRecordingMediaRestarts(browser, roomServer.httpUrl, 'Ana');
  const bo = await openRecordingMediaRestarts(browser, roomServer.httpUrl, 'Bo');
  const roomId = await createRoom(ana, 'Group (SFU)');
  await joinRoom(bo, roomId);
  const [anaId, boId] = [await peerIdOf(ana), await peerIdOf(bo)];
  await setControl(ana, 'Camera', true);
  await setControl(ana, 'Microphone', true);
  await setControl(bo, 'Camera', true);
  await expectVideoFrom(bo, anaId);
  await expectVideoFrom(ana, boId);
  await expect(tileOf(bo, anaId)).toHaveAttribute('data-speaking', '');
  // Each page shows its self-view and the other's camera; Bo also plays Ana's microphone.
  for (const page of [ana, bo]) await expect(page.locator('video-tile video')).toHaveCount(2);
  await expect(bo.locator('room-view audio')).toHaveCount(1);

  await expectNoRestartsWhileSpeakersChange({ Ana: ana, Bo: bo });
  await closeAll([ana, bo]);
});

test('active-speaker changes in a broadcast never restart what a viewer watches', async ({ browser, roomServer }) => {
  test.setTimeout(150_000);
  const presenter = await openRecordingMediaRestarts(browser, roomServer.httpUrl, 'Presenter');
  const viewer = await openRecordingMediaRestarts(browser, roomServer.httpUrl, 'Viewer');
  const roomId = await createRoom(presenter, 'Broadcast');
  await joinRoom(viewer, roomId, { watch: true });
  const presenterId = await peerIdOf(presenter);
  await setControl(presenter, 'Camera', true);
  await setControl(presenter, 'Microphone', true);
  await expectVideoFrom(viewer, presenterId);
  await expect(tileOf(viewer, presenterId)).toHaveAttribute('data-speaking', '');
  await expect(viewer.locator('video-tile video')).toHaveCount(1);
  await expect(viewer.locator('room-view audio')).toHaveCount(1);

  await expectNoRestartsWhileSpeakersChange({ Presenter: presenter, Viewer: viewer });
  await closeAll([presenter, viewer]);
});
