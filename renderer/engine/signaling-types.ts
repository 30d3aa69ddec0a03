import type { MethodName, NotificationName, NotificationOf, RequestOf, ResponseOf } from '../../common/protocol';

/** Any valid notification as a tagged union, so a `switch (n.name)` narrows `n.data`. */
export type AnyNotification = { [N in NotificationName]: { name: N; data: NotificationOf<N> } }[NotificationName];

/** The part of the signaling client a media session needs: typed requests. */
export interface SignalingPort {
  request<M extends MethodName>(method: M, data: RequestOf<M>): Promise<ResponseOf<M>>;
}

/** The subset of the WebSocket API the client uses, so tests can pass a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** A WebSocket constructor (the platform's, or a fake). */
export type WebSocketCtor = new (url: string) => WebSocketLike;
