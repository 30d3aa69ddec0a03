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
  addTransceiver(): never {
    throw new Error('the warm-up must not negotiate anything');
  }
  createOffer(): never {
    throw new Error('the warm-up must not negotiate anything');
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
  it('makes one connection and closes it at once, negotiating nothing', () => {
    warmUpEngine(platform);
    expect(Recorded.made).toHaveLength(1);
    expect(Recorded.made[0]!.calls).toEqual(['close']);
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
