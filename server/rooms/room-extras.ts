import type { ChatMessage, RaisedHand, RoomExtras } from '../../common/protocol';

/** Chat messages a room keeps for members who join later. */
export const CHAT_HISTORY = 50;

/**
 * A room's state beyond presence and media, which a (late) joiner is handed with its snapshot: whether it is
 * being recorded, whose hands are raised, and the last CHAT_HISTORY chat messages.
 */
export class RoomExtrasState {
  recording = false;
  /** Raised hands: peer id → display name. */
  readonly hands = new Map<string, string>();
  private readonly chat: ChatMessage[] = [];
  private nextChatId = 1;

  /** Keeps a chat message (the oldest goes past CHAT_HISTORY) and returns it with its id. */
  addChat(message: Omit<ChatMessage, 'id'>): ChatMessage {
    const kept = { id: this.nextChatId++, ...message };
    this.chat.push(kept);
    if (this.chat.length > CHAT_HISTORY) this.chat.shift();
    return kept;
  }

  /** What a joiner is told; `seesHand` hides hands the joiner may not see (a broadcast viewer's, from viewers). */
  snapshot(seesHand: (peerId: string) => boolean): RoomExtras {
    const hands: RaisedHand[] = [];
    for (const [peerId, displayName] of this.hands) if (seesHand(peerId)) hands.push({ peerId, displayName });
    return { recording: this.recording, hands, chat: [...this.chat] };
  }
}
