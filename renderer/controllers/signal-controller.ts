import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Runs `subscribe` with a fresh AbortSignal each time the host connects and aborts it when the host disconnects:
 * for bridge pushes and DOM listeners that take a signal.
 */
export class SignalController implements ReactiveController {
  #abort: AbortController | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly subscribe: (signal: AbortSignal) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#abort?.abort();
    this.#abort = new AbortController();
    this.subscribe(this.#abort.signal);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = null;
  }
}
