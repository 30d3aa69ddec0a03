import { consume } from '@lit/context';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Role, RoomMode } from '../../common/protocol';
import type { HostRoomResult, MoimBridge } from '../bridge/bridge';
import type { Settings } from '../bridge/types';
import type { I18n, MessageKey } from '../i18n';
import { hostRoomProblem } from '../lib/desktop';
import { rememberName } from '../lib/display-name';
import { parseJoinInput } from '../lib/links';
import { isServerUrl } from '../lib/settings';
import { bridgeContext, i18nContext, settingsContext } from '../services/contexts';
import { icons } from '../styles/icons';
import { sharedStyles } from '../styles/shared';

/** Detail of `create-room`. */
export interface CreateRoomDetail {
  mode: RoomMode;
  serverUrl: string;
  displayName: string;
}

/** Detail of `join-room`; `presenterKey` when a presenter link was pasted. */
export interface JoinRoomDetail {
  roomId: string;
  serverUrl: string;
  displayName: string;
  role: Role;
  presenterKey?: string;
}

const MODES: { mode: RoomMode; label: MessageKey; hint: MessageKey }[] = [
  { mode: 'p2p', label: 'mode.p2p', hint: 'mode.p2pHint' },
  { mode: 'sfu', label: 'mode.sfu', hint: 'mode.sfuHint' },
  { mode: 'broadcast', label: 'mode.broadcast', hint: 'mode.broadcastHint' },
];

/**
 * Start page: room server address and display name, create a room (P2P / Group (SFU) / Broadcast), join by id or
 * pasted link, watch as a viewer, recent rooms; in Electron, host a room server on this computer.
 * @fires create-room - CustomEvent<CreateRoomDetail>
 * @fires join-room - CustomEvent<JoinRoomDetail> (role 'viewer' for Watch)
 * @fires settings-change - CustomEvent<Partial<Settings>>: the name and server address typed here, to remember
 */
