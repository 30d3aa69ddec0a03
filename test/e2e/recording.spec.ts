import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { startRoomServer, type RoomServerProcess } from '../support/room-server';
import { toneWav } from './support/fake-microphone';
import { meanVolume, probe } from './support/media-probe';
import { createRoom, openMoim, peerIdOf, setControl } from './support/moim-page';
import { closeAll, frameWidthFrom, watcher } from './support/sfu-page';

// A presenter records its fake camera and a 440 Hz tone through a real room server process, mediasoup
// and Debian's ffmpeg; ffprobe then reads the file. A recording ends three ways — the presenter stops it, the
// presenter leaves, the server gets SIGTERM — and each time the file must be complete, not cut or empty.
// A watcher may not record but sees that the room is recorded.

const args = [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${toneWav(440)}`];
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args } });

/** How long each test records. */
const RECORD_MS = 10_000;

/** Calls a recording method of the page's engine; resolves with the result or the error code. */
function call(page: Page, method: 'startRecording' | 'stopRecording'): Promise<{ ok: boolean; value: unknown }> {
  return page.evaluate(async (m) => {
    try {
      const extras = (window.moim!.engine as unknown as { extras: Record<string, () => Promise<unknown>> }).extras;
      return { ok: true, value: await extras[m]!() };
    } catch (error) {
      return { ok: false, value: String((error as { code?: string }).code ?? error) };
    }
  }, method);
}

const isRecording = (page: Page) =>
  page.evaluate(() => (window.moim!.engine as unknown as { extras: { recording: boolean } }).extras.recording);

/** Waits (polling every 20 ms in the page) until the page is told the room is no longer recorded; returns when. */
async function recordingEndSeen(page: Page): Promise<number> {
  await page.waitForFunction(
    () => !(window.moim!.engine as unknown as { extras: { recording: boolean } }).extras.recording,
    undefined,
    { polling: 20 },
  );
  return Date.now();
}

/** A room server with a presenter (camera + tone) recording and a watcher: everything a test ends. */
interface Recording {
  server: RoomServerProcess;
  presenter: Page;
  viewer: Page;
  /** The recording's path on disk. */
  file: string;
  startedAt: number;
  /** The camera's own resolution, which the file's video must have (the top simulcast layer). */
  sent: number[];
}

/** Starts a server, a presenter with camera and microphone, a watcher, and a recording; waits `RECORD_MS`. */
async function recordFor(browser: Browser, server: RoomServerProcess, dataDir: string): Promise<Recording> {
  const presenter = await openMoim(browser, server.httpUrl, 'Presenter');
  const roomId = await createRoom(presenter, 'Group (SFU)');
  await setControl(presenter, 'Camera', true);
  await setControl(presenter, 'Microphone', true);
  const viewer = (await watcher(browser, server.httpUrl, roomId, 'Watcher')).page;
  const sent = await presenter.evaluate(() => {
    const { width, height } = window.moim!.engine!.localStreams.cam!.getVideoTracks()[0]!.getSettings();
    return [width!, height!];
  });
  // The recording starts once the camera's top simulcast layer flows (the watcher decodes it): Chromium adds
  // that layer only as its bandwidth estimate grows, and a file begun on a lower layer keeps that size.
  const presenterId = await peerIdOf(presenter);
  await expect.poll(() => frameWidthFrom(viewer, presenterId), { timeout: 30_000 }).toBe(sent[0]);

  // A watcher is refused; the room is not recorded.
  expect(await call(viewer, 'startRecording')).toEqual({ ok: false, value: 'FORBIDDEN' });

  const started = await call(presenter, 'startRecording');
  const startedAt = Date.now();
  expect(started.ok, String(started.value)).toBe(true);
  await expect.poll(() => isRecording(viewer)).toBe(true);
  await presenter.waitForTimeout(RECORD_MS - (Date.now() - startedAt));
  const file = path.join(dataDir, 'recordings', String(started.value));
  return { server, presenter, viewer, file, startedAt, sent };
}

/**
 * The file is complete: VP8 + Opus, the camera's size, an audible tone, and as long as the recording ran ±1 s —
 * from start's answer to an end that came after `endAsked` and before `endSeen`.
 */
function expectCompleteFile(recording: Recording, endAsked: number, endSeen: number): void {
  const shortest = (endAsked - recording.startedAt) / 1000;
  const longest = (endSeen - recording.startedAt) / 1000;
  const found = probe(recording.file);
  const volume = meanVolume(recording.file);
  console.log(`recording: ${JSON.stringify(found)}, mean volume ${volume} dB, ended ${shortest}–${longest} s in`);
  expect(found.codecs).toEqual(['audio:opus', 'video:vp8']);
  expect(found.duration).toBeGreaterThan(shortest - 1);
  expect(found.duration).toBeLessThan(longest + 1);
  expect([found.width, found.height]).toEqual(recording.sent);
  expect(volume).toBeGreaterThan(-60);
}

/** Runs `body` with a fresh room server (one worker) writing into its own data folder; stops it after. */
async function withServer(body: (server: RoomServerProcess, dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'moim-rec-'));
  const server = await startRoomServer(['--data-dir', dataDir, '--workers', '1'], {
    DEBUG: 'moim:server:recording*',
  });
  try {
    await body(server, dataDir);
  } catch (error) {
    // The recorder's log (ffmpeg's exits and warnings) is what explains a bad file.
    console.log(`room server output:\n${server.output()}`);
    throw error;
  } finally {
    await server.stop();
  }
}

test('a presenter records 10 s of camera and tone into a playable file; a watcher cannot record', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  await withServer(async (server, dataDir) => {
    const recording = await recordFor(browser, server, dataDir);
    const endAsked = Date.now();
    expect(await call(recording.presenter, 'stopRecording')).toEqual({ ok: true, value: undefined });
    const endSeen = Date.now();
    await expect.poll(() => isRecording(recording.viewer)).toBe(false);
    expectCompleteFile(recording, endAsked, endSeen);
    await closeAll([recording.presenter, recording.viewer]);
  });
});

test('the recording is finished when its presenter leaves the room', async ({ browser }) => {
  test.setTimeout(120_000);
  await withServer(async (server, dataDir) => {
    const recording = await recordFor(browser, server, dataDir);
    const endAsked = Date.now();
    await recording.presenter.getByRole('button', { name: 'Leave', exact: true }).click();
    // The server ends the recording (and tells the watcher) as the presenter's leave reaches it.
    const endSeen = await recordingEndSeen(recording.viewer);
    // ffmpeg then writes the duration as it finishes the file.
    await expect.poll(() => probe(recording.file).duration, { timeout: 10_000 }).toBeGreaterThan(0);
    expectCompleteFile(recording, endAsked, endSeen);
    await closeAll([recording.presenter, recording.viewer]);
  });
});

test('the recording is finished when the room server gets SIGTERM', async ({ browser }) => {
  test.setTimeout(120_000);
  await withServer(async (server, dataDir) => {
    const recording = await recordFor(browser, server, dataDir);
    const endAsked = Date.now();
    // Resolves once the server process has exited: it must not exit before ffmpeg finished the file.
    await server.stop();
    const endSeen = Date.now();
    expect(server.output()).not.toMatch(/did not finish|killing it/);
    expectCompleteFile(recording, endAsked, endSeen);
    await closeAll([recording.presenter, recording.viewer]);
  });
});
