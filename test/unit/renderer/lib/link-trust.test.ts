// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isKnownServer, isUnencryptedRemote } from '../../../../renderer/lib/link-trust';

const settings = {
  serverUrl: 'wss://rooms.example.org/ws',
  recentRooms: [{ roomId: 'r1', serverUrl: 'wss://team.example.net/ws', joinedAt: 1 }],
};

describe('deep links ask first', () => {
  it('a server never used before is unknown; the configured and recent ones are known', () => {
    expect(isKnownServer('wss://evil.example.com/ws', settings)).toBe(false);
    expect(isKnownServer('wss://rooms.example.org/ws/', settings)).toBe(true);
    expect(isKnownServer('WSS://team.example.net/ws', settings)).toBe(true);
  });

  it('plain ws:// to another computer is flagged; wss:// and this machine are not', () => {
    expect(isUnencryptedRemote('ws://192.168.1.20:8480/ws')).toBe(true);
    expect(isUnencryptedRemote('ws://rooms.example.org/ws')).toBe(true);
    expect(isUnencryptedRemote('wss://rooms.example.org/ws')).toBe(false);
    expect(isUnencryptedRemote('ws://127.0.0.1:8480/ws')).toBe(false);
    expect(isUnencryptedRemote('ws://localhost:8480/ws')).toBe(false);
    expect(isUnencryptedRemote('ws://[::1]:8480/ws')).toBe(false);
    // A server list is flagged when any of its addresses would be.
    expect(isUnencryptedRemote('wss://rooms.example.org,ws://192.168.1.20:8480')).toBe(true);
    expect(isUnencryptedRemote('wss://rooms.example.org,ws://127.0.0.1:8480')).toBe(false);
  });
});
