import type { MethodName, RequestOf, ResponseOf } from '../../common/protocol';
import { SignalingError } from './errors';
import type { SignalingPort } from './signaling-types';

/** A waiting request: its method (for the error) and how to send it, typed where it was made. */
interface Held {
  method: MethodName;
  send: (client: SignalingPort) => void;
  reject: (error: unknown) => void;
}

/**
 * The signaling a media session holds. It outlives connections: requests go through the engine's current
 * one, and while there is none they wait, to be sent if the next connection resumes the same peer (the
 * server then still has our seat and our peers still have their connections to us) or failed if it doesn't.
 */
export class SignalingRelay implements SignalingPort {
  private client: SignalingPort | null = null;
  private held: Held[] = [];

  /** `limit` bounds what waits during an outage; beyond it requests fail at once. */
  constructor(
    client: SignalingPort | null,
    private readonly limit = 500,
  ) {
    this.client = client;
  }

  /** Sends through `client` from now on, starting with whatever waited. */
  attach(client: SignalingPort): void {
    this.client = client;
    const held = this.held;
    this.held = [];
    for (const h of held) h.send(client);
  }

  /** The connection is gone: requests wait from now on. */
  detach(): void {
    this.client = null;
  }

  /** Fails everything waiting (the connection came back as a different peer, or the session ended). */
  discard(): void {
    this.client = null;
    const held = this.held;
    this.held = [];
    for (const h of held)
      h.reject(new SignalingError('CLOSED', `${h.method}: the connection did not resume`, h.method));
  }

  request<M extends MethodName>(method: M, data: RequestOf<M>): Promise<ResponseOf<M>> {
    if (this.client) return this.client.request(method, data);
    if (this.held.length >= this.limit) {
      return Promise.reject(new SignalingError('CLOSED', `${method}: not connected`, method));
    }
    return new Promise<ResponseOf<M>>((resolve, reject) => {
      this.held.push({ method, send: (client) => client.request(method, data).then(resolve, reject), reject });
    });
  }
}
