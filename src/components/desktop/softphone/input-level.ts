// The microphone's level as a meter shows it: the RMS of one analyser frame (samples in -1..1) in dBFS, mapped onto
// 0..1 over the range speech lives in (-60 dBFS silent room to 0 dBFS full scale), with a fast attack and a slow
// release so the bar follows syllables without flickering.

export const FLOOR_DBFS = -60;

/** Root mean square of the samples (0 for none). */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / samples.length);
}

/** A frame's level in 0..1: 0 at or below FLOOR_DBFS, 1 at full scale. */
export function levelFromSamples(samples: ArrayLike<number>): number {
  const value = rms(samples);
  if (value <= 0) return 0;
  const dbfs = 20 * Math.log10(value);
  return Math.min(1, Math.max(0, (dbfs - FLOOR_DBFS) / -FLOOR_DBFS));
}

/** The bar's next value: rises at once, falls by at most `release` per frame (about 60 frames a second). */
export function smoothLevel(previous: number, next: number, release = 0.05): number {
  return next >= previous ? next : Math.max(next, previous - release);
}
