// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { KioskRunner } from '../../../../renderer/state/kiosk-runner';
import { RoomSession } from '../../../../renderer/state/room-session';
import { FakeEngine, useFakeMediaStream, fakeMedia } from '../support/fake-engine';

useFakeMediaStream();

describe('KioskRunner', () => {
  it('retries with backoff until the room opens, then watches; a closed room starts it over', async () => {
    vi.useFakeTimers();
    const engine = new FakeEngine();
    engine.joinRoom.mockRejectedValueOnce(Object.assign(new Error('x'), { code: 'ROOM_NOT_FOUND' }));
    const runner = new KioskRunner({
      acquire: async () => engine,
      createSession: (e, onLeft) =>
        new RoomSession({ engine: e, media: fakeMedia(), roomId: 'tv', role: 'viewer', displayName: 'Kiosk', onLeft }),
      random: () => 0.5,
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runner.value).toMatchObject({ phase: 'retrying', attempt: 1, error: { code: 'ROOM_NOT_FOUND' } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(runner.value.phase).toBe('watching');
    expect(engine.joinRoom).toHaveBeenLastCalledWith('tv', { role: 'viewer' });
    engine.emit('roomleft', 'closed');
    expect(runner.value.phase).toBe('retrying');
    await vi.advanceTimersByTimeAsync(1000);
    expect(runner.value.phase).toBe('watching');
    expect(engine.joinRoom).toHaveBeenCalledTimes(3);
    runner.stop();
    expect(runner.value.phase).toBe('stopped');
  });
});
