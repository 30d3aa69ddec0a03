// @vitest-environment node
// LayerWatch over a fake simulcast producer whose per-layer packet counts the test drives, on fake timers.
import type { types } from 'mediasoup';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LayerWatch } from '../../../../server/sfu/layer-watch';
import { TransportEstimate } from '../../../../server/sfu/transport-estimate';
import { FakeConsumer, FakeProducer } from '../support/sfu-fakes';

/** A video producer sending rids r0–r2; `flowing` says which layers gain packets between samples. */
class SimulcastProducer extends FakeProducer {
  readonly rtpParameters = {
    codecs: [],
    encodings: [
      { rid: 'r0', maxBitrate: 150_000 },
      { rid: 'r1', maxBitrate: 500_000 },
      { rid: 'r2', maxBitrate: 1_500_000 },
    ],
  } as unknown as types.RtpParameters;
  flowing = [true, true, true];
  private readonly counts = [0, 0, 0];

  constructor() {
    super('video', false);
  }

  async getStats(): Promise<types.ProducerStat[]> {
    this.flowing.forEach((on, layer) => (this.counts[layer] = this.counts[layer]! + (on ? 3 : 0)));
    return this.counts.map(
      (packetCount, layer) => ({ rid: `r${layer}`, ssrc: 100 + layer, packetCount }) as types.ProducerStat,
    );
  }
}

let producer: SimulcastProducer;
let watch: LayerWatch;

beforeEach(() => {
  vi.useFakeTimers();
  producer = new SimulcastProducer();
  watch = LayerWatch.of(producer)!;
});

afterEach(() => {
  watch.stop();
  vi.useRealTimers();
});

