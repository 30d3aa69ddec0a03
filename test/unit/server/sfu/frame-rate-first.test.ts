// @vitest-environment node
// The camera layer governor: a thin link gets a smaller layer at full frame rate, and the larger one is tried again.
import type { types } from 'mediasoup';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameRateFirst, measuredHeadroom, topLayers } from '../../../../server/sfu/frame-rate-first';

const TIMINGS = { holdMs: 2000, retryMs: 15_000, maxRetryMs: 60_000 };
const TOP = { spatialLayer: 2, temporalLayer: 2 };

function consumer() {
  return {
    id: 'c1',
    closed: false,
    preferred: [] as types.ConsumerLayers[],
    setPreferredLayers(layers: types.ConsumerLayers) {
      this.preferred.push(layers);
      return Promise.resolve();
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('FrameRateFirst', () => {
  it('steps down one spatial layer after the forwarded layer runs below full frame rate for the hold time', async () => {
    const c = consumer();
    const governor = new FrameRateFirst(c, TOP, undefined, TIMINGS);
    governor.layersChanged({ spatialLayer: 1, temporalLayer: 0 });
    await vi.advanceTimersByTimeAsync(1999);
    expect(c.preferred).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(c.preferred).toEqual([{ spatialLayer: 0, temporalLayer: 2 }]);
    expect(governor.ceiling).toBe(0);
  });

  it('leaves a brief dip alone, and never steps below the lowest layer or acts on it', async () => {
    const c = consumer();
    const governor = new FrameRateFirst(c, TOP, undefined, TIMINGS);
    governor.layersChanged({ spatialLayer: 2, temporalLayer: 1 });
    await vi.advanceTimersByTimeAsync(1500);
    governor.layersChanged({ spatialLayer: 2, temporalLayer: 2 });
    governor.layersChanged({ spatialLayer: 0, temporalLayer: 0 });
    governor.layersChanged(undefined);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(c.preferred).toEqual([]);
    expect(governor.ceiling).toBe(2);
  });

  it('tries the larger layer again after the retry time, and waits twice as long after a try that fails', async () => {
    const c = consumer();
    const governor = new FrameRateFirst(c, TOP, undefined, TIMINGS);
    governor.layersChanged({ spatialLayer: 1, temporalLayer: 0 });
    await vi.advanceTimersByTimeAsync(2000);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(c.preferred.at(-1)).toEqual({ spatialLayer: 1, temporalLayer: 2 });
    // The try fails: the larger layer runs slow again.
    governor.layersChanged({ spatialLayer: 1, temporalLayer: 0 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(c.preferred.at(-1)).toEqual({ spatialLayer: 0, temporalLayer: 2 });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(governor.ceiling).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(governor.ceiling).toBe(1);
    // This try holds at full frame rate: the wait is short again after the next step down.
    governor.layersChanged({ spatialLayer: 1, temporalLayer: 2 });
    governor.layersChanged({ spatialLayer: 1, temporalLayer: 0 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(governor.ceiling).toBe(0);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(governor.ceiling).toBe(1);
  });

  it('tries the larger layer only when the link has room for it, asking again each retry time', async () => {
    const c = consumer();
    let room = false;
    const asked: number[] = [];
    const headroom = (layer: number) => (asked.push(layer), Promise.resolve(room));
    const governor = new FrameRateFirst(c, TOP, headroom, TIMINGS);
    governor.layersChanged({ spatialLayer: 2, temporalLayer: 0 });
    await vi.advanceTimersByTimeAsync(2000 + 15_000 * 3);
    expect(asked).toEqual([2, 2, 2]);
    expect(governor.ceiling).toBe(1);
    room = true;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(governor.ceiling).toBe(2);
    expect(c.preferred.at(-1)).toEqual({ spatialLayer: 2, temporalLayer: 2 });
  });

  it("never gives the consumer more than the viewer's own choice, and keeps the choice under the ceiling", async () => {
    const c = consumer();
    const governor = new FrameRateFirst(c, TOP, undefined, TIMINGS);
    await governor.want({ spatialLayer: 1 });
    expect(c.preferred.at(-1)).toEqual({ spatialLayer: 1 });
    governor.layersChanged({ spatialLayer: 1, temporalLayer: 1 });
    await vi.advanceTimersByTimeAsync(2000);
    expect(c.preferred.at(-1)).toEqual({ spatialLayer: 0 });
    await governor.want({ spatialLayer: 2 });
    expect(c.preferred.at(-1)).toEqual({ spatialLayer: 0 });
  });

  it('stops once the consumer is closed', async () => {
    const c = consumer();
    const governor = new FrameRateFirst(c, TOP, undefined, TIMINGS);
    governor.layersChanged({ spatialLayer: 2, temporalLayer: 0 });
    c.closed = true;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(c.preferred).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(governor.ceiling).toBe(2);
  });
});

describe('topLayers', () => {
  it('reads a simulcast consumer’s scalability mode, and governs nothing else', () => {
    const params = (scalabilityMode?: string) => ({ codecs: [], encodings: [{ ssrc: 1, scalabilityMode }] });
    expect(topLayers({ type: 'simulcast', rtpParameters: params('L3T3') })).toEqual(TOP);
    expect(topLayers({ type: 'simulcast', rtpParameters: params('L2T1_KEY') })).toEqual({
      spatialLayer: 1,
      temporalLayer: 0,
    });
    expect(topLayers({ type: 'simple', rtpParameters: params('L3T3') })).toBeNull();
    expect(topLayers({ type: 'simulcast', rtpParameters: params('L1T3') })).toBeNull();
    expect(topLayers({ type: 'simulcast', rtpParameters: params() })).toBeNull();
  });
});

describe('measuredHeadroom', () => {
  const producer = (bitrate: number) => ({
    rtpParameters: { codecs: [], encodings: [{ rid: 'r0' }, { rid: 'r1' }, { rid: 'r2' }] },
    getStats: () =>
      Promise.resolve([
        { rid: 'r0', ssrc: 1, bitrate: 100_000 },
        { rid: 'r1', ssrc: 2, bitrate },
      ]),
  });
  const transport = (availableOutgoingBitrate?: number) => ({
    getStats: () => Promise.resolve([{ availableOutgoingBitrate }]),
  });

  it("fits a layer when the transport's estimate covers its bitrate with a quarter to spare", async () => {
    expect(await measuredHeadroom(transport(500_000), producer(400_000))(1)).toBe(true);
    expect(await measuredHeadroom(transport(499_999), producer(400_000))(1)).toBe(false);
  });

  it('says yes when mediasoup gives no figures (mediasoup then decides, as without the governor)', async () => {
    expect(await measuredHeadroom(transport(undefined), producer(400_000))(1)).toBe(true);
    expect(await measuredHeadroom(transport(100), producer(400_000))(2)).toBe(true);
    expect(await measuredHeadroom({}, {})(1)).toBe(true);
  });
});
