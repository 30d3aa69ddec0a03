import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `onVisible` each time the page becomes visible again while the host is connected. The room view uses
 * it to ask for fresh keyframes: a tab that was in the background may hold a stale or broken picture, and a
 * screen share, which makes few keyframes of its own, would stay that way for seconds.
 */
export class VisibilityController implements ReactiveController {
  readonly #listener = () => {
    if (this.page.visibilityState === 'visible') this.onVisible();
  };

  constructor(
    host: ReactiveControllerHost,
    private readonly onVisible: () => void,
    private readonly page: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'> = document,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.page.addEventListener('visibilitychange', this.#listener);
  }

  hostDisconnected(): void {
    this.page.removeEventListener('visibilitychange', this.#listener);
  }
}
