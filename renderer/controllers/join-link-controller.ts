import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { MoimBridge } from '../bridge/bridge';
import type { Settings } from '../bridge/types';
import { isKnownServer } from '../lib/link-trust';
import type { RoomAddress } from '../lib/links';
import '../components/join-link-dialog';

/** What deciding about a join link needs from the app. */
export interface JoinLinkOptions {
  bridge(): MoimBridge;
  settings(): Settings | undefined;
  /** True while the kiosk runs: links never take it elsewhere. */
  inKiosk(): boolean;
  /** Opens the room the link names. */
  join(link: RoomAddress): Promise<void>;
}

/**
 * Join links (moim://) that arrive in the desktop app: a server used before joins directly, a new one asks first
 * in `<join-link-dialog>`. Only moim:// links ask: a browser page's ?room= link names the server that served the page.
 */
export class JoinLinkController implements ReactiveController {
  #asking: RoomAddress | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: JoinLinkOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The link waiting for an answer, if any. */
  get asking(): RoomAddress | null {
    return this.#asking;
  }

  /** Joins at once, asks first, or ignores the link (kiosk). */
  async open(link: RoomAddress): Promise<void> {
    if (this.options.inKiosk()) return;
    const settings = this.options.settings();
    if (this.options.bridge().platform === 'electron' && settings && !isKnownServer(link.serverUrl, settings)) {
      return this.#ask(link);
    }
    await this.options.join(link);
  }

  /** The dialog, open while a link waits for an answer. */
  render() {
    return html`<join-link-dialog
      .link=${this.#asking}
      .displayName=${this.options.settings()?.displayName ?? ''}
      @join-link=${(e: CustomEvent<RoomAddress>) => {
        this.#ask(null);
        void this.options.join(e.detail);
      }}
      @close=${() => this.#ask(null)}
    ></join-link-dialog>`;
  }

  #ask(link: RoomAddress | null): void {
    this.#asking = link;
    this.host.requestUpdate();
  }
}
