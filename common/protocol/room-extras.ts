import { z } from 'zod';
import { empty, id } from './primitives';

/** Longest chat message, in characters (the server refuses longer ones with TOO_LARGE). */
export const MAX_CHAT_CHARS = 2_000;

/** The reactions a member may send: a fixed set, so nothing arbitrary is drawn for everyone. */
export const reaction = z.enum(['thumbsUp', 'clap', 'laugh', 'heart', 'surprised', 'party']);
export type Reaction = z.infer<typeof reaction>;

/** A chat message as the room keeps and relays it; `text` is plain text, never markup. */
export const chatMessage = z.strictObject({
  id: z.number().int().nonnegative(),
  from: id,
  displayName: z.string().max(64),
  text: z.string().min(1).max(MAX_CHAT_CHARS),
  sentAt: z.number().int().nonnegative(),
});
export type ChatMessage = z.infer<typeof chatMessage>;

/** Someone whose hand is up; a broadcast viewer is no member, so the name comes along. */
export const raisedHand = z.strictObject({ peerId: id, displayName: z.string().max(64) });
export type RaisedHand = z.infer<typeof raisedHand>;

/** What a (late) joiner is told about the room besides presence: recording, raised hands, recent chat. */
export const roomExtras = z.strictObject({
  recording: z.boolean(),
  hands: z.array(raisedHand),
  chat: z.array(chatMessage),
});
export type RoomExtras = z.infer<typeof roomExtras>;

/** Room methods beyond presence and media: recording, hands, reactions, chat. */
export const roomExtraMethods = {
  /** A presenter of an SFU or broadcast room records its own audio and video on the server. */
  startRecording: { request: empty, response: z.strictObject({ file: z.string() }) },
  stopRecording: { request: empty, response: empty },
  raiseHand: { request: z.strictObject({ raised: z.boolean() }), response: empty },
  /** A broadcast's presenter lowers someone's raised hand (a viewer's question was answered). */
  lowerHand: { request: z.strictObject({ peerId: id }), response: empty },
  react: { request: z.strictObject({ reaction }), response: empty },
  // Counted in UTF-16 units after trimming; the server answers TOO_LARGE past MAX_CHAT_CHARS.
  sendChat: { request: z.strictObject({ text: z.string().max(MAX_CHAT_CHARS * 2) }), response: empty },
} as const;

/** Pushes about recording, hands, reactions and chat. */
export const roomExtraNotifications = {
  recordingChanged: z.strictObject({ recording: z.boolean(), peerId: id }),
  handChanged: z.strictObject({ peerId: id, displayName: z.string().max(64), raised: z.boolean() }),
  reaction: z.strictObject({ peerId: id, displayName: z.string().max(64), reaction }),
  chat: z.strictObject({ message: chatMessage }),
} as const;
