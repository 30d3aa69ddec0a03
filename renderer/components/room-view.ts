import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { ShareControlController } from '../controllers/share-control-controller';
import { VisibilityController } from '../controllers/visibility-controller';
import { errorMessageKey, isCancelled } from '../lib/errors';
import { chooseLayout, isWaitingForPresenter, tilesOf, type TileInfo } from '../lib/layout';
import { emptyRoomHint } from '../lib/room-hints';
import type { RoomSession } from '../state/room-session';
import { StoreController } from '../state/store';
import { sharedStyles } from '../styles/shared';
import { roomViewStyles } from './room-view.styles';
import type { ToggleMediaDetail } from './call-controls';
import './call-controls';
import './call-health';
import './chat-panel';
import './participant-list';
import './room-actions';
import './room-header';
import './room-status-bar';
import type { ShareActionDetail } from './share-bar';
import type { TilePinDetail } from './share-tools';
import './share-bar';
import './video-tile';
import type { VideoResizeDetail } from './video-tile';
import { MoimView } from './moim-element';

/**
 * A room: tiles in a grid, or a screen share large with everyone else in a strip; the room id and its links (a
 * broadcast presenter gets a separate presenter link); the viewer count in a broadcast, and in a meeting how many
 * only watch; a participant list on demand; 'waiting for the presenter' for a viewer with nothing to watch; controls.
 * Remote sound plays through one <audio> per remote audio track (`data-peer-id`, `data-kind`).
 */
@customElement('room-view')
export class RoomView extends MoimView {
  static override styles = [sharedStyles, roomViewStyles];

  /** The room session to show. */
  @property({ attribute: false }) session: RoomSession | null = null;
  /** The room server address (for the shareable link). */
  @property() serverUrl = '';
  /** The page address links are built from (the desktop app gets moim:// links). */
  @property() pageUrl = window.location.href;

  @state() private participants = false;
  /** The tile the user pinned to the stage (`${peerId}:${kind}`), if it is still there. */
  @state() private pinned: string | null = null;

  readonly #room = new StoreController(this);
  // Back from the background: every received video gets a keyframe now rather than at its next periodic one.
  readonly visibility = new VisibilityController(this, () => this.session?.engine.repairMedia('keyframes'));

  // Electron: the always-on-top control window follows our share, and its buttons act on it.
  readonly shareControl = new ShareControlController(this, {
    capability: () => this.bridge?.shareControl,
    session: () => this.session,
    language: () => this.i18n?.lang ?? 'en',
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) this.#room.store = this.session;
  }

  protected override updated(): void {
    const sinkId = this.settings?.speakerId;
    if (!sinkId) return;
    for (const audio of this.renderRoot.querySelectorAll('audio')) {
      if (audio.sinkId !== sinkId && 'setSinkId' in audio) void audio.setSinkId(sinkId).catch(() => undefined);
    }
  }

