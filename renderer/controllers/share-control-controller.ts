import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ShareControlAction, ShareReport } from '../../common/ipc/share-control';
import { createLogger } from '../../common/log';
import type { ShareControlCapability } from '../bridge/bridge';
import type { Language } from '../i18n';
import type { RoomSession } from '../state/room-session';

const log = createLogger('ui', 'share-control');

/** What the controller reads from its host on every update. */
export interface ShareControlSource {
  /** The shell's control window, where there is one (Electron). */
  capability(): ShareControlCapability | undefined;
  session(): RoomSession | null;
  language(): Language;
}

/**
 * Keeps the desktop shell's share control window in step with the room's screen share: reports the share whenever
 * it starts, pauses, resumes or stops (and as stopped when the room goes away), and carries out the window's
 * Pause/Resume/Stop on the share, exactly like the share bar's buttons.
 */
export class ShareControlController implements ReactiveController {
  #reported: string | null = null;
  #abort: AbortController | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly source: ShareControlSource,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    // Subscribed on the first update rather than on connect: the bridge arrives through context.
    const capability = this.source.capability();
    if (capability && !this.#abort) {
      this.#abort = new AbortController();
      capability.onAction((action) => void this.act(action), this.#abort.signal);
    }
    const share = this.source.session()?.value.share ?? null;
    this.#report({ sharing: share !== null, paused: share?.paused ?? false, language: this.source.language() });
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = null;
    this.#report({ sharing: false, paused: false, language: this.source.language() });
  }

  /** Carries out a button of the control window on the running share. */
  async act(action: ShareControlAction): Promise<void> {
    const session = this.source.session();
    if (!session?.value.share) return;
    if (action === 'stop') await session.toggle('screen');
    else await session.setScreenPaused(action === 'pause');
  }

  /** Reports `share` unless it is what was reported last (and never a first "not sharing"). */
  #report(share: ShareReport): void {
    const key = JSON.stringify(share);
    if (key === this.#reported || (this.#reported === null && !share.sharing)) return;
    const capability = this.source.capability();
    if (!capability) return;
    this.#reported = key;
    capability.report(share).catch((error: unknown) => log.error('report() | %o', error));
  }
}
