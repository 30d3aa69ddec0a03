import { observer, type types } from 'mediasoup';

// Keyframe traces of every consumer and producer the in-process SFU makes. The hook is installed when
// sfu-server.ts is first imported — before the worker-scoped server starts its mediasoup worker — because a spec
// file loaded later in the same Playwright worker would never see 'newworker' for a worker that already runs.

/** A traced consumer or producer: when it was made, whose it is, and its keyframe trace events. */
export interface Traced {
  createdAt: number;
  /** When the viewer's client acknowledged it (resumeConsumer): from here a keyframe can be forwarded. */
  resumedAt?: number;
  peerId: string;
  events: { type: string; direction: string; at: number }[];
}

/** Every consumer the in-process SFU made, by id. */
export const consumers = new Map<string, Traced & { producerId: string }>();
/** Every producer the in-process SFU made, by id. */
export const producers = new Map<string, Traced & { source: string }>();

observer.on('newworker', (w) =>
  w.observer.on('newrouter', (r) =>
    r.observer.on('newtransport', (t) => {
      t.observer.on('newconsumer', (c: types.Consumer) => {
        const entry: Traced & { producerId: string } = {
          createdAt: Date.now(),
          peerId: String(c.appData.peerId),
          producerId: c.producerId,
          events: [] as Traced['events'],
        };
        consumers.set(c.id, entry);
        if (c.kind !== 'video') return;
        c.observer.once('resume', () => (entry.resumedAt ??= Date.now()));
        c.on('trace', (e) => entry.events.push({ type: e.type, direction: e.direction, at: Date.now() }));
        void c.enableTraceEvent(['keyframe']);
      });
      t.observer.on('newproducer', (p: types.Producer) => {
        const entry = {
          createdAt: Date.now(),
          peerId: String(p.appData.peerId),
          source: String(p.appData.source),
          events: [] as Traced['events'],
        };
        producers.set(p.id, entry);
        if (p.kind !== 'video') return;
        p.on('trace', (e) => entry.events.push({ type: e.type, direction: e.direction, at: Date.now() }));
        void p.enableTraceEvent(['pli', 'fir']);
      });
    }),
  ),
);
