import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { QualityTracker, type CallQuality } from '../lib/call-quality';
import { FrameProgress } from '../lib/frame-progress';
import { enablePanning } from '../lib/pan';
import { receivedFigures } from '../lib/tile-quality';
import type { StatsPort } from '../services/engine-port';
import { icons } from '../styles/icons';
import { sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';
import './quality-indicator';
import { shareToolStyles, shareTools } from './share-tools';
import { videoTileStyles } from './video-tile.styles';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts.at(-1)] : [name.trim()];
  return letters
    .map((p) =>
      Array.from(p ?? '')
        .slice(0, parts.length > 1 ? 1 : 2)
        .join(''),
    )
    .join('')
    .toUpperCase();
}

/** Where a remote video is shown how wide, so an SFU room can send the layer that fits. */
export interface VideoResizeDetail {
  peerId: string;
  kind: 'cam' | 'screen';
  /** Device pixels. */
  width: number;
}

/**
 * One person's camera (an avatar while it is off) or one screen share, with the name and mic/camera/screen state.
 * Test hooks on the host: `data-peer-id`, `data-kind` ('cam' | 'screen'), `data-speaking`, `local`, `data-quality`
 * (a remote tile's connection quality, from the engine's stats and whether its camera picture keeps moving) and
 * `data-poor` (quality 'poor' or 'lost': the tile says "poor connection" / "connection lost").
 * The video is always muted: sound plays through the room's <audio> elements.
 *
 * @fires video-resize - A remote tile's width changed: `CustomEvent<VideoResizeDetail>` (device pixels), bubbles.
 */
@customElement('video-tile')
export class VideoTile extends MoimElement {
  static override styles = [sharedStyles, videoTileStyles, shareToolStyles];

  @property({ attribute: 'data-peer-id', reflect: true }) peerId = '';
  @property({ attribute: 'data-kind', reflect: true }) kind: 'cam' | 'screen' = 'cam';
  @property() displayName = '';
  @property({ type: Boolean, reflect: true }) local = false;
  @property({ attribute: false }) stream: MediaStream | null = null;
  @property({ type: Boolean }) micOn = false;
  @property({ type: Boolean }) camOn = false;
  @property({ type: Boolean }) sharing = false;
  @property({ type: Boolean, attribute: 'data-speaking', reflect: true }) speaking = false;
  /** Only the picture: no name or state (the kiosk). */
  @property({ type: Boolean, reflect: true }) chromeless = false;
  /** The engine's stats sampler: a remote tile's quality comes from it. */
  @property({ attribute: false }) health: StatsPort | null = null;
  /** A remote tile's connection quality ('' until something is received from them). */
  @property({ attribute: 'data-quality', reflect: true }) quality: CallQuality | '' = '';
  /** A screen share its presenter paused: the last frame stays and the tile says "Paused" (`data-paused`). */
  @property({ type: Boolean, attribute: 'data-paused', reflect: true }) paused = false;
  /** A screen share carrying its tab's or system's sound (`data-with-audio`); it plays apart from the mic. */
  @property({ type: Boolean, attribute: 'data-with-audio', reflect: true }) withAudio = false;
  /** A screen tile the user pinned to the stage. */
  @property({ type: Boolean }) pinned = false;
  /** A screen tile shown at its actual pixels (1:1), panned by drag or arrow keys. */
  @property({ type: Boolean, attribute: 'data-actual-size', reflect: true }) actualSize = false;
  /** Quality 'poor' or 'lost'. */
  @property({ type: Boolean, attribute: 'data-poor', reflect: true }) poor = false;

  readonly #frames = new FrameProgress();
  #tracker = new QualityTracker();
  #poll: ReturnType<typeof setInterval> | undefined;

  #shownWidth = 0;
  readonly #resize = new ResizeObserver(([entry]) => {
    const width = Math.round((entry?.contentRect.width ?? 0) * (window.devicePixelRatio || 1));
    if (this.local || width === 0 || width === this.#shownWidth) return;
    this.#shownWidth = width;
    const detail: VideoResizeDetail = { peerId: this.peerId, kind: this.kind, width };
    this.dispatchEvent(new CustomEvent('video-resize', { detail, bubbles: true }));
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#shownWidth = 0;
    this.#resize.observe(this);
    this.#poll = setInterval(() => this.#assess(), 1000);
    // A tile moved (strip ↔ stage) is reconnected without a change of its own: render so updated() binds again.
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    clearInterval(this.#poll);
    this.#frames.stop();
    this.#unpan?.();
    this.#unpan = null;
    this.#panned = null;
  }

  #unpan: (() => void) | null = null;
  #panned: HTMLElement | null = null;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The pause is known at once, while the last verdict on the silence before it may be up to a second old; the
    // verdict starts over on resume, rather than recovering from that silence for seconds.
    if (changed.has('paused') && this.paused) {
      this.quality = '';
      this.poor = false;
      this.#tracker = new QualityTracker();
    }
  }

