// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Activity } from '../../../../common/ipc/updates';
import { activityReporter } from '../../../../renderer/lib/activity-report';

describe('activityReporter', () => {
  it('tells the shell about each change once, however often the view looks', () => {
    const sent: Activity[] = [];
    const report = activityReporter(async (activity) => void sent.push(activity));
    const idle = { inCall: false, presenterLive: false };
    const live = { inCall: false, presenterLive: true };
    for (const activity of [idle, idle, live, live, live, idle]) report(activity);
    expect(sent).toEqual([idle, live, idle]);
  });

  it('swallows a refused report and works without an updates capability', async () => {
    const refused = activityReporter(() => Promise.reject(new Error('no handler')));
    expect(() => refused({ inCall: true, presenterLive: false })).not.toThrow();
    const absent = activityReporter(() => undefined);
    expect(() => absent({ inCall: true, presenterLive: false })).not.toThrow();
    await new Promise((r) => setTimeout(r, 0)); // an unhandled rejection would fail the run here
  });
});
