import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { joinToken } from '../../common/protocol/join-token';
import type { Settings } from '../bridge/types';
import type { RoomAddress } from '../lib/links';
import type { LocalMedia } from '../media/local-media';
import type { EnginePort } from '../services/engine-port';
import { KioskRunner } from '../state/kiosk-runner';
import { RoomSession } from '../state/room-session';

/** What the kiosk needs from the app shell. */
export interface KioskControllerOptions {
  settings: () => Settings | undefined;
  media: LocalMedia;
  acquire: (serverUrl: string, displayName: string) => Promise<EnginePort>;
  /** The token the desktop app keeps encrypted (`authToken`), for a kiosk whose server has an auth secret. */
  storedToken: () => Promise<string | null>;
}

/** Kiosk mode: once started, a runner keeps this window watching one room as a viewer. */
export class KioskController implements ReactiveController {
  #value: { runner: KioskRunner; roomId: string } | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: KioskControllerOptions,
  ) {
    host.addController(this);
  }

  /** The running kiosk and its room, or null outside kiosk mode. */
  get value(): { runner: KioskRunner; roomId: string } | null {
    return this.#value;
  }

  /**
   * Starts watching `target` (the name from settings, else 'Kiosk'). A server with an auth secret admits the kiosk
   * with the token of its launch URL (`#token=`), else the one stored encrypted in the desktop app.
   */
  start(target: RoomAddress): void {
    const { media, acquire } = this.options;
    const displayName = this.options.settings()?.displayName.trim() || 'Kiosk';
    let token = target.token;
    const runner = new KioskRunner({
      acquire: async () => {
        token ??= await this.#storedToken();
        return acquire(target.serverUrl, displayName);
      },
      createSession: (engine, onLeft) =>
        new RoomSession({ engine, media, roomId: target.roomId, role: 'viewer', displayName, token, onLeft }),
    });
    this.#value = { runner, roomId: target.roomId };
    this.host.requestUpdate();
    runner.start();
  }

  async #storedToken(): Promise<string | undefined> {
    const stored = await this.options.storedToken().catch(() => null);
    return stored && joinToken.safeParse(stored).success ? stored : undefined;
  }

  hostConnected(): void {}
}
