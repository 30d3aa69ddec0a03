import { afterEach, beforeEach, vi } from 'vitest';
import type { JoinResult, RemoteStats } from '../../../../renderer/engine';
import { StatsSampler } from '../../../../renderer/engine/stats-sampler';
import type { EngineEvents, EngineListener, EnginePort } from '../../../../renderer/services/engine-port';
import type { LocalMedia } from '../../../../renderer/media/local-media';

/** An EnginePort whose methods are vi.fn()s and whose events the test emits. */
export class FakeEngine implements EnginePort {
  readonly #listeners = new Map<keyof EngineEvents, Set<unknown>>();
  peerId: string | null = 'me';
  localStreams: Partial<Record<'cam' | 'mic' | 'screen', MediaStream>> = {};

  connect = vi.fn(async () => 'me');
  createRoom = vi.fn(async () => ({ roomId: 'room1', presenterKey: 'k'.repeat(22) }));
  joinRoom = vi.fn(async (roomId: string, options?: { role?: 'presenter' | 'viewer' }): Promise<JoinResult> => ({
    roomId,
    mode: 'p2p',
    self: { peerId: 'me', displayName: 'Me', role: options?.role ?? 'presenter', published: [] },
    members: [],
    viewerCount: 0,
  }));
  publish = vi.fn(async (_kind: string, stream?: MediaStream) => stream ?? fakeStream().stream);
  unpublish = vi.fn(async () => undefined);
  leaveRoom = vi.fn(async () => undefined);
  close = vi.fn();
  getStats = vi.fn(async (): Promise<RemoteStats[]> => []);
  setVideoSize = vi.fn();
  screen = {
    profile: 'text',
    isPaused: false,
    setProfile: vi.fn(async () => undefined),
    setPaused: vi.fn(async () => undefined),
  } as unknown as EnginePort['screen'];
  repairMedia = vi.fn();
  listViewers = vi.fn(async () => ({ viewers: [{ peerId: 'v1', displayName: 'Vi' }], total: 1, next: null }));
  enterLobby = vi.fn(async () => [
    { peerId: 'me', displayName: 'Me', busy: false },
    { peerId: 'bo', displayName: 'Bo', busy: false },
  ]);
  leaveLobby = vi.fn(async () => undefined);
  invite = vi.fn(async () => 'call1');
  accept = vi.fn(async (callId: string) => ({ callId, roomId: 'callroom' }));
  decline = vi.fn(async () => undefined);
  cancel = vi.fn(async () => undefined);
  hangUp = vi.fn(async () => undefined);
  joinSession = vi.fn(async (sessionId: string) => ({ sessionId, peerId: 'me', idleTimeoutMs: 3000 }));
  heartbeat = vi.fn(async () => undefined);
  endSession = vi.fn(async () => undefined);
  /** A sampler that never samples: no room media in these tests. */
  health = new StatsSampler({ sources: async () => [], localKindOf: () => undefined });
  extras = {
    startRecording: vi.fn(async () => 'recording.webm'),
    stopRecording: vi.fn(async () => undefined),
    raiseHand: vi.fn(async () => undefined),
    lowerHand: vi.fn(async () => undefined),
    react: vi.fn(async () => undefined),
    sendChat: vi.fn(async () => undefined),
  };

  on<E extends keyof EngineEvents>(event: E, listener: EngineListener<E>): void {
    const set = this.#listeners.get(event) ?? new Set();
    set.add(listener);
    this.#listeners.set(event, set);
  }

  off<E extends keyof EngineEvents>(event: E, listener: EngineListener<E>): void {
    this.#listeners.get(event)?.delete(listener);
  }

  emit<E extends keyof EngineEvents>(event: E, ...args: EngineEvents[E]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) (listener as EngineListener<E>)(...args);
  }

  listenerCount(): number {
    return [...this.#listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

/** A stand-in MediaStream/track pair for Node, where WebRTC types don't exist. */
export function fakeStream(kind: 'audio' | 'video' = 'video') {
  const track = { id: `t-${Math.random()}`, kind, stop: vi.fn(), enabled: true, addEventListener: vi.fn() };
  const stream = {
    id: `s-${Math.random()}`,
    getTracks: () => [track],
    getVideoTracks: () => (kind === 'video' ? [track] : []),
    getAudioTracks: () => (kind === 'audio' ? [track] : []),
  };
  return { stream: stream as unknown as MediaStream, track };
}

/** LocalMedia whose every open resolves a fake stream of the kind, recorded in `opened`. */
export function fakeMedia(): LocalMedia & { opened: ReturnType<typeof fakeStream>[] } {
  const opened: ReturnType<typeof fakeStream>[] = [];
  const open = (kind: 'audio' | 'video') => async () => {
    const s = fakeStream(kind);
    opened.push(s);
    return s.stream;
  };
  return {
    opened,
    openCamera: open('video'),
    openMicrophone: open('audio'),
    openScreen: open('video'),
    getUserMedia: open('video'),
    getDisplayMedia: open('video'),
  };
}

/** Gives each test of the calling file a constructible MediaStream stub (Node has none) and real timers after. */
export function useFakeMediaStream(): void {
  beforeEach(() => {
    vi.stubGlobal(
      'MediaStream',
      class {
        constructor(readonly tracks: unknown[]) {}
      },
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
}
