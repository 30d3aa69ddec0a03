import type {
  ChatMessage,
  MethodName,
  RaisedHand,
  Reaction,
  RoomExtras as RoomExtrasSnapshot,
} from '../../common/protocol';
import type { SignalingPort } from './signaling-types';
import type { AnyNotification } from './signaling-types';
import type { EngineEvents } from './types';

type Emit = <K extends keyof EngineEvents>(event: K, ...args: EngineEvents[K]) => void;

/** What the room extras need from the engine: a connected client and its event emitter. */
export interface RoomExtrasContext {
  client(method: MethodName): SignalingPort;
  emit: Emit;
}

const EMPTY: RoomExtrasSnapshot = { recording: false, hands: [], chat: [] };

/**
 * The room's extras as this engine knows them — recording, raised hands, reactions, chat — and the requests that
 * change them. A join hands over the room's state (`roomextras`); later changes arrive as `recording`, `hands`,
 * `reaction` and `chat` events.
 */
export class RoomExtras {
  /** Raised hands: peer id → display name. */
  private hands = new Map<string, string>();
  private recordingNow = false;

  constructor(private readonly context: RoomExtrasContext) {}

  /** Whether the room is being recorded. */
  get recording(): boolean {
    return this.recordingNow;
  }

  /** Raised hands we may see, ours included. */
  get raisedHands(): RaisedHand[] {
    return [...this.hands].map(([peerId, displayName]) => ({ peerId, displayName }));
  }

  /** A join (or leaving: no snapshot) replaces everything known about the room. */
  reset(snapshot: RoomExtrasSnapshot = EMPTY): void {
    this.hands = new Map(snapshot.hands.map((h) => [h.peerId, h.displayName]));
    this.recordingNow = snapshot.recording;
    this.context.emit('roomextras', snapshot);
  }

  /** Handles an extras notification (true), or leaves it to the room (false); a peer that left lowers its hand. */
  handle(n: AnyNotification): boolean {
    const { emit } = this.context;
    switch (n.name) {
      case 'recordingChanged':
        this.recordingNow = n.data.recording;
        emit('recording', n.data.recording);
        return true;
      case 'handChanged':
        if (n.data.raised) this.hands.set(n.data.peerId, n.data.displayName);
        else this.hands.delete(n.data.peerId);
        emit('hands', this.raisedHands);
        return true;
      case 'reaction':
        emit('reaction', n.data);
        return true;
      case 'chat':
        emit('chat', n.data.message);
        return true;
      case 'peerLeft':
        if (this.hands.delete(n.data.peerId)) emit('hands', this.raisedHands);
        return false;
      default:
        return false;
    }
  }

  /** Presenters of SFU and broadcast rooms: records our audio and video on the server; resolves with the file. */
  async startRecording(): Promise<string> {
    return (await this.context.client('startRecording').request('startRecording', {})).file;
  }

  /** Stops the room's recording; the server finishes the file. */
  async stopRecording(): Promise<void> {
    await this.context.client('stopRecording').request('stopRecording', {});
  }

  /** Raises or lowers our hand; everyone (a broadcast's presenters, for a viewer) sees it. */
  async raiseHand(raised: boolean): Promise<void> {
    await this.context.client('raiseHand').request('raiseHand', { raised });
  }

  /** A broadcast's presenter lowers someone's raised hand (FORBIDDEN for anyone else). */
  async lowerHand(peerId: string): Promise<void> {
    await this.context.client('lowerHand').request('lowerHand', { peerId });
  }

  /** Sends a reaction everyone in the room sees briefly. */
  async react(reaction: Reaction): Promise<void> {
    await this.context.client('react').request('react', { reaction });
  }

  /** Sends a chat message (plain text) to the room. */
  async sendChat(text: string): Promise<void> {
    await this.context.client('sendChat').request('sendChat', { text });
  }
}

export type { ChatMessage, RaisedHand, Reaction, RoomExtrasSnapshot };
