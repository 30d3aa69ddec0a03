/**
 * The IPC contract between Electron main and the renderer: one entry per channel. main registers its
 * handlers from it, the preload builds `window.moimDesktop` from it, and the renderer's typing is derived
 * from it, so adding a channel is one edit here (plus its handler, which the compiler then demands).
 */
import { z } from 'zod';
import {
  joinLinkSchema,
  kioskPinSchema,
  pickerChoiceSchema,
  pickerRequestId,
  pickerRequestSchema,
  secretNameSchema,
  secretValueSchema,
  settingsPatchSchema,
  webUrlSchema,
  type JoinLink,
} from './schemas';
import type { LaunchIntent, PickerRequest, SecretResult, Settings } from './types';
import {
  shareControlActionSchema,
  shareControlRequestSchema,
  shareControlStateSchema,
  shareReportSchema,
  type ShareControlRequest,
  type ShareControlState,
} from './share-control';
import { activitySchema, updateStatusSchema, type InstallUpdateResult, type UpdateStatus } from './updates';

/** Renderer → main request answered with a result; `request` validates the argument list in main. */
interface InvokeEntry<A extends z.ZodTuple, R> {
  kind: 'invoke';
  request: A;
  /** Type-only: the handler's result. */
  result: R;
}
/** Main → renderer message; `request` describes its one payload. */
interface PushEntry<P> {
  kind: 'push';
  request: z.ZodType<P>;
  result: void;
}

// Curried so the result type is written once and the argument tuple is inferred.
const invoke =
  <R>() =>
  <A extends z.ZodTuple>(request: A): InvokeEntry<A, R> => ({ kind: 'invoke', request, result: undefined as R });
const push = <P>(request: z.ZodType<P>): PushEntry<P> => ({ kind: 'push', request, result: undefined });
const none = z.tuple([]);

/** Why main refused or ended a picker request; the renderer maps all of them to NotAllowedError. */
export type PickerCloseReason = 'cancelled' | 'timeout' | 'superseded' | 'window-closed' | 'source-gone' | 'error';
/** Result of trying to leave kiosk mode. */
export type KioskExitResult =
  { ok: true } | { ok: false; reason: 'not-kiosk' | 'no-pin-configured' | 'wrong-pin' | 'locked-out' };
/** Result of setting the kiosk exit PIN. */
export type KioskPinResult = { ok: true } | { ok: false; reason: 'kiosk-active' };
/** One address of this computer others on the LAN may reach it through, with its interface's name. */
export type LanAddress = { name: string; address: string };
/** Result of hosting a room server on this computer; `addresses` are the LAN addresses to choose from, best first. */
export type HostRoomResult =
  | { ok: true; httpUrl: string; wsUrl: string; sfu: boolean; addresses: LanAddress[] }
  | { ok: false; reason: 'unavailable' | 'failed'; message: string };

