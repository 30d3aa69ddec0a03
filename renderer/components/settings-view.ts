import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { createLogger } from '../../common/log';
import type { Settings } from '../bridge/types';
import { LANGUAGES, type Language, type MessageKey } from '../i18n';
import { formatIceServers, parseIceServers } from '../lib/ice-servers';
import { probeServer } from '../lib/probe-server';
import { settingsFieldErrors, type FieldErrors } from '../lib/settings-form';
import { sharedStyles } from '../styles/shared';
import { settingsStyles } from './settings-view.styles';
import type { DeviceChange } from './settings-devices';
import './settings-devices';
import './settings-kiosk';
import { fieldError, fieldInvalid, fieldStyles } from './form-fields';
import { MoimView } from './moim-element';

const log = createLogger('ui', 'settings');

/**
 * Settings: display name, language, room server, update address (desktop), ICE servers and TURN password, and the devices part
 * (`settings-devices`: camera / microphone / speaker, camera preview, microphone level). Saved through the bridge by the app. Where the bridge can run
 * a kiosk (Electron), also the kiosk target and its exit PIN (set at once, apart from Save). A value the settings
 * schema refuses gets an inline error on its field and nothing is saved; in Electron a new room server address is
 * saved only once a connection to it opened. In the browser the address is not shown: the page talks to the server
 * that served it.
 * @fires settings-saved - CustomEvent<Settings>: the settings as saved
 * @fires close - the user pressed back
 */
@customElement('settings-view')
export class SettingsView extends MoimView {
  static override styles = [sharedStyles, fieldStyles, settingsStyles];

  @state() private draft: Settings | null = null;
  @state() private iceText = '';
  @state() private turnCredential = '';
  @state() private message: { key: MessageKey; params?: Record<string, string | number>; alert: boolean } | null = null;
  @state() private errors: FieldErrors = {};
  @state() private saving = false;

  protected override willUpdate(): void {
    if (this.draft === null && this.settings) {
      this.draft = this.settings;
      this.iceText = formatIceServers(this.settings.iceServers);
    }
  }

