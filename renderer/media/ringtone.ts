import { audioContext } from './level-sampler';

/** A ring cadence generated with WebAudio (no audio file): two tones, 2 s on and 4 s off. */
export class Ringtone {
  #gain: GainNode | null = null;
  #oscillators: OscillatorNode[] = [];
  #timer: ReturnType<typeof setInterval> | null = null;

  /** Starts ringing; does nothing when already ringing. */
  start(): void {
    if (this.#gain) return;
    const context = audioContext();
    const gain = context.createGain();
    gain.gain.value = 0;
    gain.connect(context.destination);
    this.#oscillators = [440, 480].map((frequency) => {
      const oscillator = context.createOscillator();
      oscillator.frequency.value = frequency;
      oscillator.connect(gain);
      oscillator.start();
      return oscillator;
    });
    this.#gain = gain;
    const ring = () => {
      const t = context.currentTime;
      gain.gain.cancelScheduledValues(t);
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(0.08, t + 0.05);
      gain.gain.setValueAtTime(0.08, t + 1.95);
      gain.gain.linearRampToValueAtTime(0, t + 2);
    };
    ring();
    this.#timer = setInterval(ring, 6000);
  }

  /** Stops ringing. Safe to call twice. */
  stop(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    for (const oscillator of this.#oscillators) oscillator.stop();
    this.#oscillators = [];
    this.#gain?.disconnect();
    this.#gain = null;
  }
}