/** Every IPC channel: name → direction, request schema and result type. */
export const contract = {
  getSettings: invoke<Settings>()(none),
  updateSettings: invoke<Settings>()(z.tuple([settingsPatchSchema])),
  getSecret: invoke<string | null>()(z.tuple([secretNameSchema])),
  setSecret: invoke<SecretResult>()(z.tuple([secretNameSchema, secretValueSchema])),
  getLaunchIntent: invoke<LaunchIntent>()(none),
  answerPicker: invoke<void>()(z.tuple([pickerChoiceSchema])),
  keepAwake: invoke<void>()(z.tuple([z.boolean()])),
  openExternal: invoke<void>()(z.tuple([webUrlSchema])),
  exitKiosk: invoke<KioskExitResult>()(z.tuple([z.string().max(64)])),
  setKioskPin: invoke<KioskPinResult>()(z.tuple([kioskPinSchema.nullable()])),
  hostRoom: invoke<HostRoomResult>()(none),
  getUpdateStatus: invoke<UpdateStatus>()(none),
  /** "Restart to update": refused during a call. */
  installUpdate: invoke<InstallUpdateResult>()(none),
  /** The renderer's activity: updates wait for a quiet moment. */
  reportActivity: invoke<void>()(z.tuple([activitySchema])),
  /** The main window's screen share changed: main shows, updates or hides the control window. */
  reportShare: invoke<void>()(z.tuple([shareReportSchema])),
  /** A button of the control window; main accepts it only from that window. */
  shareControl: invoke<void>()(z.tuple([shareControlActionSchema])),

  joinLink: push<JoinLink>(joinLinkSchema),
  /** Sent again with the same requestId every ~2 s while the picker is open, with fresh thumbnails. */
  pickerRequest: push<PickerRequest>(pickerRequestSchema),
  pickerClosed: push<{ requestId: string; reason: PickerCloseReason }>(
    z.strictObject({ requestId: pickerRequestId, reason: z.custom<PickerCloseReason>() }),
  ),
  /** The kiosk exit key combination was pressed: show the PIN prompt. */
  kioskExitPrompt: push<Record<string, never>>(z.strictObject({})),
  /** Update progress: checking, downloading (percent), ready to restart. */
  updateStatus: push<UpdateStatus>(updateStatusSchema),
  /** To the control window: the share's state and the language to show it in. */
  shareControlState: push<ShareControlState>(shareControlStateSchema),
  /** To the sharing window: the presenter pressed Pause, Resume or Stop in the control window. */
  shareControlAction: push<ShareControlRequest>(shareControlRequestSchema),
} as const;

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
export type InvokeChannel = { [K in ChannelName]: Contract[K]['kind'] extends 'invoke' ? K : never }[ChannelName];
export type PushChannel = { [K in ChannelName]: Contract[K]['kind'] extends 'push' ? K : never }[ChannelName];

/** Arguments as the renderer passes them. */
export type ArgsOf<K extends InvokeChannel> = z.input<Contract[K]['request']>;
/** Arguments as main's handler receives them, after validation. */
export type ParsedArgsOf<K extends InvokeChannel> = z.output<Contract[K]['request']>;
export type ResultOf<K extends InvokeChannel> = Contract[K]['result'];
export type PayloadOf<K extends PushChannel> = z.output<Contract[K]['request']>;

/** The wire name of a channel; prefixed so nothing else on ipcMain collides with ours. */
export function channelId(name: ChannelName): string {
  return `moim:${name}`;
}

/** The listener method the preload exposes for a push channel: `joinLink` → `onJoinLink`. */
export type ListenerName<K extends PushChannel> = `on${Capitalize<K>}`;
/** Runtime twin of `ListenerName`. */
export function listenerName<K extends PushChannel>(name: K): ListenerName<K> {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as ListenerName<K>;
}

/** Every channel name, in contract order. */
export const channelNames = Object.keys(contract) as ChannelName[];

/**
 * The one object the preload exposes as `window.moimDesktop`. Listener methods return an unsubscribe
 * function rather than taking an AbortSignal, because contextBridge copies an AbortSignal into a plain
 * object; the renderer-side bridge turns its signal into that call.
 */
export type MoimDesktopApi = {
  readonly [K in InvokeChannel]: (...args: ArgsOf<K>) => Promise<ResultOf<K>>;
} & {
  readonly [K in PushChannel as ListenerName<K>]: (listener: (payload: PayloadOf<K>) => void) => () => void;
};

/** What the share control window's own preload exposes as `window.moimShareControl`: its two channels only. */
export type ShareControlApi = Pick<MoimDesktopApi, 'shareControl' | 'onShareControlState'>;

declare global {
  interface Window {
    /** Present only inside Moim's Electron shell. */
    readonly moimDesktop?: MoimDesktopApi;
    /** Present only in the Electron shell's share control window. */
    readonly moimShareControl?: ShareControlApi;
  }
}
