// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { cameraConstraints, withPreferredDevices } from '../../../../renderer/lib/media-constraints';

describe('media constraints', () => {
  it('asks for the preferred device exactly, or any device', () => {
    expect(cameraConstraints('cam-2')).toMatchObject({ deviceId: { exact: 'cam-2' } });
    expect(cameraConstraints(null)).not.toHaveProperty('deviceId');
  });

  it('fills in preferred devices only where the caller asked for "any" device', () => {
    const prefs = { cameraId: 'c', microphoneId: 'm' };
    const out = withPreferredDevices({ video: true, audio: false }, prefs);
    expect(out.video).toMatchObject({ deviceId: { exact: 'c' } });
    expect(out.audio).toBe(false);
    const own = { deviceId: 'other' };
    expect(withPreferredDevices({ audio: own }, prefs).audio).toBe(own);
  });
});
