// @vitest-environment node
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { JoinLink } from '../../../common/ipc/schemas';
import { setupDeepLinks } from '../../../main/deep-links';

class FakeApp extends EventEmitter {
  registered: unknown[][] = [];
  setAsDefaultProtocolClient(...args: unknown[]): boolean {
    this.registered.push(args);
    return true;
  }
  openUrl(url: string): boolean {
    let prevented = false;
    this.emit('open-url', { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

const LINK = 'moim://join/abc?server=wss%3A%2F%2Frooms.example';

function setup(defaultApp = false) {
  const app = new FakeApp();
  const links = setupDeepLinks({ app, defaultApp, execPath: '/usr/bin/electron', appPath: '/src/moim' });
  const received: JoinLink[] = [];
  const consumer = { onLink: (l: JoinLink) => void received.push(l), onSecondInstance: vi.fn() };
  return { app, links, received, consumer };
}

describe('deep links', () => {
  it('registers moim:// with the OS; from `electron .` it passes the app path so the OS can relaunch it', () => {
    expect(setup(false).app.registered).toEqual([['moim']]);
    expect(setup(true).app.registered).toEqual([['moim', '/usr/bin/electron', ['/src/moim']]]);
  });

  it('macOS open-url links that arrive before the app is ready wait, then are delivered in order', () => {
    const { app, links, received, consumer } = setup();
    expect(app.openUrl(LINK)).toBe(true);
    app.openUrl('moim://join/second?server=ws%3A%2F%2F10.0.0.2%3A8480');
    expect(received).toEqual([]);
    links.attach(consumer);
    expect(received).toEqual([
      { serverUrl: 'wss://rooms.example', roomId: 'abc' },
      { serverUrl: 'ws://10.0.0.2:8480', roomId: 'second' },
    ]);
  });

  it('a second launch with a link (Windows, Linux) focuses the app and delivers the link', () => {
    const { app, links, received, consumer } = setup();
    links.attach(consumer);
    app.emit('second-instance', {}, ['/opt/Moim/moim', '--no-sandbox', LINK]);
    expect(consumer.onSecondInstance).toHaveBeenCalledTimes(1);
    expect(received).toEqual([{ serverUrl: 'wss://rooms.example', roomId: 'abc' }]);
  });

  it('a second launch with --server/--room joins that room', () => {
    const { app, links, received, consumer } = setup();
    links.attach(consumer);
    app.emit('second-instance', {}, ['/opt/Moim/moim', '--server', 'ws://10.0.0.2:8480', '--room', 'team']);
    expect(received).toEqual([{ serverUrl: 'ws://10.0.0.2:8480', roomId: 'team' }]);
  });

  it('refuses malicious links and bad flags without delivering anything', () => {
    const { app, links, received, consumer } = setup();
    links.attach(consumer);
    app.openUrl('moim://join/abc?server=javascript%3Aalert(1)');
    app.openUrl('moim://join/abc?server=file%3A%2F%2F%2Fetc%2Fpasswd');
    app.openUrl('moim://admin/reset');
    app.emit('second-instance', {}, ['/opt/Moim/moim', 'moim://join/..%2F?server=wss%3A%2F%2Fa.example']);
    app.emit('second-instance', {}, ['/opt/Moim/moim', '--server']);
    expect(received).toEqual([]);
    expect(consumer.onSecondInstance).toHaveBeenCalledTimes(2);
  });
});
