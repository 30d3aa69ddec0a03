import { createLogger } from '../../common/log';
import type { CallEndReason, LobbyUser } from '../../common/protocol';
import type { EngineEvents, EngineListener, EnginePort } from '../services/engine-port';
import { Store } from './store';

const log = createLogger('ui', 'lobby');

/** A call being set up or under way, from our side. */
export interface CallParty {
  callId: string;
  peerId: string;
  displayName: string;
}

/** What the lobby view and the incoming-call prompt render. */
export interface LobbyModel {
  online: boolean;
  busy: boolean;
  users: LobbyUser[];
  /** We are calling someone: `callId` is null until the server accepted the invite. */
  outgoing: (Omit<CallParty, 'callId'> & { callId: string | null; ringing: boolean }) | null;
  incoming: CallParty | null;
  /** The call we are in. */
  active: CallParty | null;
  /** Why the last call ended (or never started), with the other person's name. */
  ended: { reason: CallEndReason; displayName: string } | null;
  error: unknown;
}

const initial: LobbyModel = {
  online: false,
  busy: false,
  users: [],
  outgoing: null,
  incoming: null,
  active: null,
  ended: null,
  error: null,
};

/** What the app does when a call connects or ends. */
export interface LobbyCallbacks {
  onCallStarted(call: CallParty & { roomId: string }): void;
  onCallEnded(call: CallParty, reason: CallEndReason): void;
}

/**
 * The lobby of people online and the direct-call flow: invite → ringing → accepted / declined / cancelled /
 * timed out, and incoming calls with accept and decline. One per engine.
 */
export class LobbyStore extends Store<LobbyModel> {
  #engine: EnginePort | null = null;
  #selfId: string | null = null;
  readonly #unsubscribe: (() => void)[] = [];

  constructor(private readonly callbacks: LobbyCallbacks) {
    super(initial);
  }

  /** Follows `engine` (or none), connected as `selfId`: a new engine starts offline. */
  attach(engine: EnginePort | null, selfId: string | null = null): void {
    this.#selfId = selfId;
    if (engine === this.#engine) return;
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#engine = engine;
    this.set(initial);
    if (!engine) return;
    this.#listen(engine, 'lobby', (users) => this.set({ ...this.value, users: this.#others(users) }));
    this.#listen(engine, 'incomingcall', (call) => {
      if (this.value.active || this.value.incoming || this.value.outgoing) return;
      this.set({ ...this.value, incoming: { callId: call.callId, ...call.from }, ended: null });
    });
    this.#listen(engine, 'callringing', (callId) => {
      const out = this.value.outgoing;
      if (out && (out.callId === callId || out.callId === null)) {
        this.set({ ...this.value, outgoing: { ...out, callId, ringing: true } });
      }
    });
    this.#listen(engine, 'callaccepted', ({ callId, roomId }) => {
      const out = this.value.outgoing;
      if (!out || (out.callId !== null && out.callId !== callId)) return;
      const party = { callId, peerId: out.peerId, displayName: out.displayName };
      this.set({ ...this.value, outgoing: null, active: party });
      this.callbacks.onCallStarted({ ...party, roomId });
    });
    this.#listen(engine, 'callended', ({ callId, reason }) => this.#ended(callId, reason));
  }

  #others(users: LobbyUser[]): LobbyUser[] {
    return users.filter((u) => u.peerId !== this.#selfId);
  }

  #listen<E extends keyof EngineEvents>(engine: EnginePort, event: E, listener: EngineListener<E>): void {
    engine.on(event, listener);
    this.#unsubscribe.push(() => engine.off(event, listener));
  }

  #ended(callId: string, reason: CallEndReason): void {
    const { outgoing, incoming, active } = this.value;
    const party =
      [active, incoming].find((p) => p?.callId === callId) ??
      (outgoing && (outgoing.callId === callId || outgoing.callId === null) ? { ...outgoing, callId } : null);
    if (!party) return;
    this.set({
      ...this.value,
      outgoing: outgoing === party || outgoing?.callId === callId ? null : outgoing,
      incoming: incoming?.callId === callId ? null : incoming,
      active: active?.callId === callId ? null : active,
      ended: { reason, displayName: party.displayName },
    });
    if (active?.callId === callId) this.callbacks.onCallEnded(active, reason);
  }

  async #run<T>(what: string, action: (engine: EnginePort) => Promise<T>): Promise<T | undefined> {
    const engine = this.#engine;
    if (!engine) return undefined;
    this.set({ ...this.value, busy: true, error: null });
    try {
      return await action(engine);
    } catch (error) {
      log.error('%s() | %o', what, error);
      this.set({ ...this.value, error });
      return undefined;
    } finally {
      this.set({ ...this.value, busy: false });
    }
  }

  /** Goes online: lists who else is there and receives calls. */
  async enter(): Promise<void> {
    await this.#run('enter', async (engine) => {
      const users = this.#others(await engine.enterLobby());
      this.set({ ...this.value, online: true, users });
    });
  }

  /** Goes offline. */
  async leave(): Promise<void> {
    await this.#run('leave', async (engine) => {
      await engine.leaveLobby();
      this.set({ ...this.value, online: false, users: [] });
    });
  }

  /** Calls `user`; the model shows 'calling…' until it rings, connects or ends. */
  async call(user: LobbyUser): Promise<void> {
    if (this.value.outgoing || this.value.active) return;
    this.set({
      ...this.value,
      outgoing: { callId: null, peerId: user.peerId, displayName: user.displayName, ringing: false },
      ended: null,
    });
    const result = await this.#run('invite', (engine) => engine.invite(user.peerId));
    // Re-read after the await: a ring, an accept or an end may have changed the call meanwhile.
    const out = this.value.outgoing as LobbyModel['outgoing'];
    if (result === undefined) {
      if (out?.callId === null) this.set({ ...this.value, outgoing: null });
      return;
    }
    if (out && out.callId === null) this.set({ ...this.value, outgoing: { ...out, callId: result } });
  }

  /** Stops calling. */
  async cancel(): Promise<void> {
    const out = this.value.outgoing;
    if (!out) return;
    this.set({ ...this.value, outgoing: null, ended: { reason: 'cancelled', displayName: out.displayName } });
    if (out.callId) await this.#run('cancel', (engine) => engine.cancel(out.callId as string));
  }

  /** Accepts the incoming call; the app joins its room. */
  async accept(): Promise<void> {
    const call = this.value.incoming;
    if (!call) return;
    const result = await this.#run('accept', (engine) => engine.accept(call.callId));
    if (!result) {
      this.set({ ...this.value, incoming: null });
      return;
    }
    this.set({ ...this.value, incoming: null, active: call });
    this.callbacks.onCallStarted({ ...call, roomId: result.roomId });
  }

  /** Declines the incoming call. */
  async decline(): Promise<void> {
    const call = this.value.incoming;
    if (!call) return;
    this.set({ ...this.value, incoming: null });
    await this.#run('decline', (engine) => engine.decline(call.callId));
  }

  /** Marks the active call over from our side (the room session already hung up). */
  hungUp(): void {
    const active = this.value.active;
    if (active) this.set({ ...this.value, active: null, ended: { reason: 'hungUp', displayName: active.displayName } });
  }

  /** Forgets the last end reason and error. */
  dismiss(): void {
    this.set({ ...this.value, ended: null, error: null });
  }
}
