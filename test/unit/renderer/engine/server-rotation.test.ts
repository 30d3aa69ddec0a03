// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MAX_SERVERS, ServerListError } from '../../../../common/server-list';
import { ServerRotation } from '../../../../renderer/engine/server-rotation';

describe('ServerRotation', () => {
  it('starts on the first address and moves round-robin to the next one on each failure', () => {
    const rotation = new ServerRotation('ws://a:1,ws://b:2,ws://c:3');
    expect(rotation.current).toBe('ws://a:1');
    expect(rotation.failed()).toBe('ws://b:2');
    expect(rotation.failed()).toBe('ws://c:3');
    expect(rotation.failed()).toBe('ws://a:1');
  });

  it('stays on a lone address (a load balancer in front of the cluster)', () => {
    const rotation = new ServerRotation('wss://rooms.example');
    expect(rotation.failed()).toBe('wss://rooms.example');
  });

  it('adds the servers a server names after its own list, skipping bad and known ones, up to MAX_SERVERS', () => {
    const rotation = new ServerRotation(['ws://a:1']);
    rotation.learn(['ws://b:2', 'javascript:alert(1)', 'ws://a:1', 'http://c:3']);
    expect(rotation.list).toEqual(['ws://a:1', 'ws://b:2', 'ws://c:3']);
    rotation.learn(Array.from({ length: 20 }, (_, i) => `ws://x${i}:1`));
    expect(rotation.list).toHaveLength(MAX_SERVERS);
  });

  it('a list that starts on wss:// learns no plain ws:// address', () => {
    const rotation = new ServerRotation('wss://a.example');
    rotation.learn(['ws://b.example', 'wss://c.example']);
    expect(rotation.list).toEqual(['wss://a.example', 'wss://c.example']);
  });

  it('refuses a malformed list with ServerListError', () => {
    expect(() => new ServerRotation('ws://a:1,ftp://b')).toThrow(ServerListError);
    expect(() => new ServerRotation([])).toThrow(ServerListError);
  });
});
