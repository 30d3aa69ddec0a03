import { consume } from '@lit/context';
import { CSSResult, LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import type { MoimBridge } from '../bridge/bridge';
import type { Settings } from '../bridge/types';
import type { I18n } from '../i18n';
import { bridgeContext, i18nContext, settingsContext } from '../services/contexts';

/** Every component class built on MoimElement defined so far, for `prepareStyleSheets`. */
const componentClasses = new Set<typeof LitElement>();

/**
 * Builds the constructed style sheets of every component built on MoimElement now (every view and tile; the app shell,
 * the stats graph and the level meter extend LitElement directly), rather than when its first instance connects:
 * a join profiled on a busy machine spent ~35 ms building the room view's sheets between the click and the join's
 * answer. Lit caches each sheet on its `css` result, so this runs once per sheet however often it is called.
 */
export function prepareStyleSheets(): void {
  for (const component of componentClasses) {
    for (const style of component.elementStyles) if (style instanceof CSSResult) void style.styleSheet;
  }
}

/**
 * The base of Moim's components: the translator for the current language, from the app's i18n context, so a
 * language change re-renders every component without each one repeating the context plumbing.
 */
export class MoimElement extends LitElement {
  protected static override finalize(): void {
    super.finalize();
    componentClasses.add(this);
  }

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
