// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  applyProfileToSender,
  chooseScreenProfile,
  profileOf,
  SCREEN_PROFILES,
  setTrackProfile,
} from '../../../../renderer/engine/screen-profile';
import { screenEncoding } from '../../../../renderer/engine/sfu-screen';
import { screenVideoConstraints } from '../../../../renderer/lib/media-constraints';

/** A sender whose parameters round-trip like Chromium's (one encoding once created). */
function fakeSender(fail = false) {
  let parameters = {
    encodings: [{ active: true }],
    degradationPreference: undefined,
  } as unknown as RTCRtpSendParameters;
  const sender = {
    getParameters: () => structuredClone(parameters),
    setParameters: async (p: RTCRtpSendParameters) => {
      if (fail) throw new Error('InvalidModificationError');
      parameters = p;
    },
  };
  return { sender: sender as unknown as RTCRtpSender, current: () => parameters };
}

function fakeTrack(settings: MediaTrackSettings = {}) {
  const constraints: MediaTrackConstraints[] = [];
  const track = {
    kind: 'video',
    contentHint: '',
    getSettings: () => settings,
    applyConstraints: async (c: MediaTrackConstraints) => void constraints.push(c),
  };
  return { track: track as unknown as MediaStreamTrack, constraints };
}

describe('chooseScreenProfile', () => {
  it('starts a screen or a window as text', () => {
    expect(chooseScreenProfile({ displaySurface: 'monitor' })).toBe('text');
    expect(chooseScreenProfile({ displaySurface: 'window' })).toBe('text');
    expect(chooseScreenProfile({ displaySurface: 'window', playsVideo: true })).toBe('text');
  });

  it('starts a tab as text unless it is known to play video', () => {
    expect(chooseScreenProfile({ displaySurface: 'browser' })).toBe('text');
    expect(chooseScreenProfile({ displaySurface: 'browser', playsVideo: true })).toBe('motion');
  });

  it('starts an unknown source (no displaySurface) as text', () => {
    expect(chooseScreenProfile({})).toBe('text');
  });
});

describe('SCREEN_PROFILES', () => {
  it('text keeps resolution with a detail hint, a low frame rate and a 1080p-text bitrate', () => {
    expect(SCREEN_PROFILES.text).toMatchObject({ contentHint: 'detail', degradationPreference: 'maintain-resolution' });
    expect(SCREEN_PROFILES.text.maxFramerate).toBeLessThanOrEqual(15);
    expect(SCREEN_PROFILES.text.maxBitrate).toBeGreaterThanOrEqual(2_500_000);
  });

  it('motion keeps frame rate with a motion hint, up to 60 fps', () => {
    expect(SCREEN_PROFILES.motion).toMatchObject({
      contentHint: 'motion',
      degradationPreference: 'maintain-framerate',
      maxFramerate: 60,
    });
  });
});

describe('setTrackProfile', () => {
  it('sets the contentHint, remembers the profile and asks motion captures for 60 fps, keeping the size', () => {
    const { track, constraints } = fakeTrack();
    setTrackProfile(track, 'motion');
    expect(track.contentHint).toBe('motion');
    expect(profileOf(track)).toBe('motion');
    expect(constraints.at(-1)).toEqual(screenVideoConstraints(60));
    setTrackProfile(track, 'text');
    expect(track.contentHint).toBe('detail');
    expect(profileOf(track)).toBe('text');
    // Every set names the size: without it Chromium would drop a 1080p capture to 720p.
    expect(constraints.at(-1)).toEqual(screenVideoConstraints(30));
    expect(constraints.at(-1)).toMatchObject({ width: { max: 1920 }, height: { max: 1080 } });
  });

  it('a track never given a profile has none', () => {
    expect(profileOf(fakeTrack().track)).toBeUndefined();
  });
});

describe('applyProfileToSender', () => {
  it('sets degradation preference and the caps on the sender without touching other fields', async () => {
    const { sender, current } = fakeSender();
    expect(await applyProfileToSender(sender, 'text')).toBe(true);
    expect(current().degradationPreference).toBe('maintain-resolution');
    expect(current().encodings[0]).toEqual({ active: true, maxBitrate: 3_000_000, maxFramerate: 15 });
    await applyProfileToSender(sender, 'motion');
    expect(current().degradationPreference).toBe('maintain-framerate');
    expect(current().encodings[0]?.maxFramerate).toBe(60);
  });

  it('resolves false when the sender refuses', async () => {
    expect(await applyProfileToSender(fakeSender(true).sender, 'motion')).toBe(false);
  });
});

describe('screenEncoding (SFU)', () => {
  it('is one layer scaled to fit 1920×1080 with the track profile caps', () => {
    const { track } = fakeTrack({ width: 3840, height: 2160 });
    setTrackProfile(track, 'motion');
    expect(screenEncoding(track)).toEqual({ scaleResolutionDownBy: 2, maxFramerate: 60, maxBitrate: 6_000_000 });
    const small = fakeTrack({ width: 1280, height: 720 }).track;
    expect(screenEncoding(small)).toMatchObject({ scaleResolutionDownBy: 1, maxFramerate: 15 });
  });
});
