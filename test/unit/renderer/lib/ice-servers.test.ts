// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatIceServers, parseIceServers, toRtcIceServers } from '../../../../renderer/lib/ice-servers';

describe('ICE servers text', () => {
  it('parses one server per line with an optional user name, skipping blank lines', () => {
    expect(parseIceServers('stun:stun.example:3478\n\n turn:turn.example:3478?transport=udp  alice \n')).toEqual({
      ok: true,
      servers: [
        { urls: 'stun:stun.example:3478' },
        { urls: 'turn:turn.example:3478?transport=udp', username: 'alice' },
      ],
    });
  });

  it('names the first bad line', () => {
    expect(parseIceServers('stun:ok\nhttp://nope')).toEqual({ ok: false, line: 2 });
    expect(parseIceServers('turn:x a b')).toEqual({ ok: false, line: 1 });
  });

  it('formats back to the same text and adds the stored credential only where a user name is set', () => {
    const servers = [{ urls: 'stun:s' }, { urls: ['turn:t1', 'turns:t2'], username: 'u' }];
    expect(formatIceServers(servers)).toBe('stun:s\nturn:t1 u\nturns:t2 u');
    expect(toRtcIceServers(servers, 'pw')).toEqual([
      { urls: 'stun:s' },
      { urls: ['turn:t1', 'turns:t2'], username: 'u', credential: 'pw' },
    ]);
    expect(toRtcIceServers(servers, null)[1]).toEqual({ urls: ['turn:t1', 'turns:t2'], username: 'u' });
  });
});
