// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { resetWarmUpForTests, warmUpEngine } from '../../../../renderer/engine/warm-up';

/** A peer connection that records what the warm-up asks of it. */
class Recorded {
  static made: Recorded[] = [];
  readonly calls: string[] = [];
  constructor() {
    Recorded.made.push(this);
  }
  addTransceiver(kind: string, init: { direction: string }): void {
    this.calls.push(`addTransceiver ${kind} ${init.direction}`);
  }
  async createOffer(): Promise<{ type: string; sdp: string }> {
    this.calls.push('createOffer');
    return { type: 'offer', sdp: '' };
  }
  setLocalDescription(): never {
    throw new Error('the warm-up must not gather candidates');
  }
  close(): void {
    this.calls.push('close');
  }
}
const platform = { RTCPeerConnection: Recorded as unknown as typeof RTCPeerConnection };

afterEach(() => {
  Recorded.made = [];
  resetWarmUpForTests();
});

describe('warmUpEngine', () => {
  it('makes one connection, asks it for an offer without applying it, and closes it', async () => {
    warmUpEngine(platform);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(Recorded.made).toHaveLength(1);
    expect(Recorded.made[0]!.calls).toEqual([
      'addTransceiver audio recvonly',
      'addTransceiver video recvonly',
      'createOffer',
      'close',
    ]);
  });

  it('runs once per page however often the user heads for a room', async () => {
    warmUpEngine(platform);
    warmUpEngine(platform);
    warmUpEngine(platform);
    expect(Recorded.made).toHaveLength(1);
  });

  it('does nothing with WebRTC on a platform without it, and does not throw', () => {
    expect(() => warmUpEngine({})).not.toThrow();
    expect(Recorded.made).toHaveLength(0);
  });
});
