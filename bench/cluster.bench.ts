import { setTimeout as sleep } from 'node:timers/promises';
import { test } from '@playwright/test';
import type { TestCluster } from '../test/support/test-cluster';
import { startBenchCluster } from './cluster/cluster';
import { joinRound, type ClusterJoin } from './cluster/joins';
import { reportCluster } from './cluster/report';
import { measureSpread, spreadLine, type SpreadSample } from './cluster/spread';
import { openSender, type Sender } from './join/senders';

// One broadcast on a cluster of 3 room servers (Redis, one mediasoup worker each), presented on A.
// Spread: the same V viewers over 1 (all on A, the floor), 2 and 3 servers, interleaved round by round; server CPU
// per viewer, loss and fps over a fixed window. Joins, in the same rounds: a fresh viewer's click Watch → first
// frame decoded on A (origin), on B before its pipe exists, and on B once it does.
// BENCH_CLUSTER_VIEWERS (6), BENCH_CLUSTER_RUNS (3 rounds), BENCH_CLUSTER_JOINS (5 of each case),
// BENCH_CLUSTER_WINDOW_S (10).

const VIEWERS = Number(process.env.BENCH_CLUSTER_VIEWERS ?? 6);
const RUNS = Number(process.env.BENCH_CLUSTER_RUNS ?? 3);
const JOINS = Number(process.env.BENCH_CLUSTER_JOINS ?? 5);
const WINDOW_S = Number(process.env.BENCH_CLUSTER_WINDOW_S ?? 10);
const SETTLE_S = 2;
const SPREADS = [1, 2, 3];
const PIPE_TEARDOWN_MS = 1500;

test('cluster: one broadcast, viewers over 1, 2, 3 servers; join → first frame on the origin and elsewhere', async ({
  browser,
}) => {
  test.setTimeout(10 * 60_000 + RUNS * SPREADS.length * (VIEWERS * 20_000 + WINDOW_S * 1000) + JOINS * 3 * 90_000);
  let cluster: TestCluster | undefined;
  let sender: Sender | undefined;
  try {
    cluster = await startBenchCluster();
    const servers = cluster.servers;
    sender = await openSender(browser, servers[0]!.httpUrl, 'broadcast', 'camera');
    const samples: SpreadSample[] = [];
    const joins: ClusterJoin[] = [];
    for (let round = 1; round <= RUNS; round++) {
      for (const spread of SPREADS) {
        const sample = await measureSpread(browser, servers, sender.roomId, {
          servers: spread,
          viewers: VIEWERS,
          round,
          windowSeconds: WINDOW_S,
          settleSeconds: SETTLE_S,
        });
        samples.push(sample);
        console.log(spreadLine(sample));
        // The viewers just left: their servers' mirrors and A's ends of the pipes close before the next variant,
        // so every variant (and the first join on B) sets its pipes up afresh.
        await sleep(PIPE_TEARDOWN_MS);
      }
      // The joins spread over the rounds: JOINS of each case in all.
      const due = Math.ceil((JOINS * round) / RUNS);
      while (joins.length / 3 < due) {
        const index = joins.length / 3 + 1;
        const measured = await joinRound(browser, servers, sender, index);
        joins.push(...measured);
        console.log(
          `join ${index}/${JOINS}: ` +
            measured.map((j) => `${j.case} ${j.sample.timeline['first frame decoded']?.toFixed(0)} ms`).join(', '),
        );
      }
    }
    await reportCluster(
      samples,
      joins,
      { viewers: VIEWERS, rounds: RUNS, joins: JOINS, windowSeconds: WINDOW_S },
      browser,
    );
  } catch (error) {
    // What the servers said is the first thing to read when a viewer never decodes.
    for (const [i, server] of (cluster?.servers ?? []).entries())
      console.log(`--- server ${'ABC'[i]} (last 40 lines) ---\n${server.output().split('\n').slice(-40).join('\n')}`);
    throw error;
  } finally {
    await sender?.close().catch(() => undefined);
    await cluster?.stop();
  }
});
