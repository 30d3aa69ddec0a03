// @vitest-environment node
// The renderer half of the preload pair: MoimBridge over `window.moimDesktop`, driven here through the
// real preload object (buildDesktopApi) on a fake ipcRenderer.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { channelId } from '../../../common/ipc/contract';
import { buildDesktopApi, type IpcRendererLike } from '../../../preload/api';
import { createElectronBridge } from '../../../renderer/bridge/electron-bridge';

class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  invoked: unknown[][] = [];
  async invoke(channel: string, ...args: unknown[]) {
    this.invoked.push([channel, ...args]);
    return undefined;
  }
  push(name: Parameters<typeof channelId>[0], payload: unknown) {
    this.emit(channelId(name), {}, payload);
  }
}

function setup(
  getDisplayMedia: (c: DisplayMediaStreamOptions) => Promise<MediaStream> = async () => ({}) as MediaStream,
) {
  const ipc = new FakeIpcRenderer();
  const media = { getDisplayMedia: vi.fn(getDisplayMedia) };
  const bridge = createElectronBridge(buildDesktopApi(ipc), media);
  return { ipc, media, bridge };
}

const abortError = () => new DOMException('Error starting capture', 'AbortError');

describe('Electron bridge', () => {
  it('is the electron platform and refuses to start without the preload object', () => {
    expect(setup().bridge.platform).toBe('electron');
    expect(() => createElectronBridge(null, { getDisplayMedia: vi.fn() })).toThrow(/moimDesktop is missing/);
  });

  it('onJoinLink listeners stop receiving once their AbortSignal aborts', () => {
    const { ipc, bridge } = setup();
    const controller = new AbortController();
    const listener = vi.fn();
    bridge.onJoinLink(listener, controller.signal);
    ipc.push('joinLink', { serverUrl: 'wss://a.example', roomId: 'r' });
    controller.abort();
    ipc.push('joinLink', { serverUrl: 'wss://a.example', roomId: 'r2' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipc.listenerCount(channelId('joinLink'))).toBe(0);
  });

  it('shareControl reports the share to main and hands on only well-formed control window actions', async () => {
    const { ipc, bridge } = setup();
    await bridge.shareControl.report({ sharing: true, paused: false, language: 'en' });
    expect(ipc.invoked).toEqual([[channelId('reportShare'), { sharing: true, paused: false, language: 'en' }]]);
    const actions: string[] = [];
    const controller = new AbortController();
    bridge.shareControl.onAction((action) => actions.push(action), controller.signal);
    ipc.push('shareControlAction', { action: 'pause' });
    ipc.push('shareControlAction', { action: 'format-disk' });
    ipc.push('shareControlAction', 'stop');
    ipc.push('shareControlAction', { action: 'stop' });
    controller.abort();
    ipc.push('shareControlAction', { action: 'resume' });
    expect(actions).toEqual(['pause', 'stop']);
  });

  it('an already aborted signal never subscribes', () => {
    const { ipc, bridge } = setup();
    bridge.onPickerRequest(vi.fn(), AbortSignal.abort());
    expect(ipc.listenerCount(channelId('pickerRequest'))).toBe(0);
  });

  it('getDisplayMedia is the plain getDisplayMedia with full-size video and the requested audio (main answers via the picker)', async () => {
    const { media, bridge } = setup();
    await bridge.getDisplayMedia({ audio: true });
    expect(media.getDisplayMedia).toHaveBeenCalledWith({
      // The size is asked for: without it Chromium captures a 1080p screen at 720p.
      video: { width: { max: 1920 }, height: { max: 1080 }, frameRate: { ideal: 30, max: 30 } },
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, restrictOwnAudio: true },
    });
  });

  it('cancel in the picker turns Electron’s AbortError into NotAllowedError', async () => {
    let fail: (e: unknown) => void = () => undefined;
    const { bridge } = setup(() => new Promise((_resolve, reject) => (fail = reject)));
    const result = bridge.getDisplayMedia({ audio: false });
    await bridge.answerPicker({ requestId: 'r', sourceId: null, shareAudio: false });
    fail(abortError());
    await expect(result).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('a refusal by main (timeout) reported after the rejection still becomes NotAllowedError', async () => {
    const { ipc, bridge } = setup(async () => {
      setTimeout(() => ipc.push('pickerClosed', { requestId: 'r', reason: 'timeout' }), 20);
      throw abortError();
    });
    await expect(bridge.getDisplayMedia({ audio: false })).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(ipc.listenerCount(channelId('pickerClosed'))).toBe(0);
  });

  it('a capture failure main did not cause stays an AbortError; other errors pass through', async () => {
    await expect(
      setup(async () => Promise.reject(abortError())).bridge.getDisplayMedia({ audio: false }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    const notReadable = new DOMException('Could not start video source', 'NotReadableError');
    await expect(setup(async () => Promise.reject(notReadable)).bridge.getDisplayMedia({ audio: false })).rejects.toBe(
      notReadable,
    );
  });

  it('forwards the MoimBridge calls and the desktop capabilities to their channels', async () => {
    const { ipc, bridge } = setup();
    await bridge.updateSettings({ displayName: 'A' });
    await bridge.keepAwake(true);
    await bridge.openExternal('https://example.org');
    await bridge.kiosk.exit('1234');
    await bridge.kiosk.setPin('5678');
    await bridge.hostRoom();
    expect(ipc.invoked).toEqual([
      ['moim:updateSettings', { displayName: 'A' }],
      ['moim:keepAwake', true],
      ['moim:openExternal', 'https://example.org'],
      ['moim:exitKiosk', '1234'],
      ['moim:setKioskPin', '5678'],
      ['moim:hostRoom'],
    ]);
  });

  it('kiosk.onExitPrompt calls the listener with no arguments', () => {
    const { ipc, bridge } = setup();
    const listener = vi.fn();
    bridge.kiosk.onExitPrompt(listener);
    ipc.push('kioskExitPrompt', {});
    expect(listener).toHaveBeenCalledWith();
  });
});
