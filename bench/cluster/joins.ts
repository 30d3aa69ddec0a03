import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from '@playwright/test';
import type { RoomServerProcess } from '../../test/support/room-server';
import { firstFrame, join, prepareJoiner, type Joiner } from '../join/joiners';
import { finishSample, type JoinSample } from '../join/sample';
import type { Sender } from '../join/senders';
import { loadMeter, type Load } from '../lib/proc-stats';
import { DECODE_BOUND_MS } from './viewers';

/** Where a fresh viewer joins: the broadcast's own server, or another one before or after its pipe is up. */
export type JoinCase = 'origin' | 'no pipe' | 'pipe up';

/** The cases in the order each round measures them, with how the report names them. */
export const JOIN_CASES: { case: JoinCase; label: string }[] = [
  { case: 'origin', label: 'origin (A)' },
  { case: 'no pipe', label: 'non-origin B, no pipe yet' },
  { case: 'pipe up', label: 'non-origin B, pipe up' },
];

/** One fresh viewer timed from its click on Watch to its first frame, with the join bench's probes. */
export interface ClusterJoin {
  case: JoinCase;
  index: number;
  sample: JoinSample;
}

/**
 * Waits until `server` has no peer signed in (its /healthz), so it holds no mirror of the broadcast and the next
 * viewer there sets the pipe up afresh; then a little longer for its `release` to reach the origin.
 */
async function noPeersOn(server: RoomServerProcess): Promise<void> {
  const until = Date.now() + 10_000;
  for (;;) {
    const { peers } = (await (await fetch(`${server.httpUrl}/healthz`)).json()) as { peers: number };
    if (peers === 0) break;
    if (Date.now() > until) throw new Error(`${server.httpUrl} still has ${peers} peer(s) 10 s after its viewers left`);
    await sleep(100);
  }
  await sleep(300);
}

/** Clicks Watch and waits for the first frame presented; throws when none comes within DECODE_BOUND_MS. */
async function timedJoin(joiner: Joiner, what: string): Promise<Load> {
  const meter = loadMeter();
  await join(joiner);
  if (!(await firstFrame(joiner, DECODE_BOUND_MS)))
    throw new Error(`${what}: no frame within ${DECODE_BOUND_MS / 1000} s of clicking Watch`);
  return meter.stop();
}

/**
 * One join of each case: a viewer on A (the origin); then one on B while B has no viewer of the broadcast (its
 * first consume sets the pipe up), and, with that one still watching, another on B (the pipe is up).
 * Before the join on B it waits until B has no peer at all (the spread's viewers have gone).
 */
export async function joinRound(
  browser: Browser,
  cluster: readonly RoomServerProcess[],
  sender: Sender,
  index: number,
): Promise<ClusterJoin[]> {
  const probes = { pollMs: 10, readFrames: false };
  const [a, b] = cluster.map((s) => s.httpUrl) as [string, string];
  const open: Joiner[] = [];
  try {
    const onA = await prepareJoiner(browser, a, sender, probes);
    open.push(onA);
    const origin = await finishSample(onA, true, await timedJoin(onA, 'viewer on A'));
    await noPeersOn(cluster[1]!);
    const cold = await prepareJoiner(browser, b, sender, probes);
    open.push(cold);
    const coldLoad = await timedJoin(cold, 'first viewer on B');
    const warm = await prepareJoiner(browser, b, sender, probes);
    open.push(warm);
    const pipeUp = await finishSample(warm, true, await timedJoin(warm, 'second viewer on B'));
    const noPipe = await finishSample(cold, true, coldLoad);
    return [
      { case: 'origin', index, sample: origin },
      { case: 'no pipe', index, sample: noPipe },
      { case: 'pipe up', index, sample: pipeUp },
    ];
  } finally {
    await Promise.all(open.map((j) => j.close().catch(() => undefined)));
  }
}
