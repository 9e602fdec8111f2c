import { describe, expect, it } from "vitest";
import { pcm16ToWav, readPcmWav, resample, toPlayableWav } from "@/server/speech/speech-audio";
import { tonePcm } from "@/test/speech-standins/stand-in-audio";

/** The strength of a frequency in the samples (Goertzel), relative to the signal's energy. */
function share(samples: Int16Array, rate: number, hz: number): number {
  const k = (2 * Math.PI * hz) / rate;
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (const x of samples) {
    const s0 = x + 2 * Math.cos(k) * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += x * x;
  }
  const power = s1 * s1 + s2 * s2 - 2 * Math.cos(k) * s1 * s2;
  return power / (energy * samples.length / 2);
}

describe("speech audio", () => {
  it("keeps 8 and 16 kHz PCM as it is, in a WAV header FreeSWITCH reads", () => {
    for (const rate of [8000, 16000]) {
      const pcm = tonePcm(rate);
      const wav = toPlayableWav({ kind: "pcm16", sampleRate: rate, data: pcm });
      expect(wav.subarray(44).equals(pcm)).toBe(true);
      expect(readPcmWav(wav).sampleRate).toBe(rate);
    }
  });

  it("resamples OpenAI's 24 kHz to 16 kHz keeping the tone and its length", () => {
    const wav = toPlayableWav({ kind: "pcm16", sampleRate: 24000, data: tonePcm(24000, 1, 440) });
    const { sampleRate, samples } = readPcmWav(wav);
    expect(sampleRate).toBe(16000);
    expect(samples.length).toBe(16000);
    expect(share(samples.subarray(100, -100), 16000, 440)).toBeGreaterThan(0.9);
  });

  it("filters out what the lower rate cannot carry instead of folding it back as noise", () => {
    // 10 kHz is above 16 kHz's Nyquist (8 kHz): without the low-pass it would alias to 6 kHz.
    const out = resample(new Int16Array(tonePcm(24000, 0.5, 10000).buffer.slice(0)), 24000, 16000);
    let peak = 0;
    for (const x of out.subarray(200, -200)) peak = Math.max(peak, Math.abs(x));
    expect(peak).toBeLessThan(8000 * 0.05);
  });

  it("mixes a stereo WAV down to mono", () => {
    const stereo = Buffer.alloc(8);
    stereo.writeInt16LE(1000, 0);
    stereo.writeInt16LE(3000, 2);
    stereo.writeInt16LE(-1000, 4);
    stereo.writeInt16LE(-3000, 6);
    const wav = pcm16ToWav(stereo, 16000);
    wav.writeUInt16LE(2, 22);
    wav.writeUInt32LE(64000, 28);
    wav.writeUInt16LE(4, 32);
    expect([...readPcmWav(wav).samples]).toEqual([2000, -2000]);
  });

  it("refuses audio that is not 16-bit PCM", () => {
    const wav = pcm16ToWav(tonePcm(8000), 8000);
    wav.writeUInt16LE(7, 20); // mu-law
    expect(() => toPlayableWav({ kind: "wav", data: wav })).toThrow(/not PCM/);
  });
});
