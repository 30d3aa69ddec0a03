import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PublishKind, Role } from '../../common/protocol';
import type { ViewerPage } from '../services/engine-port';
import type { RoomModel } from '../state/room-model';
import { icons } from '../styles/icons';
import { sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';

/** One line of the list: a person in the room as everyone may see them. */
interface Entry {
  peerId: string;
  displayName: string;
  role: Role;
  published: readonly PublishKind[];
  self: boolean;
}

/**
 * Who is in the room: every member with "presenting" (broadcast presenters) or "watching" (someone who only
 * watches a meeting) and their microphone and camera state. In a broadcast everyone sees the viewer count; a
 * presenter may load the viewers' names page by page (`loadViewers`), which the server refuses to viewers.
 * @fires close - the user closed the panel.
 */
@customElement('participant-list')
export class ParticipantList extends MoimElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 10px;
        padding: 12px;
        overflow: auto;
        border: 1px solid var(--moim-border);
        border-radius: var(--moim-radius-small);
        background: var(--moim-surface);
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
      }
      h2 {
        font-size: 1em;
        margin: 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 6px;
      }
      li {
        display: flex;
        align-items: center;
        gap: 6px;
        flex-wrap: wrap;
      }
      .name {
        font-weight: 600;
        margin-right: auto;
      }
      .tag {
        font-size: 0.8em;
        color: var(--moim-muted);
      }
      .state svg {
        width: 16px;
        height: 16px;
      }
      button {
        min-height: 32px;
      }
    `,
  ];

  /** The room to list. */
  @property({ attribute: false }) model: RoomModel | null = null;
  /** Loads a page of the broadcast's viewers after a cursor (presenters only). */
  @property({ attribute: false }) loadViewers: ((after?: number) => Promise<ViewerPage>) | null = null;

  @state() private viewers: ViewerPage['viewers'] | null = null;
  @state() private next: number | null = null;
  @state() private loading: 'loading' | 'failed' | null = null;

  async #load(more: boolean): Promise<void> {
    if (!this.loadViewers || this.loading === 'loading') return;
    this.loading = 'loading';
    try {
      const page = await this.loadViewers(more ? (this.next ?? undefined) : undefined);
      this.viewers = more ? [...(this.viewers ?? []), ...page.viewers] : page.viewers;
      this.next = page.next;
      this.loading = null;
    } catch {
      this.loading = 'failed';
    }
  }

  #entries(model: RoomModel): Entry[] {
    const local = Object.keys(model.local) as PublishKind[];
    const self = { ...model.self, role: model.role, published: local, self: true };
    const others = [...model.peers.values()].map((p) => ({ ...p, self: false }));
    return [self, ...others];
  }

  #entry(entry: Entry, broadcast: boolean) {
    const { t } = this.i18n;
    const watching = entry.role === 'viewer';
    const tag = watching ? t('access.watching') : broadcast ? t('access.presenting') : '';
    const mic = entry.published.includes('mic');
    const cam = entry.published.includes('cam');
    return html`<li data-testid="participant" data-peer-id=${entry.peerId} data-role=${entry.role}>
      <span class="name"
        >${entry.displayName}${entry.self ? html` <span class="tag">(${t('access.you')})</span>` : nothing}</span
      >
      ${tag ? html`<span class="tag" data-testid="participant-role">${tag}</span>` : nothing}
      ${
        watching
          ? nothing
          : html`<span class="state" role="img" aria-label=${t(mic ? 'access.micOn' : 'access.micOff')}
                >${mic ? icons.mic : icons.micOff}</span
              ><span class="state" role="img" aria-label=${t(cam ? 'access.camOn' : 'access.camOff')}
                >${cam ? icons.camera : icons.cameraOff}</span
              >`
      }
    </li>`;
  }

  #viewerSection(model: RoomModel) {
    const { t } = this.i18n;
    const canList = model.role === 'presenter' && this.loadViewers !== null;
    return html`<section aria-labelledby="viewers-heading">
      <header>
        <h2 id="viewers-heading">${t('access.viewersHeading', { count: model.viewerCount })}</h2>
        ${
          canList
            ? html`<button type="button" @click=${() => void this.#load(false)}>${t('access.showViewers')}</button>`
            : nothing
        }
      </header>
      ${
        this.viewers
          ? html`<ul aria-label=${t('access.viewersHeading', { count: model.viewerCount })} data-testid="viewer-list">
              ${this.viewers.map((v) => html`<li data-peer-id=${v.peerId}>${v.displayName}</li>`)}
            </ul>`
          : nothing
      }
      ${
        this.next !== null && canList
          ? html`<button type="button" @click=${() => void this.#load(true)}>${t('access.moreViewers')}</button>`
          : nothing
      }
      ${this.loading === 'loading' ? html`<p class="tag" role="status">${t('access.viewersLoading')}</p>` : nothing}
      ${this.loading === 'failed' ? html`<p class="alert" role="alert">${t('access.viewersFailed')}</p>` : nothing}
    </section>`;
  }

  override render() {
    const model = this.model;
    if (!model) return nothing;
    const { t } = this.i18n;
    const broadcast = model.mode === 'broadcast';
    return html`
      <header>
        <h2 id="participants-heading">${t('access.participantsHeading')}</h2>
        <button type="button" @click=${() => this.dispatchEvent(new Event('close'))}>${t('access.close')}</button>
      </header>
      <ul aria-labelledby="participants-heading" data-testid="participant-list">
        ${this.#entries(model).map((entry) => this.#entry(entry, broadcast))}
      </ul>
      ${broadcast ? this.#viewerSection(model) : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'participant-list': ParticipantList;
  }
}