  protected override updated(): void {
    this.#frames.watch(this.renderRoot.querySelector('video'));
    // Bound once per view, not per render: a render during a drag (a quality update) would otherwise drop it.
    const view = this.actualSize ? this.renderRoot.querySelector<HTMLElement>('figure') : null;
    if (view === this.#panned) return;
    this.#unpan?.();
    this.#panned = view;
    this.#unpan = view ? enablePanning(view) : null;
  }

  /** Milliseconds since the shown video presented a new frame. */
  get frameAgeMs(): number {
    return this.#frames.ageMs;
  }

  /** Whether the shown video has presented a frame since it was attached (the kiosk watchdog's sign of health). */
  get framePresented(): boolean {
    return this.#frames.presented;
  }

  /** A remote tile's quality from the newest stats sample and, for a live camera, how long its picture stood still. */
  #assess(): void {
    // A paused share sends nothing on purpose: its silence says nothing about the connection.
    const figures = this.local || this.paused ? null : receivedFigures(this.health?.latest, this.peerId, this.kind);
    // Screens may sit still for long on purpose; only a camera's still picture says something about the network.
    const watched =
      !this.local && this.kind === 'cam' && this.stream?.getVideoTracks().some((t) => t.readyState === 'live');
    if (!figures && !watched) {
      this.quality = '';
      this.poor = false;
      return;
    }
    const frameAgeMs = watched ? this.#frames.ageMs : null;
    this.quality = this.#tracker.update({ ...figures, frameAgeMs }, performance.now());
    this.poor = this.quality === 'poor' || this.quality === 'lost';
  }

  /** The tile's accessible name: "Ana (you)", "Ana — screen". */
  get label(): string {
    const { t } = this.i18n;
    if (this.kind === 'screen') return t('room.screenOf', { name: this.displayName });
    return this.local ? t('room.you', { name: this.displayName }) : this.displayName;
  }

  override render() {
    const { t } = this.i18n;
    // Lit re-sets object-valued properties on every render and each srcObject assignment reloads the element
    // (a blank picture until the next keyframe): live() assigns only when the stream really changed.
    const video = this.stream
      ? html`<video
          autoplay
          playsinline
          muted
          .muted=${true}
          .srcObject=${live(this.stream)}
          class=${this.local && this.kind === 'cam' ? 'mirror' : ''}
        ></video>`
      : html`<div class="avatar" aria-hidden="true">${initials(this.displayName)}</div>`;
    if (this.chromeless) return html`<figure role="group" aria-label=${this.label}>${video}</figure>`;
    const state = (on: boolean, icon: unknown, label: string) =>
      html`<span class="state ${on ? '' : 'off'}" role="img" aria-label=${label}>${icon}</span>`;
    const screen = this.kind === 'screen';
    return html`${screen ? shareTools(this.i18n, this) : nothing}
      <figure
        role="group"
        aria-label=${this.label}
        class=${this.actualSize && screen ? 'actual' : ''}
        tabindex=${this.actualSize && screen ? '0' : nothing}
        title=${this.actualSize && screen ? t('tile.panHint') : nothing}
      >
        ${video}
        <figcaption>
          <span class="name">${this.label}</span>
          ${
            this.kind === 'cam'
              ? html`${state(this.micOn, this.micOn ? icons.mic : icons.micOff, t(this.micOn ? 'tile.micOn' : 'tile.micOff'))}
                ${this.camOn ? nothing : state(false, icons.cameraOff, t('tile.camOff'))}
                ${this.sharing ? state(true, icons.screen, t('tile.sharing')) : nothing}`
              : this.withAudio
                ? state(true, icons.sound, t('tile.shareAudio'))
                : nothing
          }
          ${this.paused ? html`<span class="poor" role="status">${t('tile.paused')}</span>` : nothing}
          ${this.quality ? html`<quality-indicator .quality=${this.quality}></quality-indicator>` : nothing}
          ${this.speaking ? html`<span class="visually-hidden">${t('tile.speaking')}</span>` : nothing}
        </figcaption>
      </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'video-tile': VideoTile;
  }
  interface HTMLElementEventMap {
    'video-resize': CustomEvent<VideoResizeDetail>;
  }
}
