import { consume } from '@lit/context';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { MoimBridge } from '../bridge/bridge';
import type { Settings } from '../bridge/types';
import { DevicesController } from '../controllers/devices-controller';
import { LANGUAGES, type I18n, type Language, type MessageKey } from '../i18n';
import { isKioskPin, kioskPinMessage, kioskSettingsProblem } from '../lib/desktop';
import { errorMessageKey } from '../lib/errors';
import { secureMediaDevices } from '../media/secure-context';
import { formatIceServers, parseIceServers } from '../lib/ice-servers';
import { cameraConstraints, microphoneConstraints } from '../lib/media-constraints';
import { isServerUrl } from '../lib/settings';
import { bridgeContext, i18nContext, settingsContext } from '../services/contexts';
import { sharedStyles } from '../styles/shared';
import './level-meter';

/**
 * Settings: display name, language, room server, ICE servers and TURN password, camera / microphone / speaker
 * with a camera preview and a microphone level meter. Saved through the bridge by the app. Where the bridge can run
 * a kiosk (Electron), also the kiosk target and its exit PIN (set at once, apart from Save).
 * @fires settings-change - CustomEvent<Partial<Settings>>: the user saved
 * @fires close - the user pressed back
 */
@customElement('settings-view')
export class SettingsView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 820px;
        margin: 0 auto;
        padding: 28px 20px 48px;
      }
      h1 {
        font-size: 1.5em;
        margin-bottom: 16px;
      }
      h2 {
        font-size: 1.05em;
        margin-bottom: 12px;
      }
      form {
        display: grid;
        gap: 16px;
      }
      .fields {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
        gap: 14px;
      }
      .wide {
        grid-column: 1 / -1;
      }
      .devices {
        display: grid;
        grid-template-columns: minmax(220px, 1fr) minmax(220px, 320px);
        gap: 16px;
        align-items: start;
      }
      .selects {
        display: grid;
        gap: 12px;
      }
      video {
        width: 100%;
        aspect-ratio: 16 / 9;
        background: #000;
        border-radius: var(--moim-radius-small);
        transform: scaleX(-1);
        object-fit: cover;
      }
      .preview {
        display: grid;
        gap: 10px;
      }
      .row {
        display: flex;
        gap: 10px;
        align-items: center;
        flex-wrap: wrap;
      }
      .hint {
        font-size: 0.85em;
      }
      .pin {
        display: grid;
        grid-template-columns: minmax(160px, 320px) auto;
        gap: 6px 10px;
        align-items: end;
        justify-content: start;
      }
      .pin .hint {
        grid-column: 1 / -1;
      }
      .check {
        display: flex;
        align-items: center;
        gap: 8px;
        color: var(--moim-text);
      }
      @media (max-width: 640px) {
        .devices {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  @consume({ context: i18nContext, subscribe: true })
  @state()
  private i18n!: I18n;

  @consume({ context: settingsContext, subscribe: true })
  @state()
  private settings!: Settings;

  @consume({ context: bridgeContext })
  @state()
  private bridge!: MoimBridge;

  @state() private draft: Settings | null = null;
  @state() private iceText = '';
  @state() private turnCredential = '';
  @state() private preview: MediaStream | null = null;
  @state() private message: { key: MessageKey; params?: Record<string, string | number>; alert: boolean } | null = null;
  @state() private kioskPin = '';
  @state() private pinMessage: { key: MessageKey; alert: boolean } | null = null;

  readonly #devices = new DevicesController(this);

  protected override willUpdate(changed: PropertyValues): void {
    if (this.draft === null && this.settings) {
      this.draft = this.settings;
      this.iceText = formatIceServers(this.settings.iceServers);
    }
    const before = changed.get('draft') as Settings | null | undefined;
    const after = this.draft;
    const devicesChanged =
      before && after && (before.cameraId !== after.cameraId || before.microphoneId !== after.microphoneId);
    if (devicesChanged && this.preview) void this.#restartPreview();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopPreview();
  }

  #set<K extends keyof Settings>(key: K, value: Settings[K]): void {
    if (this.draft) this.draft = { ...this.draft, [key]: value };
  }

  async #restartPreview(): Promise<void> {
    this.#stopPreview();
    await this.#startPreview();
  }

  async #startPreview(): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    try {
      const stream = await secureMediaDevices().getUserMedia({
        video: cameraConstraints(draft.cameraId),
        audio: microphoneConstraints(draft.microphoneId),
      });
      this.preview = stream;
      await this.#devices.refresh();
    } catch (error) {
      this.message = { key: errorMessageKey(error), alert: true };
    }
  }

  #stopPreview(): void {
    this.preview?.getTracks().forEach((t) => t.stop());
    this.preview = null;
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    const draft = this.draft;
    if (!draft) return;
    const ice = parseIceServers(this.iceText);
    if (!ice.ok) {
      this.message = { key: 'settings.iceInvalid', params: { line: ice.line }, alert: true };
      return;
    }
    if (!isServerUrl(draft.serverUrl)) {
      this.message = { key: 'home.serverInvalid', alert: true };
      return;
    }
    // Only the Electron shell shows (and main validates) the kiosk fields.
    const kioskProblem = this.bridge.kiosk ? kioskSettingsProblem(draft.kiosk) : null;
    if (kioskProblem) {
      this.message = { key: kioskProblem, alert: true };
      return;
    }
    const patch: Partial<Settings> = { ...draft, displayName: draft.displayName.trim(), iceServers: ice.servers };
    this.dispatchEvent(new CustomEvent<Partial<Settings>>('settings-change', { detail: patch, bubbles: true }));
    if (this.turnCredential) {
      const result = await this.bridge.setSecret('turnCredential', this.turnCredential);
      if (!result.ok) {
        const key =
          result.reason === 'encryption-unavailable' ? 'settings.secretUnavailable' : 'settings.secretInvalid';
        this.message = { key, alert: true };
        return;
      }
      this.turnCredential = '';
    }
    this.message = { key: 'settings.saved', alert: false };
  }

  async #setKioskPin(): Promise<void> {
    const kiosk = this.bridge.kiosk;
    if (!kiosk) return;
    if (!isKioskPin(this.kioskPin)) {
      this.pinMessage = { key: 'settings.kioskPinInvalid', alert: true };
      return;
    }
    try {
      const result = await kiosk.setPin(this.kioskPin);
      this.pinMessage = { key: kioskPinMessage(result), alert: !result.ok };
      if (result.ok) this.kioskPin = '';
    } catch {
      this.pinMessage = { key: 'settings.kioskPinFailed', alert: true };
    }
  }

  #kioskSection(draft: Settings) {
    const { t } = this.i18n;
    const kiosk = draft.kiosk;
    const text = (e: Event) => (e.target as HTMLInputElement).value.trim();
    const setKiosk = (patch: Partial<Settings['kiosk']>) => this.#set('kiosk', { ...kiosk, ...patch });
    return html`<section class="card fields" aria-labelledby="kiosk-heading">
      <h2 id="kiosk-heading" class="wide">${t('settings.kiosk')}</h2>
      <p class="wide hint muted">${t('settings.kioskHint')}</p>
      <label class="wide check"
        ><input
          type="checkbox"
          .checked=${kiosk.enabled}
          @change=${(e: Event) => setKiosk({ enabled: (e.target as HTMLInputElement).checked })}
        />${t('settings.kioskEnabled')}</label
      >
      <label
        >${t('settings.kioskServer')}
        <input
          type="url"
          spellcheck="false"
          placeholder="wss://"
          .value=${kiosk.serverUrl}
          @input=${(e: Event) => setKiosk({ serverUrl: text(e) })}
      /></label>
      <label
        >${t('settings.kioskRoom')}
        <input
          type="text"
          spellcheck="false"
          autocomplete="off"
          maxlength="64"
          .value=${kiosk.roomId}
          @input=${(e: Event) => setKiosk({ roomId: text(e) })}
      /></label>
      <div class="wide pin">
        <label
          >${t('settings.kioskPin')}
          <input
            type="password"
            inputmode="numeric"
            autocomplete="new-password"
            maxlength="12"
            aria-describedby="kiosk-pin-hint"
            .value=${this.kioskPin}
            @input=${(e: Event) => (this.kioskPin = (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => {
              // Enter sets the PIN rather than saving the whole form.
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void this.#setKioskPin();
            }}
        /></label>
        <button type="button" @click=${() => void this.#setKioskPin()}>${t('settings.kioskPinSet')}</button>
        <span id="kiosk-pin-hint" class="hint muted">${t('settings.kioskPinHint')}</span>
      </div>
      ${
        this.pinMessage
          ? html`<p
              class="wide ${this.pinMessage.alert ? 'alert' : 'note'}"
              role=${this.pinMessage.alert ? 'alert' : 'status'}
            >
              ${t(this.pinMessage.key)}
            </p>`
          : nothing
      }
    </section>`;
  }

  #deviceSelect(label: string, kind: MediaDeviceKind, key: 'cameraId' | 'microphoneId' | 'speakerId') {
    const { t } = this.i18n;
    const devices = this.#devices.of(kind);
    const current = this.draft?.[key] ?? null;
    const noun = t(
      kind === 'videoinput' ? 'settings.camera' : kind === 'audioinput' ? 'settings.microphone' : 'settings.speaker',
    );
    return html`<label
      >${label}
      <select
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          this.#set(key, value === '' ? null : value);
        }}
      >
        <option value="" ?selected=${current === null}>${t('settings.systemDefault')}</option>
        ${devices.map(
          (d, i) =>
            html`<option value=${d.deviceId} ?selected=${d.deviceId === current}>
              ${d.label || t('settings.deviceFallback', { kind: noun, n: i + 1 })}
            </option>`,
        )}
      </select></label
    >`;
  }

  override render() {
    const { t } = this.i18n;
    const draft = this.draft;
    if (!draft) return nothing;
    const text = (e: Event) => (e.target as HTMLInputElement).value;
    const speakersSupported = 'setSinkId' in HTMLMediaElement.prototype;
    return html`
      <h1>${t('settings.heading')}</h1>
      <form @submit=${(e: Event) => void this.#save(e)}>
        <section class="card fields">
          <label
            >${t('settings.name')}
            <input
              type="text"
              maxlength="64"
              .value=${draft.displayName}
              @input=${(e: Event) => this.#set('displayName', text(e))}
          /></label>
          <label
            >${t('settings.language')}
            <select @change=${(e: Event) => this.#set('language', text(e) as Language)}>
              ${LANGUAGES.map(
                (lang) =>
                  html`<option value=${lang} ?selected=${draft.language === lang}>${t(`lang.${lang}`)}</option>`,
              )}
            </select></label
          >
          <label class="wide"
            >${t('settings.server')}
            <input
              type="url"
              spellcheck="false"
              .value=${draft.serverUrl}
              @input=${(e: Event) => this.#set('serverUrl', text(e).trim())}
          /></label>
          <label class="wide"
            >${t('settings.ice')}
            <textarea
              spellcheck="false"
              aria-describedby="ice-hint"
              .value=${this.iceText}
              @input=${(e: Event) => (this.iceText = text(e))}
            ></textarea>
            <span id="ice-hint" class="hint muted">${t('settings.iceHint')}</span></label
          >
          <label
            >${t('settings.turnCredential')}
            <input
              type="password"
              autocomplete="new-password"
              .value=${this.turnCredential}
              @input=${(e: Event) => (this.turnCredential = text(e))}
          /></label>
        </section>
        <section class="card" aria-labelledby="devices-heading">
          <h2 id="devices-heading">${t('settings.devices')}</h2>
          <div class="devices">
            <div class="selects">
              ${this.#deviceSelect(t('settings.camera'), 'videoinput', 'cameraId')}
              ${this.#deviceSelect(t('settings.microphone'), 'audioinput', 'microphoneId')}
              ${speakersSupported ? this.#deviceSelect(t('settings.speaker'), 'audiooutput', 'speakerId') : nothing}
            </div>
            <div class="preview">
              ${
                this.preview
                  ? html`<video
                        autoplay
                        playsinline
                        muted
                        .muted=${true}
                        .srcObject=${this.preview}
                        aria-label=${t('settings.preview')}
                      ></video>
                      <level-meter .stream=${this.preview} label=${t('settings.micLevel')}></level-meter>
                      <button type="button" @click=${() => this.#stopPreview()}>${t('settings.stopTest')}</button>`
                  : html`<button type="button" @click=${() => void this.#startPreview()}>${t('settings.test')}</button>`
              }
            </div>
          </div>
        </section>
        ${this.bridge?.kiosk ? this.#kioskSection(draft) : nothing}
        ${
          this.message
            ? html`<p class=${this.message.alert ? 'alert' : 'note'} role=${this.message.alert ? 'alert' : 'status'}>
                ${t(this.message.key, this.message.params)}
              </p>`
            : nothing
        }
        <div class="row">
          <button type="submit" class="primary">${t('settings.save')}</button>
          <button type="button" @click=${() => this.dispatchEvent(new Event('close', { bubbles: true }))}>
            ${t('settings.back')}
          </button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-view': SettingsView;
  }
}
