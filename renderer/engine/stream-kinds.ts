import type { PublishKind } from '../../common/protocol';

/** Where a local publish goes on the wire: the mic rides in the camera's stream (lip sync), screen has its own. */
export function wireGroupOf(kind: PublishKind): 'cam' | 'screen' {
  return kind === 'screen' ? 'screen' : 'cam';
}

/**
 * What a remote track is, from the kind its stream was announced as and the track's media kind: an audio
 * track in a 'cam' stream is the mic; anything in a 'screen' stream is the screen (its audio included).
 * Unknown streams (no map, or a sender that sent none) fall back on the media kind.
 */
export function publishKindOf(streamKind: PublishKind | undefined, trackKind: string): PublishKind {
  if (streamKind === 'screen') return 'screen';
  if (streamKind === 'mic') return 'mic';
  if (streamKind === 'cam') return trackKind === 'audio' ? 'mic' : 'cam';
  return trackKind === 'audio' ? 'mic' : 'cam';
}

/** The tracks of `stream` that a publish of `kind` sends: camera video, mic audio, or screen video and audio. */
export function tracksFor<T extends { kind: string }>(kind: PublishKind, tracks: readonly T[]): T[] {
  if (kind === 'cam') return tracks.filter((t) => t.kind === 'video').slice(0, 1);
  if (kind === 'mic') return tracks.filter((t) => t.kind === 'audio').slice(0, 1);
  const video = tracks.filter((t) => t.kind === 'video').slice(0, 1);
  const audio = tracks.filter((t) => t.kind === 'audio').slice(0, 1);
  return [...video, ...audio];
}

/** The track of a publish whose end means the user stopped it (screen: the video, not the tab audio). */
export function primaryTrack<T extends { kind: string }>(kind: PublishKind, tracks: readonly T[]): T | undefined {
  const wanted = kind === 'mic' ? 'audio' : 'video';
  return tracks.find((t) => t.kind === wanted);
}
