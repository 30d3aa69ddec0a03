// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { launchJoin, parseCommandLine, parseDeepLink } from '../../../main/cli';

const electron = ['/opt/Moim/moim'];

describe('parseCommandLine', () => {
  it('reads --kiosk --server <url> --room <id>, in both spellings', () => {
    for (const argv of [
      [...electron, '--kiosk', '--server', 'wss://rooms.example:8480', '--room', 'lobby_1'],
      [...electron, '--room=lobby_1', '--kiosk', '--server=wss://rooms.example:8480'],
    ]) {
      expect(parseCommandLine(argv)).toEqual({
        ok: true,
        value: { kiosk: true, server: 'wss://rooms.example:8480', room: 'lobby_1', hostRoom: false, deepLink: null },
      });
    }
  });

  it('turns an http(s) --server into the ws(s) signaling URL', () => {
    const parsed = parseCommandLine([...electron, '--kiosk', '--server', 'https://rooms.example:8443/', '--room', 'r']);
    expect(parsed.ok && parsed.value.server).toBe('wss://rooms.example:8443');
  });

  it('ignores Electron, Chromium and test-driver switches and the app path', () => {
    const parsed = parseCommandLine([
      '/usr/bin/electron',
      '--inspect=0',
      '--remote-debugging-port=0',
      '.',
      '--no-sandbox',
      '--host-room',
    ]);
    expect(parsed).toEqual({
      ok: true,
      value: { kiosk: false, server: null, room: null, hostRoom: true, deepLink: null },
    });
  });

  it('picks up a moim:// link the OS put in argv', () => {
    const parsed = parseCommandLine([...electron, 'moim://join/abc?server=wss%3A%2F%2Fa.example']);
    expect(parsed.ok && parsed.value.deepLink).toBe('moim://join/abc?server=wss%3A%2F%2Fa.example');
  });

  it.each([
    [['--server'], /--server needs a value/],
    [['--kiosk', '--server', '--room', 'x'], /--server needs a value/],
    [['--server='], /--server needs a value/],
    [['--room', 'a', '--room', 'b', '--server', 'ws://a'], /given twice/],
    [['--kiosk=yes'], /takes no value/],
    [['--kiosk', '--server', 'ftp://files.example', '--room', 'r'], /--server must be a ws, wss, http or https URL/],
    [['--kiosk', '--server', 'javascript:alert(1)', '--room', 'r'], /--server must be/],
    [['--kiosk', '--server', 'wss://user:pw@a.example', '--room', 'r'], /--server must be/],
    [['--kiosk', '--server', 'wss://a.example', '--room', '../../etc'], /--room must be/],
    [['--kiosk', '--server', 'wss://a.example', '--room', 'x'.repeat(65)], /--room must be/],
    [['--kiosk', '--server', 'wss://a.example', '--room', 'a b'], /--room must be/],
    [['--server', 'wss://a.example'], /go together/],
  ])('refuses %j with a clear message and the usage line', (args, message) => {
    const parsed = parseCommandLine([...electron, ...args]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error).toMatch(message);
      expect(parsed.error).toMatch(/^usage: moim/m);
    }
  });
});

