import { ProtocolError } from '../../common/protocol';
import { createLogger } from '../log';
import type { SfuRouter, SfuWorker } from './mediasoup-types';
import { mediaGone } from './sfu-errors';

const log = createLogger('sfu:fleet');

/** A router and the worker that runs it. */
export interface RouterSlot {
  worker: SfuWorker;
  router: SfuRouter;
}

/** Where a fleet gets its edge routers and what it needs to know about the room. */
export interface RouterFleetOptions {
  /** Consumers a router carries before receive transports go elsewhere. */
  consumersPerRouter: number;
  /** A router on the least-loaded worker not in `exclude`; undefined when every worker is excluded. */
  openEdge(exclude: readonly SfuWorker[]): Promise<RouterSlot | undefined>;
  /** Closes an edge router and gives its worker's share back. */
  closeEdge(edge: RouterSlot): void;
  /** Consumers a peer holds in this room right now. */
  consumersOf(peerId: string): number;
  /** Every producer open in the room now, on the origin router. */
  producerIds(): Iterable<string>;
}

interface Edge extends RouterSlot {
  /** One pipe per producer: resolves once the producer exists on this edge router. */
  pipes: Map<string, Promise<void>>;
}

/**
 * The routers of one room: the origin, which holds every producer, and edge routers on other workers that
 * serve receive transports once the origin (then each edge) carries `consumersPerRouter` consumers. Each
 * edge is fed by `pipeToRouter`, one pipe per producer, made when the edge opens or the producer appears;
 * closing a producer on the origin closes its pipe and the piped producer with it (mediasoup's cascade).
 */
export class RouterFleet {
  private readonly edges: Edge[] = [];
  /** The router each peer's receive transport is on. */
  private readonly placed = new Map<string, RouterSlot>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    readonly origin: RouterSlot,
    private readonly options: RouterFleetOptions,
  ) {}

  /** Every edge router, in the order they opened. */
  get edgeRouters(): readonly RouterSlot[] {
    return this.edges;
  }

  /**
   * The router for a peer's new receive transport: the first of origin and edges below the threshold, else a
   * new edge on a worker this room doesn't use yet, else the least-loaded one. Placements run one at a time so
   * viewers joining together don't all see the same router as free.
   */
  placeReceiver(peerId: string): Promise<RouterSlot> {
    const next = this.queue.then(() => this.place(peerId));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** The router a peer's receive transport is on (the origin until it was placed). */
  routerOf(peerId: string): RouterSlot {
    return this.placed.get(peerId) ?? this.origin;
  }

  /** Resolves once `producerId` can be consumed on the peer's router (its pipe finished). */
  async ready(peerId: string, producerId: string): Promise<RouterSlot> {
    const slot = this.routerOf(peerId);
    const edge = this.edges.find((e) => e === slot);
    if (edge) await (edge.pipes.get(producerId) ?? this.pipe(edge, producerId));
    return slot;
  }

  /** A new producer on the origin: pipe it to every edge. */
  addProducer(producerId: string): void {
    for (const edge of this.edges) this.pipe(edge, producerId);
  }

  /** The producer closed (mediasoup closes its pipes): forget them. */
  removeProducer(producerId: string): void {
    for (const edge of this.edges) edge.pipes.delete(producerId);
  }

  /** The peer left or its receive transport is being replaced. */
  forget(peerId: string): void {
    this.placed.delete(peerId);
  }

  /** True when the origin or an edge router runs on `worker`. */
  uses(worker: SfuWorker): boolean {
    return this.origin.worker === worker || this.edges.some((e) => e.worker === worker);
  }

  /** Closes the edge routers (their pipes close with them); the origin is its owner's to close. Safe twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const edge of this.edges.splice(0)) this.options.closeEdge(edge);
    this.placed.clear();
  }

  private async place(peerId: string): Promise<RouterSlot> {
    if (this.closed) throw mediaGone();
    this.placed.delete(peerId);
    const slots: RouterSlot[] = [this.origin, ...this.edges];
    const loads = new Map<RouterSlot, number>(slots.map((s) => [s, 0]));
    for (const [peer, slot] of this.placed) {
      loads.set(slot, (loads.get(slot) ?? 0) + Math.max(1, this.options.consumersOf(peer)));
    }
    let slot = slots.find((s) => loads.get(s)! < this.options.consumersPerRouter);
    slot ??= await this.openEdge(slots.map((s) => s.worker));
    slot ??= slots.reduce((a, b) => (loads.get(b)! < loads.get(a)! ? b : a));
    this.placed.set(peerId, slot);
    return slot;
  }

  private async openEdge(exclude: SfuWorker[]): Promise<RouterSlot | undefined> {
    const opened = await this.options.openEdge(exclude).catch((error: unknown) => {
      // No edge (the worker refused a router): the viewer goes to the least-loaded router instead.
      log.warn('openEdge() | could not open an edge router: %o', error);
      return undefined;
    });
    if (!opened) return undefined;
    if (this.closed) {
      this.options.closeEdge(opened);
      throw mediaGone();
    }
    const edge: Edge = { ...opened, pipes: new Map() };
    this.edges.push(edge);
    for (const producerId of this.options.producerIds()) this.pipe(edge, producerId);
    log.debug('openEdge() | edge router open [router:%s, worker:%d]', edge.router.id, edge.worker.pid);
    return edge;
  }

  private pipe(edge: Edge, producerId: string): Promise<void> {
    const piped = this.origin.router.pipeToRouter({ producerId, router: edge.router }).then(
      () => undefined,
      (error: unknown) => {
        // The producer (or the room) closed meanwhile; a consume waiting for it fails like any gone producer.
        log.debug('pipe() | pipeToRouter failed [producer:%s]: %o', producerId, error);
        edge.pipes.delete(producerId);
        throw new ProtocolError('INVALID_STATE', `producer ${producerId} closed meanwhile`);
      },
    );
    piped.catch(() => undefined);
    edge.pipes.set(producerId, piped);
    return piped;
  }
}
