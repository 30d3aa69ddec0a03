import { html, nothing } from 'lit';
import type { UpdateStatus } from '../../common/ipc/updates';
import type { I18n } from '../i18n';

/**
 * The update line under the header: download progress, then "Restart to update" — offered only outside a
 * call (`inCall` hides the button; main refuses a restart during a call anyway).
 */
export function updateBanner(i18n: I18n, status: UpdateStatus | null, inCall: boolean, onRestart: () => void) {
  const { t } = i18n;
  if (status?.state === 'downloading') {
    const percent = Math.round(status.percent);
    return html`<p class="banner" role="status">
      ${t('update.downloading', { version: status.version, percent: String(percent) })}
      <progress max="100" .value=${percent} aria-label=${t('update.progress')}></progress>
    </p>`;
  }
  if (status?.state === 'ready' && !inCall) {
    return html`<p class="banner" role="status">
      ${t('update.ready', { version: status.version })}
      <button @click=${onRestart}>${t('update.restart')}</button>
    </p>`;
  }
  return nothing;
}
