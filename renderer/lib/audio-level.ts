/** Root mean square of PCM samples in [-1, 1]. */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  return Math.sqrt(sum / samples.length);
}

/** A 0–1 meter level from an RMS value on a decibel scale: -60 dBFS and below is 0, 0 dBFS is 1. */
export function meterLevel(rmsValue: number, floorDb = -60): number {
  if (rmsValue <= 0) return 0;
  const db = 20 * Math.log10(rmsValue);
  return Math.min(1, Math.max(0, (db - floorDb) / -floorDb));
}

/** Smooths a meter: rises at once, falls by at most `fall` per update, so speech doesn't flicker. */
export function smoothLevel(previous: number, next: number, fall = 0.08): number {
  return next >= previous ? next : Math.max(next, previous - fall);
}
