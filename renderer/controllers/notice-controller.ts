import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MessageKey } from '../i18n';

/** A message for the user: an error unless `info` (a next step, not something that went wrong). */
export interface Notice {
  key: MessageKey;
  params?: Record<string, string>;
  info?: boolean;
}

/** The one notice the app shell shows above its view; setting it re-renders the host. */
export class NoticeController implements ReactiveController {
  #value: Notice | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The notice shown now, if any. */
  get value(): Notice | null {
    return this.#value;
  }

  /** Shows `notice`, replacing the one before. */
  show(notice: Notice): void {
    this.#value = notice;
    this.host.requestUpdate();
  }

  /** Takes the notice away. */
  clear(): void {
    this.#value = null;
    this.host.requestUpdate();
  }

  hostConnected(): void {}
}
