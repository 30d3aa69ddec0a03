// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PickerRequest } from '../../../renderer/bridge/types';
import {
  PICKER_TIMEOUT_MS,
  REFRESH_MS,
  audioSupported,
  createPicker,
  type DisplayMediaRequestLike,
  type SourceLike,
  type Streams,
} from '../../../main/picker';
import { FakeContents } from './support/fakes';

const image = (data: string) => ({ isEmpty: () => data === '', toDataURL: () => `data:image/png;base64,${data}` });
const source = (id: string, name: string, icon = ''): SourceLike => ({
  id,
  name,
  thumbnail: image(id),
  appIcon: icon ? image(icon) : null,
});
const SOURCES = [source('screen:0:0', 'Entire screen'), source('window:42:0', 'Slides', 'ICON')];

function setup(opts: { platform?: NodeJS.Platform; portal?: boolean; sources?: () => Promise<SourceLike[]> } = {}) {
  const contents = new FakeContents();
  const getSources = vi.fn(opts.sources ?? (async () => SOURCES));
  const picker = createPicker({
    getSources,
    contentsForFrame: (frame) => (frame ? contents : null),
    platform: opts.platform ?? 'linux',
    portal: opts.portal ?? false,
  });
  const calls: Streams[] = [];
  const request = (overrides: Partial<DisplayMediaRequestLike> = {}) =>
    picker.handle(
      {
        frame: { url: 'moim-app://app/index.html' },
        securityOrigin: 'moim-app://app',
        audioRequested: false,
        ...overrides,
      },
      (streams) => void calls.push(streams),
    );
  const requests = () => contents.sentOn('moim:pickerRequest') as PickerRequest[];
  const closed = () => contents.sentOn('moim:pickerClosed');
  return { contents, picker, calls, request, requests, closed, getSources };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('screen-source picker', () => {
  it('lists screens and windows with thumbnails and icons and pushes one request to the asking window', async () => {
    const { request, requests, getSources } = setup();
    request();
    await vi.advanceTimersByTimeAsync(0);
    expect(getSources).toHaveBeenCalledWith({
      types: ['screen', 'window'],
      thumbnailSize: { width: 320, height: 180 },
      fetchWindowIcons: true,
    });
    const [pushed] = requests();
    expect(pushed!.sources).toEqual([
      {
        id: 'screen:0:0',
        name: 'Entire screen',
        kind: 'screen',
        thumbnail: 'data:image/png;base64,screen:0:0',
        icon: null,
      },
      {
        id: 'window:42:0',
        name: 'Slides',
        kind: 'window',
        thumbnail: 'data:image/png;base64,window:42:0',
        icon: 'data:image/png;base64,ICON',
      },
    ]);
    expect(pushed!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refreshes thumbnails every ~2 s with the same requestId while open, and stops once answered', async () => {
    const { picker, contents, request, requests } = setup();
    request();
    await vi.advanceTimersByTimeAsync(REFRESH_MS * 2 + 10);
    const ids = requests().map((r) => r.requestId);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    picker.answer(contents.id, { requestId: ids[0]!, sourceId: null, shareAudio: false });
    await vi.advanceTimersByTimeAsync(REFRESH_MS * 3);
    expect(requests()).toHaveLength(3);
  });

  it('answers with the chosen source exactly once', async () => {
    const { picker, contents, request, requests, calls } = setup();
    request();
    await vi.advanceTimersByTimeAsync(0);
    const { requestId } = requests()[0]!;
    picker.answer(contents.id, { requestId, sourceId: 'window:42:0', shareAudio: false });
    picker.answer(contents.id, { requestId, sourceId: 'screen:0:0', shareAudio: false });
    await vi.advanceTimersByTimeAsync(PICKER_TIMEOUT_MS * 2);
    contents.destroy();
    expect(calls).toEqual([{ video: SOURCES[1] }]);
  });

  it('cancel answers null (getDisplayMedia rejects) exactly once and tells the renderer why', async () => {
    const { picker, contents, request, requests, calls, closed } = setup();
    request();
    await vi.advanceTimersByTimeAsync(0);
    const { requestId } = requests()[0]!;
    picker.answer(contents.id, { requestId, sourceId: null, shareAudio: false });
    await vi.advanceTimersByTimeAsync(PICKER_TIMEOUT_MS * 2);
    expect(calls).toEqual([null]);
    expect(closed()).toEqual([{ requestId, reason: 'cancelled' }]);
  });

  it('answers null exactly once when the window closes while the picker is open', async () => {
    const { contents, request, calls } = setup();
    request();
    await vi.advanceTimersByTimeAsync(0);
    contents.destroy();
    await vi.advanceTimersByTimeAsync(PICKER_TIMEOUT_MS * 2);
    expect(calls).toEqual([null]);
  });

  it('answers null exactly once when nobody answers before the timeout', async () => {
    const { request, calls, closed, requests } = setup();
    request();
    await vi.advanceTimersByTimeAsync(PICKER_TIMEOUT_MS - 1);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(PICKER_TIMEOUT_MS);
    expect(calls).toEqual([null]);
    expect(closed()).toEqual([{ requestId: requests()[0]!.requestId, reason: 'timeout' }]);
  });

  it('a second request from the same window supersedes the first: old answered null, new one open', async () => {
    const { picker, contents, request, requests, calls, closed } = setup();
    request();
    await vi.advanceTimersByTimeAsync(0);
    const first = requests()[0]!.requestId;
    request();
    await vi.advanceTimersByTimeAsync(0);
    const second = requests().at(-1)!.requestId;
    expect(second).not.toBe(first);
    expect(calls).toEqual([null]);
    expect(closed()).toEqual([{ requestId: first, reason: 'superseded' }]);
    picker.answer(contents.id, { requestId: first, sourceId: 'screen:0:0', shareAudio: false });
    picker.answer(contents.id, { requestId: second, sourceId: 'screen:0:0', shareAudio: false });
    expect(calls).toEqual([null, { video: SOURCES[0] }]);
  });

  it('ignores an answer from another window or for an unknown request', async () => {
    const { picker, contents, request, requests, calls } = setup();
    request();
    await vi.advanceTimersByTimeAsync(0);
    const { requestId } = requests()[0]!;
    picker.answer(contents.id + 1, { requestId, sourceId: 'screen:0:0', shareAudio: false });
    picker.answer(contents.id, { requestId: 'not-the-one', sourceId: 'screen:0:0', shareAudio: false });
    expect(calls).toEqual([]);
  });

  it('a source id that was never offered answers null with source-gone', async () => {
    const { picker, contents, request, requests, calls, closed } = setup();
    request();
    await vi.advanceTimersByTimeAsync(0);
    const { requestId } = requests()[0]!;
    picker.answer(contents.id, { requestId, sourceId: 'window:666:0', shareAudio: false });
    expect(calls).toEqual([null]);
    expect(closed()).toEqual([{ requestId, reason: 'source-gone' }]);
  });

  it('denies at once a request from a page that is not the app, without listing sources', async () => {
    const { request, calls, getSources, requests } = setup();
    request({ frame: { url: 'https://evil.example/' }, securityOrigin: 'https://evil.example' });
    request({ frame: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([null, null]);
    expect(getSources).not.toHaveBeenCalled();
    expect(requests()).toEqual([]);
  });

  it('answers null once when listing sources fails', async () => {
    const { request, calls, closed } = setup({ sources: async () => Promise.reject(new Error('no capturer')) });
    request();
    await vi.advanceTimersByTimeAsync(PICKER_TIMEOUT_MS * 2);
    expect(calls).toEqual([null]);
    expect(closed()).toMatchObject([{ reason: 'error' }]);
  });

  it('a throwing Electron callback is contained and still counts as the one call', async () => {
    const contents = new FakeContents();
    const picker = createPicker({
      getSources: async () => SOURCES,
      contentsForFrame: () => contents,
      platform: 'linux',
      portal: false,
    });
    const callback = vi.fn(() => {
      throw new TypeError('video must be a WebFrameMain or DesktopCapturerSource');
    });
    picker.handle(
      { frame: { url: 'moim-app://app/' }, securityOrigin: 'moim-app://app', audioRequested: false },
      callback,
    );
    await vi.advanceTimersByTimeAsync(PICKER_TIMEOUT_MS * 2);
    contents.destroy();
    expect(callback).toHaveBeenCalledTimes(1);
  });
});

describe('picker audio', () => {
  it('offers system audio only on Windows', () => {
    expect(audioSupported('win32')).toBe(true);
    expect(audioSupported('darwin')).toBe(false);
    expect(audioSupported('linux')).toBe(false);
  });

  it('adds loopback audio when the page asked for audio, the platform has it and the user ticked it', async () => {
    const { picker, contents, request, requests, calls } = setup({ platform: 'win32' });
    request({ audioRequested: true });
    await vi.advanceTimersByTimeAsync(0);
    const pushed = requests()[0]!;
    expect(pushed.audioSupported).toBe(true);
    picker.answer(contents.id, { requestId: pushed.requestId, sourceId: 'screen:0:0', shareAudio: true });
    expect(calls).toEqual([{ video: SOURCES[0], audio: 'loopback' }]);
  });

  it('never adds audio the page did not ask for or the platform cannot capture', async () => {
    for (const [platform, audioRequested] of [
      ['win32', false],
      ['linux', true],
    ] as const) {
      const { picker, contents, request, requests, calls } = setup({ platform });
      request({ audioRequested });
      await vi.advanceTimersByTimeAsync(0);
      const pushed = requests()[0]!;
      expect(pushed.audioSupported).toBe(false);
      picker.answer(contents.id, { requestId: pushed.requestId, sourceId: 'screen:0:0', shareAudio: true });
      expect(calls).toEqual([{ video: SOURCES[0] }]);
    }
  });
});

describe('picker on Wayland', () => {
  it('defers to the portal: no Moim picker, the portal-chosen source answers the request', async () => {
    const portalChoice = source('screen:1:0', 'Portal screen');
    const { request, calls, requests } = setup({ portal: true, sources: async () => [portalChoice] });
    request();
    await vi.advanceTimersByTimeAsync(0);
    expect(requests()).toEqual([]);
    expect(calls).toEqual([{ video: portalChoice }]);
  });

  it('a cancelled portal dialog (no source) answers null once', async () => {
    const { request, calls } = setup({ portal: true, sources: async () => [] });
    request();
    await vi.advanceTimersByTimeAsync(PICKER_TIMEOUT_MS * 2);
    expect(calls).toEqual([null]);
  });

  it('a full source list on the portal path (XWayland) shares nothing until the user picks in Moim’s picker', async () => {
    const { picker, contents, request, requests, calls } = setup({ portal: true });
    request();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([]);
    const pushed = requests()[0]!;
    expect(pushed.sources.map((s) => s.id)).toEqual(['screen:0:0', 'window:42:0']);
    picker.answer(contents.id, { requestId: pushed.requestId, sourceId: 'window:42:0', shareAudio: false });
    expect(calls).toEqual([{ video: SOURCES[1] }]);
  });
});

describe('picker lifetime follows the page that asked', () => {
  for (const [what, end] of [
    ['reloads or navigates', (c: FakeContents) => c.navigate()],
    ['crashes', (c: FakeContents) => void c.emit('render-process-gone', {}, { reason: 'crashed' })],
  ] as const) {
    it(`a pending request ends when its page ${what}: answered null once, no more thumbnails`, async () => {
      const { picker, contents, request, requests, calls } = setup();
      request();
      await vi.advanceTimersByTimeAsync(0);
      const { requestId } = requests()[0]!;
      end(contents);
      expect(calls).toEqual([null]);
      await vi.advanceTimersByTimeAsync(REFRESH_MS * 5);
      expect(requests()).toHaveLength(1);
      picker.answer(contents.id, { requestId, sourceId: 'screen:0:0', shareAudio: false });
      expect(calls).toEqual([null]);
    });
  }

  it('an in-page navigation (hash change) or a subframe load keeps the request open', async () => {
    const { contents, request, calls } = setup();
    request();
    await vi.advanceTimersByTimeAsync(0);
    contents.navigate({ isSameDocument: true });
    contents.navigate({ isMainFrame: false });
    expect(calls).toEqual([]);
  });
});
