import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CallEndReason } from '../../common/protocol';
import type { MessageKey } from '../i18n';
import { errorMessageKey } from '../lib/errors';
import type { LobbyStore } from '../state/lobby-store';
import { StoreController } from '../state/store';
import { icons } from '../styles/icons';
import { sharedStyles } from '../styles/shared';
import { nameField } from './form-fields';
import { MoimView } from './moim-element';

const END_REASON: Record<CallEndReason, MessageKey> = {
  declined: 'call.ended.declined',
  cancelled: 'call.ended.cancelled',
  timeout: 'call.ended.timeout',
  busy: 'call.ended.busy',
  offline: 'call.ended.offline',
  hungUp: 'call.ended.hungUp',
  disconnected: 'call.ended.disconnected',
};

/** Detail of `go-online`. */
export interface GoOnlineDetail {
  displayName: string;
}

/**
 * The lobby: go online under your name (the one typed on Home, editable here), see who else is, call them;
 * 'calling…' / 'ringing…' with cancel; why the last call ended.
 * @fires go-online - CustomEvent<GoOnlineDetail>: the user wants to appear in the lobby (the app connects first)
 * @fires settings-change - CustomEvent<Partial<Settings>>: the name typed here, to remember
 */
@customElement('lobby-view')
export class LobbyView extends MoimView {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 720px;
        margin: 0 auto;
        padding: 28px 20px 48px;
      }
      header {
        display: flex;
        align-items: center;
        gap: 12px;
        margin-bottom: 16px;
      }
      header h1 {
        font-size: 1.5em;
        margin-right: auto;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 8px;
      }
      li {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 10px 14px;
        border-radius: var(--moim-radius-small);
        background: var(--moim-surface);
        border: 1px solid var(--moim-border);
      }
      li .name {
        margin-right: auto;
      }
      .busy {
        color: var(--moim-warn);
        font-size: 0.85em;
      }
      .calling {
        display: flex;
        align-items: center;
        gap: 12px;
        margin-bottom: 16px;
      }
      .calling span {
        margin-right: auto;
      }
      .note,
      .alert {
        margin-bottom: 16px;
      }
      form {
        display: grid;
        gap: 14px;
        justify-items: start;
      }
      form label {
        width: min(100%, 360px);
      }
      form p {
        margin: 0;
      }
    `,
  ];

  /** The lobby to show. */
  @property({ attribute: false }) store: LobbyStore | null = null;

  @state() private displayName: string | null = null;
  @state() private nameMissing = false;

  readonly #lobby = new StoreController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#lobby.store = this.store;
    if (this.displayName === null && this.settings) this.displayName = this.settings.displayName;
  }

  #goOnline(event: Event): void {
    event.preventDefault();
    const displayName = (this.displayName ?? '').trim();
    this.nameMissing = displayName === '';
    if (this.nameMissing) {
      this.renderRoot.querySelector('input')?.focus();
      return;
    }
    this.dispatchEvent(new CustomEvent<GoOnlineDetail>('go-online', { detail: { displayName }, bubbles: true }));
  }

  #offline(busy: boolean) {
    const { t } = this.i18n;
    return html`<form class="card" @submit=${this.#goOnline}>
      <p class="muted">${t('lobby.offline')}</p>
      ${nameField(this, this.i18n, this.displayName ?? '', this.settings?.displayName, (name) => (this.displayName = name))}
      <button type="submit" class="primary" ?disabled=${busy}>${t('lobby.enter')}</button>
    </form>`;
  }

  override render() {
    const { t } = this.i18n;
    const store = this.store;
    const model = store?.value;
    if (!store || !model) return nothing;
    const out = model.outgoing;
    return html`
      <header>
        <h1>${t('lobby.heading')}</h1>
        ${
          model.online
            ? html`<button type="button" ?disabled=${model.busy} @click=${() => void store.leave()}>
                ${t('lobby.leave')}
              </button>`
            : nothing
        }
      </header>
      ${model.error ? html`<p class="alert" role="alert">${t(errorMessageKey(model.error))}</p>` : nothing}
      ${this.nameMissing && !model.online ? html`<p class="alert" role="alert">${t('home.nameRequired')}</p>` : nothing}
      ${
        model.ended
          ? html`<p class="note" role="status" data-testid="call-ended" data-reason=${model.ended.reason}>
              ${t(END_REASON[model.ended.reason], { name: model.ended.displayName || t('call.someone') })}
            </p>`
          : nothing
      }
      ${
        out
          ? html`<div
              class="card calling"
              role="status"
              data-testid="outgoing-call"
              data-ringing=${String(out.ringing)}
            >
              ${icons.phone}
              <span>${t(out.ringing ? 'lobby.ringing' : 'lobby.calling', { name: out.displayName })}</span>
              <button type="button" class="danger" @click=${() => void store.cancel()}>${t('lobby.cancel')}</button>
            </div>`
          : nothing
      }
      ${
        !model.online
          ? this.#offline(model.busy)
          : model.users.length === 0
            ? html`<p class="muted">${t('lobby.empty')}</p>`
            : html`<ul aria-label=${t('lobby.users')}>
                ${model.users.map(
                  (user) =>
                    html`<li data-peer-id=${user.peerId}>
                      <span class="name">${user.displayName}</span>
                      ${user.busy ? html`<span class="busy">${t('lobby.busy')}</span>` : nothing}
                      <button
                        type="button"
                        class="primary"
                        aria-label=${t('lobby.call', { name: user.displayName })}
                        ?disabled=${user.busy || out !== null || model.active !== null}
                        @click=${() => void store.call(user)}
                      >
                        ${icons.phone}
                      </button>
                    </li>`,
                )}
              </ul>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lobby-view': LobbyView;
  }
}
