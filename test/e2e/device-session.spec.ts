// Device audio sessions: a headless appliance (Node + @roamhq/wrtc, its own process) creates the session and
// offers a 440 Hz tone; Moim (real Chromium whose fake microphone plays a 660 Hz tone) joins through the UI with
// the id and token and only answers. Real room server, real coturn.
import { test as base, expect, type Page } from '@playwright/test';
import { Appliance, type ApplianceOptions } from '../support/appliance';
import { startRoomServer, type RoomServerProcess } from '../support/room-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { startTurnServer } from '../support/turn-server';
import {
  deviceAudio,
  expectDeviceAudio,
  joinDeviceSession,
  lastPeerConnection,
  meterLevel,
  recordPeerConnections,
  sessionState,
} from './support/device-session-page';
import { toneWav } from './support/fake-microphone';
import { openMoim } from './support/moim-page';
import { tapSignaling } from './support/signaling-tap';

/** A short idle limit: the UI beats every max(1 s, limit / 3), the appliance every limit / 3. */
const IDLE_MS = 2400;
const TONE_HZ = 440;
const MIC_HZ = 660;

const test = base.extend<
  { device: (options?: Partial<ApplianceOptions>) => Promise<Appliance> },
  { roomServer: RoomServerProcess }
>({
  roomServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const server = await startRoomServer(['--session-idle-ms', String(IDLE_MS)]);
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  // Appliances started by a test, stopped (by PID if they don't quit) after it.
  device: async ({ roomServer }, use) => {
    const started: Appliance[] = [];
    await use(async (options = {}) => {
      const appliance = await Appliance.start({
        wsUrl: roomServer.wsUrl,
        role: 'offerer',
        toneHz: TONE_HZ,
        ...options,
      });
      started.push(appliance);
      return appliance;
    });
    await Promise.all(started.map((a) => a.stop()));
  },
});

