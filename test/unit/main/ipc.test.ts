// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { channelId, channelNames, contract } from '../../../common/ipc/contract';
import { checkSender, sendPush, setupIpc, type InvokeEventLike, type InvokeHandlers } from '../../../main/ipc';
import type { WindowKind } from '../../../main/windows';
import { FakeContents } from './support/fakes';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

const APP_PAGE = 'moim-app://app/index.html';

function handlersRecording(calls: unknown[][]): InvokeHandlers {
  const record =
    (name: string, result: unknown) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
      return result;
    };
  return {
    getSettings: record('getSettings', { fake: 'settings' }),
    updateSettings: record('updateSettings', {}),
    getSecret: record('getSecret', null),
    setSecret: record('setSecret', { ok: true }),
    getLaunchIntent: record('getLaunchIntent', { kiosk: null, join: null }),
    answerPicker: record('answerPicker', undefined),
    keepAwake: record('keepAwake', undefined),
    openExternal: record('openExternal', undefined),
    exitKiosk: record('exitKiosk', { ok: true }),
    setKioskPin: record('setKioskPin', { ok: true }),
    hostRoom: record('hostRoom', { ok: false, reason: 'unavailable', message: '' }),
  } as unknown as InvokeHandlers;
}

function setup(windows: Map<number, WindowKind> = new Map([[1, 'normal']])) {
  const registered = new Map<string, Listener>();
  const calls: unknown[][] = [];
  setupIpc({
    ipcMain: { handle: (channel, listener) => registered.set(channel, listener) },
    handlers: handlersRecording(calls),
    kindOf: (id) => windows.get(id),
  });
  const invoke = (name: string, event: Partial<InvokeEventLike>, ...args: unknown[]) =>
    Promise.resolve().then(() =>
      registered.get(channelId(name as never))!(
        { sender: { id: 1 }, senderFrame: { url: APP_PAGE, parent: null }, ...event },
        ...args,
      ),
    );
  return { registered, calls, invoke };
}

describe('IPC manager', () => {
  it('registers exactly the invoke channels of the contract, each under its moim: name', () => {
    const { registered } = setup();
    const invokes = channelNames.filter((n) => contract[n].kind === 'invoke').map(channelId);
    expect([...registered.keys()].sort()).toEqual(invokes.sort());
  });

  it('passes a message from our window with valid arguments to the handler, with the sender', async () => {
    const { calls, invoke } = setup();
    await expect(invoke('getSettings', {})).resolves.toEqual({ fake: 'settings' });
    await invoke('setSecret', {}, 'authToken', 's3cret');
    expect(calls).toEqual([
      ['getSettings', { webContentsId: 1, kind: 'normal' }],
      ['setSecret', { webContentsId: 1, kind: 'normal' }, 'authToken', 's3cret'],
    ]);
  });

  it('refuses a sender frame from another origin and never calls the handler', async () => {
    const { calls, invoke } = setup();
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'moim-app://other/index.html',
      'about:blank',
      '',
    ]) {
      await expect(invoke('getSecret', { senderFrame: { url, parent: null } }, 'authToken')).rejects.toThrow(/refused/);
    }
    expect(calls).toEqual([]);
  });

  it('refuses a webContents that is not one of our windows, even showing the app origin', async () => {
    const { calls, invoke } = setup();
    await expect(invoke('getSettings', { sender: { id: 99 } })).rejects.toThrow(/refused/);
    expect(calls).toEqual([]);
  });

  it('refuses a subframe and a frame that is already gone', async () => {
    const { calls, invoke } = setup();
    await expect(invoke('getSettings', { senderFrame: { url: APP_PAGE, parent: {} } })).rejects.toThrow(/refused/);
    await expect(invoke('getSettings', { senderFrame: null })).rejects.toThrow(/refused/);
    expect(calls).toEqual([]);
  });

  it('rejects bad arguments with a TypeError naming the problem and never calls the handler', async () => {
    const { calls, invoke } = setup();
    await expect(invoke('getSecret', {}, 'password')).rejects.toThrow(TypeError);
    await expect(invoke('setSecret', {}, 'authToken')).rejects.toThrow(/setSecret/);
    await expect(invoke('keepAwake', {}, 'yes')).rejects.toThrow(TypeError);
    await expect(invoke('getSettings', {}, 'extra')).rejects.toThrow(TypeError);
    await expect(invoke('openExternal', {}, 'javascript:alert(1)')).rejects.toThrow(TypeError);
    await expect(invoke('openExternal', {}, 'file:///etc/passwd')).rejects.toThrow(TypeError);
    await expect(invoke('updateSettings', {}, { serverUrl: 'ftp://x' })).rejects.toThrow(TypeError);
    await expect(invoke('updateSettings', {}, { unknownKey: 1 })).rejects.toThrow(TypeError);
    await expect(
      invoke('answerPicker', {}, { requestId: '../../x', sourceId: 'a', shareAudio: false }),
    ).rejects.toThrow(TypeError);
    await expect(invoke('setKioskPin', {}, '12ab')).rejects.toThrow(TypeError);
    expect(calls).toEqual([]);
  });

  it('checkSender explains each refusal and accepts the kiosk window as a kiosk', () => {
    const kinds = new Map<number, WindowKind>([[7, 'kiosk']]);
    expect(
      checkSender({ sender: { id: 7 }, senderFrame: { url: APP_PAGE, parent: null } }, (id) => kinds.get(id)),
    ).toEqual({
      webContentsId: 7,
      kind: 'kiosk',
    });
    expect(
      checkSender({ sender: { id: 8 }, senderFrame: { url: APP_PAGE, parent: null } }, (id) => kinds.get(id)),
    ).toMatch(/not a Moim window/);
  });
});

describe('sendPush', () => {
  it('sends the payload on the channel id and skips a destroyed webContents', () => {
    const contents = new FakeContents();
    expect(sendPush(contents, 'joinLink', { serverUrl: 'wss://a.example', roomId: 'r1' })).toBe(true);
    expect(contents.sent).toEqual([
      { channel: 'moim:joinLink', args: [{ serverUrl: 'wss://a.example', roomId: 'r1' }] },
    ]);
    contents.destroyed = true;
    const send = vi.spyOn(contents, 'send');
    expect(sendPush(contents, 'kioskExitPrompt', {})).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });
});
