// The analyzer alone on the labelled set (src/test/amd/labelled-set.ts), both modes, with the offline beep detector
// standing in for mod_avmd; and the rules on hand-made audio: a greeting's length against the thresholds, the
// silence timeout, a fax tone, a beep that ends a machine's message, chunking that does not change the verdict.
import { describe, expect, it } from "vitest";
import { confusionMatrix, formatMatrix, type AmdResult } from "@/test/amd/confusion-matrix";
import { labelledAmdSet, readSamplePcm } from "@/test/amd/labelled-set";
import { AmdAnalyzer, DEFAULT_AMD_PARAMETERS, type AmdParameters, type AmdVerdict } from "./amd-analyzer";
import { BeepDetector } from "./tone-detector";

const RATE = 8000;
const FRAME = RATE / 50;

function analyse(pcm: Int16Array, params: Partial<AmdParameters> = {}, chunk = FRAME): AmdVerdict {
  const analyzer = new AmdAnalyzer({ ...DEFAULT_AMD_PARAMETERS, ...params });
  const beeps = new BeepDetector(RATE);
  for (let i = 0; i < pcm.length; i += chunk) {
    const part = pcm.subarray(i, i + chunk);
    const verdict = analyzer.push(part);
    if (verdict) return verdict;
    for (let f = 0; f + FRAME <= part.length; f += FRAME) {
      if (beeps.push(part.subarray(f, f + FRAME), 0) !== null) {
        const beep = analyzer.onBeep();
        if (beep) return beep;
      }
    }
  }
  return analyzer.finish();
}

/** Line noise with bursts of a voiced buzz (speech to an energy detector) at [start, end) seconds. */
function audio(seconds: number, speech: [number, number][], tones: [number, number, number][] = []): Int16Array {
  const out = new Int16Array(seconds * RATE);
  let seed = 7;
  for (let i = 0; i < out.length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const t = i / RATE;
    out[i] = ((seed >>> 16) % 80) - 40;
    if (speech.some(([a, b]) => t >= a && t < b)) out[i] = out[i]! + Math.round((Math.sin(2 * Math.PI * 140 * t) + 0.5 * Math.sin(2 * Math.PI * 700 * t)) * 6000 * Math.abs(Math.sin(Math.PI * 3 * t)) + 1500 * Math.sin(2 * Math.PI * 140 * t));
    for (const [a, b, f] of tones) if (t >= a && t < b) out[i] = Math.round(Math.sin(2 * Math.PI * f * t) * 9000);
  }
  return out;
}

describe("the answering-machine analyzer", () => {
  it("a short greeting then silence is a person, decided the end-of-speech threshold after it", () => {
    const v = analyse(audio(6, [[0.8, 1.4]]));
    expect(v.answeredBy).toBe("human");
    expect(v.atMs - v.speechEndMs!).toBeGreaterThanOrEqual(1200);
    expect(v.atMs - v.speechEndMs!).toBeLessThan(1300);
  });

  it("a greeting longer than the speech threshold is a machine, decided as it passes the threshold", () => {
    const v = analyse(audio(8, [[0.5, 5]]));
    expect(v.answeredBy).toBe("machine_start");
    expect(v.atMs).toBeLessThan(0.5 * 1000 + 2400 + 200);
    expect(analyse(audio(8, [[0.5, 2.5]]), { speechThresholdMs: 1500 }).answeredBy).toBe("machine_start");
  });

  it("DetectMessageEnd waits for the beep, or for the silence after the message, or gives up at the timeout", () => {
    expect(analyse(audio(10, [[0.3, 4]], [[4.4, 4.9, 1000]]), { mode: "DetectMessageEnd" })).toMatchObject({ answeredBy: "machine_end_beep" });
    expect(analyse(audio(10, [[0.3, 4]]), { mode: "DetectMessageEnd" }).answeredBy).toBe("machine_end_silence");
    expect(analyse(audio(12, [[0.3, 12]]), { mode: "DetectMessageEnd", timeoutMs: 6000 })).toMatchObject({ answeredBy: "machine_end_other", atMs: 6000 });
  });

  it("a beep in the recording ends the message without mod_avmd's event (a loaded switch's avmd missed 440 Hz beeps)", () => {
    for (const hz of [440, 850, 1400]) {
      const analyzer = new AmdAnalyzer({ ...DEFAULT_AMD_PARAMETERS, mode: "DetectMessageEnd" });
      const verdict = analyzer.push(audio(10, [[0.3, 4]], [[4.4, 4.9, hz]]));
      expect(verdict).toMatchObject({ answeredBy: "machine_end_beep", reason: "a beep after the greeting (heard in the recording)" });
      // Decided within the beep's first 200 ms.
      expect(verdict!.atMs).toBeGreaterThan(4400);
      expect(verdict!.atMs).toBeLessThanOrEqual(4600);
    }
    // In Enable mode a long greeting is a machine at once; the beep is not waited for.
    expect(new AmdAnalyzer({ ...DEFAULT_AMD_PARAMETERS, mode: "Enable" }).push(audio(10, [[0.3, 4]], [[4.4, 4.9, 440]]))).toMatchObject({ answeredBy: "machine_start" });
  });

  it("nobody speaking is unknown at the silence timeout; a fax's answer tone is a fax", () => {
    expect(analyse(audio(8, []))).toMatchObject({ answeredBy: "unknown", atMs: 5000 });
    expect(analyse(audio(8, []), { silenceTimeoutMs: 2000 })).toMatchObject({ answeredBy: "unknown", atMs: 2000 });
    expect(analyse(audio(6, [], [[0.3, 3.3, 2100]])).answeredBy).toBe("fax");
    expect(analyse(audio(6, [], [[0.3, 0.8, 1100], [3.8, 4.3, 1100]])).answeredBy).toBe("fax");
  });

  it("how the audio is chunked does not change the verdict", () => {
    const pcm = audio(6, [[0.8, 1.4]]);
    const framed = analyse(pcm);
    for (const chunk of [1, 37, 1000, 4096]) expect(analyse(pcm, {}, chunk)).toEqual(framed);
  });

  it("the labelled set: people are never called machines, and are decided within 2 s of their greeting's end", () => {
    const set = labelledAmdSet();
    for (const mode of ["Enable", "DetectMessageEnd"] as const) {
      const results: AmdResult[] = set.map((sample) => {
        const v = analyse(readSamplePcm(sample), { mode });
        return { sample, answeredBy: v.answeredBy, decidedAtMs: v.atMs, reason: v.reason };
      });
      const matrix = confusionMatrix(results, mode);
      console.log(`[amd] analyzer alone, MachineDetection=${mode}\n${formatMatrix(matrix)}`);
      expect(matrix.humansCalledMachines).toBe(0);
      expect(matrix.humanDecisionAfterGreetingMs.max).toBeLessThan(2000);
      expect(matrix.accuracy).toBeGreaterThanOrEqual(0.95);
    }
  }, 60_000);
});
