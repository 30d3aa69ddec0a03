import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live as liveValue } from 'lit/directives/live.js';
import type { SessionEndReason } from '../../common/protocol';
import type { MessageKey } from '../i18n';
import { errorMessageKey } from '../lib/errors';
import type { AudioSessionStore } from '../state/audio-session-store';
import { StoreController } from '../state/store';
import { icons } from '../styles/icons';
import { sharedStyles } from '../styles/shared';
import './level-meter';
import { MoimView } from './moim-element';

/** Detail of `join-session`. */
export interface JoinSessionDetail {
  sessionId: string;
  token: string;
}

const END_REASON: Record<SessionEndReason | 'self', MessageKey> = {
  ended: 'session.ended.ended',
  idle: 'session.ended.idle',
  peerLeft: 'session.ended.peerLeft',
  self: 'session.ended.self',
};

/**
 * A device audio session: join with session id and token, the device's and our own level meters, mute, end,
 * the session state and why it ended. The device's audio plays through an <audio data-kind="session">.
 * @fires join-session - CustomEvent<JoinSessionDetail> (the app connects, then joins)
 */
@customElement('audio-session-view')
export class AudioSessionView extends MoimView {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
        max-width: 640px;
        margin: 0 auto;
        padding: 28px 20px 48px;
      }
      h1 {
        font-size: 1.5em;
        margin-bottom: 8px;
      }
      form,
      .active {
        display: grid;
        gap: 14px;
        margin-top: 16px;
      }
      .state {
        display: flex;
        align-items: center;
        gap: 10px;
        margin-top: 16px;
      }
      .dot {
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: var(--moim-muted);
      }
      .dot.active {
        background: var(--moim-ok);
      }
      .meters {
        display: grid;
        gap: 12px;
      }
      .meters label {
        color: var(--moim-text);
      }
      .row {
        display: flex;
        gap: 10px;
        flex-wrap: wrap;
      }
      button[aria-pressed='true'] {
        border-color: var(--moim-warn);
        color: var(--moim-warn);
      }
      .alert,
      .note {
        margin-top: 16px;
      }
      audio {
        display: none;
      }
    `,
  ];

  /** The session to show. */
  @property({ attribute: false }) store: AudioSessionStore | null = null;
  /** True while the app connects. */
  @property({ type: Boolean }) busy = false;

  @state() private sessionId = '';
  @state() private token = '';

  readonly #session = new StoreController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#session.store = this.store;
  }

  protected override updated(): void {
    const audio = this.renderRoot.querySelector('audio');
    const sinkId = this.settings?.speakerId;
    if (audio && sinkId && audio.sinkId !== sinkId && 'setSinkId' in audio) {
      void audio.setSinkId(sinkId).catch(() => undefined);
    }
  }

  #submit(event: Event): void {
    event.preventDefault();
    const sessionId = this.sessionId.trim();
    const token = this.token.trim();
    if (!sessionId || !token) return;
    this.dispatchEvent(
      new CustomEvent<JoinSessionDetail>('join-session', { detail: { sessionId, token }, bubbles: true }),
    );
  }

  override render() {
    const { t } = this.i18n;
    const store = this.store;
    const model = store?.value;
    if (!store || !model) return nothing;
    const text = (e: Event) => (e.target as HTMLInputElement).value;
    const live = model.phase === 'active' || model.phase === 'joining';
    return html`
      <h1>${t('session.heading')}</h1>
      <p class="muted">${t('session.intro')}</p>
      <p class="state" role="status" data-testid="session-state" data-phase=${model.phase}>
        <span class="dot ${model.phase === 'active' ? 'active' : ''}" aria-hidden="true"></span>
        ${
          model.phase === 'active' && model.peerName
            ? t('session.with', { name: model.peerName })
            : t(`session.state.${model.phase}`)
        }
      </p>
      ${
        model.phase === 'ended' && model.endReason
          ? html`<p class="note" data-testid="session-ended" data-reason=${model.endReason}>
              ${t(END_REASON[model.endReason])}
            </p>`
          : nothing
      }
      ${model.error ? html`<p class="alert" role="alert">${t(errorMessageKey(model.error))}</p>` : nothing}
      ${
        live
          ? html`<div class="active">
              <div class="meters">
                <label
                  >${t('session.remote')}
                  <level-meter
                    .stream=${model.remote}
                    label=${t('session.remote')}
                    data-testid="remote-level"
                  ></level-meter
                ></label>
                <label
                  >${t('session.local')}
                  <level-meter
                    .stream=${model.local}
                    label=${t('session.local')}
                    data-testid="local-level"
                  ></level-meter
                ></label>
              </div>
              <div class="row">
                <button
                  type="button"
                  aria-pressed=${model.muted ? 'true' : 'false'}
                  ?disabled=${model.phase !== 'active'}
                  @click=${() => store.setMuted(!model.muted)}
                >
                  ${model.muted ? icons.micOff : icons.mic}${t('session.mute')}
                </button>
                <button type="button" class="danger" @click=${() => void store.end()}>${t('session.end')}</button>
              </div>
              <audio autoplay data-kind="session" .srcObject=${liveValue(model.remote)}></audio>
            </div>`
          : html`<form class="card" @submit=${this.#submit}>
              <label
                >${t('session.id')}
                <input
                  type="text"
                  spellcheck="false"
                  autocomplete="off"
                  required
                  .value=${this.sessionId}
                  @input=${(e: Event) => (this.sessionId = text(e))}
              /></label>
              <label
                >${t('session.token')}
                <input
                  type="password"
                  autocomplete="off"
                  required
                  .value=${this.token}
                  @input=${(e: Event) => (this.token = text(e))}
              /></label>
              <div class="row">
                <button type="submit" class="primary" ?disabled=${this.busy}>${t('session.join')}</button>
              </div>
            </form>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'audio-session-view': AudioSessionView;
  }
}
