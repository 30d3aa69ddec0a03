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

  it('asks quickly for a room that went away while watched, and at the backoff cap for one never seen open', async () => {
    vi.useFakeTimers();
    const notFound = () => Object.assign(new Error('x'), { code: 'ROOM_NOT_FOUND' });
    const engine = new FakeEngine();
    for (let i = 0; i < 4; i++) engine.joinRoom.mockRejectedValueOnce(notFound());
    const runner = new KioskRunner({
      acquire: async () => engine,
      createSession: (e, onLeft) =>
        new RoomSession({ engine: e, media: fakeMedia(), roomId: 'tv', role: 'viewer', displayName: 'Kiosk', onLeft }),
      random: () => 0,
    });
    runner.start();
    // Never watched: 500, 1000, 2000, 2000 ms apart (the cap).
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000);
    expect(engine.joinRoom).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(1999);
    expect(engine.joinRoom).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(runner.value.phase).toBe('watching');
    // Its server restarts: the room is gone until the host opens it again; asked for 500, then every 1000 ms.
    for (let i = 0; i < 4; i++) engine.joinRoom.mockRejectedValueOnce(notFound());
    engine.emit('roomleft', 'closed');
    await vi.advanceTimersByTimeAsync(500 + 1000 + 1000 + 1000);
    expect(engine.joinRoom).toHaveBeenCalledTimes(9);
    await vi.advanceTimersByTimeAsync(1000);
    expect(engine.joinRoom).toHaveBeenCalledTimes(10);
    expect(runner.value.phase).toBe('watching');
    runner.stop();
  });
});
