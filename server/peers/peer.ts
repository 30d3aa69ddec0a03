import type { Member, NotificationName, NotificationOf, PublishKind, Role } from '../../common/protocol';
import { hashSecret } from '../ids';
import { createLogger } from '../log';

const log = createLogger('peer');

/** Notifications kept for a peer whose connection dropped, delivered in order when it resumes. */
const OUTBOX_LIMIT = 256;

/** Where a peer's notifications go: its live signaling connection (or a fake in tests). */
export interface PeerLink {
  /** Sends one notification; the caller has already typed it. */
  deliver(name: NotificationName, data: unknown): void;
  /** Closes the link for good; the peer is no longer bound to it. */
  close(code: number, reason: string): void;
}

/** Options for a new peer. */
export interface PeerOptions {
  id: string;
  secret: string;
  displayName: string;
}

/**
 * One signed-in client. Its identity (id + resume secret) outlives a single connection, so a client
 * that reconnects with `hello.resume` keeps its room seat, call and session.
 */
export class Peer {
  readonly id: string;
  readonly secretHash: Buffer;
  readonly displayName: string;
  link: PeerLink | null = null;
  roomId: string | null = null;
  role: Role = 'presenter';
  readonly published = new Set<PublishKind>();
  callId: string | null = null;
  sessionId: string | null = null;
  private outbox: { name: NotificationName; data: unknown }[] = [];
  private outboxOverflowed = false;

  constructor(options: PeerOptions) {
    this.id = options.id;
    this.secretHash = hashSecret(options.secret);
    this.displayName = options.displayName;
  }

  /** Sends a typed notification now, or keeps it for a resume while the peer has no connection. */
  notify<N extends NotificationName>(name: N, data: NotificationOf<N>): void {
    if (this.link) {
      this.link.deliver(name, data);
    } else if (this.outbox.length < OUTBOX_LIMIT) {
      this.outbox.push({ name, data });
    } else if (!this.outboxOverflowed) {
      // The client re-syncs with joinRoom/enterLobby after a resume anyway; dropping is safe.
      this.outboxOverflowed = true;
      log.warn('notify() | outbox full, dropping notifications [peer:%s]', this.id);
    }
  }

  /** Binds the peer to a connection and delivers what was kept while it had none. */
  attach(link: PeerLink): void {
    this.link = link;
    const pending = this.outbox;
    this.outbox = [];
    this.outboxOverflowed = false;
    for (const { name, data } of pending) link.deliver(name, data);
  }

  /** Unbinds the peer from its connection (dropped or replaced). */
  detach(): void {
    this.link = null;
  }

  /** How other room members see this peer. */
  member(): Member {
    return { peerId: this.id, displayName: this.displayName, role: this.role, published: [...this.published] };
  }
}
