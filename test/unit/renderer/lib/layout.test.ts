// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Member } from '../../../../common/protocol';
import type { RemoteTrack } from '../../../../renderer/engine/types';
import { chooseLayout, gridColumns, isWaitingForPresenter, kioskTile, tilesOf } from '../../../../renderer/lib/layout';
import * as room from '../../../../renderer/state/room-model';

let nextId = 0;
const stream = () => ({ id: `s${nextId++}`, getAudioTracks: () => [] }) as unknown as MediaStream;
const track = (kind: 'audio' | 'video') => ({ id: `t${nextId++}`, kind }) as unknown as MediaStreamTrack;
const makeStream = () => stream();
const member = (peerId: string, role: Member['role'] = 'presenter', published: Member['published'] = []): Member => ({
  peerId,
  displayName: peerId.toUpperCase(),
  role,
  published,
});
const remote = (peerId: string, kind: RemoteTrack['kind'], mediaKind: 'audio' | 'video'): RemoteTrack => ({
  peerId,
  kind,
  track: track(mediaKind),
  stream: stream(),
});

function joined(role: Member['role'] = 'presenter', members: Member[] = []) {
  return room.applyJoined(room.joiningModel('r1', role, 'Me'), {
    roomId: 'r1',
    mode: role === 'viewer' ? 'broadcast' : 'p2p',
    self: member('me', role),
    members,
    viewerCount: 0,
  });
}

describe('tilesOf', () => {
  it('shows our own camera tile first and one tile per presenter, never viewers or ourselves twice', () => {
    const model = joined('presenter', [member('me'), member('ana'), member('tv', 'viewer')]);
    expect(tilesOf(model).map((t) => t.key)).toEqual(['me:cam', 'ana:cam']);
  });

  it('gives a viewer no tile of their own', () => {
    expect(tilesOf(joined('viewer', [member('pres')])).map((t) => t.key)).toEqual(['pres:cam']);
  });

  it('adds a screen tile while someone shares, and reflects mic and camera state', () => {
    let model = joined('presenter', [member('ana', 'presenter', ['mic'])]);
    model = room.trackAdded(model, remote('ana', 'screen', 'video'), makeStream);
    const tiles = tilesOf(model);
    expect(tiles.map((t) => t.key)).toEqual(['me:cam', 'ana:cam', 'ana:screen']);
    const ana = tiles[1]!;
    expect(ana).toMatchObject({ micOn: true, camOn: false, sharing: true, stream: null });
    expect(tiles[2]!.stream).not.toBeNull();
  });

  it("marks a remote screen tile as carrying sound when its share audio arrives, never the presenter's camera tile", () => {
    let model = joined('presenter', [member('ana', 'presenter', ['mic', 'screen'])]);
    model = room.trackAdded(model, remote('ana', 'screen', 'video'), makeStream);
    model = room.trackAdded(model, remote('ana', 'mic', 'audio'), makeStream);
    expect(tilesOf(model).map((t) => [t.key, t.withAudio])).toEqual([
      ['me:cam', false],
      ['ana:cam', false],
      ['ana:screen', false],
    ]);
    model = room.trackAdded(model, remote('ana', 'screen', 'audio'), makeStream);
    expect(tilesOf(model).find((t) => t.key === 'ana:screen')!.withAudio).toBe(true);
    expect(tilesOf(model).find((t) => t.key === 'ana:cam')!.withAudio).toBe(false);
  });

  it('marks the active speaker', () => {
    const model = { ...joined('presenter', [member('ana')]), activeSpeaker: 'ana' };
    expect(tilesOf(model).map((t) => t.speaking)).toEqual([false, true]);
  });
});

describe('chooseLayout', () => {
  it('is an even grid when nobody shares a screen', () => {
    const model = joined('presenter', [member('a'), member('b'), member('c')]);
    const layout = chooseLayout(tilesOf(model));
    expect(layout).toMatchObject({ kind: 'grid', columns: 2 });
  });

  it('puts a remote screen share large and everyone else in the strip', () => {
    let model = joined('presenter', [member('ana'), member('bo')]);
    model = room.setLocal(model, 'screen', stream());
    model = room.trackAdded(model, remote('bo', 'screen', 'video'), makeStream);
    const layout = chooseLayout(tilesOf(model));
    expect(layout.kind).toBe('stage');
    if (layout.kind !== 'stage') return;
    expect(layout.stage.key).toBe('bo:screen');
    expect(layout.strip.map((t) => t.key)).toEqual(['me:cam', 'me:screen', 'ana:cam', 'bo:cam']);
  });

  it('shows our own screen large when it is the only share', () => {
    const model = room.setLocal(joined('presenter', [member('ana')]), 'screen', stream());
    const layout = chooseLayout(tilesOf(model));
    expect(layout.kind === 'stage' && layout.stage.key).toBe('me:screen');
  });

  it('lets a pinned tile take the stage', () => {
    const model = room.trackAdded(joined('presenter', [member('ana')]), remote('ana', 'screen', 'video'), makeStream);
    const layout = chooseLayout(tilesOf(model), 'me:cam');
    expect(layout.kind === 'stage' && layout.stage.key).toBe('me:cam');
  });
});

