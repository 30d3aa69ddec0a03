import type { Activity } from '../../common/ipc/updates';

/**
 * Wraps the shell's `reportActivity` so it is called once per change rather than on every render or watchdog
 * look; a refused report is dropped (the shell then keeps its last view, which never restarts on a guess).
 */
export function activityReporter(
  report: (activity: Activity) => Promise<void> | undefined,
): (activity: Activity) => void {
  let last: string | null = null;
  return (activity) => {
    const key = `${activity.inCall}/${activity.presenterLive}`;
    if (key === last) return;
    last = key;
    report(activity)?.catch(() => undefined);
  };
}
