/** A sine tone in 10 ms frames of 48 kHz mono int16, and a meter for what comes back. */

export const SAMPLE_RATE = 48_000;
export const FRAME_SAMPLES = SAMPLE_RATE / 100;
const AMPLITUDE = 0.25 * 32767;

/** Yields consecutive frames of a continuous tone (the phase carries across frames). */
export class ToneGenerator {
  private sample = 0;

  constructor(private readonly hz: number) {}

  next(): Int16Array {
    const frame = new Int16Array(FRAME_SAMPLES);
    for (let i = 0; i < FRAME_SAMPLES; i++, this.sample++) {
      frame[i] = Math.round(AMPLITUDE * Math.sin((2 * Math.PI * this.hz * this.sample) / SAMPLE_RATE));
    }
    return frame;
  }
}

/**
 * Accumulates received frames. Totals run for the whole call; `rms` (0..1) and `frequencyHz` (from upward zero
 * crossings of the first channel) cover the frames since the last `takePeriod()`.
 */
export class AudioMeter {
  frames = 0;
  nonZeroSamples = 0;
  private sumSquares = 0;
  private periodSamples = 0;
  private crossings = 0;
  private periodSeconds = 0;
  private last = 0;

  add(samples: Int16Array, sampleRate: number, channelCount: number): number {
    let nonZero = 0;
    let crossings = 0;
    let last = this.last;
    for (let i = 0; i < samples.length; i++) {
      const s = samples[i]!;
      if (s !== 0) nonZero++;
      this.sumSquares += (s / 32768) ** 2;
      if (i % channelCount === 0) {
        if (last < 0 && s >= 0) crossings++;
        last = s;
      }
    }
    this.last = last;
    this.frames++;
    this.nonZeroSamples += nonZero;
    this.periodSamples += samples.length;
    // Silent frames (before the far side's audio starts) would dilute the frequency estimate.
    if (nonZero > 0) {
      this.crossings += crossings;
      this.periodSeconds += samples.length / channelCount / sampleRate;
    }
    return nonZero;
  }

  takePeriod(): { rms: number; frequencyHz: number } {
    const rms = this.periodSamples > 0 ? Math.sqrt(this.sumSquares / this.periodSamples) : 0;
    const frequencyHz = this.periodSeconds > 0 ? this.crossings / this.periodSeconds : 0;
    this.sumSquares = this.periodSamples = this.crossings = this.periodSeconds = 0;
    return { rms: Math.round(rms * 1000) / 1000, frequencyHz: Math.round(frequencyHz) };
  }
}
