import { createContext } from '@lit/context';
import type { MoimBridge, Settings } from '../bridge/bridge';
import type { I18n } from '../i18n';
import type { EngineHost } from '../state/engine-host';

/** The desktop-features bridge (Electron preload or browser). */
export const bridgeContext = createContext<MoimBridge>(Symbol('moim-bridge'));

/** The translator for the current language; replaced when the language changes. */
export const i18nContext = createContext<I18n>(Symbol('moim-i18n'));

/** The current settings; replaced on every change. */
export const settingsContext = createContext<Settings>(Symbol('moim-settings'));

/** The owner of the conference engine. */
export const engineHostContext = createContext<EngineHost>(Symbol('moim-engine-host'));
