// @vitest-environment node
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileBegun } from '../../../../server/recording/first-picture';
import type { SfuLayeredConsumer } from '../../../../server/sfu/mediasoup-types';

/** A video consumer that counts the keyframes asked of it and runs `onAsk` with the count. */
function videoConsumer(onAsk: (count: number) => void = () => {}): SfuLayeredConsumer & { asked: number } {
  const consumer = {
    asked: 0,
    closed: false,
    requestKeyFrame: async () => onAsk(++consumer.asked),
  };
  return consumer as unknown as SfuLayeredConsumer & { asked: number };
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'moim-first-picture-'));
  file = path.join(dir, 'out.webm');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('fileBegun', () => {
  it('asks for keyframes again until ffmpeg writes, as when the first keyframe was lost on its way', async () => {
    // ffmpeg "loses" the first keyframe and writes once the second one arrives.
    const video = videoConsumer((count) => count === 2 && writeFileSync(file, 'header'));
    await fileBegun(file, video, 5_000);
    expect(video.asked).toBe(2);
    // No more keyframes are asked once the file has begun.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(video.asked).toBe(2);
  });

  it('waits for the first bytes, not for the file: an empty file has not begun', async () => {
    writeFileSync(file, '');
    const video = videoConsumer();
    const begun = fileBegun(file, video, 5_000);
    setTimeout(() => writeFileSync(file, 'header'), 300);
    await begun;
    expect(video.asked).toBe(1);
  });

  it('without video it only waits for the file', async () => {
    setTimeout(() => writeFileSync(file, 'header'), 100);
    await expect(fileBegun(file, undefined, 5_000)).resolves.toBeUndefined();
  });

  it('fails when ffmpeg writes nothing in time, having kept asking', async () => {
    const video = videoConsumer();
    await expect(fileBegun(file, video, 2_500)).rejects.toThrow(/wrote nothing in 2500 ms/);
    expect(video.asked).toBeGreaterThanOrEqual(2);
  });
});
