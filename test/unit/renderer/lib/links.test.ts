// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseLaunchUrl } from '../../../../renderer/lib/launch';
import { buildRoomLink, parseJoinInput } from '../../../../renderer/lib/links';

const fallback = 'ws://127.0.0.1:8480';

describe('parseJoinInput', () => {
  it('takes a bare room id on the fallback server', () => {
    expect(parseJoinInput('  a1B2-c_3 ', fallback)).toEqual({ roomId: 'a1B2-c_3', serverUrl: fallback });
  });

  it('reads a moim://join deep link with its server', () => {
    expect(parseJoinInput('moim://join/room42?server=wss%3A%2F%2Fmoim.example%3A8443', fallback)).toEqual({
      roomId: 'room42',
      serverUrl: 'wss://moim.example:8443',
    });
  });

  it('uses the fallback server for a deep link without one', () => {
    expect(parseJoinInput('moim://join/room42', fallback)).toEqual({ roomId: 'room42', serverUrl: fallback });
  });

  it('reads a web link: the page host is the server unless a server parameter says otherwise', () => {
    expect(parseJoinInput('https://meet.example/?room=abc', fallback)).toEqual({
      roomId: 'abc',
      serverUrl: 'wss://meet.example',
    });
    expect(parseJoinInput('http://10.0.0.5:8480/?room=abc', fallback)).toEqual({
      roomId: 'abc',
      serverUrl: 'ws://10.0.0.5:8480',
    });
    expect(parseJoinInput('https://meet.example/?room=abc&server=ws://other:1', fallback)).toEqual({
      roomId: 'abc',
      serverUrl: 'ws://other:1',
    });
  });

  it('rejects text that is neither an id nor a Moim link', () => {
    for (const bad of [
      '',
      'two words',
      'https://meet.example/',
      'moim://call/abc',
      'moim://join/',
      'ftp://x/?room=a',
      'moim://join/a/b',
    ])
      expect(parseJoinInput(bad, fallback), bad).toBeNull();
  });

  it('reads a server list in the server parameter; one bad entry voids it', () => {
    const list = encodeURIComponent('wss://a.example,wss://b.example');
    expect(parseJoinInput(`moim://join/r1?server=${list}`, fallback)?.serverUrl).toBe(
      'wss://a.example,wss://b.example',
    );
    expect(parseLaunchUrl(`https://a.example/?room=r1&server=${list}`, fallback).join?.serverUrl).toBe(
      'wss://a.example,wss://b.example',
    );
    const bad = encodeURIComponent('wss://a.example,javascript:alert(1)');
    expect(parseJoinInput(`moim://join/r1?server=${bad}`, fallback)?.serverUrl).toBe(fallback);
  });

  it('ignores a server parameter that is not ws or wss', () => {
    expect(parseJoinInput('moim://join/r1?server=javascript:alert(1)', fallback)?.serverUrl).toBe(fallback);
  });
});

describe('buildRoomLink', () => {
  it('gives a web link without a server parameter when the page host is the room server', () => {
    expect(buildRoomLink({ roomId: 'r1', serverUrl: 'ws://127.0.0.1:8480' }, 'http://127.0.0.1:8480/?kiosk=0#x')).toBe(
      'http://127.0.0.1:8480/?room=r1',
    );
  });

  it('adds the server parameter when the room server is elsewhere', () => {
    const link = buildRoomLink({ roomId: 'r1', serverUrl: 'wss://rooms.example' }, 'https://app.example/moim/');
    expect(link).toBe('https://app.example/moim/?room=r1&server=wss%3A%2F%2Frooms.example');
    expect(parseJoinInput(link, fallback)).toEqual({ roomId: 'r1', serverUrl: 'wss://rooms.example' });
  });

  it('gives a moim:// deep link inside the desktop app, which parses back to the same room', () => {
    const link = buildRoomLink(
      { roomId: 'r1', serverUrl: 'wss://rooms.example:8443' },
      'moim-app://renderer/index.html',
    );
    expect(link).toBe('moim://join/r1?server=wss%3A%2F%2Frooms.example%3A8443');
    expect(parseJoinInput(link, fallback)).toEqual({ roomId: 'r1', serverUrl: 'wss://rooms.example:8443' });
  });
});

