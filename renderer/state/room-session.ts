import { createLogger } from '../../common/log';
import type { PublishKind, Role } from '../../common/protocol';
import type { LocalMedia } from '../media/local-media';
import type { ScreenProfile } from '../engine/screen-profile';
import type {
  EngineEvents,
  EngineListener,
  EnginePort,
  JoinOptions,
  JoinResult,
  ViewerPage,
} from '../services/engine-port';
import { RoomExtrasStore } from './room-extras-store';
import * as room from './room-model';
import { Store } from './store';

const log = createLogger('ui', 'room-session');

/** A direct call this room belongs to (leaving it hangs up). */
export interface CallInfo {
  callId: string;
  peerName: string;
}

/** Options for a room session. */
export interface RoomSessionOptions {
  engine: EnginePort;
  media: LocalMedia;
  roomId: string;
  role: Role;
  displayName: string;
  /** The room's key (from creating it or a presenter link): presents in a broadcast. */
  presenterKey?: string;
  /** A signed join token from an invitation link (a server with an auth secret): its role decides. */
  token?: string;
  call?: CallInfo | null;
  /** Called after the room is left, whoever ended it. */
  onLeft?: (reason: 'left' | 'closed' | 'replaced') => void;
}

/**
 * One stay in one room: listens to the engine from before the join (so no early track is missed), keeps the
 * room model the room view renders, and turns the user's own camera, microphone and screen on and off.
 */
export class RoomSession extends Store<room.RoomModel> {
  readonly engine: EnginePort;
  readonly call: CallInfo | null;
  /** Chat, hands, reactions and recording: listening from before the join, like the model. */
  readonly extras: RoomExtrasStore;
  readonly #media: LocalMedia;
  readonly #onLeft: (reason: 'left' | 'closed' | 'replaced') => void;
  readonly #token: string | undefined;
  readonly #unsubscribe: (() => void)[] = [];
  #disposed = false;

