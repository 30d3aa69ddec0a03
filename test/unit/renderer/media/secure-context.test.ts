// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../../renderer/lib/settings';
import { errorMessageKey } from '../../../../renderer/lib/errors';
import { createLocalMedia } from '../../../../renderer/media/local-media';
import { InsecureContextError, secureMediaDevices } from '../../../../renderer/media/secure-context';

const stream = { getVideoTracks: () => [] } as unknown as MediaStream;

function media(page: Parameters<typeof createLocalMedia>[2]) {
  const bridge = { getDisplayMedia: vi.fn(async () => stream) };
  return { bridge, local: createLocalMedia(() => defaultSettings(), bridge, page) };
}

describe('media on a page that is not a secure context (http from another computer)', () => {
  // What Chromium gives such a page: isSecureContext false and no navigator.mediaDevices at all.
  const insecure = { isSecureContext: false, navigator: {} };

  it.each(['openCamera', 'openMicrophone', 'openScreen'] as const)(
    '%s() fails with InsecureContextError, which the UI explains as needing HTTPS',
    async (method) => {
      const { local, bridge } = media(insecure);
      const error = await local[method]().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InsecureContextError);
      expect(errorMessageKey(error)).toBe('error.insecureContext');
      expect(bridge.getDisplayMedia).not.toHaveBeenCalled(); // no picker for a capture that cannot start
    },
  );

  it('the engine-facing getUserMedia/getDisplayMedia reject the same way instead of throwing a TypeError', async () => {
    const { local } = media(insecure);
    await expect(local.getUserMedia({ video: true })).rejects.toBeInstanceOf(InsecureContextError);
    await expect(local.getDisplayMedia({ audio: false })).rejects.toBeInstanceOf(InsecureContextError);
  });

  it('a secure page opens devices as before', async () => {
    const getUserMedia = vi.fn(async () => stream);
    const page = { isSecureContext: true, navigator: { mediaDevices: { getUserMedia } as unknown as MediaDevices } };
    const { local, bridge } = media(page);
    expect(await local.openCamera()).toBe(stream);
    expect(await local.openScreen()).toBe(stream);
    expect(getUserMedia).toHaveBeenCalledTimes(1);
    expect(bridge.getDisplayMedia).toHaveBeenCalledTimes(1);
    expect(secureMediaDevices(page)).toBe(page.navigator.mediaDevices);
  });
});
