// One cluster (real Redis + real room-server processes) per vitest file.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { TestCluster } from '../support/test-cluster';

export type { ClusterClient } from '../support/test-cluster';

/** Redis and `count` servers for one test file, started before its tests and stopped after; clients reset after each. */
export function clusterForSuite(count: number): () => TestCluster {
  let cluster: TestCluster | undefined;
  beforeAll(async () => {
    cluster = await TestCluster.start(count);
  }, 60_000);
  afterAll(() => cluster?.stop());
  afterEach(() => cluster?.reset());
  return () => cluster!;
}
