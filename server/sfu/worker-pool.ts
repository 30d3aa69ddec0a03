import { ProtocolError } from '../../common/protocol';
import { createLogger } from '../log';
import type { SfuWorker } from './mediasoup-types';

const log = createLogger('sfu:workers');

/** Options for a worker pool. */
export interface WorkerPoolOptions {
  /** Starts one mediasoup worker (a fake in unit tests). */
  spawn: () => Promise<SfuWorker>;
  /** Called once a dead worker was replaced (or replacing it failed), so its rooms can move. */
  onWorkerLost: (dead: SfuWorker) => void;
}

/**
 * The mediasoup workers and how many routers each carries (a room's own router, or an edge router that
 * serves a big room's viewers). Routers go to the least-loaded live worker; a worker that dies is dropped
 * at once and a new one is started in its place.
 */
export class WorkerPool {
  private readonly load = new Map<SfuWorker, number>();
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  /** Starts `count` workers; if any fails to start, the others are closed and the error is rethrown. */
  async start(count: number): Promise<void> {
    const results = await Promise.allSettled(Array.from({ length: count }, () => this.options.spawn()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const r of results) if (r.status === 'fulfilled') this.adopt(r.value);
    if (failed) {
      this.close();
      throw failed.reason;
    }
  }

  /** Live workers, in start order. */
  get workers(): SfuWorker[] {
    return [...this.load.keys()];
  }

  /** The live worker with the fewest routers, counted as carrying one more; MEDIA_SERVER_UNAVAILABLE if none. */
  acquire(): SfuWorker {
    const best = this.acquireOther([]);
    if (best === undefined) throw new ProtocolError('MEDIA_SERVER_UNAVAILABLE', 'no media worker is running');
    return best;
  }

  /** Like acquire(), among the live workers not in `exclude`; undefined when there is none. */
  acquireOther(exclude: readonly SfuWorker[]): SfuWorker | undefined {
    let best: SfuWorker | undefined;
    for (const [worker, routers] of this.load) {
      if (exclude.includes(worker)) continue;
      if (best === undefined || routers < this.load.get(best)!) best = worker;
    }
    if (best !== undefined) this.load.set(best, this.load.get(best)! + 1);
    return best;
  }

  /** A router left `worker` (closed or moved); a dead worker is already forgotten. */
  release(worker: SfuWorker): void {
    const rooms = this.load.get(worker);
    if (rooms !== undefined) this.load.set(worker, Math.max(0, rooms - 1));
  }

  /** Routers each live worker carries, for dumps and tests. */
  loads(): number[] {
    return [...this.load.values()];
  }

  /** Closes every worker; a closed pool never starts another. */
  close(): void {
    this.closed = true;
    for (const worker of this.load.keys()) worker.close();
    this.load.clear();
  }

  private adopt(worker: SfuWorker): void {
    if (this.closed) {
      worker.close();
      return;
    }
    this.load.set(worker, 0);
    worker.on('died', (error) => void this.died(worker, error));
  }

  private async died(worker: SfuWorker, error: Error): Promise<void> {
    if (!this.load.delete(worker) || this.closed) return;
    log.error('died() | mediasoup worker died, starting a new one [pid:%d]: %s', worker.pid, error.message);
    try {
      this.adopt(await this.options.spawn());
    } catch (spawnError) {
      log.error('died() | could not start a replacement worker: %o', spawnError);
    }
    if (!this.closed) this.options.onWorkerLost(worker);
  }
}
