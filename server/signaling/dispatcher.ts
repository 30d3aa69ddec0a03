import {
  describeIssue,
  isMethodName,
  methods,
  ProtocolError,
  requestEnvelope,
  type ErrorCode,
  type MethodName,
  type ParsedRequestOf,
  type ResponseEnvelope,
  type ResponseOf,
} from '../../common/protocol';
import { createLogger } from '../log';
import type { Peer, PeerLink } from '../peers/peer';

const log = createLogger('dispatch');

/** What a handler knows about the connection a request came in on. */
export interface ConnectionContext {
  /** The signed-in peer; null until `hello`. */
  readonly peer: Peer | null;
  /** The address the connection comes from (per-address limits count it there). */
  readonly remoteIp: string;
  /** Where this connection's notifications go. */
  readonly link: PeerLink;
  /** Binds the connection to a peer (only `hello` does this). */
  bindPeer(peer: Peer): void;
}

/** The context of a request from a signed-in peer. */
export interface PeerContext extends ConnectionContext {
  readonly peer: Peer;
}

type Answer<M extends MethodName> = ResponseOf<M> | Promise<ResponseOf<M>>;
/** Handles one validated request from a signed-in peer. */
export type Handler<M extends MethodName> = (ctx: PeerContext, data: ParsedRequestOf<M>) => Answer<M>;
/** Handles one validated request that may come before `hello`. */
export type PublicHandler<M extends MethodName> = (ctx: ConnectionContext, data: ParsedRequestOf<M>) => Answer<M>;

interface Entry {
  needsPeer: boolean;
  run: (ctx: ConnectionContext, data: unknown) => unknown;
}

/** A failed response with a stable code and a safe message. */
export function errorResponse(id: number | null, code: ErrorCode, message: string): ResponseEnvelope {
  return { id, ok: false, error: { code, message: message.slice(0, 500) } };
}

/** Best-effort request id of a message that failed validation, so the client can still match the answer. */
function idOf(message: unknown): number | null {
  const id = (message as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

/**
 * Decides whether a request is answered by another server (its room or call lives there); resolves with
 * `{ result }` when it was, undefined when this server handles it.
 */
export type Forwarder = (
  ctx: PeerContext,
  method: MethodName,
  data: unknown,
) => Promise<{ result: unknown } | undefined>;

/**
 * The method → handler registry. `dispatch` turns any parsed JSON value into exactly one response:
 * envelope check, method lookup, hello gate, request schema, handler. A ProtocolError becomes its typed
 * error; any other exception is logged and answered INTERNAL with a generic message.
 */
export class Dispatcher {
  private readonly entries = new Map<MethodName, Entry>();
  private forwarder: Forwarder | null = null;

  /** Sends requests about rooms and calls hosted elsewhere to their server (a cluster). */
  setForwarder(forwarder: Forwarder): void {
    this.forwarder = forwarder;
  }

  /** Registers the handler of a method that needs a signed-in peer. */
  on<M extends MethodName>(method: M, handler: Handler<M>): this {
    return this.add(method, true, (ctx, data) => handler(ctx as PeerContext, data as ParsedRequestOf<M>));
  }

  /** Registers the handler of a method allowed before `hello` (only `hello` itself). */
  onPublic<M extends MethodName>(method: M, handler: PublicHandler<M>): this {
    return this.add(method, false, (ctx, data) => handler(ctx, data as ParsedRequestOf<M>));
  }

  /** True when the method has a handler. */
  has(method: MethodName): boolean {
    return this.entries.has(method);
  }

  /** Answers one request (any JSON value) with a response envelope; never throws. */
  async dispatch(ctx: ConnectionContext, message: unknown): Promise<ResponseEnvelope> {
    const envelope = requestEnvelope.safeParse(message);
    if (!envelope.success) {
      return errorResponse(idOf(message), 'BAD_REQUEST', `envelope: ${describeIssue(envelope.error, requestEnvelope)}`);
    }
    const { id, method, data } = envelope.data;
    const entry = isMethodName(method) ? this.entries.get(method) : undefined;
    if (!isMethodName(method) || !entry) return errorResponse(id, 'UNKNOWN_METHOD', 'unknown method');
    if (entry.needsPeer && !ctx.peer) return errorResponse(id, 'NOT_CONNECTED', 'send hello first');
    // Methods without fields may be sent with no data at all.
    const schema = methods[method].request;
    const parsed = schema.safeParse(data ?? {});
    if (!parsed.success) return errorResponse(id, 'BAD_REQUEST', `${method}: ${describeIssue(parsed.error, schema)}`);
    try {
      const forwarded =
        ctx.peer && this.forwarder ? await this.forwarder(ctx as PeerContext, method, parsed.data) : undefined;
      const result = forwarded ? forwarded.result : await entry.run(ctx, parsed.data);
      return { id, ok: true, data: result };
    } catch (error) {
      if (error instanceof ProtocolError) return errorResponse(id, error.code, error.message);
      log.error('dispatch() | %s failed [peer:%s]: %o', method, ctx.peer?.id ?? '-', error);
      return errorResponse(id, 'INTERNAL', 'internal error');
    }
  }

  private add(method: MethodName, needsPeer: boolean, run: Entry['run']): this {
    if (this.entries.has(method)) throw new TypeError(`handler for ${method} already registered`);
    this.entries.set(method, { needsPeer, run });
    return this;
  }
}
