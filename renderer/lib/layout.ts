import type { RoomModel } from '../state/room-model';
import { distinctNames } from './display-names';

/** One tile the room view shows: a person's camera (or their avatar) or a screen share. */
export interface TileInfo {
  key: string;
  peerId: string;
  kind: 'cam' | 'screen';
  displayName: string;
  local: boolean;
  stream: MediaStream | null;
  micOn: boolean;
  camOn: boolean;
  sharing: boolean;
  speaking: boolean;
  /** A screen share its presenter paused: viewers see the last frame and "Paused". */
  paused: boolean;
  /** A screen share that carries its tab's or system's sound (played by its own <audio>, never the mic's). */
  withAudio: boolean;
}

/** How the tiles are arranged: an even grid, or one tile large on the stage with the rest in a strip. */
export type Layout =
  { kind: 'grid'; tiles: TileInfo[]; columns: number } | { kind: 'stage'; stage: TileInfo; strip: TileInfo[] };

/**
 * The tiles of a room, local first. Viewers never get a tile (they publish nothing); each presenter has a camera
 * tile (an avatar while the camera is off) and a screen tile while sharing.
 */
export function tilesOf(model: RoomModel): TileInfo[] {
  const tiles: TileInfo[] = [];
  const speaking = (peerId: string) => model.activeSpeaker !== null && model.activeSpeaker === peerId;
  const names = distinctNames([model.self, ...[...model.peers.values()].filter((p) => p.role !== 'viewer')]);
  if (model.role === 'presenter' && model.self.peerId !== '') {
    const self = model.self;
    const base = {
      peerId: self.peerId,
      displayName: self.displayName,
      local: true,
      micOn: model.local.mic !== undefined,
      camOn: model.local.cam !== undefined,
      sharing: model.local.screen !== undefined,
      speaking: speaking(self.peerId),
      paused: false,
      withAudio: false,
    };
    tiles.push({ ...base, key: `${self.peerId}:cam`, kind: 'cam', stream: model.local.cam ?? null });
    if (model.local.screen) {
      const paused = model.share?.paused === true;
      const withAudio = model.local.screen.getAudioTracks().length > 0;
      const stream = model.local.screen;
      tiles.push({ ...base, key: `${self.peerId}:screen`, kind: 'screen', stream, paused, withAudio });
    }
  }
  for (const peer of model.peers.values()) {
    if (peer.role === 'viewer') continue;
    const base = {
      peerId: peer.peerId,
      displayName: names.get(peer.peerId) ?? peer.displayName,
      local: false,
      micOn: peer.published.includes('mic'),
      camOn: peer.published.includes('cam') || peer.video.cam !== undefined,
      sharing: peer.published.includes('screen') || peer.video.screen !== undefined,
      speaking: speaking(peer.peerId),
      paused: false,
      withAudio: false,
    };
    tiles.push({ ...base, key: `${peer.peerId}:cam`, kind: 'cam', stream: peer.video.cam?.stream ?? null });
    if (base.sharing) {
      const stream = peer.video.screen?.stream ?? null;
      const paused = peer.paused.includes('screen');
      const withAudio = model.audio.some((a) => a.peerId === peer.peerId && a.kind === 'screen');
      tiles.push({ ...base, key: `${peer.peerId}:screen`, kind: 'screen', stream, paused, withAudio });
    }
  }
  return tiles;
}

/** Columns for an even grid of `count` tiles: as square as possible, at most 4 wide. */
export function gridColumns(count: number): number {
  if (count <= 1) return 1;
  return Math.min(4, Math.ceil(Math.sqrt(count)));
}

/**
 * Picks the layout: a pinned tile, else the newest remote screen share, else our own screen share goes large
 * with everyone else in a strip; with no screen share, an even grid.
 */
export function chooseLayout(tiles: TileInfo[], pinnedKey: string | null = null): Layout {
  const screens = tiles.filter((t) => t.kind === 'screen');
  const stage =
    tiles.find((t) => t.key === pinnedKey) ?? screens.filter((t) => !t.local).at(-1) ?? screens.find((t) => t.local);
  if (!stage) return { kind: 'grid', tiles, columns: gridColumns(tiles.length) };
  return { kind: 'stage', stage, strip: tiles.filter((t) => t !== stage) };
}

/** A viewer with nothing to watch: joined, but no presenter is sending any video yet. */
export function isWaitingForPresenter(model: RoomModel): boolean {
  if (model.phase !== 'joined' || model.role !== 'viewer') return false;
  for (const peer of model.peers.values()) {
    if (peer.video.cam !== undefined || peer.video.screen !== undefined) return false;
  }
  return true;
}

/** The one tile a kiosk shows full screen: the newest screen share, else the first presenter's camera. */
export function kioskTile(tiles: TileInfo[]): TileInfo | null {
  const withVideo = tiles.filter((t) => !t.local && t.stream !== null);
  return withVideo.filter((t) => t.kind === 'screen').at(-1) ?? withVideo[0] ?? null;
}