@customElement('home-view')
export class HomeView extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 920px;
        margin: 0 auto;
        padding: 28px 20px 48px;
      }
      h1 {
        font-size: 1.5em;
        margin-bottom: 20px;
      }
      h2 {
        font-size: 1.1em;
        margin-bottom: 14px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(280px, 1fr));
        gap: 16px;
      }
      .identity {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
        gap: 14px;
        margin-bottom: 16px;
      }
      fieldset {
        border: none;
        margin: 0 0 14px;
        padding: 0;
        display: grid;
        gap: 8px;
      }
      legend {
        color: var(--moim-muted);
        font-size: 0.9em;
        margin-bottom: 8px;
      }
      .mode {
        display: grid;
        grid-template-columns: auto 1fr;
        align-items: start;
        column-gap: 10px;
        padding: 10px 12px;
        border: 1px solid var(--moim-border);
        border-radius: var(--moim-radius-small);
        color: var(--moim-text);
        font-size: 1em;
        cursor: pointer;
      }
      .mode:has(input:checked) {
        border-color: var(--moim-accent);
        background: rgba(110, 168, 254, 0.08);
      }
      .mode input {
        margin-top: 4px;
      }
      .mode small {
        grid-column: 2;
        color: var(--moim-muted);
      }
      .row {
        display: flex;
        gap: 10px;
        flex-wrap: wrap;
        margin-top: 12px;
      }
      .hint {
        margin-top: 10px;
        font-size: 0.85em;
      }
      .alert,
      .notice {
        margin-bottom: 16px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 6px;
      }
      li button {
        width: 100%;
        justify-content: space-between;
      }
      li .server {
        color: var(--moim-muted);
        font-size: 0.85em;
      }
      .recent {
        margin-top: 16px;
      }
      .host {
        display: grid;
        justify-items: start;
        gap: 10px;
        margin-bottom: 16px;
      }
      .host p {
        margin: 0;
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

  /** True while the app is creating or joining: buttons wait. */
  @property({ type: Boolean }) busy = false;
  /** An error to show (already translated by the caller's choice of key). */
  @property({ attribute: false }) notice: string | null = null;
  /** The notice is a next step (e.g. "enter your name"), shown as information rather than as an error. */
  @property({ type: Boolean }) noticeIsInfo = false;
  /** A room to offer (from a link the app was opened with; a presenter link's key comes along). */
  @property({ attribute: false }) prefill: { roomId: string; serverUrl: string; presenterKey?: string } | null = null;

  @state() private serverUrl = '';
  @state() private displayName = '';
  @state() private mode: RoomMode = 'p2p';
  @state() private joinInput = '';
  @state() private problem: MessageKey | null = null;
  /** 'Host a room on this computer': running, or its last result. */
  @state() private hosting: 'starting' | HostRoomResult | null = null;

  #seeded = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.#seeded && this.settings) {
      this.#seeded = true;
      this.serverUrl = this.settings.serverUrl;
      this.displayName = this.settings.displayName;
    }
    if (changed.has('prefill') && this.prefill) {
      this.joinInput = this.prefill.roomId;
      this.serverUrl = this.prefill.serverUrl;
    }
  }

  #identity(): { serverUrl: string; displayName: string } | null {
    const displayName = this.displayName.trim();
    const serverUrl = this.serverUrl.trim();
    if (!displayName) this.problem = 'home.nameRequired';
    else if (!isServerUrl(serverUrl)) this.problem = 'home.serverInvalid';
    else {
      this.problem = null;
      // Remember what was typed here; a room link's own server is not the user's default.
      this.dispatchEvent(
        new CustomEvent<Partial<Settings>>('settings-change', { detail: { serverUrl, displayName }, bubbles: true }),
      );
      return { serverUrl, displayName };
    }
    return null;
  }

  #create(event: Event): void {
    event.preventDefault();
    const identity = this.#identity();
    if (!identity) return;
    this.dispatchEvent(
      new CustomEvent<CreateRoomDetail>('create-room', { detail: { ...identity, mode: this.mode }, bubbles: true }),
    );
  }

  #join(role: Role, input = this.joinInput, serverOverride?: string): void {
    const identity = this.#identity();
    if (!identity) return;
    let address = parseJoinInput(input, serverOverride ?? identity.serverUrl);
    if (!address) {
      this.problem = 'home.invalidLink';
      return;
    }
    // The field shows only the room id of a presenter link the app was opened with; its key still applies.
    const key = this.prefill?.roomId === address.roomId ? this.prefill.presenterKey : undefined;
    if (key && !address.presenterKey) address = { ...address, presenterKey: key };
    this.dispatchEvent(
      new CustomEvent<JoinRoomDetail>('join-room', {
        detail: { ...address, displayName: identity.displayName, role },
        bubbles: true,
      }),
    );
  }

  async #hostRoom(): Promise<void> {
    if (!this.bridge.hostRoom || this.hosting === 'starting') return;
    this.hosting = 'starting';
    let result: HostRoomResult;
    try {
      result = await this.bridge.hostRoom();
    } catch (error) {
      result = { ok: false, reason: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
    this.hosting = result;
    if (result.ok) this.serverUrl = result.wsUrl;
  }

  #hostSection() {
    const { t } = this.i18n;
    const hosting = this.hosting;
    const starting = hosting === 'starting';
    const result = hosting === null || starting ? null : hosting;
    let status = html`<p class="hint muted">${t('home.hostHint')}</p>`;
    if (result) {
      status = result.ok
        ? html`<p class="note" role="status">
            ${t('home.hosted', { url: result.httpUrl })} ${t(result.sfu ? 'home.hostedSfu' : 'home.hostedP2pOnly')}
          </p>`
        : html`<p class="alert" role="alert">${t(hostRoomProblem(result), { message: result.message })}</p>`;
    }
    return html`<section class="card host" aria-label=${t('home.host')}>
      <button
        type="button"
        ?disabled=${this.busy || starting || result?.ok === true}
        @click=${() => void this.#hostRoom()}
      >
        ${starting ? t('home.hostBusy') : t('home.host')}
      </button>
      ${status}
    </section>`;
  }

  override render() {
    const { t } = this.i18n;
    const text = (e: Event) => (e.target as HTMLInputElement).value;
    const recent = this.settings?.recentRooms ?? [];
    return html`
      <h1>${t('home.heading')}</h1>
      ${
        this.problem || !this.notice
          ? nothing
          : html`<p class=${this.noticeIsInfo ? 'note notice' : 'alert'} role=${this.noticeIsInfo ? 'status' : 'alert'}>
              ${this.notice}
            </p>`
      }
      ${this.problem ? html`<p class="alert" role="alert">${t(this.problem)}</p>` : nothing}
      <section class="card identity">
        <label
          >${t('home.name')}
          <input
            type="text"
            autocomplete="nickname"
            maxlength="64"
            .value=${this.displayName}
            @input=${(e: Event) => (this.displayName = text(e))}
            @change=${() => rememberName(this, this.displayName, this.settings?.displayName)}
        /></label>
        ${
          // A browser page talks to the server that served it (its CSP allows no other): no address to type.
          this.bridge?.platform === 'browser'
            ? nothing
            : html`<label
                >${t('home.server')}
                <input
                  type="url"
                  inputmode="url"
                  spellcheck="false"
                  .value=${this.serverUrl}
                  @input=${(e: Event) => (this.serverUrl = text(e))}
              /></label>`
        }
      </section>
      ${this.bridge?.hostRoom ? this.#hostSection() : nothing}
      <div class="grid">
        <form class="card" aria-labelledby="create-heading" @submit=${this.#create}>
          <h2 id="create-heading">${t('home.createHeading')}</h2>
          <fieldset>
            <legend>${t('home.mode')}</legend>
            ${MODES.map(
              ({ mode, label, hint }) =>
                html`<label class="mode"
                  ><input
                    type="radio"
                    name="mode"
                    value=${mode}
                    .checked=${this.mode === mode}
                    @change=${() => (this.mode = mode)}
                  />${t(label)}<small>${t(hint)}</small></label
                >`,
            )}
          </fieldset>
          <button type="submit" class="primary" ?disabled=${this.busy}>
            ${this.busy ? t('home.busy') : t('home.create')}
          </button>
        </form>
        <form
          class="card"
          aria-labelledby="join-heading"
          @submit=${(e: Event) => {
            e.preventDefault();
            this.#join('presenter');
          }}
        >
          <h2 id="join-heading">${t('home.joinHeading')}</h2>
          <label
            >${t('home.joinInput')}
            <input
              type="text"
              spellcheck="false"
              autocomplete="off"
              placeholder=${t('home.joinPlaceholder')}
              .value=${this.joinInput}
              @input=${(e: Event) => (this.joinInput = text(e))}
          /></label>
          <div class="row">
            <button type="submit" class="primary" ?disabled=${this.busy}>${t('home.join')}</button>
            <button type="button" ?disabled=${this.busy} @click=${() => this.#join('viewer')}>
              ${icons.eye}${t('home.watch')}
            </button>
          </div>
          <p class="hint muted">${t('home.watchHint')}</p>
          ${
            recent.length > 0
              ? html`<div class="recent">
                  <h2 id="recent-heading">${t('home.recent')}</h2>
                  <ul aria-labelledby="recent-heading">
                    ${recent.map(
                      (r) =>
                        html`<li>
                          <button
                            type="button"
                            aria-label=${t('home.recentJoin', { room: r.roomId })}
                            ?disabled=${this.busy}
                            @click=${() => this.#join('presenter', r.roomId, r.serverUrl)}
                          >
                            <span>${r.roomId}</span><span class="server">${r.serverUrl}</span>
                          </button>
                        </li>`,
                    )}
                  </ul>
                </div>`
              : nothing
          }
        </form>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'home-view': HomeView;
  }
}
