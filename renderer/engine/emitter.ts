import { createLogger } from './log';

const log = createLogger('emitter');

/** An event map: event name → the tuple of arguments its listeners get. */
export type EventMap<E> = { [K in keyof E]: unknown[] };

/** A listener for event `K` of map `E`. */
export type Listener<E extends EventMap<E>, K extends keyof E> = (...args: E[K]) => void;

/** Options of an emitter. */
export interface EmitterOptions {
  /** Called when a listener throws or its promise rejects; the other listeners still run. */
  onListenerError?: (event: string, error: unknown) => void;
}

/**
 * A small typed event emitter whose `emit` is safe: a listener that throws (or rejects) is logged and
 * reported, and the remaining listeners still get the event.
 */
export class Emitter<E extends EventMap<E>> {
  private readonly listeners = new Map<keyof E, Set<Listener<E, keyof E>>>();
  private readonly onListenerError: ((event: string, error: unknown) => void) | undefined;

  constructor(options: EmitterOptions = {}) {
    this.onListenerError = options.onListenerError;
  }

  /** Adds `listener` for `event`; adding the same function twice keeps one. */
  on<K extends keyof E>(event: K, listener: Listener<E, K>): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<E, keyof E>);
    return this;
  }

  /** Removes `listener` (or a `once` wrapper of it) from `event`. */
  off<K extends keyof E>(event: K, listener: Listener<E, K>): this {
    const set = this.listeners.get(event);
    if (!set) return this;
    for (const l of set) {
      if (l === listener || (l as OnceWrapper).original === listener) set.delete(l);
    }
    return this;
  }

  /** Adds `listener` for the next `event` only. */
  once<K extends keyof E>(event: K, listener: Listener<E, K>): this {
    const wrapper: OnceWrapper = (...args: unknown[]) => {
      this.off(event, wrapper as Listener<E, K>);
      (listener as (...a: unknown[]) => void)(...args);
    };
    wrapper.original = listener;
    return this.on(event, wrapper as Listener<E, K>);
  }

  /** Number of listeners of `event`. */
  listenerCount(event: keyof E): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** Removes every listener of `event`, or of every event. */
  removeAllListeners(event?: keyof E): this {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
    return this;
  }

  /** Calls each listener of `event` in order; returns whether there was any. Never throws. */
  emit<K extends keyof E>(event: K, ...args: E[K]): boolean {
    const set = this.listeners.get(event);
    if (!set || set.size === 0) return false;
    // A copy: listeners may add or remove listeners (once does) while we iterate.
    for (const listener of [...set]) {
      try {
        const result: unknown = listener(...args);
        if (isThenable(result)) result.then(undefined, (error: unknown) => this.report(event, error));
      } catch (error) {
        this.report(event, error);
      }
    }
    return true;
  }

  /** Where a throwing listener is reported; subclasses may override (the engine turns it into `error`). */
  protected listenerError(event: string, error: unknown): void {
    this.onListenerError?.(event, error);
  }

  private report(event: keyof E, error: unknown): void {
    log.error('emit() | listener of %s threw: %o', String(event), error);
    try {
      this.listenerError(String(event), error);
    } catch (inner) {
      log.error('emit() | listenerError threw: %o', inner);
    }
  }
}

type OnceWrapper = ((...args: unknown[]) => void) & { original?: unknown };

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
