import { html, nothing } from 'lit';
import type { Settings } from '../bridge/types';
import type { I18n } from '../i18n';

/** The home view's list of recent rooms, each a button that joins it on its own server; nothing when empty. */
export function recentRooms(
  { t }: I18n,
  recent: Settings['recentRooms'],
  busy: boolean,
  join: (roomId: string, serverUrl: string) => void,
) {
  if (recent.length === 0) return nothing;
  return html`<div class="recent">
    <h2 id="recent-heading">${t('home.recent')}</h2>
    <ul aria-labelledby="recent-heading">
      ${recent.map(
        (r) =>
          html`<li>
            <button
              type="button"
              aria-label=${t('home.recentJoin', { room: r.roomId })}
              ?disabled=${busy}
              @click=${() => join(r.roomId, r.serverUrl)}
            >
              <span>${r.roomId}</span><span class="server">${r.serverUrl}</span>
            </button>
          </li>`,
      )}
    </ul>
  </div>`;
}
