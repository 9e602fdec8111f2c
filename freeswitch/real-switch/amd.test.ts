// Answering-machine detection on a real FreeSWITCH: every sample of the labelled set (src/test/amd/labelled-set.ts:
// people, answering machines with and without a beep, fax tones, dead air) is said by the SIPp carrier as the far end
// of an outbound call (+15005558NNN, A-law over RTP), recorded by the switch read-only and unbuffered, tailed by the
// worker and decided; mod_avmd hears the beeps. The confusion matrix is printed and written to
// .data/test-reports/amd-real-switch.json; the targets: fewer than 5 % of people called machines, and a person
// decided within 2 s of the end of their greeting.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { confusionMatrix, formatMatrix, type AmdMatrix, type AmdResult } from "@/test/amd/confusion-matrix";
import { labelledAmdSet, type AmdSample } from "@/test/amd/labelled-set";
import { createVoiceTenant, describeRealSwitch, placeCall, waitFor } from "./harness/fixtures";

const REPORT = path.resolve(import.meta.dirname, "../../.data/test-reports/amd-real-switch.json");
const report: Record<string, AmdMatrix> = {};

describeRealSwitch("answering-machine detection on a real FreeSWITCH", () => {
  const set = labelledAmdSet();
  const numberOf = (sample: AmdSample) => `+15005558${String(set.indexOf(sample)).padStart(3, "0")}`;

  async function dialSet(mode: "Enable" | "DetectMessageEnd", samples: AmdSample[]): Promise<AmdResult[]> {
    // The switch takes 10 sessions a second here: the tenant's pace matches, and every call is placed at once.
    const tenant = await createVoiceTenant({ callsPerSecond: 10, maxConcurrentCalls: 200 });
    const calls: { sample: AmdSample; call: Awaited<ReturnType<typeof placeCall>> }[] = [];
    for (let i = 0; i < samples.length; i += 20) {
      calls.push(...(await Promise.all(samples.slice(i, i + 20).map(async (sample) => ({ sample, call: await placeCall(tenant, { to: numberOf(sample), instructions: [{ hangup: true }], machine_detection: mode }) })))));
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // Polled in the database, all at once: the API's per-key rate limit is for the calls above.
    const { db } = await import("@/server/db");
    const ids = calls.map((c) => c.call.id);
    await waitFor("every call's verdict and end", async () => {
      const [ended, verdicts] = await Promise.all([
        db.call.count({ where: { id: { in: ids }, endedAt: { not: null } } }),
        db.callEvent.count({ where: { callId: { in: ids }, type: "machine_detected" } }),
      ]);
      return ended === ids.length && verdicts === ids.length;
    }, 150_000, 500);
    const rows = new Map((await db.call.findMany({ where: { id: { in: ids } }, include: { events: { where: { type: "machine_detected" } } } })).map((r) => [r.id, r]));
    return calls.map(({ sample, call }) => {
      const row = rows.get(call.id)!;
      const data = row.events[0]!.data as { answeredBy: string; machineDetectionDurationMs: number; reason: string };
      expect(row.answeredBy).toBe(data.answeredBy);
      return { sample, answeredBy: data.answeredBy, decidedAtMs: data.machineDetectionDurationMs, reason: data.reason };
    });
  }

  function publish(name: string, matrix: AmdMatrix): void {
    report[name] = matrix;
    console.log(`[amd] real FreeSWITCH, ${name}\n${formatMatrix(matrix)}`);
    mkdirSync(path.dirname(REPORT), { recursive: true });
    writeFileSync(REPORT, JSON.stringify(report, null, 1));
  }

  it("the labelled set with MachineDetection=Enable: people are people, within 2 s of their greeting's end", async () => {
    const matrix = confusionMatrix(await dialSet("Enable", set), "Enable");
    publish("MachineDetection=Enable", matrix);
    expect(matrix.humansCalledMachines / matrix.humans).toBeLessThan(0.05);
    expect(matrix.humanDecisionAfterGreetingMs.p95).toBeLessThan(2000);
    expect(matrix.accuracy).toBeGreaterThanOrEqual(0.9);
  }, 180_000);

  it("DetectMessageEnd: answering machines are decided at mod_avmd's beep or the silence after their message", async () => {
    const machines = set.filter((s) => s.kind === "machine");
    const results = await dialSet("DetectMessageEnd", machines);
    const matrix = confusionMatrix(results, "DetectMessageEnd");
    publish("MachineDetection=DetectMessageEnd (machines)", matrix);
    expect(matrix.counts.machine.machine).toBe(machines.length);
    // The beeps are heard: most machines that beep are decided by their beep, just after it sounds. mod_avmd hears
    // them on the switch and the analyzer in the recording, whichever first; on a loaded machine (CI) avmd missed 7 of
    // 20, all 440 Hz, so both must keep working: at least one verdict from each is required below.
    const beeped = results.filter((r) => r.sample.beepAtMs !== null);
    const byBeep = beeped.filter((r) => r.answeredBy === "machine_end_beep");
    const byAvmd = byBeep.filter((r) => r.reason === "a beep after the greeting").length;
    console.log(`[amd] beeps decided: ${byBeep.length}/${beeped.length}; by mod_avmd ${byAvmd}, by the analyzer ${byBeep.length - byAvmd}`);
    expect(byBeep.length / beeped.length).toBeGreaterThanOrEqual(0.9);
    expect(byAvmd).toBeGreaterThan(0);
    // Decided at the beep, never well before it. The time is counted from the switch's answer while the carrier
    // starts its audio at its own answer: a loaded machine shifts the two by a few hundred ms (seen in CI: 215 ms).
    for (const r of byBeep) expect(r.decidedAtMs, `${r.sample.id} (beep at ${r.sample.beepAtMs} ms): ${r.reason}`).toBeGreaterThan(r.sample.beepAtMs! - 500);
  }, 180_000);
});
