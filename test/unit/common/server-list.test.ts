// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  isSignalingList,
  MAX_SERVERS,
  pageOrigin,
  parseServerList,
  ServerListError,
} from '../../../common/server-list';
import { serverUrl } from '../../../common/ipc/settings';

function problem(value: string | string[]): string {
  try {
    parseServerList(value);
  } catch (error) {
    if (error instanceof ServerListError) return `${error.code}${error.entry === undefined ? '' : `:${error.entry}`}`;
    throw error;
  }
  return 'ok';
}

describe('parseServerList', () => {
  it('reads one address as a list of one, http(s) turned into ws(s)', () => {
    expect(parseServerList('ws://a.example:8480')).toEqual(['ws://a.example:8480']);
    expect(parseServerList('https://a.example/')).toEqual(['wss://a.example']);
  });

  it('reads addresses separated by commas in order, spaces ignored, duplicates dropped', () => {
    expect(parseServerList(' ws://a:1 , wss://b.example,ws://a:1, http://c:3 ')).toEqual([
      'ws://a:1',
      'wss://b.example',
      'ws://c:3',
    ]);
    expect(parseServerList(['ws://a:1', 'ws://b:2'])).toEqual(['ws://a:1', 'ws://b:2']);
  });

  it('refuses an empty list, a bad entry (naming it), more than MAX_SERVERS and an over-long string', () => {
    expect(problem('')).toBe('EMPTY');
    expect(problem(' , ')).toBe('EMPTY');
    expect(problem('ws://a:1,,ws://b:2')).toBe('BAD_URL:');
    expect(problem('ws://a:1,ftp://b')).toBe('BAD_URL:ftp://b');
    expect(problem('ws://user:pw@a:1')).toBe('BAD_URL:ws://user:pw@a:1');
    expect(problem('not a url')).toBe('BAD_URL:not a url');
    const many = Array.from({ length: MAX_SERVERS + 1 }, (_, i) => `ws://s${i}.example`);
    expect(problem(many.join(','))).toBe('TOO_MANY');
    expect(problem(many.slice(0, MAX_SERVERS).join(','))).toBe('ok');
    expect(problem(`ws://${'a'.repeat(3000)}`)).toBe('TOO_LONG');
  });

  it('throws a ServerListError that is a TypeError with a stable code', () => {
    expect(() => parseServerList('ws://a:1,nope')).toThrow(TypeError);
    expect(() => parseServerList('ws://a:1,nope')).toThrow(/BAD_URL/);
  });
});

describe('server lists in settings and links', () => {
  it('settings keep a single ws(s) address or a list of them, never http(s) or a bad entry', () => {
    expect(serverUrl.safeParse('ws://a:1').success).toBe(true);
    expect(serverUrl.safeParse('ws://a:1,wss://b.example').success).toBe(true);
    expect(serverUrl.safeParse('ws://a:1,https://b.example').success).toBe(false);
    expect(serverUrl.safeParse('ws://a:1,').success).toBe(false);
    expect(isSignalingList('ws://a:1, ws://b:2')).toBe(true);
    expect(isSignalingList('http://a:1')).toBe(false);
  });

  it("a signaling address's page origin is its http(s) twin", () => {
    expect(pageOrigin('ws://127.0.0.1:8480')).toBe('http://127.0.0.1:8480');
    expect(pageOrigin('wss://rooms.example/ws')).toBe('https://rooms.example');
  });
});