describe('parseLaunchUrl', () => {
  it('opens a kiosk for ?kiosk=1&room=…&server=…', () => {
    expect(parseLaunchUrl('http://127.0.0.1:8480/?kiosk=1&room=r9&server=ws://127.0.0.1:9000', fallback)).toEqual({
      kiosk: { roomId: 'r9', serverUrl: 'ws://127.0.0.1:9000' },
      join: null,
    });
  });

  it('defaults the kiosk server to the page host', () => {
    expect(parseLaunchUrl('https://tv.example/?kiosk=1&room=r9', fallback).kiosk).toEqual({
      roomId: 'r9',
      serverUrl: 'wss://tv.example',
    });
  });

  it('turns ?room=… into a join link', () => {
    expect(parseLaunchUrl('http://127.0.0.1:8480/?room=r9', fallback)).toEqual({
      kiosk: null,
      join: { roomId: 'r9', serverUrl: 'ws://127.0.0.1:8480' },
    });
  });

  it('launches nothing without a valid room', () => {
    const none = { kiosk: null, join: null };
    expect(parseLaunchUrl('http://127.0.0.1:8480/', fallback)).toEqual(none);
    expect(parseLaunchUrl('http://127.0.0.1:8480/?kiosk=1&room=bad%20id', fallback)).toEqual(none);
    expect(parseLaunchUrl('not a url', fallback)).toEqual(none);
  });
});

describe('presenter links', () => {
  const key = 'Kk0_-Kk0_-Kk0_-Kk0_-Kk';

  it('a presenter link carries the key only in its fragment; a viewer link never carries it', () => {
    const address = { roomId: 'room42', serverUrl: 'ws://moim.example:8480', presenterKey: key };
    const viewer = buildRoomLink(address, 'http://moim.example:8480/');
    const presenter = buildRoomLink(address, 'http://moim.example:8480/', key);
    expect(viewer).toBe('http://moim.example:8480/?room=room42');
    expect(presenter).toBe(`http://moim.example:8480/?room=room42#key=${key}`);
    expect(new URL(presenter).search).not.toContain(key);
    expect(buildRoomLink(address, 'moim://app', key)).toMatch(
      new RegExp(`^moim://join/room42\\?server=[^#]+#key=${key}$`),
    );
  });

  it('parseJoinInput and parseLaunchUrl read the key of web and deep presenter links; a kiosk ignores it', () => {
    expect(parseJoinInput(`http://moim.example:8480/?room=room42#key=${key}`, fallback)).toEqual({
      roomId: 'room42',
      serverUrl: 'ws://moim.example:8480',
      presenterKey: key,
    });
    expect(parseJoinInput(`moim://join/room42#key=${key}`, fallback)).toMatchObject({ presenterKey: key });
    expect(parseLaunchUrl(`http://moim.example:8480/?room=room42#key=${key}`, fallback).join).toMatchObject({
      roomId: 'room42',
      presenterKey: key,
    });
    expect(parseLaunchUrl(`http://moim.example:8480/?kiosk=1&room=room42#key=${key}`, fallback).kiosk).toEqual({
      serverUrl: 'ws://moim.example:8480',
      roomId: 'room42',
    });
  });

  it('refuses a link whose fragment is not one well-formed key', () => {
    for (const hash of ['#key=short', `#key=${key}&x=1`, '#other=1', `#key=${key}!`]) {
      expect(parseJoinInput(`http://moim.example/?room=room42${hash}`, fallback)).toBeNull();
    }
  });
});

describe('invitation links (signed join tokens)', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJyb29tIjoicm9vbTQyIn0.c2lnbmF0dXJl';

  it('read #token= from web and deep links, alone or with the key, and hand it to a kiosk', () => {
    expect(parseJoinInput(`https://moim.example/?room=room42#token=${token}`, fallback)).toEqual({
      roomId: 'room42',
      serverUrl: 'wss://moim.example',
      token,
    });
    expect(parseJoinInput(`moim://join/room42?server=wss%3A%2F%2Fa.example#token=${token}`, fallback)).toEqual({
      roomId: 'room42',
      serverUrl: 'wss://a.example',
      token,
    });
    const key = 'Kk0_-Kk0_-Kk0_-Kk0_-Kk';
    expect(parseJoinInput(`https://moim.example/?room=room42#key=${key}&token=${token}`, fallback)).toMatchObject({
      presenterKey: key,
      token,
    });
    expect(parseLaunchUrl(`https://moim.example/?room=room42#token=${token}`, fallback).join).toMatchObject({ token });
    expect(parseLaunchUrl(`https://moim.example/?kiosk=1&room=room42#token=${token}`, fallback).kiosk).toEqual({
      serverUrl: 'wss://moim.example',
      roomId: 'room42',
      token,
    });
  });

  it('refuse a link whose token is malformed or given twice', () => {
    for (const hash of ['#token=abc', '#token=a.b', `#token=${token}&token=${token}`, `#token=${token}%20x`]) {
      expect(parseJoinInput(`https://moim.example/?room=room42${hash}`, fallback)).toBeNull();
    }
  });
});
