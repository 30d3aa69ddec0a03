import type { Member, NotificationName, NotificationOf, PublishKind, Role } from '../../common/protocol';
import { hashSecret } from '../ids';
import { createLogger } from '../log';
import type { OutboxBudget } from './outbox-budget';

const log = createLogger('peer');

/** Notifications kept for a peer whose connection dropped, delivered in order when it resumes. */
const OUTBOX_LIMIT = 256;

/** Where a peer's notifications go: its live signaling connection (or a fake in tests). */
export interface PeerLink {
  /** Sends one notification; the caller has already typed it. */
  deliver(name: NotificationName, data: unknown): void;
  /** Closes the link for good; the peer is no longer bound to it. */
  close(code: number, reason: string): void;
  /** Bytes sent on the link that the client has not read yet (0 when unknown). */
  backlog?(): number;
}

/** Options for a new peer. */
export interface PeerOptions {
  id: string;
  secret: string;
  displayName: string;
  /** The address the peer signed in from; per-address limits count it there. */
  ip?: string;
  /** Bounds the bytes kept while the peer has no connection; without one only the count is bounded. */
  outboxBudget?: OutboxBudget;
  /** Called (once per drop) when the kept notifications overflowed: the peer can no longer resume losslessly. */
  onOutboxOverflow?: (peer: Peer) => void;
}

/**
 * One signed-in client. Its identity (id + resume secret) outlives a single connection, so a client
 * that reconnects with `hello.resume` keeps its room seat, call and session.
 */
export class Peer {
  readonly id: string;
  readonly secretHash: Buffer;
  /** As the client said in `hello`; a signed join token's name replaces it when the peer joins a room. */
  displayName: string;
  readonly ip: string;
  link: PeerLink | null = null;
  roomId: string | null = null;
  role: Role = 'presenter';
  readonly published = new Set<PublishKind>();
  /** What of `published` is paused right now. */
  readonly paused = new Set<PublishKind>();
  callId: string | null = null;
  sessionId: string | null = null;
  private outbox: { name: NotificationName; data: unknown }[] = [];
  private outboxBytes = 0;
  private outboxOverflowed = false;

  constructor(private readonly options: PeerOptions) {
    this.id = options.id;
    this.secretHash = hashSecret(options.secret);
    this.displayName = options.displayName;
    this.ip = options.ip ?? 'unknown';
  }

  /** Sends a typed notification now, or keeps it for a resume while the peer has no connection. */
  notify<N extends NotificationName>(name: N, data: NotificationOf<N>): void {
    if (this.link) {
      this.link.deliver(name, data);
      return;
    }
    if (this.outboxOverflowed) return;
    const budget = this.options.outboxBudget;
    const bytes = budget ? JSON.stringify(data).length + name.length : 0;
    if (this.outbox.length < OUTBOX_LIMIT && (!budget || budget.reserve(this.outboxBytes, bytes))) {
      this.outbox.push({ name, data });
      this.outboxBytes += bytes;
      return;
    }
    // What was kept is no longer the whole story: drop it all and let the owner end the ghost early, so
    // the client comes back as a new peer and re-syncs from scratch instead of from a lossy queue.
    this.outboxOverflowed = true;
    this.dropOutbox();
    log.warn('notify() | outbox full, dropping notifications [peer:%s]', this.id);
    this.options.onOutboxOverflow?.(this);
  }

  /** Binds the peer to a connection and delivers what was kept while it had none. */
  attach(link: PeerLink): void {
    this.link = link;
    const pending = this.outbox;
    this.dropOutbox();
    this.outboxOverflowed = false;
    for (const { name, data } of pending) link.deliver(name, data);
  }

  /** Forgets everything kept for a resume (the peer is gone for good). */
  dropOutbox(): void {
    this.options.outboxBudget?.release(this.outboxBytes);
    this.outbox = [];
    this.outboxBytes = 0;
  }

  /** Unbinds the peer from its connection (dropped or replaced). */
  detach(): void {
    this.link = null;
  }

  /** How other room members see this peer. */
  member(): Member {
    const member: Member = {
      peerId: this.id,
      displayName: this.displayName,
      role: this.role,
      published: [...this.published],
    };
    if (this.paused.size > 0) member.paused = [...this.paused];
    return member;
  }
}
