// Single-tone detection on 20 ms frames of 16-bit PCM, with the Goertzel algorithm: how much of a frame's energy sits
// at one frequency. The answering-machine analyzer uses it for fax tones (CED 2100 Hz, CNG 1100 Hz); the simulator's
// mod_avmd and the offline evaluation use `dominantTone` to find a voicemail beep (a steady tone of any pitch).

/** Power of `frequency` in the frame, normalised so a pure full-frame sine of that frequency gives ~its mean power. */
export function goertzelPower(frame: Int16Array, sampleRate: number, frequency: number): number {
  const n = frame.length;
  const k = Math.round((n * frequency) / sampleRate);
  const omega = (2 * Math.PI * k) / n;
  const coeff = 2 * Math.cos(omega);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s0 = frame[i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * power) / (n * n);
}

/** Mean power of the frame (the same scale as goertzelPower: a sine of amplitude A gives A²/2). */
export function framePower(frame: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) sum += frame[i]! * frame[i]!;
  return frame.length ? sum / frame.length : 0;
}

/** Frame level in dBFS (0 = a full-scale square wave; a full-scale sine is about -3). */
export function frameDbfs(frame: Int16Array): number {
  const power = framePower(frame);
  return power > 0 ? 10 * Math.log10(power / (32768 * 32768)) : -120;
}

/** Share of the frame's power at `frequency` (0..1; a clean tone gives ~0.9 or more, speech and noise far less). */
export function toneShare(frame: Int16Array, sampleRate: number, frequency: number): number {
  const total = framePower(frame);
  if (total <= 0) return 0;
  return Math.min(1, goertzelPower(frame, sampleRate, frequency) / total);
}

/** Candidate pitches of voicemail beeps: 300 to 2,500 Hz, in 50 Hz steps (one frame's bin width). */
const BEEP_PITCHES = Array.from({ length: 45 }, (_, i) => 300 + i * 50);

/** The frame's strongest pure tone between 300 and 2,500 Hz when it carries most of the frame's power, else null. */
export function dominantTone(frame: Int16Array, sampleRate: number, minShare = 0.7): number | null {
  const total = framePower(frame);
  // Below -45 dBFS a frame is line noise, whatever its shape.
  if (total < 32768 * 32768 * 10 ** -4.5) return null;
  let best = 0;
  let bestFreq = 0;
  for (const f of BEEP_PITCHES) {
    const p = goertzelPower(frame, sampleRate, f);
    if (p > best) {
      best = p;
      bestFreq = f;
    }
  }
  return best / total >= minShare ? bestFreq : null;
}

/**
 * A beep: the same dominant tone (±50 Hz) in `minFrames` consecutive frames (8 frames: 160 ms). Returns the audio time
 * (ms) at which the beep is certain, once per beep.
 */
export class BeepDetector {
  private run = 0;
  private pitch: number | null = null;
  private reported = false;

  constructor(
    private readonly sampleRate: number,
    private readonly minFrames = 8,
  ) {}

  /** Feeds one frame ending at `endMs`; the time of detection when this frame completes a beep. */
  push(frame: Int16Array, endMs: number): number | null {
    const tone = dominantTone(frame, this.sampleRate);
    if (tone !== null && this.pitch !== null && Math.abs(tone - this.pitch) <= 50) {
      this.run++;
    } else {
      this.run = tone === null ? 0 : 1;
      this.pitch = tone;
      this.reported = false;
    }
    if (this.run >= this.minFrames && !this.reported) {
      this.reported = true;
      return endMs;
    }
    return null;
  }
}
