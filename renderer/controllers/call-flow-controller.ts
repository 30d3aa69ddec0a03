import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Role } from '../../common/protocol';
import type { MoimBridge } from '../bridge/bridge';
import type { Settings } from '../bridge/types';
import type { CreateRoomDetail, JoinRoomDetail } from '../components/home-view';
import { errorMessageKey, isCancelled } from '../lib/errors';
import { toRtcIceServers } from '../lib/ice-servers';
import type { RoomAddress } from '../lib/links';
import { addRecentRoom } from '../lib/settings';
import type { LocalMedia } from '../media/local-media';
import type { EnginePort } from '../services/engine-port';
import type { AudioSessionStore } from '../state/audio-session-store';
import type { EngineHost } from '../state/engine-host';
import type { CallParty, LobbyStore } from '../state/lobby-store';
import { RoomSession, type CallInfo } from '../state/room-session';
import type { NoticeController } from './notice-controller';

/** What the call flow needs from the app shell. */
export interface CallFlowOptions {
  settings: () => Settings | undefined;
  bridge: () => MoimBridge;
  engineHost: EngineHost;
  media: LocalMedia;
  lobby: LobbyStore;
  audioSession: AudioSessionStore;
  notices: NoticeController;
  /** Switches the shell to one of the views the flow leads to. */
  show: (view: 'home' | 'room' | 'lobby') => void;
  saveSettings: (patch: Partial<Settings>) => Promise<void>;
}

interface FlowState {
  room: RoomSession | null;
  roomServer: string;
  busy: boolean;
  prefill: RoomAddress | null;
}

/**
 * Getting into rooms and out again: create, join, open a link, place and answer direct calls, go online in the
 * lobby, join an audio session; connects the engine first and shows what went wrong as a notice.
 */
