// @vitest-environment node
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { hardenWebContents, setupPermissions, setupSecurity, type PermissionSession } from '../../../main/security';

type RequestHandler = Parameters<PermissionSession['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PermissionSession['setPermissionCheckHandler']>[0];

function permissionHandlers() {
  let request: RequestHandler | undefined;
  let check: CheckHandler | undefined;
  setupPermissions({
    setPermissionRequestHandler: (h) => (request = h),
    setPermissionCheckHandler: (h) => (check = h),
  });
  const ask = (
    permission: string,
    requestingUrl: string,
    extra: { securityOrigin?: string; isMainFrame?: boolean } = {},
  ) => {
    let granted: boolean | undefined;
    request!({}, permission, (g) => (granted = g), { requestingUrl, isMainFrame: true, ...extra });
    return granted;
  };
  const checks = (
    permission: string,
    origin: string,
    details: { isMainFrame?: boolean; embeddingOrigin?: string } = {},
  ) => check!({}, permission, origin, { isMainFrame: true, ...details });
  return { ask, checks };
}

class FakeNavContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: 'deny' };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
  /** Emits a navigation event and reports whether it was allowed to proceed. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url = ''): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return !prevented;
  }
}

function hardened() {
  const opened: string[] = [];
  const contents = new FakeNavContents();
  hardenWebContents(contents, async (url) => void opened.push(url));
  return { contents, opened };
}

describe('permission handler', () => {
  it('grants camera/mic, screen capture, fullscreen and clipboard writes to the app origin', () => {
    const { ask, checks } = permissionHandlers();
    for (const p of ['media', 'display-capture', 'fullscreen', 'clipboard-sanitized-write', 'speaker-selection']) {
      expect(ask(p, 'moim-app://app/index.html', { securityOrigin: 'moim-app://app/' }), p).toBe(true);
      expect(checks(p, 'moim-app://app'), p).toBe(true);
    }
  });

  it('denies media to any other origin, even one that looks alike', () => {
    const { ask, checks } = permissionHandlers();
    for (const url of [
      'https://evil.example/',
      'file:///tmp/x.html',
      'moim-app://evil/',
      'moim-app://app.evil/',
      'http://localhost:8480/',
    ]) {
      expect(ask('media', url, { securityOrigin: url }), url).toBe(false);
      expect(checks('media', url), url).toBe(false);
    }
  });

  it('denies a media request whose security origin differs from the app page asking', () => {
    const { ask } = permissionHandlers();
    expect(ask('media', 'moim-app://app/index.html', { securityOrigin: 'https://evil.example' })).toBe(false);
  });

  it('denies permissions the app never needs, even to its own origin', () => {
    const { ask, checks } = permissionHandlers();
    for (const p of [
      'geolocation',
      'notifications',
      'openExternal',
      'midiSysex',
      'clipboard-read',
      'hid',
      'usb',
      'unknown',
    ]) {
      expect(ask(p, 'moim-app://app/index.html'), p).toBe(false);
      expect(checks(p, 'moim-app://app'), p).toBe(false);
    }
  });

  it('denies subframes and cross-origin embedders', () => {
    const { ask, checks } = permissionHandlers();
    expect(ask('media', 'moim-app://app/index.html', { isMainFrame: false })).toBe(false);
    expect(checks('media', 'moim-app://app', { isMainFrame: false })).toBe(false);
    expect(checks('media', 'moim-app://app', { embeddingOrigin: 'https://evil.example' })).toBe(false);
  });
});

describe('navigation rules', () => {
  it('lets the app navigate within its own origin', () => {
    const { contents, opened } = hardened();
    expect(contents.navigate('will-navigate', 'moim-app://app/index.html#room')).toBe(true);
    expect(contents.navigate('will-redirect', 'moim-app://app/other.html')).toBe(true);
    expect(opened).toEqual([]);
  });

  it('blocks navigation to the web and sends http(s) links to the system browser instead', () => {
    const { contents, opened } = hardened();
    expect(contents.navigate('will-navigate', 'https://example.org/docs')).toBe(false);
    expect(opened).toEqual(['https://example.org/docs']);
  });

  it('blocks navigation to file:, javascript: and other schemes without opening anything', () => {
    const { contents, opened } = hardened();
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'moim-app://evil/',
      'smb://host/share',
      'data:text/html,hi',
    ]) {
      expect(contents.navigate('will-navigate', url), url).toBe(false);
    }
    expect(opened).toEqual([]);
  });

  it('blocks redirects away from the app without opening them', () => {
    const { contents, opened } = hardened();
    expect(contents.navigate('will-redirect', 'https://evil.example/')).toBe(false);
    expect(opened).toEqual([]);
  });

  it('never lets a <webview> attach', () => {
    const { contents } = hardened();
    expect(contents.navigate('will-attach-webview')).toBe(false);
  });
});

describe('window open handler', () => {
  it('denies every new window and opens only http(s) URLs externally', () => {
    const { contents, opened } = hardened();
    for (const url of [
      'https://example.org/',
      'http://lan.example:8480/',
      'file:///etc/passwd',
      'moim-app://app/index.html',
      'javascript:1',
      'https://user:pw@evil.example/',
    ]) {
      expect(contents.openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://example.org/', 'http://lan.example:8480/']);
  });

  it('setupSecurity hardens every webContents the app creates', () => {
    const app = new EventEmitter();
    const opened: string[] = [];
    setupSecurity({
      app: app as never,
      session: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined },
      shell: { openExternal: async (url) => void opened.push(url) },
    });
    const contents = new FakeNavContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.navigate('will-navigate', 'https://example.org/')).toBe(false);
    expect(contents.openHandler!({ url: 'https://example.org/x' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.org/', 'https://example.org/x']);
  });
});

describe('a window without permissions (the share control window)', () => {
  it('is denied media, capture and every other permission although it shows the app', () => {
    let request: RequestHandler | undefined;
    let check: CheckHandler | undefined;
    setupPermissions(
      { setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) },
      (id) => id === 7,
    );
    const ask = (webContents: unknown, permission: string) => {
      let granted: boolean | undefined;
      request!(webContents, permission, (g) => (granted = g), {
        requestingUrl: 'moim-app://app/share-control.html',
        isMainFrame: true,
      });
      return granted;
    };
    for (const permission of ['media', 'display-capture', 'fullscreen']) {
      expect(ask({ id: 7 }, permission)).toBe(false);
      expect(check!({ id: 7 }, permission, 'moim-app://app', { isMainFrame: true })).toBe(false);
      expect(ask({ id: 8 }, permission)).toBe(true);
    }
  });
});