describe('parseDeepLink', () => {
  it("carries a presenter link's #key= fragment and refuses any other fragment", () => {
    const key = 'Kk0_-Kk0_-Kk0_-Kk0_-Kk';
    expect(parseDeepLink(`moim://join/team-7?server=wss%3A%2F%2Fa.example#key=${key}`)).toEqual({
      ok: true,
      value: { serverUrl: 'wss://a.example', roomId: 'team-7', presenterKey: key },
    });
    for (const hash of ['#key=short', '#x=1', `#key=${key}&x=1`]) {
      expect(parseDeepLink(`moim://join/team-7?server=wss%3A%2F%2Fa.example${hash}`).ok).toBe(false);
    }
  });

  it("carries an invitation link's #token= fragment, and refuses a malformed one", () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJyb29tIjoidGVhbS03In0.c2lnbmF0dXJl';
    expect(parseDeepLink(`moim://join/team-7?server=wss%3A%2F%2Fa.example#token=${token}`)).toEqual({
      ok: true,
      value: { serverUrl: 'wss://a.example', roomId: 'team-7', token },
    });
    for (const hash of ['#token=nope', `#token=${token}&token=${token}`]) {
      expect(parseDeepLink(`moim://join/team-7?server=wss%3A%2F%2Fa.example${hash}`).ok).toBe(false);
    }
  });

  it('accepts moim://join/<room>?server=<url> with ws, wss, http and https servers, handing out ws(s)', () => {
    const cases = [
      ['ws://127.0.0.1:8480', 'ws://127.0.0.1:8480'],
      ['wss://rooms.example/', 'wss://rooms.example'],
      ['http://192.168.1.5:8480', 'ws://192.168.1.5:8480'],
      ['https://rooms.example/base', 'wss://rooms.example/base'],
    ];
    for (const [server, signaling] of cases) {
      expect(parseDeepLink(`moim://join/team-7?server=${encodeURIComponent(server!)}`)).toEqual({
        ok: true,
        value: { serverUrl: signaling, roomId: 'team-7' },
      });
    }
  });

  it('carries a server list (addresses separated by commas) as ws(s) addresses in one string', () => {
    const list = encodeURIComponent('wss://a.example, https://b.example:8443');
    expect(parseDeepLink(`moim://join/abc?server=${list}`)).toEqual({
      ok: true,
      value: { roomId: 'abc', serverUrl: 'wss://a.example,wss://b.example:8443' },
    });
    const parsed = parseCommandLine([...electron, '--kiosk', '--server', 'ws://a:1,ws://b:2', '--room', 'r']);
    expect(parsed.ok && parsed.value.server).toBe('ws://a:1,ws://b:2');
    expect(parseDeepLink(`moim://join/abc?server=${encodeURIComponent('wss://a.example,ftp://b')}`).ok).toBe(false);
  });

  it('tolerates the trailing slash Windows adds', () => {
    expect(parseDeepLink('moim://join/abc/?server=wss%3A%2F%2Fa.example')).toMatchObject({ ok: true });
  });

  it.each([
    'https://join/abc?server=wss%3A%2F%2Fa.example',
    'moim://settings/abc?server=wss%3A%2F%2Fa.example',
    'moim://join/abc',
    'moim://join/abc?server=file%3A%2F%2F%2Fetc%2Fpasswd',
    'moim://join/abc?server=javascript%3Aalert(1)',
    'moim://join/abc?server=wss%3A%2F%2Fa.example&token=steal',
    'moim://join/abc?server=wss%3A%2F%2Fa.example&server=wss%3A%2F%2Fb.example',
    'moim://join/..%2F..%2Fetc?server=wss%3A%2F%2Fa.example',
    'moim://join/a/b?server=wss%3A%2F%2Fa.example',
    'moim://join/%3Cscript%3E?server=wss%3A%2F%2Fa.example',
    'moim://user:pw@join/abc?server=wss%3A%2F%2Fa.example',
    'moim://join:99/abc?server=wss%3A%2F%2Fa.example',
    `moim://join/abc?server=${encodeURIComponent('wss://a.example/' + 'x'.repeat(3000))}`,
    'not a url',
  ])('refuses %s', (link) => {
    expect(parseDeepLink(link).ok).toBe(false);
  });
});

describe('launchJoin', () => {
  it('prefers a valid deep link, else --server/--room outside kiosk mode', () => {
    const base = { kiosk: false, server: null, room: null, hostRoom: false, deepLink: null };
    expect(launchJoin({ ...base, deepLink: 'moim://join/a?server=wss%3A%2F%2Fx.example' })).toEqual({
      serverUrl: 'wss://x.example',
      roomId: 'a',
    });
    expect(launchJoin({ ...base, server: 'ws://h', room: 'r' })).toEqual({ serverUrl: 'ws://h', roomId: 'r' });
    expect(launchJoin({ ...base, kiosk: true, server: 'ws://h', room: 'r' })).toBeNull();
    expect(launchJoin({ ...base, deepLink: 'moim://join/a?server=ftp%3A%2F%2Fx' })).toBeNull();
  });
});
