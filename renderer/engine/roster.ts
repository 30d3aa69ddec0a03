import type { Member, PublishKind } from '../../common/protocol';

/** What changed between two member lists, in the order the UI should hear it. */
export interface RosterDiff {
  left: string[];
  joined: Member[];
  published: [peerId: string, kind: PublishKind][];
  unpublished: [peerId: string, kind: PublishKind][];
}

/** The difference between the members the UI knew before a reconnect and the ones the rejoin returned. */
export function diffMembers(before: readonly Member[], after: readonly Member[]): RosterDiff {
  const old = new Map(before.map((m) => [m.peerId, m]));
  const now = new Map(after.map((m) => [m.peerId, m]));
  const diff: RosterDiff = { left: [], joined: [], published: [], unpublished: [] };
  for (const id of old.keys()) if (!now.has(id)) diff.left.push(id);
  for (const [id, m] of now) {
    const was = old.get(id);
    if (!was) {
      diff.joined.push(m);
      continue;
    }
    for (const kind of m.published) if (!was.published.includes(kind)) diff.published.push([id, kind]);
    for (const kind of was.published) if (!m.published.includes(kind)) diff.unpublished.push([id, kind]);
  }
  return diff;
}

/** The other members of the joined room, kept current from presence notifications. */
export class Roster {
  private readonly members = new Map<string, Member>();

  /** Replaces the whole list (join, rejoin). */
  reset(members: readonly Member[]): void {
    this.members.clear();
    for (const m of members) this.members.set(m.peerId, { ...m, published: [...m.published] });
  }

  /** Adds or updates a member; returns whether it was new. */
  upsert(member: Member): boolean {
    const isNew = !this.members.has(member.peerId);
    this.members.set(member.peerId, { ...member, published: [...member.published] });
    return isNew;
  }

  /** Removes a member; returns whether it was there. */
  remove(peerId: string): boolean {
    return this.members.delete(peerId);
  }

  /** Records a publish state; returns whether it changed (unknown members are ignored). */
  setPublished(peerId: string, kind: PublishKind, published: boolean): boolean {
    const m = this.members.get(peerId);
    if (!m || m.published.includes(kind) === published) return false;
    m.published = published ? [...m.published, kind] : m.published.filter((k) => k !== kind);
    if (!published && m.paused) m.paused = m.paused.filter((k) => k !== kind);
    return true;
  }

  /** Records a pause state; returns whether it changed (unknown members are ignored). */
  setPaused(peerId: string, kind: PublishKind, paused: boolean): boolean {
    const m = this.members.get(peerId);
    const was = m?.paused ?? [];
    if (!m || was.includes(kind) === paused) return false;
    m.paused = paused ? [...was, kind] : was.filter((k) => k !== kind);
    return true;
  }

  /** Copies of the members. */
  list(): Member[] {
    return [...this.members.values()].map((m) => ({ ...m, published: [...m.published] }));
  }
}
