import type { ShareControlAction, ShareControlState } from '../../common/ipc/share-control';
import { createI18n } from '../i18n';

/**
 * The control window's content: "You are sharing · Pause/Resume · Stop" in the main window's language. Plain DOM
 * (the window is tiny and must open fast); real <button>s in a toolbar, so Tab and Enter/Space work.
 */
export class ShareControlView {
  readonly #toolbar: HTMLElement;
  readonly #status: HTMLElement;
  readonly #pause: HTMLButtonElement;
  readonly #stop: HTMLButtonElement;
  #paused = false;

  constructor(root: HTMLElement, act: (action: ShareControlAction) => void) {
    const doc = root.ownerDocument;
    this.#toolbar = doc.createElement('div');
    this.#toolbar.setAttribute('role', 'toolbar');
    this.#status = doc.createElement('span');
    this.#status.className = 'status';
    this.#status.setAttribute('role', 'status');
    this.#pause = doc.createElement('button');
    this.#pause.type = 'button';
    this.#pause.dataset.action = 'pause';
    this.#pause.addEventListener('click', () => act(this.#paused ? 'resume' : 'pause'));
    this.#stop = doc.createElement('button');
    this.#stop.type = 'button';
    this.#stop.className = 'danger';
    this.#stop.dataset.action = 'stop';
    this.#stop.addEventListener('click', () => act('stop'));
    this.#toolbar.append(this.#status, this.#pause, this.#stop);
    root.replaceChildren(this.#toolbar);
    this.show({ paused: false, language: 'en' });
  }

  /** Shows the share's state in its language. */
  show(state: ShareControlState): void {
    const { t } = createI18n(state.language);
    this.#paused = state.paused;
    this.#toolbar.ownerDocument.documentElement.lang = state.language;
    this.#toolbar.setAttribute('aria-label', t('share.bar'));
    this.#toolbar.toggleAttribute('data-paused', state.paused);
    this.#status.textContent = t(state.paused ? 'share.paused' : 'share.sharing');
    this.#pause.textContent = t(state.paused ? 'share.resume' : 'share.pause');
    this.#pause.setAttribute('aria-pressed', String(state.paused));
    this.#stop.textContent = t('share.stop');
  }
}
