import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Role, RoomMode } from '../../common/protocol';
import type { Settings } from '../bridge/types';
import type { MessageKey } from '../i18n';
import { HostRoomController } from '../controllers/host-room-controller';
import { parseJoinInput, type RoomAddress } from '../lib/links';
import { isServerUrl } from '../lib/settings';
import { icons } from '../styles/icons';
import { sharedStyles } from '../styles/shared';
import { homeStyles } from './home-view.styles';
import { recentRooms } from './recent-rooms';
import { nameField } from './form-fields';
import { MoimView } from './moim-element';

/** Detail of `create-room`. */
export interface CreateRoomDetail {
  mode: RoomMode;
  serverUrl: string;
  displayName: string;
}

/** Detail of `join-room`; `presenterKey` when a presenter link was pasted, `token` for an invitation link. */
export interface JoinRoomDetail {
  roomId: string;
  serverUrl: string;
  displayName: string;
  role: Role;
  presenterKey?: string;
  /** An invitation link's signed join token. */
  token?: string;
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
export class HomeView extends MoimView {
  static override styles = [sharedStyles, homeStyles];

  /** True while the app is creating or joining: buttons wait. */
  @property({ type: Boolean }) busy = false;
  /** An error to show (already translated by the caller's choice of key). */
  @property({ attribute: false }) notice: string | null = null;
  /** The notice is a next step (e.g. "enter your name"), shown as information rather than as an error. */
  @property({ type: Boolean }) noticeIsInfo = false;
  /** A room to offer (from a link the app was opened with; a presenter link's key comes along). */
  @property({ attribute: false }) prefill: RoomAddress | null = null;

  @state() private serverUrl = '';
  @state() private displayName = '';
  @state() private mode: RoomMode = 'p2p';
  @state() private joinInput = '';
  @state() private problem: MessageKey | null = null;

  #seeded = false;
  readonly #hostRoom = new HostRoomController(
    this,
    () => this.bridge,
    (wsUrl) => (this.serverUrl = wsUrl),
  );

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

  /**
   * The user is on the way to a room (typing its id, about to press a button): the app may open the signaling
   * connection now, so the click does not wait for it. Said again on every such sign; the receiver de-duplicates.
   */
  #headingToRoom = (): void => {
    const serverUrl = this.serverUrl.trim();
    if (!this.busy && isServerUrl(serverUrl)) {
      this.dispatchEvent(new CustomEvent<string>('heading-to-room', { detail: serverUrl, bubbles: true }));
    }
  };

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
    // The field shows only the room id of a link the app was opened with; its key and token still apply.
    const prefill = this.prefill?.roomId === address.roomId ? this.prefill : null;
    if (prefill?.presenterKey && !address.presenterKey) address = { ...address, presenterKey: prefill.presenterKey };
    if (prefill?.token && !address.token) address = { ...address, token: prefill.token };
    this.dispatchEvent(
      new CustomEvent<JoinRoomDetail>('join-room', {
        detail: { ...address, displayName: identity.displayName, role },
        bubbles: true,
      }),
    );
  }

  override render() {
    const { t } = this.i18n;
    const text = (e: Event) => (e.target as HTMLInputElement).value;
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
        ${nameField(this, this.i18n, this.displayName, this.settings?.displayName, (name) => (this.displayName = name))}
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
      ${this.bridge?.hostRoom ? this.#hostRoom.render(this.i18n, this.busy) : nothing}
      <div class="grid">
        <form
          class="card"
          aria-labelledby="create-heading"
          @submit=${this.#create}
          @focusin=${this.#headingToRoom}
          @pointerdown=${this.#headingToRoom}
        >
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
          @focusin=${this.#headingToRoom}
          @pointerdown=${this.#headingToRoom}
          @input=${this.#headingToRoom}
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
          ${recentRooms(this.i18n, this.settings?.recentRooms ?? [], this.busy, (roomId, serverUrl) =>
            this.#join('presenter', roomId, serverUrl),
          )}
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
