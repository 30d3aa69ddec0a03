import { createRoom, joinRoom, setControl } from '../support/moim-page';
import { expect, test } from './support/lab-fixture';
import { openRecorded, videoReceive } from './support/receive-stats';

// A network that blocks UDP from the start (the lab drops every UDP packet on the client's link, both ways):
// mediasoup also listens on TCP (enableTcp), so an SFU call can still connect over ICE-TCP.

test.describe.configure({ timeout: 180_000 });

test('with UDP blocked from the start, an SFU call connects over TCP and video decodes', async ({
  lab,
  labServer,
  browserOn,
}) => {
  const ana = await openRecorded(await browserOn('a'), labServer.httpUrl, 'Ana');
  const bo = await openRecorded(await browserOn('b'), labServer.httpUrl, 'Bo');
  await lab.node('b').link.blockUdp(true);
  const roomId = await createRoom(ana, 'Group (SFU)');
  await joinRoom(bo, roomId);
  const joined = Date.now();
  await setControl(ana, 'Camera', true);
  await expect.poll(async () => (await videoReceive(bo)).framesDecoded, { timeout: 60_000 }).toBeGreaterThan(0);
  // The pair each connection actually uses is the one its transport stats name as selected; read until the
  // receiving connection reports it (the `nominated` flag on a pair may lag the first frame).
  const selectedProtocols = () =>
    bo.evaluate(async () => {
      const used: string[] = [];
      for (const pc of (window as Window & { __pcs?: RTCPeerConnection[] }).__pcs ?? []) {
        const report = await pc.getStats();
        report.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
          if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
          const pair = report.get(s.selectedCandidatePairId) as { localCandidateId?: string } | undefined;
          used.push((report.get(pair?.localCandidateId ?? '') as { protocol?: string } | undefined)?.protocol ?? '?');
        });
      }
      return used;
    });
  await expect.poll(async () => (await selectedProtocols()).length, { timeout: 10_000 }).toBeGreaterThan(0);
  const protocols = await selectedProtocols();
  console.log(`UDP blocked: first frame ${Date.now() - joined} ms after the camera went on, over ${protocols}`);
  expect(protocols.length).toBeGreaterThan(0);
  expect(protocols.every((p) => p === 'tcp')).toBe(true);
});
