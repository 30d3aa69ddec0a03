import { provide } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { createLogger } from '../../common/log';
import type { Role } from '../../common/protocol';
import type { MoimBridge } from '../bridge/bridge';
import type { PickerChoice, PickerRequest, Settings } from '../bridge/types';
import { SignalController } from '../controllers/signal-controller';
import { createI18n, languageFromLocale, type I18n, type Language, type MessageKey } from '../i18n';
import { errorMessageKey, isCancelled } from '../lib/errors';
import { toRtcIceServers } from '../lib/ice-servers';
import type { RoomAddress } from '../lib/links';
import { addRecentRoom } from '../lib/settings';
import { createLocalMedia, type LocalMedia } from '../media/local-media';
import { bridgeContext, engineHostContext, i18nContext, settingsContext } from '../services/contexts';
import { loadConferenceEngine, type EngineFactory, type EnginePort } from '../services/engine-port';
import { AudioSessionStore } from '../state/audio-session-store';
import { EngineHost } from '../state/engine-host';
import { KioskRunner } from '../state/kiosk-runner';
import { LobbyStore, type CallParty } from '../state/lobby-store';
import { RoomSession, type CallInfo } from '../state/room-session';
import { StoreController } from '../state/store';
import { sharedStyles } from '../styles/shared';
import type { JoinSessionDetail } from './audio-session-view';
import type { CreateRoomDetail, JoinRoomDetail } from './home-view';
import type { GoOnlineDetail } from './lobby-view';
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

/** A message for the user: an error unless `info` (a next step, not something that went wrong). */
type Notice = { key: MessageKey; params?: Record<string, string>; info?: boolean } | null;

/**
 * The application shell: loads settings, provides the app-wide services (bridge, settings, i18n, engine host) by
 * context, routes between views, shows the connection banner, the screen-source picker and incoming calls.
 */
