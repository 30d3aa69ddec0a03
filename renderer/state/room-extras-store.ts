import { createLogger } from '../../common/log';
import type { ChatMessage, RaisedHand, Reaction } from '../../common/protocol';
import type { EngineListener, EnginePort } from '../services/engine-port';
import { Store } from './store';

const log = createLogger('ui', 'room-extras');

/** Chat messages the UI keeps (the room hands a joiner fewer; this only caps a long meeting's memory). */
export const CHAT_KEPT = 200;
/** How long a reaction floats over the room, in milliseconds. */
export const REACTION_MS = 4_000;

/** A reaction on screen; `key` tells two equal reactions apart. */
export interface ShownReaction {
  key: number;
  peerId: string;
  displayName: string;
  reaction: Reaction;
}

/** The room's extras as the UI shows them; replaced (never mutated) on every change. */
export interface RoomExtrasModel {
  recording: boolean;
  /** A recording start or stop is on its way. */
  recordingBusy: boolean;
  hands: RaisedHand[];
  chat: ChatMessage[];
  chatOpen: boolean;
  /** Others' messages that arrived while the chat panel was closed. */
  unread: number;
  reactions: ShownReaction[];
  /** The last failed chat, hand, reaction or recording request (shown until the next success or dismissal). */
  error: unknown;
}

/** The engine as the extras store uses it. */
export type ExtrasEngine = Pick<EnginePort, 'on' | 'off' | 'peerId' | 'extras'>;

/** Timers, injectable so tests can run reactions' lifetimes without waiting. */
export interface ExtrasTimers {
  later(run: () => void, ms: number): () => void;
}

const realTimers: ExtrasTimers = {
  later(run, ms) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

const EMPTY: RoomExtrasModel = {
  recording: false,
  recordingBusy: false,
  hands: [],
  chat: [],
  chatOpen: false,
  unread: 0,
  reactions: [],
  error: null,
};

/**
 * Chat, raised hands, reactions and the recording state of one room stay, from the engine's events (listening
 * from before the join, so the joiner's snapshot with the recent chat is not missed), and the requests that change
 * them. Failures land in `error`; nothing here throws at the UI.
 */
export class RoomExtrasStore extends Store<RoomExtrasModel> {
  readonly #engine: ExtrasEngine;
  readonly #timers: ExtrasTimers;
  readonly #unsubscribe: (() => void)[] = [];
  readonly #reactionTimers = new Set<() => void>();
  #nextReaction = 1;
  #disposed = false;

  constructor(engine: ExtrasEngine, timers: ExtrasTimers = realTimers) {
    super(EMPTY);
    this.#engine = engine;
    this.#timers = timers;
    this.#listen('roomextras', ({ recording, hands, chat }) =>
      this.#apply((m) => ({ ...m, recording, hands, chat: chat.slice(-CHAT_KEPT), unread: 0 })),
    );
    this.#listen('recording', (recording) => this.#apply((m) => ({ ...m, recording })));
    this.#listen('hands', (hands) => this.#apply((m) => ({ ...m, hands })));
    this.#listen('chat', (message) => this.#chat(message));
    this.#listen('reaction', (shown) => this.#react(shown));
  }

  #listen<E extends 'roomextras' | 'recording' | 'hands' | 'chat' | 'reaction'>(
    event: E,
    listener: EngineListener<E>,
  ): void {
    this.#engine.on(event, listener);
    this.#unsubscribe.push(() => this.#engine.off(event, listener));
  }

  #apply(change: (model: RoomExtrasModel) => RoomExtrasModel): void {
    if (!this.#disposed) this.set(change(this.value));
  }

  #chat(message: ChatMessage): void {
    const mine = message.from === this.#engine.peerId;
    this.#apply((m) => ({
      ...m,
      chat: [...m.chat, message].slice(-CHAT_KEPT),
      unread: m.chatOpen || mine ? m.unread : m.unread + 1,
    }));
  }

  #react(shown: Omit<ShownReaction, 'key'>): void {
    const key = this.#nextReaction++;
    this.#apply((m) => ({ ...m, reactions: [...m.reactions, { key, ...shown }] }));
    const cancel = this.#timers.later(() => {
      this.#reactionTimers.delete(cancel);
      this.#apply((m) => ({ ...m, reactions: m.reactions.filter((r) => r.key !== key) }));
    }, REACTION_MS);
    this.#reactionTimers.add(cancel);
  }

  /** Whether our own hand is up. */
  get handRaised(): boolean {
    return this.value.hands.some((h) => h.peerId === this.#engine.peerId);
  }

  /** Opens or closes the chat panel; opening reads everything. */
  setChatOpen(open: boolean): void {
    this.#apply((m) => ({ ...m, chatOpen: open, unread: open ? 0 : m.unread }));
  }

  /** Sends a chat message; resolves true once the room took it (the input then clears), false on failure. */
  async sendChat(text: string): Promise<boolean> {
    if (text.trim().length === 0) return false;
    return this.#request('sendChat', () => this.#engine.extras.sendChat(text));
  }

  /** Raises our hand, or lowers it when it is up. */
  async toggleHand(): Promise<void> {
    const raised = !this.handRaised;
    await this.#request('raiseHand', () => this.#engine.extras.raiseHand(raised));
  }

  /** A broadcast's presenter lowers someone's hand. */
  async lowerHand(peerId: string): Promise<void> {
    await this.#request('lowerHand', () => this.#engine.extras.lowerHand(peerId));
  }

  /** Sends a reaction everyone sees briefly. */
  async react(reaction: Reaction): Promise<void> {
    await this.#request('react', () => this.#engine.extras.react(reaction));
  }

  /** Starts recording our audio and video on the server, or stops the room's recording. */
  async toggleRecording(): Promise<void> {
    if (this.value.recordingBusy) return;
    const stop = this.value.recording;
    this.#apply((m) => ({ ...m, recordingBusy: true }));
    const { extras } = this.#engine;
    await this.#request(stop ? 'stopRecording' : 'startRecording', async () => {
      if (stop) await extras.stopRecording();
      else await extras.startRecording();
      this.#apply((m) => ({ ...m, recording: !stop }));
    });
    this.#apply((m) => ({ ...m, recordingBusy: false }));
  }

  /** Forgets the error shown. */
  dismissError(): void {
    this.#apply((m) => ({ ...m, error: null }));
  }

  async #request(what: string, run: () => Promise<unknown>): Promise<boolean> {
    try {
      await run();
      this.#apply((m) => (m.error === null ? m : { ...m, error: null }));
      return true;
    } catch (error) {
      log.warn('%s() | %o', what, error);
      this.#apply((m) => ({ ...m, error }));
      return false;
    }
  }

  /** Stops listening and drops pending reaction timers. Safe to call twice. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const off of this.#unsubscribe.splice(0)) off();
    for (const cancel of this.#reactionTimers) cancel();
    this.#reactionTimers.clear();
  }
}