  /** SFU rooms receive the simulcast layer that fits each remote tile. */
  #videoResized({ peerId, kind, width }: VideoResizeDetail): void {
    this.session?.engine.setVideoSize?.(peerId, kind, width);
  }

  #shareAction(session: RoomSession, detail: ShareActionDetail): Promise<void> {
    if (detail.action === 'profile') return session.setScreenProfile(detail.profile);
    if (detail.action === 'pause') return session.setScreenPaused(detail.paused);
    return detail.action === 'switch' ? session.switchScreen() : session.toggle('screen');
  }

  #tile(tile: TileInfo) {
    return html`<video-tile
      role="listitem"
      .peerId=${tile.peerId}
      .kind=${tile.kind}
      .displayName=${tile.displayName}
      .stream=${tile.stream}
      .micOn=${tile.micOn}
      .camOn=${tile.camOn}
      .sharing=${tile.sharing}
      .speaking=${tile.speaking}
      .health=${this.session?.engine.health ?? null}
      .paused=${tile.paused}
      .withAudio=${tile.withAudio}
      .pinned=${tile.key === this.pinned}
      ?local=${tile.local}
    ></video-tile>`;
  }

  #main() {
    const model = this.session?.value;
    const { t } = this.i18n;
    if (!model || model.phase === 'joining') {
      return html`<div class="empty" role="status"><h2>${t('room.joining')}</h2></div>`;
    }
    if (isWaitingForPresenter(model)) {
      return html`<div class="empty" role="status" data-testid="waiting-for-presenter">
        <h2>${t('room.waiting')}</h2>
        <p>${t('room.waitingHint')}</p>
      </div>`;
    }
    const tiles = tilesOf(model);
    const layout = chooseLayout(tiles, this.pinned);
    if (layout.kind === 'stage') {
      return html`<div class="stage ${layout.strip.length === 0 ? 'solo' : ''}">
        ${this.#tile(layout.stage)}
        ${
          layout.strip.length > 0
            ? html`<div class="strip" role="list" aria-label=${t('room.strip')}>
                ${repeat(
                  layout.strip,
                  (tile) => tile.key,
                  (tile) => this.#tile(tile),
                )}
              </div>`
            : nothing
        }
      </div>`;
    }
    return html`<div class="grid cols-${layout.columns}" role="list" aria-label=${t('room.tiles')}>
      ${repeat(
        layout.tiles,
        (tile) => tile.key,
        (tile) => this.#tile(tile),
      )}
    </div>`;
  }

  override render() {
    const session = this.session;
    const model = session?.value;
    const { t } = this.i18n;
    if (!session || !model) return nothing;
    const error = model.error !== null && !isCancelled(model.error) ? model.error : null;
    const hint = emptyRoomHint(model);
    const extras = session.extras;
    return html`
      <room-header
        .model=${model}
        .serverUrl=${this.serverUrl}
        .pageUrl=${this.pageUrl}
        .call=${session.call !== null}
        .participantsOpen=${this.participants}
        @toggle-participants=${() => (this.participants = !this.participants)}
      ></room-header>
      <room-status-bar .store=${extras} .model=${model}></room-status-bar>
      ${
        error
          ? html`<div class="alert" role="alert">
              <span>${t(errorMessageKey(error))}</span>
              <button type="button" @click=${() => session.dismissError()}>${t('conn.dismiss')}</button>
            </div>`
          : hint
            ? html`<p class="hint muted" data-testid="room-hint">${t(hint.key, hint.params)}</p>`
            : nothing
      }
      <div class="body">
        <main
          @video-resize=${(e: CustomEvent<VideoResizeDetail>) => this.#videoResized(e.detail)}
          @tile-pin=${(e: CustomEvent<TilePinDetail>) => (this.pinned = e.detail.key)}
        >
          ${this.#main()}
        </main>
        ${
          this.participants
            ? html`<participant-list
                .model=${model}
                .loadViewers=${model.role === 'presenter' ? (after?: number) => session.listViewers(after) : null}
                @close=${() => (this.participants = false)}
              ></participant-list>`
            : nothing
        }
        <call-health
          .sampler=${session.engine.health}
          .roomId=${model.roomId}
          .nameOf=${(id: string) => model.peers.get(id)?.displayName ?? id}
        ></call-health>
        <chat-panel .store=${extras} .selfId=${model.self.peerId}></chat-panel>
      </div>
      ${
        model.share
          ? html`<share-bar
              .share=${model.share}
              .busy=${model.pending.includes('screen')}
              @share-action=${(e: CustomEvent<ShareActionDetail>) => void this.#shareAction(session, e.detail)}
            ></share-bar>`
          : nothing
      }
      <call-controls
        .camOn=${model.local.cam !== undefined}
        .micOn=${model.local.mic !== undefined}
        .sharing=${model.local.screen !== undefined}
        .canPublish=${model.role === 'presenter' && model.phase === 'joined'}
        .pending=${model.pending}
        .leaveLabel=${session.call ? 'hangUp' : 'leave'}
        @toggle-media=${(e: CustomEvent<ToggleMediaDetail>) => void session.toggle(e.detail.kind)}
        @leave=${() => void session.leave()}
        @toggle-stats=${() => this.renderRoot.querySelector('call-health')?.toggle()}
      ></call-controls>
      <room-actions .store=${extras} .model=${model}></room-actions>
      <div class="audio">
        ${repeat(
          model.audio,
          (a) => a.trackId,
          (a) =>
            html`<audio autoplay data-peer-id=${a.peerId} data-kind=${a.kind} .srcObject=${live(a.stream)}></audio>`,
        )}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'room-view': RoomView;
  }
}
