import { html, nothing } from 'lit';
import type { I18n } from '../i18n';
import { errorMessageKey } from '../lib/errors';
import type { EngineHost } from '../state/engine-host';

/**
 * The banner under the header: a connection error to dismiss, or "connecting" / "reconnecting" while under way
 * (also when only the room's media is down and being repaired).
 */
export function connectionBanner({ t }: I18n, engineHost: EngineHost) {
  const { state, error, mediaDown } = engineHost.value;
  if (error !== null) {
    return html`<div class="banner alert" role="alert" data-testid="connection-banner" data-state="error">
      <span>${t(errorMessageKey(error))}</span>
      <button type="button" @click=${() => engineHost.dismissError()}>${t('conn.dismiss')}</button>
    </div>`;
  }
  if (state === 'connecting' || state === 'reconnecting') {
    return html`<div class="banner note" role="status" data-testid="connection-banner" data-state=${state}>
      ${t(state === 'connecting' ? 'conn.connecting' : 'conn.reconnecting')}
    </div>`;
  }
  if (state === 'connected' && mediaDown) {
    return html`<div class="banner note" role="status" data-testid="connection-banner" data-state="media">
      ${t('conn.mediaReconnecting')}
    </div>`;
  }
  return nothing;
}
