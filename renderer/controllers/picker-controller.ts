import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MoimBridge } from '../bridge/bridge';
import type { PickerChoice, PickerRequest } from '../bridge/types';

/**
 * The screen-source picker's request while the host is connected: main asks through the bridge, the user's choice
 * goes back once, and a request already answered is not shown again.
 */
export class PickerController implements ReactiveController {
  #request: PickerRequest | null = null;
  #abort: AbortController | null = null;
  readonly #answered = new Set<string>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly bridge: () => MoimBridge,
  ) {
    host.addController(this);
  }

  /** The request to show, or null when no picker is open. */
  get request(): PickerRequest | null {
    return this.#request;
  }

  /** Sends the user's choice to main and closes the picker. */
  answer(choice: PickerChoice): void {
    this.#answered.add(choice.requestId);
    this.#set(null);
    void this.bridge().answerPicker(choice);
  }

  hostConnected(): void {
    this.#abort?.abort();
    this.#abort = new AbortController();
    this.bridge().onPickerRequest((request) => {
      if (!this.#answered.has(request.requestId)) this.#set(request);
    }, this.#abort.signal);
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = null;
  }

  #set(request: PickerRequest | null): void {
    this.#request = request;
    this.host.requestUpdate();
  }
}
