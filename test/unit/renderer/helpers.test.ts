// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../common/protocol/errors';
import { meterLevel, rms, smoothLevel } from '../../../renderer/lib/audio-level';
import { errorMessageKey, isCancelled } from '../../../renderer/lib/errors';
import { moveInGrid } from '../../../renderer/lib/grid-nav';
import { formatIceServers, parseIceServers, toRtcIceServers } from '../../../renderer/lib/ice-servers';
import { cameraConstraints, withPreferredDevices } from '../../../renderer/lib/media-constraints';
import { ConnectionError } from '../../../renderer/state/engine-host';

describe('errorMessageKey', () => {
  it('explains protocol errors by their code', () => {
    expect(errorMessageKey(new ProtocolError('ROOM_NOT_FOUND', 'room abc not found'))).toBe('error.ROOM_NOT_FOUND');
    expect(errorMessageKey({ code: 'FORBIDDEN', message: 'x' })).toBe('error.FORBIDDEN');
  });

  it('explains media errors by their DOMException name', () => {
    expect(errorMessageKey(new DOMException('no', 'NotAllowedError'))).toBe('error.permission');
    expect(errorMessageKey(new DOMException('no', 'NotFoundError'))).toBe('error.noDevice');
    expect(errorMessageKey(new DOMException('no', 'NotReadableError'))).toBe('error.deviceBusy');
  });

  it('explains connection failures, and never shows raw text for the rest', () => {
    expect(errorMessageKey(new ConnectionError('ws://x'))).toBe('error.connect');
    expect(errorMessageKey(new Error('stack trace'))).toBe('error.unknown');
    expect(errorMessageKey({ code: 'NOT_A_CODE' })).toBe('error.unknown');
    expect(errorMessageKey(null)).toBe('error.unknown');
  });

  it('treats a cancelled picker as a cancellation, not an error', () => {
    expect(isCancelled(new DOMException('cancelled', 'NotAllowedError'))).toBe(true);
    expect(isCancelled(new Error('x'))).toBe(false);
  });
});

describe('moveInGrid', () => {
  it('moves by one across and by a row up and down, stopping at the edges', () => {
    expect(moveInGrid(0, 'ArrowRight', 5, 3)).toBe(1);
    expect(moveInGrid(0, 'ArrowLeft', 5, 3)).toBe(0);
    expect(moveInGrid(1, 'ArrowDown', 5, 3)).toBe(4);
    expect(moveInGrid(2, 'ArrowDown', 5, 3)).toBe(4);
    expect(moveInGrid(4, 'ArrowUp', 5, 3)).toBe(1);
    expect(moveInGrid(1, 'ArrowUp', 5, 3)).toBe(1);
    expect(moveInGrid(3, 'Home', 5, 3)).toBe(0);
    expect(moveInGrid(0, 'End', 5, 3)).toBe(4);
  });

  it('starts from the first item when nothing is selected and gives -1 for an empty grid', () => {
    expect(moveInGrid(-1, 'ArrowRight', 3, 3)).toBe(1);
    expect(moveInGrid(0, 'ArrowRight', 0, 3)).toBe(-1);
  });
});

describe('ICE servers text', () => {
  it('parses one server per line with an optional user name, skipping blank lines', () => {
    expect(parseIceServers('stun:stun.example:3478\n\n turn:turn.example:3478?transport=udp  alice \n')).toEqual({
      ok: true,
      servers: [
        { urls: 'stun:stun.example:3478' },
        { urls: 'turn:turn.example:3478?transport=udp', username: 'alice' },
      ],
    });
  });

  it('names the first bad line', () => {
    expect(parseIceServers('stun:ok\nhttp://nope')).toEqual({ ok: false, line: 2 });
    expect(parseIceServers('turn:x a b')).toEqual({ ok: false, line: 1 });
  });

  it('formats back to the same text and adds the stored credential only where a user name is set', () => {
    const servers = [{ urls: 'stun:s' }, { urls: ['turn:t1', 'turns:t2'], username: 'u' }];
    expect(formatIceServers(servers)).toBe('stun:s\nturn:t1 u\nturns:t2 u');
    expect(toRtcIceServers(servers, 'pw')).toEqual([
      { urls: 'stun:s' },
      { urls: ['turn:t1', 'turns:t2'], username: 'u', credential: 'pw' },
    ]);
    expect(toRtcIceServers(servers, null)[1]).toEqual({ urls: ['turn:t1', 'turns:t2'], username: 'u' });
  });
});

describe('audio level', () => {
  it('measures RMS and maps it to a 0–1 decibel scale', () => {
    expect(rms([])).toBe(0);
    expect(rms([0.5, -0.5, 0.5, -0.5])).toBeCloseTo(0.5);
    expect(meterLevel(0)).toBe(0);
    expect(meterLevel(1)).toBe(1);
    expect(meterLevel(0.001)).toBe(0);
    expect(meterLevel(0.1)).toBeCloseTo(2 / 3);
  });

  it('rises at once and falls slowly', () => {
    expect(smoothLevel(0.2, 0.9)).toBe(0.9);
    expect(smoothLevel(0.9, 0)).toBeCloseTo(0.82);
  });
});

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
