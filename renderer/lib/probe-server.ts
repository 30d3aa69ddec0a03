/** The slice of the WebSocket constructor a probe needs; tests pass the `ws` package's. */
export type WebSocketLike = new (url: string) => {
  addEventListener(type: 'open' | 'error' | 'close', listener: () => void): void;
  close(): void;
};

/** How long a probe waits for the server to answer. */
export const PROBE_TIMEOUT_MS = 5_000;

/**
 * True when a WebSocket to `url` opens within `timeoutMs`: the check an address must pass before settings keep it,
 * so an address that never connected is never saved. The socket is closed at once either way.
 */
export function probeServer(
  url: string,
  options: { timeoutMs?: number; WebSocketImpl?: WebSocketLike } = {},
): Promise<boolean> {
  const { timeoutMs = PROBE_TIMEOUT_MS, WebSocketImpl = WebSocket } = options;
  return new Promise((resolve) => {
    let socket: InstanceType<WebSocketLike>;
    try {
      socket = new WebSocketImpl(url);
    } catch {
      resolve(false);
      return;
    }
    let done = false;
    const finish = (reachable: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      resolve(reachable);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.addEventListener('open', () => finish(true));
    socket.addEventListener('error', () => finish(false));
    socket.addEventListener('close', () => finish(false));
  });
}
