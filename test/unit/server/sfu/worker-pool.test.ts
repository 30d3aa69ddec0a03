// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { SfuWorker } from '../../../../server/sfu/mediasoup-types';
import { WorkerPool } from '../../../../server/sfu/worker-pool';
import { fakeSpawner } from '../support/sfu-fakes';

async function pool(count: number) {
  const spawner = fakeSpawner();
  const lost: SfuWorker[] = [];
  const workers = new WorkerPool({ spawn: spawner.spawn, onWorkerLost: (dead) => lost.push(dead) });
  await workers.start(count);
  return { workers, spawner, lost };
}

describe('WorkerPool', () => {
  it('acquire() hands out the live worker with the fewest rooms', async () => {
    const { workers, spawner } = await pool(3);
    const [a, b, c] = spawner.workers;
    expect([workers.acquire(), workers.acquire(), workers.acquire(), workers.acquire()]).toEqual([a, b, c, a]);
    expect(workers.loads()).toEqual([2, 1, 1]);
  });

  it('release() frees a slot, so the next room goes to the worker that has fewest again', async () => {
    const { workers, spawner } = await pool(2);
    const [a, b] = spawner.workers;
    workers.acquire();
    workers.acquire();
    workers.acquire();
    workers.release(a!);
    workers.release(a!);
    expect(workers.acquire()).toBe(a);
    expect(workers.loads()).toEqual([1, 1]);
    expect(workers.acquire()).toBe(a);
    expect(workers.acquire()).toBe(b);
  });

  it('drops a worker that died, starts a replacement, then reports the dead one', async () => {
    const { workers, spawner, lost } = await pool(2);
    const [a, b] = spawner.workers;
    workers.acquire();
    a!.die();
    expect(workers.workers).toEqual([b]);
    await expect.poll(() => lost).toEqual([a]);
    expect(spawner.workers).toHaveLength(3);
    expect(workers.workers).toEqual([b, spawner.workers[2]]);
  });

  it('still reports the dead worker when its replacement fails to start', async () => {
    const { workers, spawner, lost } = await pool(1);
    spawner.fail.next = true;
    spawner.workers[0]!.die();
    await expect.poll(() => lost).toHaveLength(1);
    expect(workers.workers).toEqual([]);
    expect(() => workers.acquire()).toThrow(expect.objectContaining({ code: 'MEDIA_SERVER_UNAVAILABLE' }));
  });

  it('start() closes the workers it did start when one fails, and rethrows', async () => {
    const spawner = fakeSpawner();
    let calls = 0;
    const flaky = () => (++calls === 2 ? Promise.reject(new Error('no binary')) : spawner.spawn());
    const workers = new WorkerPool({ spawn: flaky, onWorkerLost: () => undefined });
    await expect(workers.start(3)).rejects.toThrow('no binary');
    expect(spawner.workers).toHaveLength(2);
    expect(spawner.workers.every((w) => w.closed)).toBe(true);
    expect(workers.workers).toEqual([]);
  });

  it('close() closes every worker, and a worker dying afterwards is not replaced', async () => {
    const { workers, spawner, lost } = await pool(2);
    workers.close();
    expect(spawner.workers.map((w) => w.closed)).toEqual([true, true]);
    spawner.workers[0]!.die();
    await new Promise((resolve) => setImmediate(resolve));
    expect(spawner.workers).toHaveLength(2);
    expect(lost).toEqual([]);
  });
});
