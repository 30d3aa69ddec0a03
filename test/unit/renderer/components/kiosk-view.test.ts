// @vitest-environment happy-dom
// The kiosk tells the shell's updater whether a presenter is live, so a downloaded update waits for a quiet moment.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UpdatesCapability } from '../../../../renderer/bridge/bridge';
import '../../../../renderer/components/kiosk-view';
import { joiningModel, type RoomModel } from '../../../../renderer/state/room-model';
import type { KioskModel, KioskRunner } from '../../../../renderer/state/kiosk-runner';
import type { RoomSession } from '../../../../renderer/state/room-session';
import { Store } from '../../../../renderer/state/store';
import { fakeBridge, mount, testSettings, unmountAll } from '../support/component-host';

/** A store the test can change, standing in for the runner and its room session. */
class Settable<T> extends Store<T> {
  put(value: T): void {
    this.set(value);
  }
}

function kioskBridge() {
  const updates = {
    onStatus: vi.fn(),
    install: vi.fn(async () => ({ ok: true }) as const),
    reportActivity: vi.fn(async () => undefined),
  } satisfies UpdatesCapability;
  return { bridge: fakeBridge(testSettings(), { updates }), updates };
}

/** A joined broadcast with one presenter, sending camera video when `live`. */
function broadcast(live: boolean): RoomModel {
  const stream = new MediaStream();
  const video = live ? { cam: { trackId: 't1', stream } } : {};
  const presenter = { peerId: 'p1', displayName: 'Mina', role: 'presenter' as const, published: [], paused: [], video };
  return { ...joiningModel('room1', 'viewer', 'Kiosk'), phase: 'joined', peers: new Map([['p1', presenter]]) };
}

afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

describe('kiosk-view reports its activity to the updater', () => {
  it('reports idle while waiting, live while a presenter shows video, idle again when the presenter stops', async () => {
    vi.useFakeTimers();
    const { bridge, updates } = kioskBridge();
    const session = new Settable<RoomModel>(broadcast(false));
    const runner = new Settable<KioskModel>({
      phase: 'watching',
      session: session as unknown as RoomSession,
      attempt: 0,
      error: null,
    });
    const view = await mount('kiosk-view', {
      bridge,
      setUp: (el) => (el.runner = runner as unknown as KioskRunner),
    });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(updates.reportActivity.mock.calls).toEqual([[{ inCall: false, presenterLive: false }]]);

    session.put(broadcast(true));
    await view.updateComplete;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(updates.reportActivity.mock.calls.slice(1)).toEqual([[{ inCall: false, presenterLive: true }]]);

    session.put(broadcast(false));
    await view.updateComplete;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(updates.reportActivity.mock.calls.slice(2)).toEqual([[{ inCall: false, presenterLive: false }]]);
  });
});
