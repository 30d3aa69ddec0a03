// DecodeStallWatch over a hand-made stats report: a keyframe is asked for only when packets arrive and frames don't.
import { describe, expect, it } from 'vitest';
import { DecodeStallWatch } from '../../../../renderer/engine/decode-stall-watch';

interface Stream {
  trackIdentifier: string;
  packetsReceived: number;
  framesDecoded: number;
}

function setUp(streams: Stream[]) {
  let now = 0;
  const asked: string[] = [];
  const watch = new DecodeStallWatch({
    report: async () => [
      ...streams.map((s) => ({ type: 'inbound-rtp', kind: 'video', ...s })),
      { type: 'inbound-rtp', kind: 'audio', trackIdentifier: 'mic', packetsReceived: 999, framesDecoded: 0 },
    ],
    consumerOf: ({ trackIdentifier }) => (trackIdentifier?.startsWith('t') ? `c-${trackIdentifier}` : undefined),
    requestKeyFrame: (consumerId) => asked.push(consumerId),
    stallMs: 500,
    now: () => now,
  });
  /** Advances 250 ms at a time, applying `step` to every stream before each sample. */
  const run = async (ms: number, step: (s: Stream) => void) => {
    for (const end = now + ms; now < end;) {
      now += 250;
      streams.forEach(step);
      await watch.sampleNow();
    }
  };
  return { asked, run };
}

const decoding = (s: Stream) => ((s.packetsReceived += 10), (s.framesDecoded += 5));
const stalled = (s: Stream) => (s.packetsReceived += 10);
const silent = () => undefined;

describe('DecodeStallWatch', () => {
  it('asks nothing while frames decode', async () => {
    const { asked, run } = setUp([{ trackIdentifier: 't1', packetsReceived: 0, framesDecoded: 0 }]);
    await run(5000, decoding);
    expect(asked).toEqual([]);
  });

  it('asks for a keyframe once packets have arrived for stallMs without a frame, then again after twice that', async () => {
    const { asked, run } = setUp([{ trackIdentifier: 't1', packetsReceived: 0, framesDecoded: 0 }]);
    await run(1000, decoding);
    await run(250, stalled);
    expect(asked).toEqual([]);
    await run(250, stalled);
    expect(asked).toEqual(['c-t1']);
    await run(750, stalled);
    expect(asked, 'not again within 1 s').toEqual(['c-t1']);
    await run(250, stalled);
    expect(asked).toEqual(['c-t1', 'c-t1']);
    await run(2000, decoding);
    expect(asked, 'decoding again').toHaveLength(2);
  });

  it('asks nothing while no packets arrive (a paused producer, a link that is down)', async () => {
    const { asked, run } = setUp([{ trackIdentifier: 't1', packetsReceived: 0, framesDecoded: 0 }]);
    await run(1000, decoding);
    await run(5000, silent);
    expect(asked).toEqual([]);
  });

  it('watches each video on its own and ignores entries that are not ours', async () => {
    const streams = [
      { trackIdentifier: 't1', packetsReceived: 0, framesDecoded: 0 },
      { trackIdentifier: 't2', packetsReceived: 0, framesDecoded: 0 },
      { trackIdentifier: 'other', packetsReceived: 0, framesDecoded: 0 },
    ];
    const { asked, run } = setUp(streams);
    await run(1000, decoding);
    await run(600, (s) => (s.trackIdentifier === 't1' ? decoding(s) : stalled(s)));
    expect(asked).toEqual(['c-t2']);
  });
});