describe('LayerWatch', () => {
  it('is made only for video producers with several layers that report stats', () => {
    expect(watch).toBeInstanceOf(LayerWatch);
    expect(LayerWatch.of(new FakeProducer('video', false)), 'no rtpParameters, no getStats').toBeUndefined();
    const single = new SimulcastProducer();
    (single.rtpParameters.encodings as unknown[]).splice(1);
    expect(LayerWatch.of(single), 'one encoding').toBeUndefined();
  });

  it('moves consumers below a layer the sender stopped within half a second, and back once it flows again', async () => {
    const consumer = new FakeConsumer(producer.id, 'video', false, false);
    await watch.adopt(consumer);
    expect(consumer.preferredLayers, 'nothing to change while every layer flows').toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    expect(consumer.preferredLayers).toBeUndefined();
    producer.flowing = [true, true, false];
    await vi.advanceTimersByTimeAsync(600);
    expect(consumer.preferredLayers).toEqual({ spatialLayer: 1 });
    producer.flowing = [true, true, true];
    await vi.advanceTimersByTimeAsync(1000);
    expect(consumer.preferredLayers, 'not back after 1 s').toEqual({ spatialLayer: 1 });
    await vi.advanceTimersByTimeAsync(700);
    expect(consumer.preferredLayers).toEqual({ spatialLayer: 2 });
  });

  it("gives each consumer the lower of its viewer's choice and the ceiling, keeping the temporal layer", async () => {
    const small = new FakeConsumer(producer.id, 'video', false, false);
    const large = new FakeConsumer(producer.id, 'video', false, false);
    await watch.adopt(small);
    await watch.adopt(large);
    await watch.prefer(small, { spatialLayer: 0, temporalLayer: 1 });
    await vi.advanceTimersByTimeAsync(500);
    producer.flowing = [true, true, false];
    await vi.advanceTimersByTimeAsync(600);
    expect(small.preferredLayers).toEqual({ spatialLayer: 0, temporalLayer: 1 });
    expect(large.preferredLayers).toEqual({ spatialLayer: 1 });
    await watch.prefer(large, { spatialLayer: 2 });
    expect(large.preferredLayers, 'asked for the top while it is off').toEqual({ spatialLayer: 1 });
  });

  it('starts a consumer adopted later within the current ceiling', async () => {
    await watch.adopt(new FakeConsumer(producer.id, 'video', false, false));
    await vi.advanceTimersByTimeAsync(500);
    producer.flowing = [true, false, false];
    await vi.advanceTimersByTimeAsync(600);
    const late = new FakeConsumer(producer.id, 'video', false, false);
    await watch.adopt(late);
    expect(late.preferredLayers).toEqual({ spatialLayer: 0 });
  });

  it('stops sampling once its producer closes', async () => {
    await watch.adopt(new FakeConsumer(producer.id, 'video', false, false));
    const getStats = vi.spyOn(producer, 'getStats');
    await vi.advanceTimersByTimeAsync(300);
    expect(getStats).toHaveBeenCalled();
    producer.close();
    await vi.advanceTimersByTimeAsync(300);
    getStats.mockClear();
    await vi.advanceTimersByTimeAsync(1000);
    expect(getStats).not.toHaveBeenCalled();
  });

  it('asks nothing of mediasoup while no consumer is left', async () => {
    const consumer = new FakeConsumer(producer.id, 'video', false, false);
    await watch.adopt(consumer);
    consumer.close();
    const getStats = vi.spyOn(producer, 'getStats');
    await vi.advanceTimersByTimeAsync(1000);
    expect(getStats).not.toHaveBeenCalled();
  });

  it("starts a consumer with its transport's estimate on the lowest layer and lifts it to what the budget carries", async () => {
    const estimate = new TransportEstimate();
    const consumer = new FakeConsumer(producer.id, 'video', false, false);
    await watch.adopt(consumer, estimate);
    expect(consumer.preferredLayers, 'before any estimate').toEqual({ spatialLayer: 0 });
    estimate.availableBps = 700_000;
    await vi.advanceTimersByTimeAsync(1200);
    expect(consumer.preferredLayers, '500 kbit/s fits 85 % of 700').toEqual({ spatialLayer: 1 });
    await watch.prefer(consumer, { spatialLayer: 2, temporalLayer: 2 });
    expect(consumer.preferredLayers, 'the viewer asks for the top').toEqual({ spatialLayer: 1, temporalLayer: 2 });
  });

  it('splits the estimate between the video consumers of one transport', async () => {
    const estimate = new TransportEstimate();
    estimate.availableBps = 1_300_000;
    const first = new FakeConsumer(producer.id, 'video', false, false);
    await watch.adopt(first, estimate);
    await vi.advanceTimersByTimeAsync(1200);
    expect(first.preferredLayers).toEqual({ spatialLayer: 1 });
    const second = new FakeConsumer(producer.id, 'video', false, false);
    await watch.adopt(second, estimate);
    await vi.advanceTimersByTimeAsync(1200);
    expect(first.preferredLayers, '650 kbit/s each').toEqual({ spatialLayer: 1 });
    second.close();
    estimate.availableBps = 2_000_000;
    await vi.advanceTimersByTimeAsync(1200);
    expect(first.preferredLayers, 'alone again, 1.5 Mbit/s fits 85 % of 2').toEqual({ spatialLayer: 2 });
  });

  it('leaves a consumer to mediasoup when its transport never reports an estimate', async () => {
    const consumer = new FakeConsumer(producer.id, 'video', false, false);
    await watch.adopt(consumer, new TransportEstimate());
    await vi.advanceTimersByTimeAsync(2500);
    expect(consumer.preferredLayers).toEqual({ spatialLayer: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(consumer.preferredLayers).toEqual({ spatialLayer: 2 });
  });

  it('gives the budget a thumbnail does not need to the large tile on the same link', async () => {
    const estimate = new TransportEstimate();
    estimate.availableBps = 2_200_000;
    const stage = new FakeConsumer(producer.id, 'video', false, false);
    const thumbnail = new FakeConsumer(producer.id, 'video', false, false);
    await watch.adopt(stage, estimate);
    await watch.adopt(thumbnail, estimate);
    await watch.prefer(thumbnail, { spatialLayer: 0 });
    await vi.advanceTimersByTimeAsync(1200);
    // An equal split would give each 1.1 Mbit/s, too little for 1.5 Mbit/s at 85 %: the stage would get layer 1.
    expect(stage.preferredLayers).toEqual({ spatialLayer: 2 });
    expect(thumbnail.preferredLayers).toEqual({ spatialLayer: 0 });
  });
});
