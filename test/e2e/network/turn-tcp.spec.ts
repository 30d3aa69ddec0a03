import type { Page } from '@playwright/test';
import { randomCredentials, startTurnServer, type TurnServer } from '../../support/turn-server';
import { createRoom, joinRoom, setControl } from '../support/moim-page';
import { expect, labAddress, test } from './support/lab-fixture';
import { openRecorded, videoReceive } from './support/receive-stats';

// A P2P call from a network that blocks UDP from the start and lets its clients reach only servers (no direct
// path to the other peer): the only way through is TURN over TCP. coturn runs on the room server's machine
// (whose address the lab's Chromium resolves; every other name maps to NOTFOUND), started by this test and
// stopped by its PID; the room server hands it to every client in `hello` (`--ice-servers`), both as
// turn:…?transport=udp and turn:…?transport=tcp.

const credentials = randomCredentials();
const TURN_HOST = labAddress('server');
const ICE_SERVERS = [
  { urls: [`turn:${TURN_HOST}:3478?transport=udp`, `turn:${TURN_HOST}:3478?transport=tcp`], ...credentials },
];

test.use({ serverArgs: ['--ice-servers', JSON.stringify(ICE_SERVERS)] });
test.describe.configure({ timeout: 180_000 });

/** The local side of every selected candidate pair of `page`'s connections: type, and how it reaches its relay. */
async function selectedLocalCandidates(page: Page): Promise<{ type?: string; relayProtocol?: string }[]> {
  return page.evaluate(async () => {
    const found: { type?: string; relayProtocol?: string }[] = [];
    for (const pc of (window as Window & { __pcs?: RTCPeerConnection[] }).__pcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s: { type: string; selectedCandidatePairId?: string }) => {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
        const pair = report.get(s.selectedCandidatePairId) as { localCandidateId?: string } | undefined;
        const local = report.get(pair?.localCandidateId ?? '') as
          { candidateType?: string; relayProtocol?: string } | undefined;
        found.push({ type: local?.candidateType, relayProtocol: local?.relayProtocol });
      });
    }
    return found;
  });
}

/** Each connection's state, ICE servers and gathered local candidate types (for a failure message). */
function connectionsOf(page: Page) {
  return page.evaluate(async () =>
    Promise.all(
      ((window as Window & { __pcs?: RTCPeerConnection[] }).__pcs ?? []).map(async (pc) => {
        const local: string[] = [];
        (await pc.getStats()).forEach((s: { type: string; candidateType?: string; protocol?: string }) => {
          if (s.type === 'local-candidate') local.push(`${s.candidateType}/${s.protocol}`);
        });
        return { state: pc.connectionState, servers: pc.getConfiguration().iceServers, local };
      }),
    ),
  );
}

test('with UDP blocked from the start and no direct path, a P2P call connects through TURN over TCP', async ({
  lab,
  labServer,
  browserOn,
}) => {
  let turn: TurnServer | undefined;
  let bo: Page | undefined;
  try {
    turn = await startTurnServer({ netns: lab.node('server').ns, host: TURN_HOST, credentials });
    const ana = await openRecorded(await browserOn('a'), labServer.httpUrl, 'Ana');
    const viewer = await openRecorded(await browserOn('b'), labServer.httpUrl, 'Bo');
    bo = viewer;
    // Bo's network: no UDP at all, and no packet to or from Ana's machine; the room server and TURN answer on TCP.
    await lab.node('b').link.blockUdp(true);
    await lab.node('b').link.blockPeer(lab.node('a').address, true);
    const roomId = await createRoom(ana, 'P2P');
    await joinRoom(viewer, roomId);
    const joined = Date.now();
    await setControl(ana, 'Camera', true);
    await expect.poll(async () => (await videoReceive(viewer)).framesDecoded, { timeout: 60_000 }).toBeGreaterThan(0);
    const firstFrameMs = Date.now() - joined;

    // What the call was configured with: the ICE servers the room server offered in `hello`.
    const offered = await viewer.evaluate(() =>
      ((window as Window & { __pcs?: RTCPeerConnection[] }).__pcs ?? []).flatMap((pc) =>
        (pc.getConfiguration().iceServers ?? []).flatMap((server) => server.urls),
      ),
    );
    expect(offered).toContain(`turn:${TURN_HOST}:3478?transport=tcp`);
    const local = await selectedLocalCandidates(viewer);
    console.log(
      `UDP blocked, P2P: first frame ${firstFrameMs} ms after the camera went on, through ${JSON.stringify(local)}; ` +
        `ICE servers offered: ${JSON.stringify(offered)}`,
    );
    expect(local.length).toBeGreaterThan(0);
    for (const candidate of local) expect(candidate).toEqual({ type: 'relay', relayProtocol: 'tcp' });
  } catch (error) {
    if (turn) console.log(`coturn said:\n${turn.output().slice(-4000)}`);
    if (bo) console.log(`Bo's connections: ${JSON.stringify(await connectionsOf(bo).catch(String))}`);
    throw error;
  } finally {
    await turn?.stop();
  }
});
