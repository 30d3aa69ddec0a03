// @vitest-environment node
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { channelId, channelNames, contract, listenerName, type PushChannel } from '../../../common/ipc/contract';
import { exposeDesktopApi, type IpcRendererLike } from '../../../preload/api';

/** An ipcRenderer whose invoke records calls and whose events the test emits as main would. */
class FakeIpcRenderer extends EventEmitter implements IpcRendererLike {
  invoked: unknown[][] = [];
  async invoke(channel: string, ...args: unknown[]) {
    this.invoked.push([channel, ...args]);
    return { echoed: channel };
  }
  /** What main's webContents.send(channel, payload) looks like on this side. */
  push(channel: string, payload: unknown) {
    this.emit(channel, { sender: this, senderId: 0, ports: [] }, payload);
  }
}

function expose() {
  const exposed: [string, unknown][] = [];
  const ipc = new FakeIpcRenderer();
  exposeDesktopApi({ exposeInMainWorld: (key, api) => void exposed.push([key, api]) }, ipc);
  return { exposed, ipc, api: exposed[0]![1] as Record<string, (...args: unknown[]) => unknown> };
}

const invokes = channelNames.filter((n) => contract[n].kind === 'invoke');
const pushes = channelNames.filter((n) => contract[n].kind === 'push') as PushChannel[];

describe('preload', () => {
  it('exposes exactly one object, moimDesktop, and nothing else', () => {
    const { exposed } = expose();
    expect(exposed.map(([key]) => key)).toEqual(['moimDesktop']);
  });

  it('the object has exactly the contract: one function per invoke channel and one on<Name> per push channel', () => {
    const { api } = expose();
    const expected = [...invokes, ...pushes.map((p) => listenerName(p))].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    for (const key of expected) expect(api[key], key).toBeTypeOf('function');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('never exposes ipcRenderer or any of its methods', () => {
    const { api, ipc } = expose();
    const values = Object.values(api);
    expect(values).not.toContain(ipc);
    for (const key of ['invoke', 'send', 'sendSync', 'on', 'once', 'removeListener', 'ipcRenderer', 'postMessage']) {
      expect(api, key).not.toHaveProperty(key);
    }
  });

  it('invoke functions forward their arguments on the moim: channel and return main’s answer', async () => {
    const { api, ipc } = expose();
    await expect(api.setSecret!('authToken', 'tok')).resolves.toEqual({ echoed: 'moim:setSecret' });
    await api.getSettings!();
    expect(ipc.invoked).toEqual([['moim:setSecret', 'authToken', 'tok'], ['moim:getSettings']]);
  });

  it('listeners get only the payload: the IpcRendererEvent (and its sender) is stripped', () => {
    const { api, ipc } = expose();
    const listener = vi.fn();
    api.onJoinLink!(listener);
    ipc.push(channelId('joinLink'), { serverUrl: 'wss://a.example', roomId: 'r' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ serverUrl: 'wss://a.example', roomId: 'r' }]);
  });

  it('the returned unsubscribe removes exactly that listener, and is safe to call twice', () => {
    const { api, ipc } = expose();
    const kept = vi.fn();
    const dropped = vi.fn();
    api.onPickerRequest!(kept);
    const off = api.onPickerRequest!(dropped) as () => void;
    off();
    off();
    ipc.push(channelId('pickerRequest'), { requestId: 'a', sources: [], audioSupported: false });
    expect(dropped).not.toHaveBeenCalled();
    expect(kept).toHaveBeenCalledTimes(1);
    expect(ipc.listenerCount(channelId('pickerRequest'))).toBe(1);
  });

  it('refuses a listener that is not a function', () => {
    const { api } = expose();
    expect(() => api.onKioskExitPrompt!('nope')).toThrow(TypeError);
  });
});
