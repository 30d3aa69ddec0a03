import type { Member, PublishKind, Role, RoomMode } from '../../common/protocol';
import type { ScreenProfile } from '../engine/screen-profile';
import type { JoinResult, RemoteTrack } from '../engine/types';

/** A remote audio track and the audio-only stream an <audio> element plays it from. */
export interface AudioFeed {
  peerId: string;
  kind: PublishKind;
  trackId: string;
  stream: MediaStream;
}

/** One remote person as the room view shows them. */
export interface PeerView {
  peerId: string;
  displayName: string;
  role: Role;
  published: PublishKind[];
  /** What of it the presenter paused (the tile keeps the last frame and says "Paused"). */
  paused: PublishKind[];
  /** Video-only streams, one per source, created once per track so <video> elements keep their srcObject. */
  video: Partial<Record<'cam' | 'screen', { trackId: string; stream: MediaStream }>>;
}

/** How our screen share is sent: 'text' (sharp) or 'motion' (smooth), and whether viewers see it paused. */
export interface ShareState {
  profile: ScreenProfile;
  paused: boolean;
}

/** Everything the room view renders; replaced (never mutated) on every change. */
export interface RoomModel {
  phase: 'joining' | 'joined' | 'left';
  roomId: string;
  mode: RoomMode;
  role: Role;
  self: { peerId: string; displayName: string };
  /** The broadcast's presenter key when we hold it (we created the room or came by a presenter link). */
  presenterKey: string | null;
  /** Everyone else in the room; in meeting rooms watchers (role viewer) too, so nobody listens in unseen. */
  peers: ReadonlyMap<string, PeerView>;
  /** Our own published streams, keyed by source. */
  local: Partial<Record<PublishKind, MediaStream>>;
  /** Our running screen share's content profile and pause (null while not sharing). */
  share: ShareState | null;
  /** Sources being turned on or off right now (buttons wait). */
  pending: PublishKind[];
  audio: AudioFeed[];
  activeSpeaker: string | null;
  viewerCount: number;
  error: unknown;
  leftReason: 'left' | 'closed' | 'replaced' | null;
}

/** The model before the join completes. */
export function joiningModel(roomId: string, role: Role, displayName: string): RoomModel {
  return {
    phase: 'joining',
    roomId,
    mode: 'p2p',
    role,
    self: { peerId: '', displayName },
    presenterKey: null,
    peers: new Map(),
    local: {},
    share: null,
    pending: [],
    audio: [],
    activeSpeaker: null,
    viewerCount: 0,
    error: null,
    leftReason: null,
  };
}

function toPeer(member: Member): PeerView {
  return {
    peerId: member.peerId,
    displayName: member.displayName,
    role: member.role,
    published: [...member.published],
    paused: [...(member.paused ?? [])],
    video: {},
  };
}

function withPeer(model: RoomModel, peerId: string, change: (peer: PeerView) => PeerView): RoomModel {
  const peer = model.peers.get(peerId);
  if (!peer) return model;
  const peers = new Map(model.peers);
  peers.set(peerId, change(peer));
  return { ...model, peers };
}

/** Applies the join result; members already known (joined while we were joining) keep their tracks. */
export function applyJoined(model: RoomModel, result: JoinResult): RoomModel {
  const peers = new Map<string, PeerView>();
  for (const member of result.members) {
    if (member.peerId === result.self.peerId) continue;
    const known = model.peers.get(member.peerId);
    peers.set(member.peerId, known ? { ...toPeer(member), video: known.video } : toPeer(member));
  }
  for (const [peerId, peer] of model.peers) if (!peers.has(peerId)) peers.set(peerId, peer);
  return {
    ...model,
    phase: 'joined',
    roomId: result.roomId,
    mode: result.mode,
    role: result.self.role,
    self: { peerId: result.self.peerId, displayName: result.self.displayName },
    peers,
    viewerCount: result.viewerCount,
  };
}

export function peerJoined(model: RoomModel, member: Member): RoomModel {
  if (member.peerId === model.self.peerId) return model;
  const peers = new Map(model.peers);
  const known = peers.get(member.peerId);
  peers.set(member.peerId, known ? { ...toPeer(member), video: known.video } : toPeer(member));
  return { ...model, peers };
}

export function peerLeft(model: RoomModel, peerId: string): RoomModel {
  if (!model.peers.has(peerId)) return model;
  const peers = new Map(model.peers);
  peers.delete(peerId);
  return {
    ...model,
    peers,
    audio: model.audio.filter((a) => a.peerId !== peerId),
    activeSpeaker: model.activeSpeaker === peerId ? null : model.activeSpeaker,
  };
}

export function published(model: RoomModel, peerId: string, kind: PublishKind): RoomModel {
  return withPeer(model, peerId, (p) => (p.published.includes(kind) ? p : { ...p, published: [...p.published, kind] }));
}

export function unpublished(model: RoomModel, peerId: string, kind: PublishKind): RoomModel {
  return withPeer(model, peerId, (p) => ({
    ...p,
    published: p.published.filter((k) => k !== kind),
    paused: p.paused.filter((k) => k !== kind),
  }));
}

/** A presenter paused or resumed `kind`. */
export function pausedChanged(model: RoomModel, peerId: string, kind: PublishKind, paused: boolean): RoomModel {
  return withPeer(model, peerId, (p) => ({
    ...p,
    paused: paused ? [...p.paused.filter((k) => k !== kind), kind] : p.paused.filter((k) => k !== kind),
  }));
}

/** A remote track arrived: video goes to the peer's tile for its source, audio to the list of <audio> feeds. */
export function trackAdded(model: RoomModel, remote: RemoteTrack, makeStream: (t: MediaStreamTrack) => MediaStream) {
  const { track, peerId, kind } = remote;
  if (track.kind === 'audio') {
    if (model.audio.some((a) => a.trackId === track.id)) return model;
    return { ...model, audio: [...model.audio, { peerId, kind, trackId: track.id, stream: makeStream(track) }] };
  }
  const source = kind === 'screen' ? 'screen' : 'cam';
  let next = model;
  if (!next.peers.has(peerId)) {
    next = peerJoined(next, { peerId, displayName: peerId, role: 'presenter', published: [] });
  }
  return withPeer(next, peerId, (p) =>
    p.video[source]?.trackId === track.id
      ? p
      : { ...p, video: { ...p.video, [source]: { trackId: track.id, stream: makeStream(track) } } },
  );
}

export function trackEnded(model: RoomModel, remote: RemoteTrack): RoomModel {
  const trackId = remote.track.id;
  if (remote.track.kind === 'audio') {
    return { ...model, audio: model.audio.filter((a) => a.trackId !== trackId) };
  }
  return withPeer(model, remote.peerId, (p) => {
    const video = { ...p.video };
    for (const source of ['cam', 'screen'] as const) if (video[source]?.trackId === trackId) delete video[source];
    return { ...p, video };
  });
}

export function setLocal(model: RoomModel, kind: PublishKind, stream: MediaStream | null): RoomModel {
  const local = { ...model.local };
  if (stream) local[kind] = stream;
  else delete local[kind];
  return kind === 'screen' && !stream ? { ...model, local, share: null } : { ...model, local };
}

export function setPending(model: RoomModel, kind: PublishKind, on: boolean): RoomModel {
  const pending = model.pending.filter((k) => k !== kind);
  return { ...model, pending: on ? [...pending, kind] : pending };
}