/** Moim's microphone is a steady tone, so the appliance can tell it is Moim it hears. */
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${toneWav(MIC_HZ)}`],
  },
});

/** Resolves once the appliance hears Moim's microphone: its pitch, a level, real samples, more than `after` packets. */
function hearsMoim(appliance: Appliance, after = 0) {
  return appliance.waitFor(
    'audio',
    (a) => a.nonZeroSamples > 0 && a.packetsReceived > after && a.rms > 0.005 && Math.abs(a.frequencyHz - MIC_HZ) < 15,
    15_000,
  );
}

/** The appliance creates a session; Moim joins it through the UI; both sides are connected. */
async function connected(page: Page, appliance: Appliance) {
  const { peerId: deviceId } = await appliance.waitFor('ready');
  const { sessionId, token } = await appliance.created();
  const joinedAt = Date.now();
  await joinDeviceSession(page, sessionId, token);
  await expect(sessionState(page)).toHaveAttribute('data-phase', 'active');
  const joined = await appliance.waitFor('peerJoined');
  const link = await appliance.waitFor('connected', () => true, 15_000);
  return { sessionId, deviceId, moimId: joined.peerId, connectMs: link.ms, joinedAt };
}

/**
 * Moim shows the session ended for `reason` ('self' when Moim ended it); given the device's id, also that its
 * audio no longer arrives.
 */
async function expectEndedAtMoim(page: Page, reason: 'idle' | 'ended' | 'self', deviceId?: string) {
  await expect(page.getByTestId('session-ended')).toHaveAttribute('data-reason', reason);
  await expect(sessionState(page)).toHaveAttribute('data-phase', 'ended');
  if (deviceId) await expect.poll(async () => (await deviceAudio(page, deviceId)) ?? null).toBeNull();
}

test("the appliance's tone reaches Moim and Moim's microphone reaches the appliance, across an ICE restart", async ({
  browser,
  roomServer,
  device,
}) => {
  const appliance = await device();
  const page = await openMoim(browser, roomServer.httpUrl, 'Moim');
  const { deviceId, connectMs, joinedAt } = await connected(page, appliance);

  // Moim hears the device: packets through the engine's stats, and the level meter moves.
  await expectDeviceAudio(page, deviceId);
  const moimHeardMs = Date.now() - joinedAt;
  await expect.poll(() => meterLevel(page, 'remote'), { message: 'the device level meter' }).toBeGreaterThan(0);
  await expect.poll(async () => (await deviceAudio(page, deviceId))?.audioLevel ?? 0).toBeGreaterThan(0);
  await expect.poll(() => meterLevel(page, 'local'), { message: 'our microphone level meter' }).toBeGreaterThan(0);
  // The appliance hears Moim: real samples, not just silent frames, carried by packets.
  const heard = await hearsMoim(appliance, 10);
  const firstAudio = await appliance.waitFor('firstAudio');
  test.info().annotations.push({
    type: 'measured',
    description:
      `appliance: connected ${connectMs} ms, first Moim audio ${firstAudio.ms} ms after its offer; ` +
      `Moim: "Join session" click → device audio packets seen within ${moimHeardMs} ms (polled)`,
  });
  console.log(
    `[device-session] connected ${connectMs} ms, first audio from Moim ${firstAudio.ms} ms after the offer; ` +
      `join click → device audio at Moim ≤ ${moimHeardMs} ms`,
  );

  // The appliance renegotiates with an ICE restart: Moim answers it, and audio keeps flowing both ways.
  const moimPackets = (await deviceAudio(page, deviceId))!.packetsReceived;
  appliance.send({ cmd: 'renegotiate' });
  await expect(appliance.waitFor('renegotiated', () => true, 15_000)).resolves.toMatchObject({ iceRestart: true });
  await hearsMoim(appliance, heard.packetsReceived + 50);
  await expectDeviceAudio(page, deviceId, moimPackets + 50);
  await expect(sessionState(page)).toHaveAttribute('data-phase', 'active');
  await page.context().close();
});

test('mute silences what the appliance hears, and unmute brings it back', async ({ browser, roomServer, device }) => {
  const appliance = await device();
  const page = await openMoim(browser, roomServer.httpUrl, 'Moim');
  await connected(page, appliance);
  await hearsMoim(appliance);
  const mute = page.getByRole('button', { name: 'Mute microphone' });

  const atClick = appliance.last('audio')!.packetsReceived;
  await mute.click();
  await expect(mute).toHaveAttribute('aria-pressed', 'true');
  // Once what was in flight has played out, packets keep coming (no renegotiation) but carry exact silence.
  const settled = await appliance.waitFor('audio', (a) => a.packetsReceived > atClick + 40, 10_000);
  const silent = await appliance.waitFor('audio', (a) => a.packetsReceived > settled.packetsReceived + 100, 10_000);
  expect(silent.nonZeroSamples).toBe(settled.nonZeroSamples);

  await mute.click();
  await expect(mute).toHaveAttribute('aria-pressed', 'false');
  await appliance.waitFor('audio', (a) => a.nonZeroSamples > silent.nonZeroSamples, 10_000);
  await hearsMoim(appliance, silent.packetsReceived);
  await page.context().close();
});

test("outlives the idle limit on heartbeats (Moim's alone suffice), and without any the server ends it as idle", async ({
  browser,
  roomServer,
  device,
}) => {
  const appliance = await device();
  const page = await openMoim(browser, roomServer.httpUrl, 'Moim');
  const tap = await tapSignaling(page);
  const { sessionId, deviceId } = await connected(page, appliance);
  await expectDeviceAudio(page, deviceId);
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  // Both sides beat: well past the limit, still on, audio still flowing.
  await pause(IDLE_MS * 2);
  expect(appliance.last('ended')).toBeUndefined();
  await expect(sessionState(page)).toHaveAttribute('data-phase', 'active');

  // The server counts a heartbeat from either side: with only Moim's, the session lives on.
  appliance.send({ cmd: 'stopHeartbeats' });
  const beatsBefore = tap.sent('heartbeat');
  const packetsBefore = (await deviceAudio(page, deviceId))!.packetsReceived;
  await pause(IDLE_MS * 2.5);
  expect(appliance.last('ended')).toBeUndefined();
  await expect(sessionState(page)).toHaveAttribute('data-phase', 'active');
  expect(tap.sent('heartbeat')).toBeGreaterThan(beatsBefore + 2);
  await expectDeviceAudio(page, deviceId, packetsBefore + 50);

  // Moim's heartbeats are lost on the way too: nothing keeps it alive, and both sides are told it went idle.
  tap.lose('heartbeat');
  await expect(appliance.waitFor('ended', () => true, IDLE_MS * 4)).resolves.toMatchObject({
    sessionId,
    reason: 'idle',
  });
  await expectEndedAtMoim(page, 'idle', deviceId);
  await page.context().close();
});

test('the appliance ends the session: Moim shows that it ended and stops receiving', async ({
  browser,
  roomServer,
  device,
}) => {
  const appliance = await device();
  const page = await openMoim(browser, roomServer.httpUrl, 'Moim');
  const { sessionId, deviceId } = await connected(page, appliance);
  await expectDeviceAudio(page, deviceId);

  appliance.send({ cmd: 'end' });
  await expect(appliance.waitFor('ended')).resolves.toMatchObject({ sessionId, reason: 'ended' });
  await expectEndedAtMoim(page, 'ended', deviceId);
  await page.context().close();
});

test('Moim ends the session: the appliance is told, and Moim shows it ended it', async ({
  browser,
  roomServer,
  device,
}) => {
  const appliance = await device();
  const page = await openMoim(browser, roomServer.httpUrl, 'Moim');
  const { sessionId } = await connected(page, appliance);
  await hearsMoim(appliance);

  await page.getByRole('button', { name: 'End session' }).click();
  await expect(appliance.waitFor('ended')).resolves.toMatchObject({ sessionId, reason: 'ended' });
  await expectEndedAtMoim(page, 'self');
  await page.context().close();
});

test('a wrong token is refused: Moim shows an error and the appliance sees nobody join; the right one then works', async ({
  browser,
  roomServer,
  device,
}) => {
  const appliance = await device();
  const { sessionId, token } = await appliance.created();
  const page = await openMoim(browser, roomServer.httpUrl, 'Moim');

  await joinDeviceSession(page, sessionId, `${token.slice(0, -2)}xx`);
  await expect(page.getByRole('alert')).toContainText('not allowed');
  await expect(sessionState(page)).toHaveAttribute('data-phase', 'idle');
  await expect(page.getByRole('button', { name: 'Join session' })).toBeVisible();
  expect(appliance.last('peerJoined')).toBeUndefined();

  await page.getByLabel('Join token').fill(token);
  await page.getByRole('button', { name: 'Join session' }).click();
  await expect(sessionState(page)).toHaveAttribute('data-phase', 'active');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await appliance.waitFor('peerJoined');
  await hearsMoim(appliance);
  await page.context().close();
});

test("through TURN: the appliance forced to relay connects via coturn from the server's ICE list, audio both ways", async ({
  browser,
}) => {
  const turn = await startTurnServer();
  const server = await startRoomServer(['--ice-servers', JSON.stringify([turn.iceServer])]);
  const appliance = await Appliance.start({
    wsUrl: server.wsUrl,
    role: 'offerer',
    toneHz: TONE_HZ,
    iceServers: [turn.iceServer],
    iceTransportPolicy: 'relay',
  });
  try {
    const page = await openMoim(browser, server.httpUrl, 'Moim');
    await recordPeerConnections(page);
    await page.reload();
    const { deviceId, connectMs } = await connected(page, appliance);

    const pair = await appliance.waitFor('selectedPair', () => true, 15_000);
    expect(pair.local.candidateType).toBe('relay');
    await hearsMoim(appliance, 25);
    await expectDeviceAudio(page, deviceId, 25);
    // Moim's own connection was configured with coturn from the room server's hello (no ICE servers in settings).
    const moim = await lastPeerConnection(page);
    expect(moim.iceServers).toEqual([expect.objectContaining({ urls: turn.urls, username: turn.username })]);
    const firstAudio = await appliance.waitFor('firstAudio');
    test.info().annotations.push({
      type: 'measured',
      description:
        `relay: connected ${connectMs} ms, first Moim audio ${firstAudio.ms} ms after the offer; ` +
        `Moim gathered ${moim.gathered.join(',')}`,
    });
    console.log(`[device-session/turn] connected ${connectMs} ms, first audio from Moim ${firstAudio.ms} ms`);
    await page.context().close();
  } finally {
    await appliance.stop();
    await server.stop();
    await turn.stop();
  }
});