@customElement('moim-app')
export class MoimApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100vh;
        height: 100dvh;
      }
      .banner {
        display: flex;
        align-items: center;
        gap: 12px;
        margin: 10px 20px 0;
      }
      .banner button {
        margin-left: auto;
        min-height: 32px;
      }
      main {
        flex: 1;
        min-height: 0;
        overflow: auto;
      }
      main.room {
        overflow: hidden;
      }
    `,
  ];

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

  @state() private view: View = 'home';
  @state() private room: RoomSession | null = null;
  @state() private roomServer = '';
  @state() private kiosk: { runner: KioskRunner; roomId: string } | null = null;
  @state() private busy = false;
  @state() private notice: Notice = null;
  /** The server address last typed on Home, saved once a connection to it succeeds. */
  #typedServer: string | null = null;
  @state() private picker: PickerRequest | null = null;
  @state() private prefill: RoomAddress | null = null;

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
    onCallStarted: (call) => void this.#startCall(call),
    onCallEnded: (call) => this.#callEnded(call),
  });
  readonly audioSession = new AudioSessionStore(this.#media);

  readonly #answered = new Set<string>();

  constructor() {
    super();
    // The banner follows the engine host, the incoming-call prompt follows the lobby.
    new StoreController(this, this.engineHost);
    new StoreController(this, this.lobby);
    new SignalController(this, (signal) => {
      this.bridge.onPickerRequest((request) => {
        if (!this.#answered.has(request.requestId)) this.picker = request;
      }, signal);
      this.bridge.onJoinLink((link) => void this.#openLink(link), signal);
    });
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
    if (intent.kiosk) this.#startKiosk(intent.kiosk);
    else if (intent.join) await this.#openLink(intent.join);
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
      this.notice = { key: 'settings.saveFailed' };
    }
  }

  /** Home's name is kept at once; its server address only once a connection to it succeeded (see #acquire). */
  #onHomeSettings(patch: Partial<Settings>): void {
    const { serverUrl, ...rest } = patch;
    this.#typedServer = serverUrl ?? null;
    void this.#saveSettings(rest);
  }

  async #acquire(serverUrl: string, displayName: string): Promise<EnginePort> {
    const credential = await this.bridge.getSecret('turnCredential').catch(() => null);
    const iceServers = toRtcIceServers(this.settings?.iceServers ?? [], credential);
    const engine = await this.engineHost.acquire({ serverUrl, displayName, iceServers });
    if (serverUrl === this.#typedServer && serverUrl !== this.settings?.serverUrl)
      void this.#saveSettings({ serverUrl });
    return engine;
  }

  async #whileBusy(action: () => Promise<void>, onError: (error: unknown) => void = (e) => this.#showError(e)) {
    this.busy = true;
    this.notice = null;
    try {
      await action();
    } catch (error) {
      onError(error);
    } finally {
      this.busy = false;
    }
  }

  #showError(error: unknown): void {
    // Connection failures already show in the banner.
    if (!isCancelled(error) && error !== this.engineHost.value.error) this.notice = { key: errorMessageKey(error) };
  }

  #onCreate(event: CustomEvent<CreateRoomDetail>): void {
    const { mode, serverUrl, displayName } = event.detail;
    void this.#whileBusy(async () => {
      const engine = await this.#acquire(serverUrl, displayName);
      const { roomId, presenterKey } = await engine.createRoom({ mode });
      await this.#enterRoom(engine, { roomId, presenterKey, serverUrl, role: 'presenter', displayName });
    });
  }

  #onJoin(event: CustomEvent<JoinRoomDetail>): void {
    const { serverUrl, displayName } = event.detail;
    void this.#whileBusy(async () => {
      const engine = await this.#acquire(serverUrl, displayName);
      await this.#enterRoom(engine, event.detail);
    });
  }

  /** Opens a join link: joins at once when we know the user's name, else offers it on the home view. */
  async #openLink(link: RoomAddress): Promise<void> {
    if (this.room || this.kiosk) return;
    const displayName = this.settings?.displayName.trim() ?? '';
    if (!displayName) {
      this.prefill = link;
      this.view = 'home';
      this.notice = { key: 'room.linkNeedsName', info: true };
      return;
    }
    await this.#whileBusy(async () => {
      const engine = await this.#acquire(link.serverUrl, displayName);
      await this.#enterRoom(engine, { ...link, role: 'presenter', displayName });
    });
  }

  async #enterRoom(
    engine: EnginePort,
    target: RoomAddress & { role: Role; displayName: string; call?: CallInfo },
  ): Promise<void> {
    this.room?.dispose();
    const session: RoomSession = new RoomSession({
      engine,
      media: this.#media,
      roomId: target.roomId,
      role: target.role,
      displayName: target.displayName,
      presenterKey: target.presenterKey,
      call: target.call ?? null,
      onLeft: (reason) => this.#roomLeft(session, reason),
    });
    this.room = session;
    this.roomServer = target.serverUrl;
    this.view = 'room';
    try {
      await session.join();
    } catch (error) {
      if (this.room === session) {
        session.dispose();
        this.room = null;
        this.view = target.call ? 'lobby' : 'home';
        // The home view comes back new: give it the room id again, so a typo can be fixed.
        if (!target.call) this.prefill = { roomId: target.roomId, serverUrl: target.serverUrl };
      }
      throw error;
    }
    this.prefill = null;
    if (target.call) {
      // A direct call is a video call: start with microphone and camera on.
      await session.toggle('mic');
      await session.toggle('cam');
    } else if (this.settings) {
      const entry = { roomId: target.roomId, serverUrl: target.serverUrl, joinedAt: Date.now() };
      void this.#saveSettings({ recentRooms: addRecentRoom(this.settings.recentRooms, entry) });
    }
  }

  #roomLeft(session: RoomSession, reason: 'left' | 'closed' | 'replaced'): void {
    if (this.room !== session) return;
    this.room = null;
    if (session.call) this.lobby.hungUp();
    this.view = session.call ? 'lobby' : 'home';
    if (reason === 'closed') this.notice = { key: 'room.closed' };
    if (reason === 'replaced') this.notice = { key: 'room.replaced' };
  }

  async #startCall(call: CallParty & { roomId: string }): Promise<void> {
    const { serverUrl, displayName } = this.settings ?? { serverUrl: '', displayName: '' };
    await this.#whileBusy(
      async () => {
        const engine = await this.#acquire(serverUrl, displayName);
        await this.#enterRoom(engine, {
          roomId: call.roomId,
          serverUrl,
          role: 'presenter',
          displayName,
          call: { callId: call.callId, peerName: call.displayName },
        });
      },
      (error) => {
        this.#showError(error);
        this.view = 'lobby';
      },
    );
  }

  #callEnded(call: CallParty): void {
    if (this.room?.call?.callId === call.callId) void this.room.leave({ hangUp: false });
  }

  #startKiosk(target: RoomAddress): void {
    const displayName = this.settings?.displayName.trim() || 'Kiosk';
    const runner = new KioskRunner({
      acquire: () => this.#acquire(target.serverUrl, displayName),
      createSession: (engine, onLeft) =>
        new RoomSession({ engine, media: this.#media, roomId: target.roomId, role: 'viewer', displayName, onLeft }),
    });
    this.kiosk = { runner, roomId: target.roomId };
    this.view = 'kiosk';
    runner.start();
  }

  /** Goes online under the name the lobby shows (the one typed on Home unless changed there). */
  #goOnline({ displayName }: GoOnlineDetail): void {
    if (displayName !== this.settings?.displayName) void this.#saveSettings({ displayName });
    void this.#whileBusy(async () => {
      await this.#acquire(this.settings?.serverUrl ?? '', displayName);
      await this.lobby.enter();
    });
  }

  #joinSession(event: CustomEvent<JoinSessionDetail>): void {
    const { serverUrl, displayName } = this.settings ?? { serverUrl: '', displayName: '' };
    void this.#whileBusy(async () => {
      const engine = await this.#acquire(serverUrl, displayName.trim() || 'Moim');
      await this.audioSession.join(engine, event.detail.sessionId, event.detail.token);
    });
  }

  #answerPicker(choice: PickerChoice): void {
    this.#answered.add(choice.requestId);
    this.picker = null;
    void this.bridge.answerPicker(choice);
  }

  #navigate(view: View): void {
    this.notice = null;
    this.view = view;
  }

  #banner() {
    const { t } = this.i18n;
    const { state, error } = this.engineHost.value;
    if (error !== null) {
      return html`<div class="banner alert" role="alert" data-testid="connection-banner" data-state="error">
        <span>${t(errorMessageKey(error))}</span>
        <button type="button" @click=${() => this.engineHost.dismissError()}>${t('conn.dismiss')}</button>
      </div>`;
    }
    if (state === 'connecting' || state === 'reconnecting') {
      return html`<div class="banner note" role="status" data-testid="connection-banner" data-state=${state}>
        ${t(state === 'connecting' ? 'conn.connecting' : 'conn.reconnecting')}
      </div>`;
    }
    return nothing;
  }

  #view() {
    const { t } = this.i18n;
    switch (this.view) {
      case 'room':
        return html`<room-view .session=${this.room} .serverUrl=${this.roomServer}></room-view>`;
      case 'kiosk':
        return html`<kiosk-view
          .runner=${this.kiosk?.runner ?? null}
          .roomId=${this.kiosk?.roomId ?? ''}
        ></kiosk-view>`;
      case 'settings':
        return html`<settings-view
          @settings-saved=${(e: CustomEvent<Settings>) => this.#applySettings(e.detail)}
          @close=${() => this.#navigate('home')}
        ></settings-view>`;
      case 'lobby':
        return html`${this.#noticeBlock()}<lobby-view
            .store=${this.lobby}
            @go-online=${(e: CustomEvent<GoOnlineDetail>) => this.#goOnline(e.detail)}
            @settings-change=${(e: CustomEvent<Partial<Settings>>) => void this.#saveSettings(e.detail)}
          ></lobby-view>`;
      case 'session':
        return html`${this.#noticeBlock()}<audio-session-view
            .store=${this.audioSession}
            .busy=${this.busy}
            @join-session=${this.#joinSession}
          ></audio-session-view>`;
      case 'home':
      default:
        return html`<home-view
          .busy=${this.busy}
          .notice=${this.notice ? t(this.notice.key, this.notice.params) : null}
          .noticeIsInfo=${this.notice?.info === true}
          .prefill=${this.prefill}
          @settings-change=${(e: CustomEvent<Partial<Settings>>) => this.#onHomeSettings(e.detail)}
          @create-room=${this.#onCreate}
          @join-room=${this.#onJoin}
        ></home-view>`;
    }
  }

  #noticeBlock() {
    return this.notice
      ? html`<p class="banner alert" role="alert">${this.i18n.t(this.notice.key, this.notice.params)}</p>`
      : nothing;
  }

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
                ?locked=${this.room !== null}
                @navigate=${(e: CustomEvent<View>) => this.#navigate(e.detail)}
                @language-change=${(e: CustomEvent<Language>) => void this.#saveSettings({ language: e.detail })}
              ></app-header>
              ${this.#banner()}`
      }
      <main class=${this.view === 'room' ? 'room' : ''}>${this.#view()}</main>
      <source-picker
        .request=${this.picker}
        @picker-choice=${(e: CustomEvent<PickerChoice>) => this.#answerPicker(e.detail)}
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
