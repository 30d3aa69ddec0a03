import type { ResponseOf } from '../../common/protocol';
import { hasCode, InvalidStateError } from './errors';
import { createLogger } from './log';
import { SignalingClient } from './signaling-client';
import type { WebSocketCtor } from './signaling-types';

const log = createLogger('core');

/** What a peer needs to resume its identity on a new connection. */
export interface Credentials {
  peerId: string;
  secret: string;
}

/** Options of a connector. */
export interface ConnectorOptions {
  /** The address to connect to now (the engine's server list moves on when one does not answer). */
  serverUrl: () => string;
  displayName: string;
  WebSocket?: WebSocketCtor;
  timeoutMs?: number;
}

/** A connection that said hello: the client, the server's answer, and whether the old identity was kept. */
export interface Connected {
  client: SignalingClient;
  hello: ResponseOf<'hello'>;
  resumed: boolean;
}

/** Opens a connection and says hello, resuming the previous identity when the server still knows it. */
export class Connector {
  constructor(private readonly options: ConnectorOptions) {}

  /**
   * Connects; `wire` is called with the client before anything can arrive on it. With `resume`, a server that
   * refuses it (restarted, forgot us) gets a fresh hello on the same connection and a new peer id comes back.
   * `cancelled` is asked once the socket is open: a caller closed meanwhile gets no hello sent on its behalf.
   */
  async connect(
    resume: Credentials | null,
    wire: (client: SignalingClient) => void,
    cancelled: () => boolean = () => false,
  ): Promise<Connected> {
    const { serverUrl, WebSocket, timeoutMs } = this.options;
    const client = new SignalingClient({ url: serverUrl(), WebSocket, timeoutMs });
    wire(client);
    try {
      return await this.signIn(client, resume, cancelled);
    } catch (error) {
      client.close();
      // A socket opened ahead of time that the server closed meanwhile (a short --hello-timeout-ms) says nothing
      // about the server: try once more on a socket of our own.
      if (!client.openedAhead || !hasCode(error, 'CLOSED') || cancelled()) throw error;
      log.warn('connect() | the socket opened ahead was closed (%s): opening a new one', (error as Error).message);
      return this.connect(resume, wire, cancelled);
    }
  }

  /** Opens `client`'s socket and says hello on it (resuming `resume` when the server still knows it). */
  private async signIn(
    client: SignalingClient,
    resume: Credentials | null,
    cancelled: () => boolean,
  ): Promise<Connected> {
    const { displayName } = this.options;
    await client.open();
    if (cancelled()) throw new InvalidStateError('connect() | cancelled');
    if (resume) {
      try {
        return { client, hello: await client.request('hello', { displayName, resume }), resumed: true };
      } catch (error) {
        // Transport trouble says nothing about the server's memory: retry the resume later.
        if (hasCode(error, 'CLOSED', 'TIMEOUT', 'RATE_LIMITED')) throw error;
        log.warn('connect() | resume refused (%s), connecting as a new peer', (error as Error).message);
      }
    }
    return { client, hello: await client.request('hello', { displayName }), resumed: false };
  }
}
