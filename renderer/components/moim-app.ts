import { provide } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { createLogger } from '../../common/log';
import type { MoimBridge } from '../bridge/bridge';
import type { PickerChoice, Settings } from '../bridge/types';
import { CallFlowController } from '../controllers/call-flow-controller';
import { JoinLinkController } from '../controllers/join-link-controller';
import { KioskController } from '../controllers/kiosk-controller';
import { NoticeController } from '../controllers/notice-controller';
import { PickerController } from '../controllers/picker-controller';
import { SignalController } from '../controllers/signal-controller';
import { activityReporter } from '../lib/activity-report';
import { createI18n, languageFromLocale, type I18n, type Language } from '../i18n';
import { createLocalMedia, type LocalMedia } from '../media/local-media';
import { bridgeContext, engineHostContext, i18nContext, settingsContext } from '../services/contexts';
import { loadConferenceEngine, type EngineFactory, type EnginePort } from '../services/engine-port';
import { AudioSessionStore } from '../state/audio-session-store';
import { EngineHost } from '../state/engine-host';
import { LobbyStore } from '../state/lobby-store';
import { StoreController } from '../state/store';
import { sharedStyles } from '../styles/shared';
import type { JoinSessionDetail } from './audio-session-view';
import { connectionBanner } from './connection-banner';
import { updateBanner } from './update-banner';
import type { UpdateStatus } from '../../common/ipc/updates';
import type { CreateRoomDetail, JoinRoomDetail } from './home-view';
import type { GoOnlineDetail } from './lobby-view';
import { moimAppStyles } from './moim-app.styles';
import { prepareStyleSheets } from './moim-element';
import './app-header';
import './audio-session-view';
import './home-view';
import './incoming-call';
import './kiosk-view';
import './lobby-view';
import './room-view';
import './settings-view';
import './source-picker';

const log = createLogger('ui', 'app');

/** The app's views. */
export type View = 'home' | 'room' | 'settings' | 'lobby' | 'session' | 'kiosk';

/**
 * The application shell: loads settings, provides the app-wide services (bridge, settings, i18n, engine host) by
 * context, routes between views, shows the connection banner, the screen-source picker and incoming calls. Getting
 * into rooms is the call flow's job, the kiosk, picker and notices have controllers of their own.
 */
@customElement('moim-app')
export class MoimApp extends LitElement {
  static override styles = [sharedStyles, moimAppStyles];

  /** The desktop-features bridge; set before the element connects. */
  @provide({ context: bridgeContext })
  @property({ attribute: false })
  bridge!: MoimBridge;

  /** Builds the conference engine (tests and harnesses may pass a fake). */
  @property({ attribute: false }) engineFactory: EngineFactory = loadConferenceEngine;

  /** Told about every engine the app creates or drops (main.ts exposes it as `window.moim.engine`). */
  @property({ attribute: false }) onEngine: (engine: EnginePort | null) => void = () => {};

  @provide({ context: i18nContext })
  @state()
  private i18n: I18n = createI18n(languageFromLocale(navigator.language));

  @provide({ context: settingsContext })
  @state()
  private settings: Settings | undefined = undefined;
  @state() private updateStatus: UpdateStatus | null = null;

  @state() private view: View = 'home';

