import type { en } from './en';

/** Every message key; the English table defines the set. */
export type MessageKey = keyof typeof en;

/** A complete message table for one language. */
export type MessageTable = Record<MessageKey, string>;

/** Languages the UI speaks. */
export type Language = 'ko' | 'en';

/** Values substituted for `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;
