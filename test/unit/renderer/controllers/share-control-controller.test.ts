// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import type { ShareControlAction, ShareReport } from '../../../../common/ipc/share-control';
import type { ShareControlCapability } from '../../../../renderer/bridge/bridge';
import { ShareControlController } from '../../../../renderer/controllers/share-control-controller';
import { RoomSession } from '../../../../renderer/state/room-session';
import { FakeEngine, fakeMedia, useFakeMediaStream } from '../support/fake-engine';

useFakeMediaStream();

function setup(language: 'en' | 'ko' = 'en') {
  const engine = new FakeEngine();
  const session = new RoomSession({ engine, media: fakeMedia(), roomId: 'r1', role: 'presenter', displayName: 'Me' });
  const reports: ShareReport[] = [];
  let press: ((action: ShareControlAction) => void) | null = null;
  let signal: AbortSignal | undefined;
  const capability: ShareControlCapability = {
    report: vi.fn(async (share: ShareReport) => void reports.push(share)),
    onAction: (listener, s) => {
      press = listener;
      signal = s;
    },
  };
  const host = { addController: vi.fn() };
  const controller = new ShareControlController(host as never, {
    capability: () => capability,
    session: () => session,
    language: () => language,
  });
  return { engine, session, controller, reports, press: (a: ShareControlAction) => press!(a), signal: () => signal };
}

describe('ShareControlController', () => {
  it('reports a share when it starts, pauses and stops, once per change and never a first "not sharing"', async () => {
    const { session, controller, reports, engine } = setup('ko');
    await session.join();
    controller.hostUpdated();
    expect(reports).toEqual([]);
    await session.toggle('screen');
    controller.hostUpdated();
    controller.hostUpdated();
    expect(reports).toEqual([{ sharing: true, paused: false, language: 'ko' }]);
    (engine.screen as { isPaused: boolean }).isPaused = true;
    await session.setScreenPaused(true);
    controller.hostUpdated();
    await session.toggle('screen');
    controller.hostUpdated();
    expect(reports.slice(1)).toEqual([
      { sharing: true, paused: true, language: 'ko' },
      { sharing: false, paused: false, language: 'ko' },
    ]);
  });

  it("carries out the control window's Pause, Resume and Stop on the running share", async () => {
    const { session, controller, engine, press } = setup();
    await session.join();
    await session.toggle('screen');
    controller.hostUpdated();
    press('pause');
    await vi.waitFor(() => expect(engine.screen.setPaused).toHaveBeenCalledWith(true));
    press('resume');
    await vi.waitFor(() => expect(engine.screen.setPaused).toHaveBeenCalledWith(false));
    press('stop');
    await vi.waitFor(() => expect(engine.unpublish).toHaveBeenCalledWith('screen'));
    expect(session.value.local.screen).toBeUndefined();
  });

  it('ignores a button when nothing is shared, and reports "stopped" and unsubscribes when the room view goes', async () => {
    const { session, controller, engine, reports, signal } = setup();
    await session.join();
    controller.hostUpdated();
    await controller.act('stop');
    expect(engine.unpublish).not.toHaveBeenCalled();
    await session.toggle('screen');
    controller.hostUpdated();
    controller.hostDisconnected();
    expect(reports.at(-1)).toEqual({ sharing: false, paused: false, language: 'en' });
    expect(signal()!.aborted).toBe(true);
  });
});
