import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { StatsSnapshot, TrackSample } from '../engine/stats-sampler';
import type { MessageKey } from '../i18n';
import { downloadText, statsExport, statsFileName } from '../lib/stats-export';
import type { StatsPort } from '../services/engine-port';
import { sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';
import './stats-graph';

/**
 * The stats panel: per sent and received stream its size, frame rate, bitrate, loss, jitter, round trip, codec,
 * network path and (SFU) simulcast layer, with a graph of the last minute; "Export stats" saves a JSON snapshot.
 * Focus moves into it when it opens; Esc closes it; every stream is a Tab stop.
 * Test hooks: each stream `section[data-key]` with `data-direction`, `data-kind`, `data-media`; each figure
 * `dd[data-field]` whose `data-value` holds the raw number or string.
 * @fires close - Esc or the close button.
 */
@customElement('stats-panel')
export class StatsPanel extends MoimElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 8px;
        overflow: auto;
        padding: 12px;
        border-radius: var(--moim-radius);
        background: var(--moim-surface);
        border: 1px solid var(--moim-border);
      }
      header {
        display: flex;
        align-items: center;
        gap: 8px;
      }
      h2 {
        margin: 0;
        font-size: 1.05em;
        flex: 1;
      }
      section {
        border-top: 1px solid var(--moim-border);
        padding-top: 8px;
      }
      section:focus-visible {
        outline: none;
        box-shadow: var(--moim-focus-ring);
      }
      h3 {
        margin: 0 0 4px;
        font-size: 0.92em;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px 12px;
        margin: 0 0 6px;
        font-size: 0.85em;
      }
      dt {
        color: var(--moim-muted);
      }
      dd {
        margin: 0;
        font-variant-numeric: tabular-nums;
      }
    `,
  ];

  @property({ attribute: false }) sampler: StatsPort | null = null;
  @property() roomId = '';
  /** A peer's display name by id. */
  @property({ attribute: false }) nameOf: (peerId: string) => string = (id) => id;

  @state() private snapshot: StatsSnapshot | undefined;

  readonly #onSample = (snapshot: StatsSnapshot) => (this.snapshot = snapshot);

  override connectedCallback(): void {
    super.connectedCallback();
    this.snapshot = this.sampler?.latest;
    this.sampler?.on('sample', this.#onSample);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sampler?.off('sample', this.#onSample);
  }

  protected override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  #export(): void {
    const now = new Date();
    downloadText(statsFileName(this.roomId, now), statsExport(this.roomId, this.sampler?.history ?? [], now));
  }

  #onKey(e: KeyboardEvent): void {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    this.dispatchEvent(new Event('close', { bubbles: true }));
  }

  #title(track: TrackSample): string {
    const { t } = this.i18n;
    const kind = `${t(`stats.kind.${track.kind}`)} ${t(`stats.${track.trackKind}`)}`;
    if (track.direction === 'in') return t('stats.received', { name: this.nameOf(track.peerId ?? ''), kind });
    return track.peerId ? t('stats.sentTo', { name: this.nameOf(track.peerId), kind }) : t('stats.sent', { kind });
  }

  #track(track: TrackSample) {
    const { t } = this.i18n;
    const video = track.trackKind === 'video';
    const pair = track.pair;
    const row = (field: string, label: MessageKey, value: string | number | null, shown?: string) =>
      value === null || value === ''
        ? nothing
        : html`<dt>${t(label)}</dt>
            <dd data-field=${field} data-value=${String(value)}>${shown ?? value}</dd>`;
    const history = (this.sampler?.history ?? []).map(
      (s) => [s.at, s.tracks.find((x) => x.key === track.key)] as const,
    );
    const series = [{ label: 'kbit/s', stroke: '#5b9cff', values: history.map(([, x]) => x?.bitrateKbps ?? null) }];
    if (video)
      series.push({ label: 'fps', stroke: '#3ecf8e', values: history.map(([, x]) => x?.framesPerSecond ?? null) });
    return html`<section
      tabindex="0"
      aria-label=${this.#title(track)}
      data-key=${track.key}
      data-direction=${track.direction}
      data-kind=${track.kind}
      data-media=${track.trackKind}
    >
      <h3>${this.#title(track)}</h3>
      <dl>
        ${video ? row('resolution', 'stats.resolution', `${track.frameWidth}x${track.frameHeight}`, `${track.frameWidth}×${track.frameHeight}`) : nothing}
        ${video ? row('fps', 'stats.fps', track.framesPerSecond) : nothing}
        ${row('bitrate', 'stats.bitrate', track.bitrateKbps, `${track.bitrateKbps} kbit/s`)}
        ${row('loss', 'stats.loss', track.lossPct, `${track.lossPct} %`)}
        ${row('jitter', 'stats.jitter', track.jitterMs, `${track.jitterMs} ms`)}
        ${row('rtt', 'stats.rtt', track.rttMs, `${track.rttMs} ms`)} ${row('codec', 'stats.codec', track.codec)}
        ${pair ? row('path', 'stats.path', `${pair.localType}/${pair.protocol}`, `${pair.localType} → ${pair.remoteType}, ${pair.protocol.toUpperCase()}`) : nothing}
        ${track.layer ? row('layer', 'stats.layer', track.layer.spatial, `S${track.layer.spatial} T${track.layer.temporal}`) : nothing}
        ${row('rid', 'stats.encoding', track.rid)} ${row('limit', 'stats.limit', track.qualityLimitationReason)}
      </dl>
      <stats-graph aria-label=${t('stats.graph')} .times=${history.map(([at]) => at)} .series=${series}></stats-graph>
    </section>`;
  }

  override render() {
    const { t } = this.i18n;
    const tracks = this.snapshot?.tracks ?? [];
    return html`<div role="dialog" aria-labelledby="stats-title" @keydown=${this.#onKey}>
      <header>
        <h2 id="stats-title" tabindex="-1">${t('stats.title')}</h2>
        <button type="button" data-testid="export-stats" @click=${() => this.#export()}>${t('stats.export')}</button>
        <button
          type="button"
          aria-label=${t('stats.close')}
          @click=${() => this.dispatchEvent(new Event('close', { bubbles: true }))}
        >
          ✕
        </button>
      </header>
      <p class="muted">${t('stats.shortcut')}</p>
      ${
        tracks.length === 0
          ? html`<p role="status">${t('stats.empty')}</p>`
          : repeat(
              tracks,
              (track) => track.key,
              (track) => this.#track(track),
            )
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'stats-panel': StatsPanel;
  }
}
