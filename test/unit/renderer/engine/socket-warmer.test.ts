// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Connector } from '../../../../renderer/engine/connector';
import { SocketWarmer } from '../../../../renderer/engine/socket-warmer';
import type { WebSocketLike } from '../../../../renderer/engine/signaling-types';
import { FakeServer, type FakeSocket } from '../support/fake-server';

/** A socket that only records what happens to it; the test opens and closes it by hand. */
class Recorded implements WebSocketLike {
  static made: Recorded[] = [];
  readyState = 0;
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    Recorded.made.push(this);
  }
  send(): void {}
  close(): void {
    this.closed = true;
    this.readyState = 3;
  }
  serverClose(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1008, reason: 'no hello in time' });
  }
}

const URL_A = 'wss://a.example/ws';
const URL_B = 'wss://b.example/ws';

beforeEach(() => {
  Recorded.made = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('SocketWarmer', () => {
  it('opens one socket per warm-up, hands it over once, and only to its own server', () => {
    const warmer = new SocketWarmer({ WebSocket: Recorded });
    warmer.warm(URL_A);
    warmer.warm(URL_A);
    expect(Recorded.made.map((s) => s.url)).toEqual([URL_A]);
    expect(warmer.take(URL_B)).toBeNull();
    expect(warmer.take(URL_A)).toBe(Recorded.made[0]);
    expect(warmer.take(URL_A)).toBeNull();
    expect(Recorded.made[0]!.closed).toBe(false);
  });

  it('closes a socket nobody took once it is too old to hand over, and opens a fresh one on the next sign', () => {
    const warmer = new SocketWarmer({ WebSocket: Recorded, maxAgeMs: 5000 });
    warmer.warm(URL_A);
    vi.advanceTimersByTime(5000);
    expect(Recorded.made[0]!.closed).toBe(true);
    expect(warmer.take(URL_A)).toBeNull();
    warmer.warm(URL_A);
    expect(Recorded.made).toHaveLength(2);
    expect(warmer.take(URL_A)).toBe(Recorded.made[1]);
  });

  it('drops a socket the server closed, and a warm-up for another server replaces the one it has', () => {
    const warmer = new SocketWarmer({ WebSocket: Recorded });
    warmer.warm(URL_A);
    Recorded.made[0]!.serverClose();
    expect(warmer.take(URL_A)).toBeNull();
    warmer.warm(URL_A);
    warmer.warm(URL_B);
    expect(Recorded.made[1]!.closed).toBe(true);
    expect(warmer.take(URL_B)).toBe(Recorded.made[2]);
  });

  it('gives its constructor the warm socket for that server, and a new socket otherwise', () => {
    const warmer = new SocketWarmer({ WebSocket: Recorded });
    const Ws = warmer.constructorFor()!;
    warmer.warm(URL_A);
    expect(new Ws(URL_A)).toBe(Recorded.made[0]);
    const fresh = new Ws(URL_A);
    expect(fresh).toBe(Recorded.made[1]);
    expect(fresh).toBeInstanceOf(Recorded);
  });
});

describe('Connector with a socket opened ahead', () => {
  beforeEach(() => vi.useRealTimers());

  /** A fake server, a socket to it opened ahead (and open), and a connector whose next socket is that one. */
  async function warmConnector() {
    const server = new FakeServer();
    const made: FakeSocket[] = [];
    const Ws = class extends server.WebSocket {
      constructor(url: string) {
        super(url);
        made.push(this as unknown as FakeSocket);
      }
    };
    const warmer = new SocketWarmer({ WebSocket: Ws });
    warmer.warm(URL_A);
    await vi.waitFor(() => expect(made[0]!.readyState).toBe(1));
    const connector = new Connector({ serverUrl: () => URL_A, displayName: 'Ana', WebSocket: warmer.constructorFor() });
    return { made, connector };
  }

  it('signs in on the open socket without opening another', async () => {
    const { made, connector } = await warmConnector();
    const { client, hello } = await connector.connect(null, () => {});
    expect(hello.peerId).toMatch(/.+/);
    expect(client.openedAhead).toBe(true);
    expect(made).toHaveLength(1);
    client.close();
  });

  it('opens a socket of its own when the server closed the one opened ahead under the hello', async () => {
    const { made, connector } = await warmConnector();
    const connecting = connector.connect(null, () => {});
    made[0]!.drop(1008); // the server's hello timeout, just as the hello goes out
    const { client, hello } = await connecting;
    expect(hello.peerId).toMatch(/.+/);
    expect(made).toHaveLength(2);
    expect(client.openedAhead).toBe(false);
    client.close();
  });
});