export class CallFlowController implements ReactiveController {
  #state: FlowState = { room: null, roomServer: '', busy: false, prefill: null };
  /** The server address last typed on Home, saved once a connection to it succeeds. */
  #typedServer: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: CallFlowOptions,
  ) {
    host.addController(this);
  }

  /** The room this window is in, if any. */
  get room(): RoomSession | null {
    return this.#state.room;
  }
  /** The server address of `room`. */
  get roomServer(): string {
    return this.#state.roomServer;
  }
  /** True while creating or joining: buttons wait. */
  get busy(): boolean {
    return this.#state.busy;
  }
  /** A room to offer on the home view (from a link, or a failed join to retry). */
  get prefill(): RoomAddress | null {
    return this.#state.prefill;
  }

  hostConnected(): void {}

  /** Home's name is kept at once; its server address only once a connection to it succeeded (see #acquire). */
  homeSettings(patch: Partial<Settings>): void {
    const { serverUrl, ...rest } = patch;
    this.#typedServer = serverUrl ?? null;
    void this.options.saveSettings(rest);
  }

  /** Connects the engine to `serverUrl` under `displayName`, with the ICE servers and TURN password of settings. */
  async acquire(serverUrl: string, displayName: string): Promise<EnginePort> {
    const { settings, bridge, engineHost, saveSettings } = this.options;
    const credential = await bridge()
      .getSecret('turnCredential')
      .catch(() => null);
    const iceServers = toRtcIceServers(settings()?.iceServers ?? [], credential);
    const engine = await engineHost.acquire({ serverUrl, displayName, iceServers });
    if (serverUrl === this.#typedServer && serverUrl !== settings()?.serverUrl) void saveSettings({ serverUrl });
    return engine;
  }

  /** Creates a room and enters it as its presenter. */
  create({ mode, serverUrl, displayName }: CreateRoomDetail): void {
    void this.#whileBusy(async () => {
      const engine = await this.acquire(serverUrl, displayName);
      const { roomId, presenterKey } = await engine.createRoom({ mode });
      await this.#enterRoom(engine, { roomId, presenterKey, serverUrl, role: 'presenter', displayName });
    });
  }

  /** Joins a room by id or link. */
  join(detail: JoinRoomDetail): void {
    void this.#whileBusy(async () => {
      const engine = await this.acquire(detail.serverUrl, detail.displayName);
      await this.#enterRoom(engine, detail);
    });
  }

  /** Opens a join link: joins at once when we know the user's name, else offers it on the home view. */
  async openLink(link: RoomAddress): Promise<void> {
    if (this.room) return;
    const displayName = this.options.settings()?.displayName.trim() ?? '';
    if (!displayName) {
      this.#set({ prefill: link });
      this.options.show('home');
      this.options.notices.show({ key: 'room.linkNeedsName', info: true });
      return;
    }
    await this.#whileBusy(async () => {
      const engine = await this.acquire(link.serverUrl, displayName);
      await this.#enterRoom(engine, { ...link, role: 'presenter', displayName });
    });
  }

  /** A direct call was accepted: enter its private room with microphone and camera on. */
  async startCall(call: CallParty & { roomId: string }): Promise<void> {
    const { serverUrl, displayName } = this.options.settings() ?? { serverUrl: '', displayName: '' };
    await this.#whileBusy(
      async () => {
        const engine = await this.acquire(serverUrl, displayName);
        await this.#enterRoom(engine, {
          roomId: call.roomId,
          serverUrl,
          role: 'presenter',
          displayName,
          call: { callId: call.callId, peerName: call.displayName },
        });
      },
      (error) => {
        this.#showError(error);
        this.options.show('lobby');
      },
    );
  }

  /** The other side ended a call: leave its room if we are in it. */
  callEnded(call: CallParty): void {
    if (this.room?.call?.callId === call.callId) void this.room.leave({ hangUp: false });
  }

  /** Goes online under the name the lobby shows (the one typed on Home unless changed there). */
  goOnline(displayName: string): void {
    const { settings, saveSettings, lobby } = this.options;
    if (displayName !== settings()?.displayName) void saveSettings({ displayName });
    void this.#whileBusy(async () => {
      await this.acquire(settings()?.serverUrl ?? '', displayName);
      await lobby.enter();
    });
  }

  /** Joins a device audio session with its id and token. */
  joinSession(sessionId: string, token: string): void {
    const { serverUrl, displayName } = this.options.settings() ?? { serverUrl: '', displayName: '' };
    void this.#whileBusy(async () => {
      const engine = await this.acquire(serverUrl, displayName.trim() || 'Moim');
      await this.options.audioSession.join(engine, sessionId, token);
    });
  }

  async #whileBusy(action: () => Promise<void>, onError: (error: unknown) => void = (e) => this.#showError(e)) {
    this.#set({ busy: true });
    this.options.notices.clear();
    try {
      await action();
    } catch (error) {
      onError(error);
    } finally {
      this.#set({ busy: false });
    }
  }

  #showError(error: unknown): void {
    // Connection failures already show in the banner.
    if (!isCancelled(error) && error !== this.options.engineHost.value.error)
      this.options.notices.show({ key: errorMessageKey(error) });
  }

  async #enterRoom(
    engine: EnginePort,
    target: RoomAddress & { role: Role; displayName: string; call?: CallInfo },
  ): Promise<void> {
    const { media, settings, show } = this.options;
    this.room?.dispose();
    const session: RoomSession = new RoomSession({
      engine,
      media,
      roomId: target.roomId,
      role: target.role,
      displayName: target.displayName,
      presenterKey: target.presenterKey,
      token: target.token,
      call: target.call ?? null,
      onLeft: (reason) => this.#roomLeft(session, reason),
    });
    this.#set({ room: session, roomServer: target.serverUrl });
    show('room');
    try {
      await session.join();
    } catch (error) {
      if (this.room === session) {
        session.dispose();
        this.#set({ room: null });
        show(target.call ? 'lobby' : 'home');
        // The home view comes back new: give it the room id again, so a typo can be fixed.
        // An invitation's token stays with it: its error says what is wrong with the token, not with the room id.
        const { roomId, serverUrl, token } = target;
        if (!target.call) this.#set({ prefill: { roomId, serverUrl, ...(token ? { token } : {}) } });
      }
      throw error;
    }
    this.#set({ prefill: null });
    const current = settings();
    if (target.call) {
      // A direct call is a video call: start with microphone and camera on.
      await session.toggle('mic');
      await session.toggle('cam');
    } else if (current) {
      const entry = { roomId: target.roomId, serverUrl: target.serverUrl, joinedAt: Date.now() };
      void this.options.saveSettings({ recentRooms: addRecentRoom(current.recentRooms, entry) });
    }
  }

  #roomLeft(session: RoomSession, reason: 'left' | 'closed' | 'replaced'): void {
    if (this.room !== session) return;
    this.#set({ room: null });
    if (session.call) this.options.lobby.hungUp();
    this.options.show(session.call ? 'lobby' : 'home');
    if (reason === 'closed') this.options.notices.show({ key: 'room.closed' });
    if (reason === 'replaced') this.options.notices.show({ key: 'room.replaced' });
  }

  #set(patch: Partial<FlowState>): void {
    this.#state = { ...this.#state, ...patch };
    this.host.requestUpdate();
  }
}
