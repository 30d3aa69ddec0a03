import { consume } from '@lit/context';
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { Settings } from '../bridge/types';
import { DevicesController } from '../controllers/devices-controller';
import type { I18n, MessageKey } from '../i18n';
import { errorMessageKey } from '../lib/errors';
import { cameraConstraints, microphoneConstraints } from '../lib/media-constraints';
import { secureMediaDevices } from '../media/secure-context';
import { i18nContext } from '../services/contexts';
import { sharedStyles } from '../styles/shared';
import './level-meter';

/** The device choices Settings holds. */
export type DeviceChoice = Pick<Settings, 'cameraId' | 'microphoneId' | 'speakerId'>;

/** One changed device choice, as `device-change` reports it. */
export interface DeviceChange {
  key: keyof DeviceChoice;
  value: string | null;
}

/**
 * The devices part of Settings: camera / microphone / speaker pickers beside a camera preview with a microphone
 * level meter. The preview restarts when the chosen camera or microphone changes and stops when the part leaves.
 * @fires device-change - CustomEvent<DeviceChange>: the user picked another device (null: the system default)
 * @fires preview-error - CustomEvent<MessageKey>: the preview could not open the camera or microphone
 */
@customElement('settings-devices')
export class SettingsDevices extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 1.05em;
        margin-bottom: 12px;
      }
      .devices {
        display: grid;
        grid-template-columns: minmax(220px, 1fr) minmax(220px, 320px);
        gap: 16px;
        align-items: start;
      }
      .selects {
        display: grid;
        gap: 12px;
      }
      video {
        width: 100%;
        aspect-ratio: 16 / 9;
        background: #000;
        border-radius: var(--moim-radius-small);
        transform: scaleX(-1);
        object-fit: cover;
      }
      .preview {
        display: grid;
        gap: 10px;
      }
      @media (max-width: 640px) {
        .devices {
          grid-template-columns: 1fr;
        }
      }
    `,
  ];

  @consume({ context: i18nContext, subscribe: true })
  @state()
  private i18n!: I18n;

  /** The chosen devices (null: the system default). */
  @property({ attribute: false }) choice: DeviceChoice = { cameraId: null, microphoneId: null, speakerId: null };

  @state() private preview: MediaStream | null = null;

  readonly #devices = new DevicesController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    const before = changed.get('choice');
    const after = this.choice;
    const devicesChanged = before && (before.cameraId !== after.cameraId || before.microphoneId !== after.microphoneId);
    if (devicesChanged && this.preview) void this.#restartPreview();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopPreview();
  }

  async #restartPreview(): Promise<void> {
    this.#stopPreview();
    await this.#startPreview();
  }

  async #startPreview(): Promise<void> {
    try {
      const stream = await secureMediaDevices().getUserMedia({
        video: cameraConstraints(this.choice.cameraId),
        audio: microphoneConstraints(this.choice.microphoneId),
      });
      this.preview = stream;
      await this.#devices.refresh();
    } catch (error) {
      this.dispatchEvent(new CustomEvent<MessageKey>('preview-error', { detail: errorMessageKey(error) }));
    }
  }

  #stopPreview(): void {
    this.preview?.getTracks().forEach((t) => t.stop());
    this.preview = null;
  }

  #deviceSelect(label: string, kind: MediaDeviceKind, key: keyof DeviceChoice) {
    const { t } = this.i18n;
    const devices = this.#devices.of(kind);
    const current = this.choice[key];
    const noun = t(
      kind === 'videoinput' ? 'settings.camera' : kind === 'audioinput' ? 'settings.microphone' : 'settings.speaker',
    );
    return html`<label
      >${label}
      <select
        @change=${(e: Event) => {
          const value = (e.target as HTMLSelectElement).value;
          const detail: DeviceChange = { key, value: value === '' ? null : value };
          this.dispatchEvent(new CustomEvent<DeviceChange>('device-change', { detail }));
        }}
      >
        <option value="" ?selected=${current === null}>${t('settings.systemDefault')}</option>
        ${devices.map(
          (d, i) =>
            html`<option value=${d.deviceId} ?selected=${d.deviceId === current}>
              ${d.label || t('settings.deviceFallback', { kind: noun, n: i + 1 })}
            </option>`,
        )}
      </select></label
    >`;
  }

  override render() {
    const { t } = this.i18n;
    const speakersSupported = 'setSinkId' in HTMLMediaElement.prototype;
    return html`<section class="card" aria-labelledby="devices-heading">
      <h2 id="devices-heading">${t('settings.devices')}</h2>
      <div class="devices">
        <div class="selects">
          ${this.#deviceSelect(t('settings.camera'), 'videoinput', 'cameraId')}
          ${this.#deviceSelect(t('settings.microphone'), 'audioinput', 'microphoneId')}
          ${speakersSupported ? this.#deviceSelect(t('settings.speaker'), 'audiooutput', 'speakerId') : nothing}
        </div>
        <div class="preview">
          ${
            this.preview
              ? html`<video
                    autoplay
                    playsinline
                    muted
                    .muted=${true}
                    .srcObject=${live(this.preview)}
                    aria-label=${t('settings.preview')}
                  ></video>
                  <level-meter .stream=${this.preview} label=${t('settings.micLevel')}></level-meter>
                  <button type="button" @click=${() => this.#stopPreview()}>${t('settings.stopTest')}</button>`
              : html`<button type="button" @click=${() => void this.#startPreview()}>${t('settings.test')}</button>`
          }
        </div>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'settings-devices': SettingsDevices;
  }
}