  #set<K extends keyof Settings>(key: K, value: Settings[K]): void {
    if (this.draft) this.draft = { ...this.draft, [key]: value };
  }

  async #save(event: Event): Promise<void> {
    event.preventDefault();
    const draft = this.draft;
    if (!draft || this.saving) return;
    this.message = null;
    const ice = parseIceServers(this.iceText);
    const patch: Partial<Settings> = { ...draft, displayName: draft.displayName.trim() };
    if (ice.ok) patch.iceServers = ice.servers;
    // The browser talks to the server that served the page: the address is not the user's to change there.
    if (this.bridge.platform === 'browser') delete patch.serverUrl;
    const errors = settingsFieldErrors(patch, { kiosk: Boolean(this.bridge.kiosk) });
    if (!ice.ok) errors.iceServers = { key: 'settings.iceInvalid', params: { line: ice.line } };
    this.errors = errors;
    if (Object.keys(errors).length > 0) return this.#focusFirstError();
    this.saving = true;
    try {
      if (patch.serverUrl !== undefined && patch.serverUrl !== this.settings.serverUrl) {
        this.message = { key: 'settings.serverChecking', alert: false };
        // A server list is probed by its first address, the one the app signs in on first.
        if (!(await probeServer(patch.serverUrl.split(',')[0]!.trim()))) {
          this.message = null;
          this.errors = { serverUrl: { key: 'settings.serverUnreachable' } };
          return this.#focusFirstError();
        }
      }
      const saved = await this.bridge.updateSettings(patch);
      this.dispatchEvent(new CustomEvent<Settings>('settings-saved', { detail: saved, bubbles: true }));
      this.message = await this.#saveCredential();
    } catch (error) {
      log.warn('save() | refused: %o', error);
      this.message = { key: 'settings.saveFailed', alert: true };
    } finally {
      this.saving = false;
    }
  }

  /** Stores a typed TURN password apart from the settings; the sentence to show after saving. */
  async #saveCredential(): Promise<{ key: MessageKey; alert: boolean }> {
    if (!this.turnCredential) return { key: 'settings.saved', alert: false };
    const result = await this.bridge.setSecret('turnCredential', this.turnCredential);
    if (!result.ok) {
      const key = result.reason === 'encryption-unavailable' ? 'settings.secretUnavailable' : 'settings.secretInvalid';
      return { key, alert: true };
    }
    this.turnCredential = '';
    return { key: 'settings.saved', alert: false };
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }

  override render() {
    const { t } = this.i18n;
    const draft = this.draft;
    if (!draft) return nothing;
    const text = (e: Event) => (e.target as HTMLInputElement).value;
    return html`
      <h1>${t('settings.heading')}</h1>
      <form @submit=${(e: Event) => void this.#save(e)}>
        <section class="card fields">
          <label
            >${t('settings.name')}
            <input
              type="text"
              maxlength="64"
              aria-invalid=${fieldInvalid(this.errors, 'displayName')}
              aria-describedby="displayName-error"
              .value=${draft.displayName}
              @input=${(e: Event) => this.#set('displayName', text(e))}
            />${fieldError(this.i18n, this.errors, 'displayName')}</label
          >
          <label
            >${t('settings.language')}
            <select @change=${(e: Event) => this.#set('language', text(e) as Language)}>
              ${LANGUAGES.map(
                (lang) =>
                  html`<option value=${lang} ?selected=${draft.language === lang}>${t(`lang.${lang}`)}</option>`,
              )}
            </select></label
          >
          ${
            this.bridge.platform === 'browser'
              ? html`<p class="wide hint muted">${t('settings.serverFromPage', { url: draft.serverUrl })}</p>`
              : html`<label class="wide"
                  >${t('settings.server')}
                  <input
                    type="text"
                    inputmode="url"
                    spellcheck="false"
                    aria-invalid=${fieldInvalid(this.errors, 'serverUrl')}
                    aria-describedby="serverUrl-hint serverUrl-error"
                    .value=${draft.serverUrl}
                    @input=${(e: Event) => this.#set('serverUrl', text(e).trim())}
                  /><span id="serverUrl-hint" class="hint muted">${t('settings.serverListHint')}</span
                  >${fieldError(this.i18n, this.errors, 'serverUrl')}</label
                >`
          }
          ${
            this.bridge.updates
              ? html`<label class="wide"
                  >${t('settings.updateFeed')}
                  <input
                    type="url"
                    name="updateFeedUrl"
                    spellcheck="false"
                    placeholder="https://"
                    aria-invalid=${fieldInvalid(this.errors, 'updateFeedUrl')}
                    aria-describedby="updateFeed-hint updateFeedUrl-error"
                    .value=${draft.updateFeedUrl}
                    @input=${(e: Event) => this.#set('updateFeedUrl', text(e).trim())}
                  />
                  <span id="updateFeed-hint" class="hint muted">${t('settings.updateFeedHint')}</span
                  >${fieldError(this.i18n, this.errors, 'updateFeedUrl')}</label
                >`
              : nothing
          }
          <label class="wide"
            >${t('settings.ice')}
            <textarea
              spellcheck="false"
              aria-describedby="ice-hint iceServers-error"
              aria-invalid=${fieldInvalid(this.errors, 'iceServers')}
              .value=${this.iceText}
              @input=${(e: Event) => (this.iceText = text(e))}
            ></textarea>
            <span id="ice-hint" class="hint muted">${t('settings.iceHint')}</span
            >${fieldError(this.i18n, this.errors, 'iceServers')}</label
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
        <settings-devices
          .choice=${draft}
          @device-change=${(e: CustomEvent<DeviceChange>) => this.#set(e.detail.key, e.detail.value)}
          @preview-error=${(e: CustomEvent<MessageKey>) => (this.message = { key: e.detail, alert: true })}
        ></settings-devices>
        ${
          this.bridge?.kiosk
            ? html`<settings-kiosk
                .kiosk=${draft.kiosk}
                .errors=${this.errors}
                @kiosk-change=${(e: CustomEvent<Settings['kiosk']>) => this.#set('kiosk', e.detail)}
              ></settings-kiosk>`
            : nothing
        }
        ${this.errors.form ? html`<p class="alert" role="alert">${t(this.errors.form.key)}</p>` : nothing}
        ${
          this.message
            ? html`<p class=${this.message.alert ? 'alert' : 'note'} role=${this.message.alert ? 'alert' : 'status'}>
                ${t(this.message.key, this.message.params)}
              </p>`
            : nothing
        }
        <div class="row">
          <button type="submit" class="primary" ?disabled=${this.saving}>${t('settings.save')}</button>
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
