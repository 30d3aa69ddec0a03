import {
  type ChannelName,
  channelId,
  channelNames,
  contract,
  type InvokeChannel,
  type ParsedArgsOf,
  type PayloadOf,
  type PushChannel,
  type ResultOf,
} from '../common/ipc/contract';
import { describeIssue } from '../common/protocol/validate';
import { isAppUrl } from './app-origin';
import { logger } from './log';
import type { WindowKind } from './windows';

const log = logger('ipc');

/** Which of our windows sent a message: an app window, or the presenter's small share control window. */
export type SenderKind = WindowKind | 'share-control';

/** Who sent a message that passed the checks: one of our windows. */
export interface Sender {
  webContentsId: number;
  kind: SenderKind;
}

/**
 * Whether a window of `kind` may use channel `name`: the share control window only presses its buttons
 * (`shareControl`), and nobody else may press them for it.
 */
export function mayUse(kind: SenderKind, name: ChannelName): boolean {
  return (kind === 'share-control') === (name === 'shareControl');
}

/** One handler per invoke channel; a missing or misspelled one is a compile error. */
export type InvokeHandlers = {
  [K in InvokeChannel]: (sender: Sender, ...args: ParsedArgsOf<K>) => ResultOf<K> | Promise<ResultOf<K>>;
};

/** The parts of an IpcMainInvokeEvent the checks read. */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/** The slice of ipcMain this module uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
}

/** Thrown back to a renderer whose message was refused; the renderer sees only this text. */
export class IpcRefusedError extends Error {
  override name = 'IpcRefusedError';
}

/**
 * Decides whether a message comes from one of our windows' top frames showing the app; returns the
 * sender or a reason for the log.
 */
export function checkSender(
  event: InvokeEventLike,
  kindOf: (webContentsId: number) => SenderKind | undefined,
): Sender | string {
  const frame = event.senderFrame;
  if (!frame) return 'sender frame is gone';
  if (frame.parent) return 'sender is a subframe';
  if (!isAppUrl(frame.url)) return `sender frame is ${frame.url.slice(0, 120) || 'blank'}`;
  const kind = kindOf(event.sender.id);
  if (!kind) return `webContents ${event.sender.id} is not a Moim window`;
  return { webContentsId: event.sender.id, kind };
}

/** Registers every invoke channel of the contract: sender checked, arguments narrowed, then the handler. */
export function setupIpc(deps: {
  ipcMain: IpcMainLike;
  handlers: InvokeHandlers;
  kindOf: (webContentsId: number) => SenderKind | undefined;
}): void {
  for (const name of channelNames) {
    const entry = contract[name];
    if (entry.kind !== 'invoke') continue;
    const handler = deps.handlers[name as InvokeChannel] as (sender: Sender, ...args: unknown[]) => unknown;
    deps.ipcMain.handle(channelId(name), async (event, ...args) => {
      const sender = checkSender(event, deps.kindOf);
      if (typeof sender === 'string') {
        log.warn('%s | refused: %s', name, sender);
        throw new IpcRefusedError(`${name}: refused`);
      }
      if (!mayUse(sender.kind, name)) {
        log.warn('%s | refused: not for the %s window (webContents %d)', name, sender.kind, sender.webContentsId);
        throw new IpcRefusedError(`${name}: refused`);
      }
      const parsed = entry.request.safeParse(args);
      if (!parsed.success) {
        log.warn('%s | bad arguments from webContents %d: %s', name, sender.webContentsId, describeIssue(parsed.error));
        throw new TypeError(`${name}: ${describeIssue(parsed.error)}`);
      }
      return handler(sender, ...(parsed.data as unknown[]));
    });
  }
}

/** Something a push can be sent to: a WebContents. */
export interface PushTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Sends a typed push to one renderer; a destroyed target is skipped. */
export function sendPush<K extends PushChannel>(
  target: PushTarget | null | undefined,
  name: K,
  payload: PayloadOf<K>,
): boolean {
  if (!target || target.isDestroyed()) return false;
  target.send(channelId(name), payload);
  return true;
}
