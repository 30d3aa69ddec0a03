import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { startRoomServer } from '../support/room-server';
import { toneWav } from './support/fake-microphone';
import { createRoom, openMoim, setControl } from './support/moim-page';
import { closeAll, watcher } from './support/sfu-page';

// A presenter records its fake camera and a 440 Hz tone through a real room server process, mediasoup
// and Debian's ffmpeg; ffprobe then reads the file. A watcher may not record but sees that the room is recorded.

const args = [...CHROMIUM_ARGS, `--use-file-for-fake-audio-capture=${toneWav(440)}`];
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args } });

interface Probe {
  duration: number;
  width: number;
  height: number;
  codecs: string[];
}

function probe(file: string): Probe {
  const out = spawnSync('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]);
  const json = JSON.parse(String(out.stdout)) as {
    format: { duration: string };
    streams: { codec_type: string; codec_name: string; width?: number; height?: number }[];
  };
  const video = json.streams.find((s) => s.codec_type === 'video');
  return {
    duration: Number(json.format.duration),
    width: video?.width ?? 0,
    height: video?.height ?? 0,
    codecs: json.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort(),
  };
}

/** The audio's mean volume in dB from ffmpeg's volumedetect; -91 dB is digital silence. */
function meanVolume(file: string): number {
  const run = spawnSync('ffmpeg', [
    '-hide_banner',
    '-i',
    file,
    '-map',
    '0:a',
    '-af',
    'volumedetect',
    '-f',
    'null',
    '-',
  ]);
  const match = /mean_volume: (-?[\d.]+) dB/.exec(String(run.stderr));
  return match ? Number(match[1]) : -91;
}

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

test('a presenter records 10 s of camera and tone into a playable file; a watcher cannot record', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'moim-rec-'));
  const recordings = path.join(dataDir, 'recordings');
  const server = await startRoomServer(['--data-dir', dataDir, '--workers', '1']);
  try {
    const presenter = await openMoim(browser, server.httpUrl, 'Presenter');
    const roomId = await createRoom(presenter, 'Group (SFU)');
    await setControl(presenter, 'Camera', true);
    await setControl(presenter, 'Microphone', true);
    const viewer = await watcher(browser, server.httpUrl, roomId, 'Watcher');

    // A watcher is refused; the room is not recorded.
    expect(await call(viewer.page, 'startRecording')).toEqual({ ok: false, value: 'FORBIDDEN' });

    const started = await call(presenter, 'startRecording');
    const startedAt = Date.now();
    expect(started.ok, String(started.value)).toBe(true);
    const file = path.join(recordings, String(started.value));
    await expect.poll(() => isRecording(viewer.page)).toBe(true);
    await presenter.waitForTimeout(10_000 - (Date.now() - startedAt));
    const recordedMs = Date.now() - startedAt;
    expect(await call(presenter, 'stopRecording')).toEqual({ ok: true, value: undefined });
    await expect.poll(() => isRecording(viewer.page)).toBe(false);

    const first = probe(file);
    console.log(`recording: ${JSON.stringify(first)}, mean volume ${meanVolume(file)} dB`);
    expect(first.codecs).toEqual(['audio:opus', 'video:vp8']);
    // 10 s asked for; what the file holds is within 1 s of the time between start's answer and the stop request.
    console.log(`recorded for ${recordedMs} ms`);
    expect(Math.abs(first.duration - recordedMs / 1000)).toBeLessThan(1);
    // The top simulcast layer: what the camera sends.
    const sent = await presenter.evaluate(() => {
      const { width, height } = window.moim!.engine!.localStreams.cam!.getVideoTracks()[0]!.getSettings();
      return [width, height];
    });
    expect([first.width, first.height]).toEqual(sent);
    expect(meanVolume(file)).toBeGreaterThan(-60);

    await closeAll([presenter, viewer.page]);
  } finally {
    await server.stop();
  }
});
