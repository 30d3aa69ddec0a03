import { meterLevel, rms } from '../lib/audio-level';

let shared: AudioContext | null = null;

/** One AudioContext for every meter and the ringtone (browsers limit how many a page may open). */
export function audioContext(): AudioContext {
  shared ??= new AudioContext();
  if (shared.state === 'suspended') void shared.resume().catch(() => undefined);
  return shared;
}

/** Reads the level of an audio stream; `stop()` disconnects it. */
export interface LevelSampler {
  read(): number;
  stop(): void;
}

/** Samples `stream`'s audio through an AnalyserNode (nothing is played). */
export function sampleLevel(stream: MediaStream): LevelSampler {
  const context = audioContext();
  const source = context.createMediaStreamSource(stream);
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const buffer = new Float32Array(analyser.fftSize);
  return {
    read() {
      analyser.getFloatTimeDomainData(buffer);
      return meterLevel(rms(buffer));
    },
    stop() {
      source.disconnect();
      analyser.disconnect();
    },
  };
}
