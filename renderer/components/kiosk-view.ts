import { consume } from '@lit/context';
import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { SignalController } from '../controllers/signal-controller';
import type { MessageKey } from '../i18n';
import { activityReporter } from '../lib/activity-report';
import { kioskExitMessage } from '../lib/desktop';
import { KioskWatchdog } from '../lib/kiosk-watchdog';
import { kioskTile, tilesOf } from '../lib/layout';
import { createLogger } from '../../common/log';
import { engineHostContext } from '../services/contexts';
import type { EngineHost } from '../state/engine-host';
import { roomNotOpen, type KioskRunner } from '../state/kiosk-runner';
import type { RoomSession } from '../state/room-session';
import { StoreController } from '../state/store';
import './kiosk-exit-dialog';
import './recording-indicator';
import './video-tile';
import { MoimView } from './moim-element';

const log = createLogger('ui', 'kiosk');

/**
 * The kiosk: full screen, no chrome, cursor hidden; watches one broadcast as a viewer and shows calm
 * 'waiting for the presenter' / 'reconnecting' screens in between. Keeps the display awake while shown.
 * In Electron the exit key combination opens the PIN prompt; a right PIN makes main close this window.
 */
@customElement('kiosk-view')
export class KioskView extends MoimView {
  static override styles = css`
    :host {
      position: fixed;
      inset: 0;
      display: grid;
      background: #000;
      color: #c9ced8;
      cursor: none;
      font-family: var(--moim-font);
    }
    video-tile {
      width: 100%;
      height: 100%;
    }
    .calm {
      display: grid;
      place-content: center;
      gap: 14px;
      text-align: center;
    }
    .calm h1 {
      margin: 0;
      font-weight: 300;
      font-size: clamp(24px, 4vw, 48px);
      letter-spacing: 0.02em;
    }
    .calm p {
      margin: 0;
      color: #7d8594;
    }
    .pulse {
      justify-self: center;
      width: 12px;
      height: 12px;
      border-radius: 50%;
      background: #6ea8fe;
      animation: pulse 2.4s ease-in-out infinite;
    }
    @keyframes pulse {
      0%,
      100% {
        opacity: 0.25;
        transform: scale(0.8);
      }
      50% {
        opacity: 1;
        transform: scale(1.1);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .pulse {
        animation: none;
      }
    }
    audio {
      display: none;
    }
    kiosk-exit-dialog {
      /* Out of the grid: its <dialog> opens in the top layer. */
      position: absolute;
    }
  `;

  @consume({ context: engineHostContext })
  @state()
  private engineHost!: EngineHost;

  /** The runner that keeps the kiosk in its room. */
  @property({ attribute: false }) runner: KioskRunner | null = null;
  /** The room the kiosk watches (for the retry message). */
  @property() roomId = '';

  /** The PIN prompt: closed (null), or open with its last error. */
  @state() private exit: { busy: boolean; error: MessageKey | null } | null = null;

  readonly #runner = new StoreController(this);
  readonly #session = new StoreController(this);
  readonly #engine = new StoreController(this);
  /** Re-subscribes, then recreates the transport, then reloads the view while a live presenter's picture is stalled. */
  readonly #watchdog = new KioskWatchdog({
    repairs: {
      resubscribe: () => this.engineHost?.value.engine?.repairMedia('resubscribe'),
      recreate: () => this.engineHost?.value.engine?.repairMedia('recreate'),
      reload: () => location.reload(),
    },
    log: (line) => log.warn('%s', line),
  });
  #watch: ReturnType<typeof setInterval> | undefined;
  /** A downloaded update waits until no presenter has been live for a while (main/updates/updates.ts). */
  readonly #reportActivity = activityReporter((activity) => this.bridge?.updates?.reportActivity(activity));

  constructor() {
    super();
    new SignalController(this, (signal) =>
      this.bridge?.kiosk?.onExitPrompt(() => (this.exit ??= { busy: false, error: null }), signal),
    );
  }

  async #tryPin(pin: string): Promise<void> {
    const kiosk = this.bridge.kiosk;
    if (!kiosk || !this.exit) return;
    this.exit = { busy: true, error: null };
    let error: MessageKey | null;
    try {
      error = kioskExitMessage(await kiosk.exit(pin));
    } catch {
      error = 'kiosk.exitFailed';
    }
    // Right PIN: main opens the normal window and closes this one. Escape while checking stays closed.
    if (this.exit) this.exit = error ? { busy: false, error } : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.bridge?.keepAwake(true);
    this.#watch = setInterval(() => this.#look(), 1000);
  }

  /**
   * One look for the watchdog (a presenter's tile shown, the engine connected, how old its last frame is) and for
   * the shell's updater, which restarts the kiosk only while no presenter is live.
   */
  #look(): void {
    const tile = this.renderRoot.querySelector('video-tile');
    const presenterLive = tile?.stream != null;
    const connected = this.engineHost?.value.state === 'connected' && this.runner?.value.phase === 'watching';
    this.#watchdog.check({
      presenterLive,
      connected,
      frameAgeMs: tile?.frameAgeMs ?? 0,
      framePresented: tile?.framePresented ?? false,
    });
    this.#reportActivity({ inCall: false, presenterLive });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    void this.bridge?.keepAwake(false);
    clearInterval(this.#watch);
    this.#watchdog.close();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('runner')) this.#runner.store = this.runner;
    this.#engine.store = this.engineHost ?? null;
    const session: RoomSession | null = this.runner?.value.session ?? null;
    this.#session.store = session;
  }

  #calm(key: MessageKey, detail: string | null = null) {
    return html`<div class="calm" role="status" data-testid="kiosk-status">
      <div class="pulse" aria-hidden="true"></div>
      <h1>${this.i18n.t(key)}</h1>
      ${detail ? html`<p>${detail}</p>` : nothing}
    </div>`;
  }

  override render() {
    return html`${this.#content()}
      <kiosk-exit-dialog
        ?open=${this.exit !== null}
        ?busy=${this.exit?.busy ?? false}
        .error=${this.exit?.error ? this.i18n.t(this.exit.error) : null}
        @kiosk-pin=${(e: CustomEvent<string>) => void this.#tryPin(e.detail)}
        @close=${() => (this.exit = null)}
      ></kiosk-exit-dialog>`;
  }

  #content() {
    const { t } = this.i18n;
    const runner = this.runner?.value;
    const model = runner?.session?.value;
    const engineState = this.engineHost?.value.state;
    if (engineState === 'reconnecting') return this.#calm('kiosk.reconnecting');
    if (runner?.phase === 'retrying') {
      return this.#calm(
        'kiosk.reconnecting',
        roomNotOpen(runner.error) ? t('kiosk.retrying', { room: this.roomId }) : null,
      );
    }
    if (!runner || !model || runner.phase === 'connecting' || runner.phase === 'joining') {
      return this.#calm('kiosk.connecting');
    }
    const tile = kioskTile(tilesOf(model));
    return html`
      ${
        tile
          ? html`<video-tile
              chromeless
              .peerId=${tile.peerId}
              .kind=${tile.kind}
              .displayName=${tile.displayName}
              .stream=${tile.stream}
              aria-label=${t('kiosk.label')}
            ></video-tile>`
          : this.#calm('kiosk.waiting')
      }
      <recording-indicator overlay .store=${runner.session?.extras ?? null}></recording-indicator>
      ${repeat(
        model.audio,
        (a) => a.trackId,
        (a) => html`<audio autoplay data-peer-id=${a.peerId} data-kind=${a.kind} .srcObject=${live(a.stream)}></audio>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-view': KioskView;
  }
}
