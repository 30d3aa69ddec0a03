import type { Member, MethodName, PublishKind, RequestOf, ResponseOf } from '../../../../common/protocol';
import { P2PSession } from '../../../../renderer/engine/p2p-session';
import type { SignalingPort } from '../../../../renderer/engine/signaling-types';
import type { RemoteStats } from '../../../../renderer/engine/stats';
import type { RemoteTrack } from '../../../../renderer/engine/types';
import { ShimPeerConnection, WrtcMediaStream } from './wrtc';

/** One peer of an in-memory mesh: its session and what it has seen. */
export interface MeshPeer {
  id: string;
  session: P2PSession;
  /** Remote tracks currently live, as `track`/`trackended` left them. */
  live: RemoteTrack[];
  errors: Error[];
}

/**
 * Several P2P sessions with real (wrtc) peer connections, their `signal` requests relayed to each other
 * through a queue that keeps each sender's order, like the room server does.
 */
export class P2PMesh {
  /** `offerRetryMs` for every session (long by default, so only tests about lost messages see retries). */
  constructor(private readonly offerRetryMs = 60_000) {}

  readonly peers = new Map<string, MeshPeer>();
  /** Descriptions relayed so far, with how many m-lines each had. */
  readonly descriptions: { from: string; to: string; type: string; mLines: number }[] = [];
  /** Descriptions to lose in transit, as "from→to type" (each entry loses one). */
  readonly lose: string[] = [];
  private queue: Promise<void> = Promise.resolve();

  /** Adds a peer and tells it (and everyone) about each other, as joinRoom and peerJoined would. */
  async join(id: string, local: ReadonlyMap<PublishKind, readonly MediaStreamTrack[]> = new Map()): Promise<MeshPeer> {
    const others = [...this.peers.values()];
    const peer = this.create(id);
    await peer.session.start(
      others.map((o) => member(o.id)),
      local,
    );
    for (const other of others) other.session.peerJoined(member(id));
    return peer;
  }

  /**
   * Replaces `id`'s session with a new one that joins again, without the others hearing peerLeft/peerJoined:
   * what a reconnect that the server treated as the same membership looks like to them.
   */
  async rejoinSilently(
    id: string,
    local: ReadonlyMap<PublishKind, readonly MediaStreamTrack[]> = new Map(),
  ): Promise<MeshPeer> {
    this.peers.get(id)?.session.close();
    this.peers.delete(id);
    const others = [...this.peers.values()];
    const peer = this.create(id);
    await peer.session.start(
      others.map((o) => member(o.id)),
      local,
    );
    return peer;
  }

  private create(id: string): MeshPeer {
    const signaling: SignalingPort = {
      request: <M extends MethodName>(method: M, data: RequestOf<M>): Promise<ResponseOf<M>> => {
        if (method === 'signal') this.relay(id, data as RequestOf<'signal'>);
        return Promise.resolve({} as ResponseOf<M>);
      },
    };
    const session = new P2PSession(
      {
        selfId: id,
        roomId: 'room',
        mode: 'p2p',
        role: 'presenter',
        signaling,
        iceServers: [],
        RTCPeerConnection: ShimPeerConnection,
        MediaStream: WrtcMediaStream,
      },
      { offerRetryMs: this.offerRetryMs },
    );
    const peer: MeshPeer = { id, session, live: [], errors: [] };
    session.on('track', (t) => peer.live.push(t));
    session.on('trackended', (t) => (peer.live = peer.live.filter((l) => l !== t)));
    session.on('error', (e) => peer.errors.push(e));
    this.peers.set(id, peer);
    return peer;
  }

  /** Removes a peer as its leaving would: its session closes, everyone else gets peerLeft. */
  leave(id: string): void {
    this.peers.get(id)?.session.close();
    this.peers.delete(id);
    for (const other of this.peers.values()) other.session.peerLeft(id);
  }

  /** Closes every session. */
  close(): void {
    for (const id of [...this.peers.keys()]) this.leave(id);
  }

  /** The live remote tracks `id` has from `from`, as "kind/media" labels, sorted. */
  labels(id: string, from: string): string[] {
    const peer = this.peers.get(id);
    return (peer?.live ?? [])
      .filter((t) => t.peerId === from)
      .map((t) => `${t.kind}/${t.track.kind}`)
      .sort();
  }

  /** Inbound stats of `id`. */
  stats(id: string): Promise<RemoteStats[]> {
    return this.peers.get(id)?.session.getStats() ?? Promise.resolve([]);
  }

  private relay(from: string, data: RequestOf<'signal'>): void {
    const { to, ...signal } = data;
    // Copies, and a macrotask per hop, as a real socket would deliver them.
    const message = JSON.parse(JSON.stringify({ from, ...signal }));
    const lost = signal.description ? this.lose.indexOf(`${from}→${to} ${signal.description.type}`) : -1;
    if (lost >= 0) {
      this.lose.splice(lost, 1);
      return;
    }
    if (signal.description) {
      const mLines = (signal.description.sdp ?? '').split('\n').filter((l) => l.startsWith('m=')).length;
      this.descriptions.push({ from, to, type: signal.description.type, mLines });
    }
    this.queue = this.queue.then(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            this.peers.get(to)?.session.handleNotification({ name: 'signal', data: message });
            resolve();
          }, 0),
        ),
    );
  }
}

function member(peerId: string): Member {
  return { peerId, displayName: peerId, role: 'presenter', published: [] };
}

/** Polls `check` until it returns true or `timeoutMs` passes. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
