import { serverMessage, type ServerMessage } from '../../common/cluster/messages';
import { ProtocolError, type ResponseEnvelope } from '../../common/protocol';
import type { Clock, TimerHandle } from '../clock';
import { createLogger } from '../log';
import type { ClusterBus } from './cluster-backend';

const log = createLogger('cluster:rpc');

/** How long a forwarded request waits for the server that hosts its room or call. */
export const FORWARD_TIMEOUT_MS = 5_000;

type Request = Extract<ServerMessage, { kind: 'request' }>;
type Notify = Extract<ServerMessage, { kind: 'notify' }>;
type PipeAsk = Extract<ServerMessage, { kind: 'pipe' }>;
type PipeNotice = Extract<ServerMessage, { kind: 'pipeEvent' }>;

/** Bus channel of one server: requests, responses and notifications addressed to it. */
export const serverChannel = (server: string): string => `moim:srv:${server}`;

/** What this server does with messages addressed to it. */
export interface RpcHandlers {
  /** Runs a request a peer on another server made of a room or call hosted here. */
  serve(request: Request): Promise<ResponseEnvelope>;
  /** Delivers a notification to a peer signed in here. */
  deliver(notify: Notify): void;
  /** Answers another server's request about a media pipe of a room hosted here. */
  servePipe(request: PipeAsk): Promise<ResponseEnvelope>;
  /** Follows a change on the other end of a media pipe. */
  pipeEvent(event: PipeNotice): void;
}

/** Requests to other servers with their answers, and this server's own channel on the bus. */
export class ClusterRpc {
  private nextId = 1;
  private readonly pending = new Map<number, { settle: (r: ResponseEnvelope) => void; timer: TimerHandle }>();

  constructor(
    private readonly me: string,
    private readonly bus: ClusterBus,
    private readonly clock: Clock,
  ) {}

  /** Subscribes to this server's channel. */
  async listen(handlers: RpcHandlers): Promise<void> {
    await this.bus.subscribe(serverChannel(this.me), (raw) => {
      const parsed = serverMessage.safeParse(raw);
      if (!parsed.success) return log.warn('listen() | dropped a malformed cluster message');
      const message = parsed.data;
      if (message.kind === 'notify') return handlers.deliver(message);
      if (message.kind === 'response') return this.pending.get(message.requestId)?.settle(toEnvelope(message));
      if (message.kind === 'pipeEvent') return handlers.pipeEvent(message);
      const answering = message.kind === 'pipe' ? handlers.servePipe(message) : handlers.serve(message);
      void answering.then((answer) => {
        const { requestId, from } = message;
        const reply = answer.ok
          ? { kind: 'response', requestId, ok: true, data: answer.data }
          : { kind: 'response', requestId, ok: false, error: answer.error };
        this.bus.publish(serverChannel(from), reply);
      });
    });
  }

  /** Runs `method` on `server` for `peer`; resolves with its result or throws its ProtocolError. */
  request(server: string, peer: Request['peer'], method: string, data: unknown): Promise<unknown> {
    return this.ask(server, method, (requestId) => ({ kind: 'request', from: this.me, requestId, peer, method, data }));
  }

  /** Asks `server` something about a media pipe; resolves with its (unchecked) answer or throws its ProtocolError. */
  requestPipe(server: string, data: PipeAsk['data']): Promise<unknown> {
    return this.ask(server, data.op, (requestId) => ({ kind: 'pipe', from: this.me, requestId, data }));
  }

  /** Tells `server` about a change on this end of a media pipe. */
  pipeEvent(server: string, data: PipeNotice['data']): void {
    this.bus.publish(serverChannel(server), { kind: 'pipeEvent', from: this.me, data });
  }

  private ask(server: string, what: string, message: (requestId: number) => ServerMessage): Promise<unknown> {
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      const settle = (answer: ResponseEnvelope): void => {
        this.clock.clearTimeout(entry.timer);
        this.pending.delete(requestId);
        if (answer.ok) resolve(answer.data);
        else reject(new ProtocolError(answer.error.code, answer.error.message));
      };
      const timer = this.clock.setTimeout(() => {
        log.warn('request() | no answer from %s [method:%s]', server, what);
        settle({ id: null, ok: false, error: { code: 'INTERNAL', message: 'the server hosting this did not answer' } });
      }, FORWARD_TIMEOUT_MS);
      const entry = { settle, timer };
      this.pending.set(requestId, entry);
      this.bus.publish(serverChannel(server), message(requestId));
    });
  }

  /** Sends a notification to a peer signed in on `server`. */
  notify(server: string, peerId: string, name: string, data: unknown): void {
    this.bus.publish(serverChannel(server), { kind: 'notify', from: this.me, peerId, name, data });
  }

  /** Fails every request still waiting (shutdown). */
  close(): void {
    for (const { settle } of [...this.pending.values()]) {
      settle({ id: null, ok: false, error: { code: 'INTERNAL', message: 'the server is shutting down' } });
    }
  }
}

function toEnvelope(message: Extract<ServerMessage, { kind: 'response' }>): ResponseEnvelope {
  if (message.ok) return { id: 0, ok: true, data: message.data };
  return { id: null, ok: false, error: message.error ?? { code: 'INTERNAL', message: 'failed elsewhere' } };
}
