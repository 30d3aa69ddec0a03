import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import { test } from '../test/e2e/support/fixtures';
import { loadMeter, machineMeter, untilSettled } from './lib/proc-stats';
import { firstFrame, join, prepareJoiner } from './join/joiners';
import { reportParallel, type Crowd } from './join/report-parallel';
import { finishSample, SAMPLE_TIMEOUT_MS } from './join/sample';
import { openSender } from './join/senders';

// Many viewers joining one broadcast at the same instant: 1 (the floor), 4 and 16 pages, loaded and ready,
// click Watch at one wall-clock moment (a timer in each page); each is timed from its click to its first frame
// presented. The crowd sizes take turns, round by round. BENCH_PARALLEL_ROUNDS=n (default: BENCH_RUNS / 4).

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const ROUNDS = Number(process.env.BENCH_PARALLEL_ROUNDS ?? Math.max(1, Math.ceil(RUNS / 4)));
const CROWDS = [1, 4, 16];
/** Coarser than the single-join bench: 16 pages polling getStats every 2 ms would load the machine themselves. */
const POLL_MS = 10;
/** Time for every page to get its timer set before the common click. */
const CLICK_DELAY_MS = 1000;

test('parallel joiners: 1, 4 and 16 viewers join one broadcast at the same instant', async ({
  browser,
  roomServer,
}) => {
  test.setTimeout(120_000 + ROUNDS * 1_500_000);
  const base = roomServer.httpUrl;
  const sender = await openSender(browser, base, 'broadcast', 'camera');
  const crowds: Crowd[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const size of CROWDS) {
      const joiners = [];
      // Four pages load at a time: quicker than one by one, and no heavier on the machine than one round of 4.
      while (joiners.length < size) {
        const batch = Math.min(4, size - joiners.length);
        const prepared = Array.from({ length: batch }, () =>
          prepareJoiner(browser, base, sender, { pollMs: POLL_MS, readFrames: false }),
        );
        joiners.push(...(await Promise.all(prepared)));
      }
      // The pages click on a settled machine: loaded and warmed up, the previous crowd's pages closed. Clicking
      // 500 ms after loading, as before, found both cores busy with exactly that, and timed it as the join.
      const settled = await untilSettled();
      const at = Date.now() + CLICK_DELAY_MS;
      await Promise.all(joiners.map((joiner) => join(joiner, at)));
      // The load once every page has its click set (setting them is the bench's work, not the machine's state).
      const beforeClick = machineMeter();
      await sleep(Math.max(0, at - Date.now()));
      const busyBeforeClick = Math.round(beforeClick.stop() * 100) / 100;
      const meter = loadMeter();
      // A crowd on a busy 2-core machine can take far longer than one joiner: wait in proportion.
      const timeout = SAMPLE_TIMEOUT_MS * Math.max(1, size / 2);
      const shown = await Promise.all(joiners.map((joiner) => firstFrame(joiner, timeout)));
      const load = meter.stop();
      const samples = [];
      for (const [i, joiner] of joiners.entries()) samples.push(await finishSample(joiner, shown[i]!, load));
      crowds.push({ size, round, samples, busyBeforeClick });
      const times = samples.map((s) => s.timeline['first frame presented'] ?? NaN).sort((a, b) => a - b);
      const waited = `${settled.settled ? 'settled' : 'still changing'} at ${settled.busyCores} cores after ${(settled.waitedMs / 1000).toFixed(1)} s`;
      console.log(
        `round ${round}/${ROUNDS}, ${size} viewer(s): ${times.map((t) => t.toFixed(0)).join(' ')} ms (machine ${busyBeforeClick} of ${os.cpus().length} cores busy before the click, ${waited})`,
      );
    }
  }
  await sender.close();
  await reportParallel(crowds, browser);
});
