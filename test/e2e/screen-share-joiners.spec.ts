import {
  createRoom,
  expectVideoFrom,
  joinRoom,
  openMoim,
  peerIdOf,
  remoteStats,
  setControl,
  shareScreen,
} from './support/moim-page';
import { expect, test } from './support/sfu-server';
import { consumers, producers } from './support/sfu-trace';

// Late joiners to running screen shares, against the in-process SFU: mediasoup's own trace events say when
// the server asked a sender for a keyframe (producer 'pli'/'fir', direction out) and when it forwarded one to
// a consumer (consumer 'keyframe'), so the test sees the request, not just a picture that happened to arrive.

/**
 * For the joiner's consumer of each screen producer: whether the server asked the sender for a keyframe after the
 * consumer was made, and how long after the consumer was resumed the first keyframe was forwarded to it (ms).
 */
function keyframeDelays(joinerId: string): { asked: boolean; delayMs: number | null }[] {
  return [...consumers.values()]
    .filter((c) => c.peerId === joinerId && producers.get(c.producerId)?.source === 'screen')
    .map((c) => {
      const producer = producers.get(c.producerId)!;
      const asked = producer.events.some((e) => e.direction === 'out' && e.at >= c.createdAt);
      const first = c.events.find((e) => e.type === 'keyframe' && e.direction === 'out');
      return { asked, delayMs: first && c.resumedAt !== undefined ? first.at - c.resumedAt : null };
    });
}

test('a late joiner gets a keyframe of each running share at once and decodes both shares and the camera', async ({
  browser,
  sfuServer,
}) => {
  const ana = await openMoim(browser, sfuServer.httpUrl, 'Ana');
  const bo = await openMoim(browser, sfuServer.httpUrl, 'Bo');
  const roomId = await createRoom(ana, 'Group (SFU)');
  await joinRoom(bo, roomId);
  const [anaId, boId] = [await peerIdOf(ana), await peerIdOf(bo)];

  // Two presenters share at once, and Ana shows her camera beside her screen.
  await shareScreen(ana);
  await shareScreen(bo);
  await setControl(ana, 'Camera', true);
  await expectVideoFrom(bo, anaId, 'screen');
  await expectVideoFrom(bo, anaId, 'cam');
  await expectVideoFrom(ana, boId, 'screen');
  // Let the shares settle past their first keyframes, so a keyframe now is one asked for the joiner.
  await ana.waitForTimeout(3000);

  const cy = await openMoim(browser, sfuServer.httpUrl, 'Cy');
  const joinedAt = Date.now();
  await joinRoom(cy, roomId);
  const cyId = await peerIdOf(cy);
  await expectVideoFrom(cy, anaId, 'screen');
  await expectVideoFrom(cy, boId, 'screen');
  await expectVideoFrom(cy, anaId, 'cam');
  const firstFrameMs = Date.now() - joinedAt;

  await expect.poll(() => keyframeDelays(cyId).length).toBe(2);
  await expect.poll(() => keyframeDelays(cyId).every((d) => d.asked && d.delayMs !== null)).toBe(true);
  const delays = keyframeDelays(cyId).map((d) => d.delayMs!);
  console.log(
    `late joiner: keyframes forwarded ${delays.join(' / ')} ms after its consumers resumed; both shares decoded ${firstFrameMs} ms after join`,
  );
  // Generous bounds that only catch a joiner left waiting for a periodic keyframe (Chromium's come seconds apart).
  // Without the request the joiner would wait for Chromium's next keyframe, which a still screen may never send.
  for (const delay of delays) expect(delay).toBeLessThan(3000);
  expect(firstFrameMs).toBeLessThan(20_000);

  // Each of the two shares reaches every other member, with frames still flowing.
  for (const [page, from] of [
    [ana, boId],
    [bo, anaId],
    [cy, anaId],
    [cy, boId],
  ] as const) {
    const frames = async () =>
      (await remoteStats(page)).find((s) => s.peerId === from && s.kind === 'screen' && s.trackKind === 'video')
        ?.framesDecoded ?? 0;
    const before = await frames();
    await expect.poll(frames).toBeGreaterThan(before);
  }
  for (const page of [ana, bo, cy]) await page.context().close();
});
