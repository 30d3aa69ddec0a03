// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatCapComparison, formatShareTable, formatTargets } from '../../../../bench/screen-share/report-table';
import type { ShareSample } from '../../../../bench/screen-share/sample';
import { frameNumberAt } from '../../../../bench/screen-share/source-content';
import { mostFrequent, summarizeShares } from '../../../../bench/screen-share/summary';

function sample(over: Partial<ShareSample>): ShareSample {
  const frame = { n: 0, ssim: 0.97, width: 1920, height: 1080 };
  return {
    content: 'slide',
    path: 'bare',
    link: 'open',
    ok: true,
    shareToFullResMs: 400,
    frames: [frame, frame, { ...frame, ssim: 0.95 }],
    fps: 5,
    joinToSharpMs: 600,
    joinFramesJudged: 3,
    lateTimeline: { click: 0, 'first frame presented': 500 },
    ...over,
  };
}

describe('screen-share summary and report', () => {
  it('summarizes per content × path × link, leaving failed samples out of the figures', () => {
    const rows = summarizeShares([
      sample({}),
      sample({ path: 'sfu', frames: [{ n: 0, ssim: 0.9, width: 1280, height: 720 }], joinToSharpMs: 1500 }),
      sample({ path: 'sfu', ok: false, frames: [], error: 'no frame' }),
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      path: 'bare',
      ssimMedian: 0.97,
      ssimP10: 0.95,
      resolution: '1920×1080',
      fullResShare: 1,
    });
    expect(rows[1]).toMatchObject({ path: 'sfu', samples: 2, failed: 1, resolution: '1280×720', joinToSharpMs: 1500 });
  });

  it('prints each path beside the floor and says which targets are met', () => {
    const rows = summarizeShares([
      sample({}),
      sample({ path: 'sfu', frames: [{ n: 0, ssim: 0.9, width: 1280, height: 720 }], joinToSharpMs: 1500 }),
    ]);
    const table = formatShareTable(rows).join('\n');
    expect(table).toMatch(/slide\s+bare\s+open\s+0\.9700.*\(floor\)/);
    expect(table).toMatch(/slide\s+sfu\s+open\s+0\.9000 .* 0\.928 +1280×720/);
    const targets = formatTargets(rows).join('\n');
    expect(targets).toContain('slide bare: SSIM 0.9700 at 1920×1080 (target ≥ 0.95 at 1920×1080): met');
    expect(targets).toContain('slide sfu: SSIM 0.9000 at 1280×720 (target ≥ 0.95 at 1920×1080): MISSED');
    expect(targets).toContain('late joiner slide sfu: sharp after 1500 ms (target ≤ 1000 ms): MISSED');
    expect(targets).toContain("slide sfu: SSIM 92.8 % of the floor's (target ≥ 95 %): MISSED");
  });

  it('compares a capped link with the uncapped one: resolution kept, frame rate given up', () => {
    const rows = summarizeShares([
      sample({ link: 'lab', content: 'code', fps: 15 }),
      sample({ link: '1mbit', content: 'code', fps: 4 }),
    ]);
    expect(formatCapComparison(rows, '1mbit')).toEqual([
      'code bare at 1mbit: 1920×1080 4.0 fps SSIM 0.9700 vs lab 1920×1080 15.0 fps SSIM 0.9700 — full resolution kept: met',
    ]);
  });

  it('numbers frames: the slide never changes, code scrolls 18 px a second, motion counts 30 a second', () => {
    expect(frameNumberAt('slide', 5000, 7560)).toBe(0);
    expect(frameNumberAt('code', 1000, 7560)).toBe(18);
    expect(frameNumberAt('code', (1000 * (7560 - 1080)) / 18, 7560)).toBe(0);
    expect(frameNumberAt('motion', 1000, 7560)).toBe(30);
  });

  it('picks the most frequent delivered size', () => {
    expect(mostFrequent(['a', 'b', 'b'])).toBe('b');
    expect(mostFrequent([])).toBe('—');
  });
});
