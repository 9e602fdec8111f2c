// Real audio for the stand-ins to answer with: a few hundred milliseconds of a 440 Hz tone as 16-bit PCM (raw or
// WAV), and a check that a WAV a client sent has samples that are not silence.
import { pcm16ToWav, readPcmWav } from "@/server/speech/speech-audio";

export function tonePcm(sampleRate: number, seconds = 0.4, hz = 440): Buffer {
  const n = Math.round(sampleRate * seconds);
  const pcm = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) pcm.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / sampleRate)), i * 2);
  return pcm;
}

export const toneWav = (sampleRate: number, seconds?: number) => pcm16ToWav(tonePcm(sampleRate, seconds), sampleRate);

/** Problems with a WAV a client sent as the caller's utterance. */
export function wavProblems(data: Buffer): string[] {
  try {
    const { samples } = readPcmWav(data);
    return samples.some((s) => Math.abs(s) > 100) ? [] : ["the WAV is silent"];
  } catch (err) {
    return [`not a 16-bit PCM WAV: ${err instanceof Error ? err.message : String(err)}`];
  }
}
