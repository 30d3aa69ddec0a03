import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import type { MoimBridge } from '../bridge/bridge';
import type { Settings } from '../bridge/types';
import type { I18n } from '../i18n';
import { bridgeContext, i18nContext, settingsContext } from '../services/contexts';

/**
 * The base of Moim's components: the translator for the current language, from the app's i18n context, so a
 * language change re-renders every component without each one repeating the context plumbing.
 */
export class MoimElement extends LitElement {
  @consume({ context: i18nContext, subscribe: true })
  @state()
  protected i18n!: I18n;
}

/** The base of the views that also read the current settings (re-rendering when they change) and the bridge. */
export class MoimView extends MoimElement {
  @consume({ context: settingsContext, subscribe: true })
  @state()
  protected settings!: Settings;

  @consume({ context: bridgeContext })
  @state()
  protected bridge!: MoimBridge;
}
