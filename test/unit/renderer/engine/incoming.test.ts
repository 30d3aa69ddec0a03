// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseIncoming } from '../../../../renderer/engine/incoming';

describe('parseIncoming', () => {
  it('classifies responses by ok, and keeps the server error code', () => {
    expect(parseIncoming('{"id":3,"ok":true,"data":{"roomId":"r1"}}')).toEqual({
      type: 'response',
      id: 3,
      ok: true,
      data: { roomId: 'r1' },
    });
    expect(parseIncoming('{"id":4,"ok":false,"error":{"code":"ROOM_NOT_FOUND","message":"no room r9"}}')).toEqual({
      type: 'response',
      id: 4,
      ok: false,
      error: { code: 'ROOM_NOT_FOUND', message: 'no room r9' },
    });
  });

  it('validates a notification against its schema, and accepts an empty one without data', () => {
    expect(parseIncoming('{"method":"peerLeft","data":{"peerId":"p2"}}')).toEqual({
      type: 'notification',
      notification: { name: 'peerLeft', data: { peerId: 'p2' } },
    });
    expect(parseIncoming('{"method":"replaced"}')).toEqual({
      type: 'notification',
      notification: { name: 'replaced', data: {} },
    });
  });

  it.each([
    ['not JSON', 'nope{'],
    ['a notification with a wrong field', '{"method":"peerLeft","data":{"peerId":42}}'],
    ['a notification with an extra field', '{"method":"peerLeft","data":{"peerId":"p2","x":1}}'],
    ['an unknown notification', '{"method":"selfDestruct","data":{}}'],
    ['a response with an unknown error code', '{"id":1,"ok":false,"error":{"code":"OOPS","message":"m"}}'],
    [
      'a server complaint about an unreadable frame',
      '{"id":null,"ok":false,"error":{"code":"BAD_REQUEST","message":"m"}}',
    ],
    ['a bare array', '[1,2]'],
  ])('drops %s', (_what, raw) => {
    expect(parseIncoming(raw).type).toBe('drop');
  });
});
