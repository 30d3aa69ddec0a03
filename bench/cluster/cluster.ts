import { TestCluster } from '../../test/support/test-cluster';

/** The RTC ports of server `i` (its WebRtcServer's and its pipes'): apart from the e2e tests' 42000–43499. */
export const portRange = (i: number): [number, number] => [47000 + i * 500, 47499 + i * 500];

/** Redis and three clustered room servers (A, B, C), each with one mediasoup worker and its own port range. */
export function startBenchCluster(): Promise<TestCluster> {
  return TestCluster.start(3, (i) => [
    '--workers',
    '1',
    '--rtc-min-port',
    String(portRange(i)[0]),
    '--rtc-max-port',
    String(portRange(i)[1]),
  ]);
}
