import dgram from 'node:dgram';
import { once } from 'node:events';

/**
 * Loss and delay for UDP, in user space, because this kernel has no netem (and no tc actions; nf_tables is built
 * in but `nft` is not installed, and it could drop at random but never delay).
 *
 * How it sits in the path: the relay listens on `listenHost` at the same ports the real service uses and, like a
 * NAT, gives each client address its own upstream socket towards `targetHost:<same port>`; replies come back the
 * same way. For the SFU, run it in its own lab namespace, start the room server with a small `--rtc-min-port …
 * --rtc-max-port` range and `--announced-ip <relay address>`: each client's ICE then reaches mediasoup through the
 * relay (mediasoup is ICE-lite and answers the relay's upstream address as a peer-reflexive candidate), and every
 * media packet both ways crosses `impair()`. For P2P calls, the same relay in front of a TURN server's UDP port
 * (clients with iceTransportPolicy 'relay') impairs peer-to-peer media. Each packet is dropped with probability
 * `loss`, else sent after `delayMs` plus up to `jitterMs` (a random jitter reorders packets, as real paths do).
 */
export interface Impairment {
  /** 0..1: the share of packets dropped, independently each way. */
  loss: number;
  delayMs: number;
  jitterMs: number;
}

/** A running relay; `stats` counts packets both ways. */
export interface UdpRelay {
  ports: number[];
  impair(impairment: Partial<Impairment>): void;
  stats(): { forwarded: number; dropped: number };
  close(): Promise<void>;
}

export interface UdpRelayOptions {
  listenHost: string;
  /** Ports to listen on; each forwards to the same port at `targetHost` (0 = any free port, forwarded to `targetPort`). */
  ports: number[];
  targetHost: string;
  /** For a relay that listens on a port of its own: where its packets go. */
  targetPort?: number;
  impairment?: Partial<Impairment>;
  /** A source of randomness in [0, 1), for repeatable loss in tests. Default Math.random. */
  random?: () => number;
}

/** Starts a relay listening on every port of `ports` (see Impairment for where it sits in the path). */
export async function startUdpRelay(options: UdpRelayOptions): Promise<UdpRelay> {
  let impairment: Impairment = { loss: 0, delayMs: 0, jitterMs: 0, ...options.impairment };
  const random = options.random ?? Math.random;
  const counts = { forwarded: 0, dropped: 0 };
  const sockets: dgram.Socket[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const pass = (socket: dgram.Socket, packet: Buffer, port: number, host: string) => {
    if (random() < impairment.loss) {
      counts.dropped++;
      return;
    }
    counts.forwarded++;
    const wait = impairment.delayMs + random() * impairment.jitterMs;
    if (wait <= 0) return socket.send(packet, port, host);
    const timer = setTimeout(() => {
      timers.delete(timer);
      socket.send(packet, port, host);
    }, wait);
    timers.add(timer);
  };

  const ports: number[] = [];
  for (const wanted of options.ports) {
    const listener = await bound(wanted, options.listenHost);
    sockets.push(listener);
    const listenPort = listener.address().port;
    ports.push(listenPort);
    const targetPort = options.targetPort ?? listenPort;
    const upstreams = new Map<string, dgram.Socket>();
    listener.on('message', (packet, from) => {
      const key = `${from.address}:${from.port}`;
      let upstream = upstreams.get(key);
      if (!upstream) {
        upstream = dgram.createSocket('udp4');
        upstreams.set(key, upstream);
        sockets.push(upstream);
        upstream.on('message', (reply) => pass(listener, reply, from.port, from.address));
        upstream.on('error', () => undefined); // A target that went away: packets are lost, as on a real path.
        // Sends made while the bind is in progress are queued by dgram until it completes.
        upstream.bind(0, options.listenHost);
      }
      pass(upstream, packet, targetPort, options.targetHost);
    });
  }

  return {
    ports,
    impair: (change) => (impairment = { ...impairment, ...change }),
    stats: () => ({ ...counts }),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

async function bound(port: number, host: string): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  socket.on('error', () => undefined);
  socket.bind(port, host);
  await once(socket, 'listening');
  return socket;
}
