import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Anything with a current value that reports changes (method syntax keeps it assignable from any Store<T>). */
export interface Readable<T> {
  readonly value: T;
  subscribe(listener: (value: T) => void): () => void;
}

/** A value that changes over time and tells its listeners; the value is replaced, never mutated. */
export class Store<T> {
  #value: T;
  readonly #listeners = new Set<(value: T) => void>();

  constructor(initial: T) {
    this.#value = initial;
  }

  get value(): T {
    return this.#value;
  }

  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  protected set(value: T): void {
    if (value === this.#value) return;
    this.#value = value;
    for (const listener of [...this.#listeners]) {
      try {
        listener(value);
      } catch (error) {
        // One throwing listener must not starve the others; surface it without breaking the loop.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

/** Re-renders its host whenever the store it watches changes, for as long as the host is connected. */
export class StoreController implements ReactiveController {
  #unsubscribe: (() => void) | null = null;
  #store: Readable<unknown> | null;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    store: Readable<unknown> | null = null,
  ) {
    this.#store = store;
    host.addController(this);
  }

  /** Watches another store (or none); the host re-renders. */
  set store(store: Readable<unknown> | null) {
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#store = store;
    if (store && this.#connected) this.#unsubscribe = store.subscribe(() => this.host.requestUpdate());
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#unsubscribe = this.#store?.subscribe(() => this.host.requestUpdate()) ?? null;
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}
