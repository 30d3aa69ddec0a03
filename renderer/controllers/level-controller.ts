import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { smoothLevel } from '../lib/audio-level';
import { sampleLevel, type LevelSampler } from '../media/level-sampler';

/** Updates per second; a meter needs no more, and screen readers hear fewer changes. */
const RATE_HZ = 15;

/** Samples the level (0–1) of an audio stream while the host is connected and re-renders it on change. */
export class LevelController implements ReactiveController {
  level = 0;
  #stream: MediaStream | null = null;
  #sampler: LevelSampler | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  #connected = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** The stream to measure; null stops measuring. */
  set stream(stream: MediaStream | null) {
    if (stream === this.#stream) return;
    this.#stream = stream;
    this.#restart();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#restart();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #restart(): void {
    this.#stop();
    const stream = this.#stream;
    if (!this.#connected || !stream || stream.getAudioTracks().length === 0) return;
    try {
      this.#sampler = sampleLevel(stream);
    } catch {
      // No WebAudio (or the stream ended already): the meter stays at zero.
      return;
    }
    this.#timer = setInterval(() => {
      const next = smoothLevel(this.level, this.#sampler?.read() ?? 0);
      if (Math.abs(next - this.level) >= 0.01) {
        this.level = next;
        this.host.requestUpdate();
      }
    }, 1000 / RATE_HZ);
  }

  #stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    this.#sampler?.stop();
    this.#sampler = null;
    if (this.level !== 0) {
      this.level = 0;
      this.host.requestUpdate();
    }
  }
}
