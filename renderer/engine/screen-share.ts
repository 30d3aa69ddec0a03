import type { PublishKind } from '../../common/protocol';
import { InvalidStateError } from './errors';
import { createLogger } from './log';
import type { MediaSession } from './media-session';
import {
  applyProfileToSender,
  chooseScreenProfile,
  profileOf,
  setTrackProfile,
  type ScreenProfile,
} from './screen-profile';
import type { SignalingPort } from './signaling-types';

const log = createLogger('engine:screen');

/** What the screen controls need from the engine. */
export interface ScreenShareHost {
  /** The screen stream being published, if any. */
  stream(): MediaStream | undefined;
  session(): MediaSession | null;
}

/**
 * The presenter's controls over a running share: its content profile and pause. Both act on the senders
 * already on the wire (setParameters, replaceTrack): nothing is renegotiated and viewers see no gap.
 */
export class ScreenShareControls {
  private paused = false;

  constructor(private readonly host: ScreenShareHost) {}

  /** Gives a new screen stream its profile: the one of the share it replaces, else the one its source suggests. */
  prepare(stream: MediaStream): void {
    const before = videoOf(this.host.stream());
    const kept = before && profileOf(before);
    for (const track of stream.getTracks().filter((t) => t.kind === 'video')) {
      setTrackProfile(track, kept ?? chooseScreenProfile({ displaySurface: track.getSettings?.().displaySurface }));
    }
    this.paused = false;
  }

  /** The profile the share is sent with, or null when not sharing. */
  get profile(): ScreenProfile | null {
    const track = videoOf(this.host.stream());
    return (track && profileOf(track)) ?? null;
  }

  /** Whether the share is paused (viewers keep its last frame). */
  get isPaused(): boolean {
    return this.paused && this.host.stream() !== undefined;
  }

  /** Switches the running share to `profile` (contentHint + setParameters on every sender, no renegotiation). */
  async setProfile(profile: ScreenProfile): Promise<void> {
    const track = this.requireTrack('setProfile');
    setTrackProfile(track, profile);
    const senders = this.host.session()?.videoSendersOf('screen') ?? [];
    await Promise.all(senders.map((sender) => applyProfileToSender(sender, profile)));
    log.debug('setProfile() | %s on %d sender(s)', profile, senders.length);
  }

  /**
   * Pauses or resumes the share: the senders stop sending (viewers' players keep the last frame) while the
   * capture runs on, so resuming is instant. SFU rooms also pause the producer on the server.
   */
  async setPaused(paused: boolean): Promise<void> {
    const track = this.requireTrack('setPaused');
    if (this.paused === paused) return;
    this.paused = paused;
    const session = this.host.session();
    if (session?.setPaused) await session.setPaused('screen', paused);
    else await Promise.all((session?.videoSendersOf('screen') ?? []).map((s) => s.replaceTrack(paused ? null : track)));
  }

  private requireTrack(method: string): MediaStreamTrack {
    const track = videoOf(this.host.stream());
    if (!track) throw new InvalidStateError(`${method}() | not sharing a screen`);
    return track;
  }
}

function videoOf(stream: MediaStream | undefined): MediaStreamTrack | undefined {
  return stream?.getTracks().find((t) => t.kind === 'video');
}

/**
 * Tells the room that `kind` is paused or running again (viewers show "Paused" on its tile). The media is
 * already frozen when this is sent, so a lost message only costs the label: it is logged, not thrown.
 */
export async function announcePaused(signaling: SignalingPort, kind: PublishKind, paused: boolean): Promise<void> {
  try {
    await signaling.request('setPaused', { kind, paused });
  } catch (error) {
    log.warn('announcePaused() | %s=%s not sent: %o', kind, paused, error);
  }
}