  constructor(options: RoomSessionOptions) {
    const joining = room.joiningModel(options.roomId, options.role, options.displayName);
    super({ ...joining, presenterKey: options.presenterKey ?? null });
    this.engine = options.engine;
    this.call = options.call ?? null;
    this.extras = new RoomExtrasStore(options.engine);
    this.#media = options.media;
    this.#token = options.token;
    this.#onLeft = options.onLeft ?? (() => {});
    const stream = (track: MediaStreamTrack) => new MediaStream([track]);
    this.#listen('peerjoined', (member) => this.#apply((m) => room.peerJoined(m, member)));
    this.#listen('peerleft', (peerId) => this.#apply((m) => room.peerLeft(m, peerId)));
    this.#listen('published', (peerId, kind) => this.#apply((m) => room.published(m, peerId, kind)));
    this.#listen('unpublished', (peerId, kind) => this.#apply((m) => room.unpublished(m, peerId, kind)));
    this.#listen('pausedchange', (peerId, kind, paused) =>
      this.#apply((m) => room.pausedChanged(m, peerId, kind, paused)),
    );
    this.#listen('track', (remote) => this.#apply((m) => room.trackAdded(m, remote, stream)));
    this.#listen('trackended', (remote) => this.#apply((m) => room.trackEnded(m, remote)));
    this.#listen('viewercount', (viewerCount) => this.#apply((m) => ({ ...m, viewerCount })));
    this.#listen('activespeaker', (activeSpeaker) => this.#apply((m) => ({ ...m, activeSpeaker })));
    this.#listen('roomleft', (reason) => this.#ended(reason));
    // The engine unpublishes by itself when a source ends (the browser's "Stop sharing", an unplugged camera).
    this.#listen('localunpublished', (kind) => {
      const stream = this.value.local[kind];
      if (!stream || this.value.pending.includes(kind)) return;
      this.#apply((m) => room.setLocal(m, kind, null));
      stopAll(stream);
    });
  }

  #listen<E extends keyof EngineEvents>(event: E, listener: EngineListener<E>): void {
    this.engine.on(event, listener);
    this.#unsubscribe.push(() => this.engine.off(event, listener));
  }

  #apply(change: (model: room.RoomModel) => room.RoomModel): void {
    if (!this.#disposed) this.set(change(this.value));
  }

  /** Joins the room; on failure the model carries the error and the promise rejects. */
  async join(): Promise<JoinResult> {
    const { roomId, role, presenterKey } = this.value;
    try {
      const result = await this.engine.joinRoom(roomId, joinOptions(role, presenterKey, this.#token));
      log.debug('join() | joined [room:%s, peer:%s]', result.roomId, result.self.peerId);
      this.#apply((m) => room.applyJoined(m, result));
      return result;
    } catch (error) {
      log.error('join() | %o [room:%s]', error, roomId);
      this.#apply((m) => ({ ...m, error }));
      throw error;
    }
  }

  /** Turns one of our sources on or off. Failures (a denied device, a cancelled picker) land in `error`. */
  async toggle(kind: PublishKind): Promise<void> {
    if (this.value.pending.includes(kind) || this.value.role !== 'presenter') return;
    this.#apply((m) => ({ ...room.setPending(m, kind, true), error: null }));
    try {
      if (this.value.local[kind]) await this.#stop(kind);
      else await this.#start(kind);
    } catch (error) {
      log.error('toggle() | %o [kind:%s]', error, kind);
      this.#apply((m) => ({ ...m, error }));
    } finally {
      this.#apply((m) => room.setPending(m, kind, false));
    }
  }

  /** Turns a source on; `toggle` is the usual way in. */
  async #start(kind: PublishKind): Promise<void> {
    const open = { cam: this.#media.openCamera, mic: this.#media.openMicrophone, screen: this.#media.openScreen }[kind];
    const stream = await open();
    if (this.#disposed) return stopAll(stream);
    try {
      await this.engine.publish(kind, stream);
    } catch (error) {
      stopAll(stream);
      throw error;
    }
    this.#apply((m) => room.setLocal(m, kind, stream));
    if (kind === 'screen') this.#shareChanged();
  }

  /** Picks another source for the running share (the picker again): replaceTrack, no renegotiation, no gap. */
  async switchScreen(): Promise<void> {
    const before = this.value.local.screen;
    if (!before || this.value.pending.includes('screen')) return;
    this.#apply((m) => ({ ...room.setPending(m, 'screen', true), error: null }));
    try {
      await this.#start('screen');
      stopAll(before);
    } catch (error) {
      log.error('switchScreen() | %o', error);
      this.#apply((m) => ({ ...m, error }));
    } finally {
      this.#apply((m) => room.setPending(m, 'screen', false));
    }
  }

  /** Sends the running share as sharp text or smooth motion (takes effect at once, no renegotiation). */
  async setScreenProfile(profile: ScreenProfile): Promise<void> {
    await this.#shareAction('setScreenProfile', () => this.engine.screen.setProfile(profile));
  }

  /** Pauses the share (viewers keep its last frame) or resumes it. */
  async setScreenPaused(paused: boolean): Promise<void> {
    await this.#shareAction('setScreenPaused', () => this.engine.screen.setPaused(paused));
  }

  async #shareAction(what: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      log.error('%s() | %o', what, error);
      this.#apply((m) => ({ ...m, error }));
    }
    this.#shareChanged();
  }

  #shareChanged(): void {
    const { profile, isPaused } = this.engine.screen;
    this.#apply((m) => ({ ...m, share: m.local.screen && profile ? { profile, paused: isPaused } : null }));
  }

  async #stop(kind: PublishKind): Promise<void> {
    const stream = this.value.local[kind];
    this.#apply((m) => room.setLocal(m, kind, null));
    try {
      await this.engine.unpublish(kind);
    } finally {
      if (stream) stopAll(stream);
    }
  }

  /** Leaves the room, hanging up the call it belongs to unless the call already ended. Safe to call twice. */
  async leave(options: { hangUp?: boolean } = {}): Promise<void> {
    if (this.#disposed) return;
    try {
      if (this.call && options.hangUp !== false) await this.engine.hangUp(this.call.callId).catch(() => undefined);
      await this.engine.leaveRoom();
    } catch (error) {
      log.error('leave() | %o', error);
    } finally {
      this.#ended('left');
    }
  }

  /** A page of a broadcast's viewers; only presenters may ask (the server answers others FORBIDDEN). */
  listViewers(after?: number): Promise<ViewerPage> {
    return this.engine.listViewers(after === undefined ? {} : { after });
  }

  /** Forgets the error the room view shows. */
  dismissError(): void {
    this.#apply((m) => ({ ...m, error: null }));
  }

  #ended(reason: 'left' | 'closed' | 'replaced'): void {
    if (this.#disposed) return;
    this.#apply((m) => ({ ...m, phase: 'left', leftReason: reason }));
    this.dispose();
    this.#onLeft(reason);
  }

  /** Stops listening and stops our own tracks. Safe to call twice. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const off of this.#unsubscribe.splice(0)) off();
    this.extras.dispose();
    for (const stream of Object.values(this.value.local)) stopAll(stream);
  }
}

function stopAll(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/**
 * What to ask the engine for. With a token its role decides, so only watching is asked for ('presenter' is every
 * Join button's default wish, which a viewer's token would answer with TOKEN_WRONG_ROLE).
 */
function joinOptions(role: Role, presenterKey: string | null, token: string | undefined): JoinOptions {
  if (token) return role === 'viewer' ? { role, token } : { token };
  return presenterKey ? { role, presenterKey } : { role };
}
