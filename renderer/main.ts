import { selectBridge } from './bridge/select-bridge';
import './components/moim-app';
import type { EnginePort } from './services/engine-port';
import { documentStyles } from './styles/theme';

declare global {
  interface Window {
    /** Diagnostics and tests: the current conference engine (null until the app connects). */
    moim?: { engine: EnginePort | null };
  }
}

if (documentStyles.styleSheet) {
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, documentStyles.styleSheet];
}

window.moim = { engine: null };
const app = document.createElement('moim-app');
app.bridge = selectBridge();
app.onEngine = (engine) => {
  window.moim = { engine };
};
document.body.append(app);
