// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  formatTimelineTable,
  medianTimeline,
  signalingOf,
  timelineOf,
  type Timeline,
} from '../../../bench/join/timeline';
import { median, quantile, ratio, summarize } from '../../../bench/lib/stats';

/** Probe events of an SFU join: a send transport (pc 1) and a receive transport (pc 2) that shows the frame. */
const sfuJoin = [
  { t: 50, name: 'ws open' }, // before the click: not this join's
  { t: 100, name: 'click' },
  { t: 130, name: 'ws open' },
  { t: 140, name: 'ws sent joinRoom' },
  { t: 160, name: 'ws answered joinRoom' },
  { t: 170, name: 'ICE connected', pc: 1 },
  { t: 180, name: 'ws answered createWebRtcTransport recv' },
  { t: 200, name: 'remote offer set', pc: 2 },
  { t: 230, name: 'local answer set', pc: 2 },
  { t: 260, name: 'ICE connected', pc: 2 },
  { t: 280, name: 'DTLS connected', pc: 2 },
  { t: 300, name: 'first RTP received', pc: 2 },
  { t: 320, name: 'first frame presented', pc: 2 },
  { t: 310, name: 'first frame decoded', pc: 2 },
];

describe('timelineOf', () => {
  it('gives each step in ms after the click, counting connection steps only on the connection that showed the frame', () => {
    expect(timelineOf(sfuJoin)).toEqual({
      click: 0,
      'signaling connected': 30,
      'joinRoom sent': 40,
      'join answered': 60,
      'recv transport created': 80,
      'offer set': 100,
      'answer set': 130,
      'ICE connected': 160,
      'DTLS connected': 180,
      'first RTP received': 200,
      'first frame decoded': 210,
      'first frame presented': 220,
    });
  });

  it('takes the first frame received as the latest the first RTP packet can have come', () => {
    const late = [...sfuJoin, { t: 290, name: 'first frame received', pc: 2 }];
    expect(timelineOf(late)['first RTP received']).toBe(190);
  });

  it('is empty for a page that was never clicked', () => {
    expect(timelineOf(sfuJoin.filter((e) => e.name !== 'click'))).toEqual({});
  });
});

describe('signalingOf', () => {
  it('gives each request its first send and answer after the click', () => {
    expect(signalingOf(sfuJoin)).toEqual({
      joinRoom: { sent: 40, answered: 60 },
      'createWebRtcTransport recv': { answered: 80 },
    });
  });
});

describe('medianTimeline', () => {
  it('takes the median per step and leaves out steps fewer than half the samples went through', () => {
    const timelines: Timeline[] = [
      { click: 0, 'first frame presented': 10, 'ICE connected': 5 },
      { click: 0, 'first frame presented': 30 },
      { click: 0, 'first frame presented': 20 },
    ];
    expect(medianTimeline(timelines)).toEqual({ click: 0, 'first frame presented': 20 });
  });
});

describe('formatTimelineTable', () => {
  it('puts the timelines side by side in step order, without the steps none of them took', () => {
    const lines = formatTimelineTable({
      bare: { click: 0, 'first frame presented': 412.4 },
      sfu: { click: 0, 'join answered': 120, 'first frame presented': 530 },
    });
    expect(lines).toEqual([
      `${'step'.padEnd(24)}${'bare'.padStart(8)}${'sfu'.padStart(8)}`,
      `${'click'.padEnd(24)}${'0'.padStart(8)}${'0'.padStart(8)}`,
      `${'join answered'.padEnd(24)}${'—'.padStart(8)}${'120'.padStart(8)}`,
      `${'first frame presented'.padEnd(24)}${'412'.padStart(8)}${'530'.padStart(8)}`,
    ]);
  });
});

describe('stats', () => {
  it('summarizes: the median of an even count between its two middle values, the 90th percentile by nearest rank', () => {
    const s = summarize([5, 1, 4, 2, 3, 10, 9, 8, 7, 6]);
    expect([s.median, s.p90, s.min, s.max, s.runs]).toEqual([5.5, 9, 1, 10, 10]);
    expect(median([531, 1103])).toBe(817);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNaN();
    expect(quantile([], 0.5)).toBeNaN();
    expect(ratio(3, 2)).toBe(1.5);
  });
});
