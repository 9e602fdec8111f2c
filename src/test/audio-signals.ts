// Signals for audio tests: a sine tone, its power at one frequency (Goertzel, normalised by length) and the RMS level.

export function tone(seconds: number, frequency: number, rate = 8000): Int16Array {
  return Int16Array.from({ length: seconds * rate }, (_, i) => Math.round(Math.sin((2 * Math.PI * frequency * i) / rate) * 10000));
}

export function power(samples: Int16Array, frequency: number, rate = 8000): number {
  const k = 2 * Math.cos((2 * Math.PI * frequency) / rate);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s = x + k * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return (s1 * s1 + s2 * s2 - k * s1 * s2) / Math.max(1, samples.length);
}

export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const x of samples) sum += x * x;
  return Math.sqrt(sum / Math.max(1, samples.length));
}