  readonly #media: LocalMedia = createLocalMedia(() => this.settings as Settings, {
    getDisplayMedia: (options) => this.bridge.getDisplayMedia(options),
  });

  @provide({ context: engineHostContext })
  readonly engineHost = new EngineHost(
    (options) => this.engineFactory(options),
    this.#media,
    (engine) => this.onEngine(engine),
  );

  readonly lobby = new LobbyStore({
    onCallStarted: (call) => void this.#flow.startCall(call),
    onCallEnded: (call) => this.#flow.callEnded(call),
  });
  readonly audioSession = new AudioSessionStore(this.#media);

  readonly #notices = new NoticeController(this);
  readonly #picker = new PickerController(this, () => this.bridge);
  readonly #flow = new CallFlowController(this, {
    settings: () => this.settings,
    bridge: () => this.bridge,
    engineHost: this.engineHost,
    media: this.#media,
    lobby: this.lobby,
    audioSession: this.audioSession,
    notices: this.#notices,
    show: (view) => (this.view = view),
    saveSettings: (patch) => this.#saveSettings(patch),
  });
  readonly #kiosk = new KioskController(this, {
    settings: () => this.settings,
    media: this.#media,
    acquire: (serverUrl, displayName) => this.#flow.acquire(serverUrl, displayName),
    storedToken: () => this.bridge.getSecret('authToken'),
  });
  readonly #links = new JoinLinkController(this, {
    bridge: () => this.bridge,
    settings: () => this.settings,
    inKiosk: () => this.#kiosk.value !== null,
    join: (link) => this.#flow.openLink(link),
  });

  constructor() {
    super();
    // The banner follows the engine host, the incoming-call prompt follows the lobby.
    new StoreController(this, this.engineHost);
    new StoreController(this, this.lobby);
    new SignalController(this, (signal) => this.bridge.onJoinLink((link) => void this.#links.open(link), signal));
    new SignalController(this, (signal) =>
      this.bridge.updates?.onStatus((status) => (this.updateStatus = status), signal),
    );
    this.engineHost.subscribe(({ engine, peerId, state }) => {
      if (state === 'connected' || engine === null) this.lobby.attach(engine, peerId);
      if (engine === null) this.audioSession.dispose();
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#start();
  }

  async #start(): Promise<void> {
    const settings = await this.bridge.getSettings();
    this.#applySettings(settings);
    const intent = await this.bridge.getLaunchIntent();
    if (intent.kiosk) {
      this.view = 'kiosk';
      this.#kiosk.start(intent.kiosk);
    } else if (intent.join) await this.#links.open(intent.join);
  }

  #applySettings(settings: Settings): void {
    this.settings = settings;
    if (this.i18n.lang !== settings.language) this.i18n = createI18n(settings.language);
    document.documentElement.lang = settings.language;
  }

  /** Saves a patch; a refusal is shown, never left as an unhandled rejection. */
  async #saveSettings(patch: Partial<Settings>): Promise<void> {
    try {
      this.#applySettings(await this.bridge.updateSettings(patch));
    } catch (error) {
      log.warn('saveSettings() | refused: %o', error);
      this.#notices.show({ key: 'settings.saveFailed' });
    }
  }

  #navigate(view: View): void {
    this.#notices.clear();
    this.view = view;
  }

  #view() {
    const { t } = this.i18n;
    const notice = this.#notices.value;
    const flow = this.#flow;
    switch (this.view) {
      case 'room':
        return html`<room-view .session=${flow.room} .serverUrl=${flow.roomServer}></room-view>`;
      case 'kiosk':
        return html`<kiosk-view
          .runner=${this.#kiosk.value?.runner ?? null}
          .roomId=${this.#kiosk.value?.roomId ?? ''}
        ></kiosk-view>`;
      case 'settings':
        return html`<settings-view
          @settings-saved=${(e: CustomEvent<Settings>) => this.#applySettings(e.detail)}
          @close=${() => this.#navigate('home')}
        ></settings-view>`;
      case 'lobby':
        return html`${this.#noticeBlock()}<lobby-view
            .store=${this.lobby}
            @go-online=${(e: CustomEvent<GoOnlineDetail>) => flow.goOnline(e.detail.displayName)}
            @settings-change=${(e: CustomEvent<Partial<Settings>>) => void this.#saveSettings(e.detail)}
          ></lobby-view>`;
      case 'session':
        return html`${this.#noticeBlock()}<audio-session-view
            .store=${this.audioSession}
            .busy=${flow.busy}
            @join-session=${(e: CustomEvent<JoinSessionDetail>) => flow.joinSession(e.detail.sessionId, e.detail.token)}
          ></audio-session-view>`;
      case 'home':
      default:
        return html`<home-view
          .busy=${flow.busy}
          .notice=${notice ? t(notice.key, notice.params) : null}
          .noticeIsInfo=${notice?.info === true}
          .prefill=${flow.prefill}
          @settings-change=${(e: CustomEvent<Partial<Settings>>) => flow.homeSettings(e.detail)}
          @create-room=${(e: CustomEvent<CreateRoomDetail>) => flow.create(e.detail)}
          @join-room=${(e: CustomEvent<JoinRoomDetail>) => flow.join(e.detail)}
          @heading-to-room=${(e: CustomEvent<string>) => this.#headingToRoom(e.detail)}
        ></home-view>`;
    }
  }

  /** The user is on the way to a room on `serverUrl`: a first join's one-time work is done now, not after the click. */
  #headingToRoom(serverUrl: string): void {
    this.engineFactory.warm?.(serverUrl);
    prepareStyleSheets();
  }

  #noticeBlock() {
    const notice = this.#notices.value;
    return notice ? html`<p class="banner alert" role="alert">${this.i18n.t(notice.key, notice.params)}</p>` : nothing;
  }

  /** The shell restarts into an update only at a quiet moment: it learns here when a call starts and ends. */
  override updated(): void {
    // The kiosk view reports for itself whether a presenter is live (kiosk-view.ts).
    if (this.view !== 'kiosk') this.#reportActivity({ inCall: this.#flow.room !== null, presenterLive: false });
  }
  readonly #reportActivity = activityReporter((activity) => this.bridge.updates?.reportActivity(activity));

  override render() {
    if (!this.settings) return nothing;
    const kiosk = this.view === 'kiosk';
    const incoming = this.lobby.value.incoming;
    return html`
      ${
        kiosk
          ? nothing
          : html`<app-header
                .current=${this.view}
                ?locked=${this.#flow.room !== null}
                @navigate=${(e: CustomEvent<View>) => this.#navigate(e.detail)}
                @language-change=${(e: CustomEvent<Language>) => void this.#saveSettings({ language: e.detail })}
              ></app-header>
              ${connectionBanner(this.i18n, this.engineHost)}
              ${updateBanner(this.i18n, this.updateStatus, this.#flow.room !== null, () => void this.bridge.updates?.install())}`
      }
      <main class=${this.view === 'room' ? 'room' : ''}>${this.#view()}</main>
      ${kiosk ? nothing : this.#links.render()}
      <source-picker
        .request=${this.#picker.request}
        @picker-choice=${(e: CustomEvent<PickerChoice>) => this.#picker.answer(e.detail)}
      ></source-picker>
      ${
        incoming && !kiosk
          ? html`<incoming-call
              .callerName=${incoming.displayName}
              @accept=${() => void this.lobby.accept()}
              @decline=${() => void this.lobby.decline()}
            ></incoming-call>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'moim-app': MoimApp;
  }
}
