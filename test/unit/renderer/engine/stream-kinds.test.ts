// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { primaryTrack, publishKindOf, tracksFor, wireGroupOf } from '../../../../renderer/engine/stream-kinds';

describe('stream → kind mapping', () => {
  it("an audio track in a 'cam' stream is the mic; video in it is the camera", () => {
    expect(publishKindOf('cam', 'audio')).toBe('mic');
    expect(publishKindOf('cam', 'video')).toBe('cam');
  });

  it("everything in a 'screen' stream is the screen, its audio included", () => {
    expect(publishKindOf('screen', 'video')).toBe('screen');
    expect(publishKindOf('screen', 'audio')).toBe('screen');
  });

  it('a stream the sender never described falls back on the media kind', () => {
    expect(publishKindOf(undefined, 'audio')).toBe('mic');
    expect(publishKindOf(undefined, 'video')).toBe('cam');
  });

  it('the mic rides in the camera stream on the wire; the screen has its own', () => {
    expect([wireGroupOf('cam'), wireGroupOf('mic'), wireGroupOf('screen')]).toEqual(['cam', 'cam', 'screen']);
  });

  it('a publish takes only the tracks of its kind from a stream', () => {
    const v = { kind: 'video' };
    const a = { kind: 'audio' };
    const v2 = { kind: 'video' };
    expect(tracksFor('cam', [a, v, v2])).toEqual([v]);
    expect(tracksFor('mic', [v, a])).toEqual([a]);
    expect(tracksFor('screen', [a, v])).toEqual([v, a]);
    expect(tracksFor('mic', [v])).toEqual([]);
    expect(primaryTrack('screen', [a, v])).toBe(v);
    expect(primaryTrack('mic', [a])).toBe(a);
  });
});
