import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LANGUAGES, type Language } from '../i18n';
import { sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';

/** The views the header links to. */
export type NavView = 'home' | 'lobby' | 'session' | 'settings';

const NAV: { view: NavView; label: 'nav.home' | 'nav.lobby' | 'nav.session' | 'nav.settings' }[] = [
  { view: 'home', label: 'nav.home' },
  { view: 'lobby', label: 'nav.lobby' },
  { view: 'session', label: 'nav.session' },
  { view: 'settings', label: 'nav.settings' },
];

/**
 * The app's top bar: the name, the main navigation and the language switch. On a narrow window (a phone) the
 * navigation moves to its own row and its buttons share the width, so every one stays on screen.
 * @fires navigate - CustomEvent<NavView>: a navigation button was pressed
 * @fires language-change - CustomEvent<Language>: another language was chosen
 */
@customElement('app-header')
export class AppHeader extends MoimElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 16px;
        padding: 10px 20px;
        border-bottom: 1px solid var(--moim-border);
        background: var(--moim-surface);
      }
      .brand {
        font-weight: 700;
        letter-spacing: 0.02em;
      }
      nav {
        display: flex;
        gap: 4px;
        margin-right: auto;
      }
      nav button {
        background: none;
        border-color: transparent;
        min-height: 36px;
        white-space: nowrap;
      }
      nav button[aria-current='page'] {
        background: var(--moim-surface-2);
        border-color: var(--moim-border);
      }
      select {
        width: auto;
        min-height: 36px;
      }
      @media (max-width: 640px) {
        header {
          padding: 8px 12px;
        }
        .brand {
          margin-right: auto;
        }
        nav {
          order: 1;
          flex: 1 0 100%;
          margin-right: 0;
        }
        nav button {
          flex: 1 1 0;
          min-width: 0;
          padding: 0 6px;
          white-space: normal;
          line-height: 1.15;
        }
      }
    `,
  ];

  /** The view on screen (its button is marked current). */
  @property() current = 'home';
  /** True while in a room or call: navigating away is done with Leave. */
  @property({ type: Boolean }) locked = false;

  #emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true }));
  }

  override render() {
    const { t } = this.i18n;
    return html`<header>
      <span class="brand">${t('app.title')}</span>
      <nav aria-label=${t('app.mainNav')}>
        ${NAV.map(
          ({ view, label }) =>
            html`<button
              type="button"
              aria-current=${this.current === view ? 'page' : 'false'}
              ?disabled=${this.locked}
              @click=${() => this.#emit<NavView>('navigate', view)}
            >
              ${t(label)}
            </button>`,
        )}
      </nav>
      <select
        aria-label=${t('lang.label')}
        @change=${(e: Event) => this.#emit<Language>('language-change', (e.target as HTMLSelectElement).value as Language)}
      >
        ${LANGUAGES.map((lang) => html`<option value=${lang} ?selected=${this.i18n.lang === lang}>${t(`lang.${lang}`)}</option>`)}
      </select>
    </header>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'app-header': AppHeader;
  }
  interface HTMLElementEventMap {
    navigate: CustomEvent<NavView>;
    'language-change': CustomEvent<Language>;
  }
}
