import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Settings } from '../bridge/types';
import type { MessageKey } from '../i18n';
import { joinToken } from '../../common/protocol/join-token';
import { isKioskPin, kioskPinMessage } from '../lib/desktop';
import type { FieldErrors } from '../lib/settings-form';
import { sharedStyles } from '../styles/shared';
import { fieldError, fieldInvalid, fieldStyles } from './form-fields';
import { MoimView } from './moim-element';

/**
 * The kiosk part of Settings, shown where the shell can run a kiosk (Electron): the kiosk's room server and room
 * (saved with the form), its exit PIN and, for a server that admits only invitations, its join token (both set at
 * once, apart from Save; the token is kept encrypted as the `authToken` secret).
 * @fires kiosk-change - CustomEvent<Settings['kiosk']>: the kiosk fields as edited
 */
@customElement('settings-kiosk')
export class SettingsKiosk extends MoimView {
  static override styles = [
    sharedStyles,
    fieldStyles,
    css`
      :host {
        display: block;
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
    `,
  ];

  /** The kiosk fields of the settings draft. */
  @property({ attribute: false }) kiosk: Settings['kiosk'] = { enabled: false, serverUrl: '', roomId: '' };
  /** The form's inline errors; this part shows those of its own fields. */
  @property({ attribute: false }) errors: FieldErrors = {};

  @state() private kioskPin = '';
  @state() private pinMessage: { key: MessageKey; alert: boolean } | null = null;
  @state() private kioskToken = '';
  @state() private tokenMessage: { key: MessageKey; alert: boolean } | null = null;

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

  /** Stores the kiosk's join token encrypted (an empty field removes it); it must look like a signed token. */
  async #setKioskToken(): Promise<void> {
    const token = this.kioskToken.trim();
    if (token !== '' && !joinToken.safeParse(token).success) {
      this.tokenMessage = { key: 'settings.kioskTokenInvalid', alert: true };
      return;
    }
    const result = await this.bridge.setSecret('authToken', token).catch(() => null);
    if (!result?.ok) {
      const unavailable = result?.reason === 'encryption-unavailable';
      this.tokenMessage = {
        key: unavailable ? 'settings.kioskTokenUnavailable' : 'settings.kioskTokenFailed',
        alert: true,
      };
      return;
    }
    this.tokenMessage = { key: token ? 'settings.kioskTokenSaved' : 'settings.kioskTokenCleared', alert: false };
    this.kioskToken = '';
  }

  #message(message: { key: MessageKey; alert: boolean } | null) {
    return message
      ? html`<p class="wide ${message.alert ? 'alert' : 'note'}" role=${message.alert ? 'alert' : 'status'}>
          ${this.i18n.t(message.key)}
        </p>`
      : nothing;
  }

  override render() {
    if (!this.i18n) return nothing;
    const { t } = this.i18n;
    const kiosk = this.kiosk;
    const text = (e: Event) => (e.target as HTMLInputElement).value.trim();
    const setKiosk = (patch: Partial<Settings['kiosk']>) =>
      this.dispatchEvent(new CustomEvent<Settings['kiosk']>('kiosk-change', { detail: { ...kiosk, ...patch } }));
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
          aria-invalid=${fieldInvalid(this.errors, 'kioskServer')}
          aria-describedby="kioskServer-error"
          .value=${kiosk.serverUrl}
          @input=${(e: Event) => setKiosk({ serverUrl: text(e) })}
        />${fieldError(this.i18n, this.errors, 'kioskServer')}</label
      >
      <label
        >${t('settings.kioskRoom')}
        <input
          type="text"
          spellcheck="false"
          autocomplete="off"
          maxlength="64"
          aria-invalid=${fieldInvalid(this.errors, 'kioskRoom')}
          aria-describedby="kioskRoom-error"
          .value=${kiosk.roomId}
          @input=${(e: Event) => setKiosk({ roomId: text(e) })}
        />${fieldError(this.i18n, this.errors, 'kioskRoom')}</label
      >
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
      ${this.#message(this.pinMessage)}
      <div class="wide pin">
        <label
          >${t('settings.kioskToken')}
          <input
            type="password"
            spellcheck="false"
            autocomplete="off"
            maxlength="4096"
            aria-describedby="kiosk-token-hint"
            .value=${this.kioskToken}
            @input=${(e: Event) => (this.kioskToken = (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void this.#setKioskToken();
            }}
        /></label>
        <button type="button" @click=${() => void this.#setKioskToken()}>${t('settings.kioskTokenSet')}</button>
        <span id="kiosk-token-hint" class="hint muted">${t('settings.kioskTokenHint')}</span>
      </div>
      ${this.#message(this.tokenMessage)}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-kiosk': SettingsKiosk;
  }
}