describe('paused shares', () => {
  it("marks a remote share paused from pausedChanged or a late join's member.paused, and unpublishing clears it", () => {
    let model = room.trackAdded(
      joined('presenter', [member('ana', 'presenter', ['screen'])]),
      remote('ana', 'screen', 'video'),
      makeStream,
    );
    const pausedOf = (m: room.RoomModel) => tilesOf(m).find((t) => t.key === 'ana:screen')?.paused;
    expect(pausedOf(model)).toBe(false);
    model = room.pausedChanged(model, 'ana', 'screen', true);
    expect(pausedOf(model)).toBe(true);
    model = room.pausedChanged(model, 'ana', 'screen', false);
    expect(pausedOf(model)).toBe(false);
    const late = joined('presenter', [{ ...member('ana', 'presenter', ['screen']), paused: ['screen'] }]);
    expect(pausedOf(late)).toBe(true);
    expect(room.unpublished(late, 'ana', 'screen').peers.get('ana')?.paused).toEqual([]);
  });
});

describe('gridColumns', () => {
  it('stays near square and at most four wide', () => {
    expect([0, 1, 2, 3, 4, 5, 9, 10, 30].map(gridColumns)).toEqual([1, 1, 2, 2, 2, 3, 3, 4, 4]);
  });
});

describe('isWaitingForPresenter', () => {
  it('is true for a joined viewer until a presenter sends video, and again after it stops', () => {
    let model = joined('viewer', []);
    expect(isWaitingForPresenter(model)).toBe(true);
    model = room.peerJoined(model, member('pres'));
    expect(isWaitingForPresenter(model)).toBe(true);
    const screen = remote('pres', 'screen', 'video');
    model = room.trackAdded(model, screen, makeStream);
    expect(isWaitingForPresenter(model)).toBe(false);
    model = room.trackEnded(model, screen);
    expect(isWaitingForPresenter(model)).toBe(true);
  });

  it('is false for presenters and while still joining', () => {
    expect(isWaitingForPresenter(joined('presenter'))).toBe(false);
    expect(isWaitingForPresenter(room.joiningModel('r', 'viewer', 'x'))).toBe(false);
  });
});

describe('kioskTile', () => {
  it('prefers the screen share, then a camera, and ignores tiles without video', () => {
    let model = joined('viewer', [member('pres')]);
    expect(kioskTile(tilesOf(model))).toBeNull();
    model = room.trackAdded(model, remote('pres', 'cam', 'video'), makeStream);
    expect(kioskTile(tilesOf(model))?.key).toBe('pres:cam');
    model = room.trackAdded(model, remote('pres', 'screen', 'video'), makeStream);
    expect(kioskTile(tilesOf(model))?.key).toBe('pres:screen');
  });
});

describe('room model', () => {
  it('keeps tracks that arrived before the join result', () => {
    let model = room.joiningModel('r1', 'presenter', 'Me');
    model = room.trackAdded(model, remote('ana', 'cam', 'video'), makeStream);
    model = room.applyJoined(model, {
      roomId: 'r1',
      mode: 'p2p',
      self: member('me'),
      members: [member('ana')],
      viewerCount: 0,
    });
    expect(model.peers.get('ana')?.video.cam).toBeDefined();
    expect(model.peers.get('ana')?.displayName).toBe('ANA');
  });

  it('collects remote audio tracks once each and drops them when the peer leaves', () => {
    let model = joined('presenter', [member('ana')]);
    const mic = remote('ana', 'mic', 'audio');
    model = room.trackAdded(model, mic, makeStream);
    model = room.trackAdded(model, mic, makeStream);
    expect(model.audio).toHaveLength(1);
    model = room.peerLeft(model, 'ana');
    expect(model.audio).toHaveLength(0);
    expect(model.peers.size).toBe(0);
  });

  it('tracks published kinds without duplicates', () => {
    let model = joined('presenter', [member('ana')]);
    model = room.published(room.published(model, 'ana', 'mic'), 'ana', 'mic');
    expect(model.peers.get('ana')?.published).toEqual(['mic']);
    model = room.unpublished(model, 'ana', 'mic');
    expect(model.peers.get('ana')?.published).toEqual([]);
  });
});
