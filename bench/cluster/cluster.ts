import { TestCluster } from '../../test/support/test-cluster';

/** The RTC ports of server `i` (its WebRtcServer's and its pipes'): apart from the e2e tests' 42000–43499. */
export const portRange = (i: number): [number, number] => [47000 + i * 500, 47499 + i * 500];

/**
 * The servers' default heartbeat, not the test clusters' 200 ms: with entries expiring after 3 beats (0.6 s), a
 * server not scheduled for 0.6 s on a loaded machine was taken for dead and its viewers dropped (seen in a run).
 */
const HEARTBEAT_MS = 2000;

/** Redis and three clustered room servers (A, B, C), each with one mediasoup worker and its own port range. */
export function startBenchCluster(): Promise<TestCluster> {
  // The later --cluster-heartbeat-ms wins over the one TestCluster puts first.
  return TestCluster.start(3, (i) => [
    '--cluster-heartbeat-ms',
    String(HEARTBEAT_MS),
    '--workers',
    '1',
    '--rtc-min-port',
    String(portRange(i)[0]),
    '--rtc-max-port',
    String(portRange(i)[1]),
  ]);
}
