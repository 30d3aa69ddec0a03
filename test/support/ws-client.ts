import WebSocket from 'ws';
import {
  describeIssue,
  methods,
  notificationEnvelope,
  notifications as notificationSchemas,
  isNotificationName,
  responseEnvelope,
  type ErrorCode,
  type MethodName,
  type NotificationName,
  type NotificationOf,
  type RequestOf,
  type ResponseOf,
} from '../../common/protocol';

/** A failed response: `code` is the server's stable error code. */
export class SignalingError extends Error {
  readonly code: ErrorCode;

  constructor(method: string, code: ErrorCode, message: string) {
    super(`${method} failed with ${code}: ${message}`);
    this.name = 'SignalingError';
    this.code = code;
  }
}

type Listener<N extends NotificationName> = (data: NotificationOf<N>) => void;

/** Typed pushes from the server, kept in arrival order so a waiter never misses one that came first. */
export interface NotificationStream {
  /** Calls `listener` for every later `name` notification; returns the unsubscribe function. */
  on<N extends NotificationName>(name: N, listener: Listener<N>): () => void;
  /** Resolves with the first `name` notification, received so far or later, that matches `predicate`. */
  waitFor<N extends NotificationName>(
    name: N,
    predicate?: (data: NotificationOf<N>) => boolean,
    timeoutMs?: number,
  ): Promise<NotificationOf<N>>;
}

/** A signaling connection speaking the shared protocol over `ws`. */
export interface SignalingClient {
  request<M extends MethodName>(method: M, data: RequestOf<M>, timeoutMs?: number): Promise<ResponseOf<M>>;
  readonly notifications: NotificationStream;
  /** Messages that did not match the protocol (a server bug a test may assert on). */
  readonly violations: string[];
  /** Resolves once the socket is closed, by either side. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

interface Pending {
  method: MethodName;
  resolve: (data: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Opens a signaling connection to `wsUrl` (e.g. ws://127.0.0.1:<port>) and resolves once it is open. */
export async function connectSignaling(
  wsUrl: string,
  connectTimeoutMs = 5000,
  /** Extra `ws` options: headers (Origin, Host), a CA for wss… */
  options: WebSocket.ClientOptions = {},
): Promise<SignalingClient> {
  const ws = new WebSocket(wsUrl, { handshakeTimeout: connectTimeoutMs, ...options });
  const pending = new Map<number, Pending>();
  const received: { name: NotificationName; data: unknown }[] = [];
  const listeners = new Set<{ name: NotificationName; fn: (data: unknown) => void }>();
  const violations: string[] = [];
  let nextId = 1;

  const closed = new Promise<void>((resolve) =>
    ws.once('close', () => {
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error(`${p.method}: the signaling connection closed before the response`));
      }
      pending.clear();
      resolve();
    }),
  );

  /** Settles the request a response answers; returns what was wrong with the frame, if anything. */
  const onResponse = (message: unknown): string | undefined => {
    const response = responseEnvelope.safeParse(message);
    if (!response.success) return `response: ${describeIssue(response.error)}`;
    const p = response.data.id === null ? undefined : pending.get(response.data.id);
    if (!p) return `a response to no pending request (id ${response.data.id})`;
    pending.delete(response.data.id!);
    clearTimeout(p.timer);
    if (!response.data.ok) {
      p.reject(new SignalingError(p.method, response.data.error.code, response.data.error.message));
      return undefined;
    }
    const data = methods[p.method].response.safeParse(response.data.data ?? {});
    if (data.success) p.resolve(data.data);
    else p.reject(new Error(`${p.method}: response ${describeIssue(data.error)}`));
    return undefined;
  };

  /** Records and dispatches a notification; returns what was wrong with the frame, if anything. */
  const onNotification = (message: unknown): string | undefined => {
    const envelope = notificationEnvelope.safeParse(message);
    if (!envelope.success) return `notification: ${describeIssue(envelope.error)}`;
    const name = envelope.data.method;
    if (!isNotificationName(name)) return `unknown notification ${name}`;
    const data = notificationSchemas[name].safeParse(envelope.data.data ?? {});
    if (!data.success) return `${name}: ${describeIssue(data.error)}`;
    received.push({ name, data: data.data });
    for (const l of [...listeners]) if (l.name === name) l.fn(data.data);
    return undefined;
  };

  ws.on('message', (raw) => {
    let message: unknown;
    try {
      message = JSON.parse(raw.toString());
    } catch {
      violations.push('a frame that is not JSON');
      return;
    }
    const isResponse = message !== null && typeof message === 'object' && 'ok' in message;
    const problem = isResponse ? onResponse(message) : onNotification(message);
    if (problem) violations.push(problem);
  });

  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('error', () => undefined); // Errors after open surface as 'close', which rejects what is pending.

  const on = <N extends NotificationName>(name: N, fn: Listener<N>) => {
    const entry = { name, fn: fn as (data: unknown) => void };
    listeners.add(entry);
    return () => void listeners.delete(entry);
  };

  return {
    violations,
    closed,
    notifications: {
      on,
      waitFor: (name, predicate = () => true, timeoutMs = 10_000) =>
        new Promise((resolve, reject) => {
          type Data = NotificationOf<typeof name>;
          const earlier = received.find((n) => n.name === name && predicate(n.data as Data));
          if (earlier) return resolve(earlier.data as Data);
          const timer = setTimeout(() => {
            off();
            reject(new Error(`no ${name} notification within ${timeoutMs} ms`));
          }, timeoutMs);
          const off = on(name, (data) => {
            if (!predicate(data)) return;
            clearTimeout(timer);
            off();
            resolve(data);
          });
        }),
    },
    request: (method, data, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (ws.readyState !== WebSocket.OPEN) return reject(new Error(`${method}: the signaling connection is closed`));
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${method}: no response within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { method, resolve: resolve as (data: unknown) => void, reject, timer });
        ws.send(JSON.stringify({ id, method, data }));
      }),
    close: async () => {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      const timer = setTimeout(() => ws.terminate(), 2000);
      await closed;
      clearTimeout(timer);
    },
  };
}
