import type { SfuAudioLevelObserver } from './mediasoup-types';

/** Options for an active-speaker tracker. */
export interface ActiveSpeakerOptions {
  observer: SfuAudioLevelObserver;
  /** The peer that owns an audio producer, if it still exists. */
  ownerOf: (producerId: string) => string | undefined;
  /** Called with the new loudest peer, or null once everyone is silent. */
  onChange: (peerId: string | null) => void;
}

/**
 * Turns an AudioLevelObserver's reports into active-speaker changes. The observer already averages over
 * its interval; this reports only changes, so a steady speaker costs no notifications.
 */
export class ActiveSpeaker {
  private current: string | null = null;
  private stopped = false;

  constructor(private readonly options: ActiveSpeakerOptions) {
    const { observer, ownerOf } = options;
    observer.on('volumes', (volumes) => {
      const loudest = volumes[0];
      const peerId = loudest ? ownerOf(loudest.producer.id) : undefined;
      if (peerId !== undefined) this.set(peerId);
    });
    observer.on('silence', () => this.set(null));
  }

  /** The peer reported last, or null. */
  get peerId(): string | null {
    return this.current;
  }

  /** A peer left: if it was the speaker, everyone hears silence from it now. */
  forget(peerId: string): void {
    if (this.current === peerId) this.set(null);
  }

  /** Reports silence now (the media it measured is gone). */
  clear(): void {
    this.set(null);
  }

  /** Stops reporting (the observer is being closed or replaced). */
  stop(): void {
    this.stopped = true;
  }

  private set(peerId: string | null): void {
    if (this.stopped || peerId === this.current) return;
    this.current = peerId;
    this.options.onChange(peerId);
  }
}
