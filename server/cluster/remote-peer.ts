import type { NotificationName, NotificationOf } from '../../common/protocol';
import { Peer } from '../peers/peer';

/**
 * A peer signed in on another server of the cluster, standing in for it in the rooms and calls this server hosts.
 * What is sent to it goes over the bus to its own server, which delivers it on the peer's connection.
 */
export class RemotePeer extends Peer {
  constructor(
    readonly server: string,
    options: { id: string; displayName: string; ip: string },
    private readonly forward: (peer: RemotePeer, name: NotificationName, data: unknown) => void,
  ) {
    // It never resumes here (its own server handles that): the secret is random and thrown away.
    super({ ...options, secret: crypto.randomUUID() });
    this.link = { deliver: () => undefined, close: () => undefined };
  }

  /** Forwards the notification to the peer's own server. */
  override notify<N extends NotificationName>(name: N, data: NotificationOf<N>): void {
    this.forward(this, name, data);
  }

  /** True while a room or call here still needs this stand-in. */
  get inUse(): boolean {
    return this.roomId !== null || this.callId !== null;
  }
}
