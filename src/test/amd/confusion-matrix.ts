// Scores answering-machine verdicts against the labelled set: the confusion matrix (true class × verdict group),
// accuracy against the exact AnsweredBy expected per mode, people called machines (the costly error: a live person
// hears a voicemail drop or is abandoned), and how long after a person's greeting ended their verdict came.
import type { AmdClass, AmdSample } from "./labelled-set";

export interface AmdResult {
  sample: AmdSample;
  answeredBy: string;
  /** Audio ms from answer to the verdict (MachineDetectionDuration). */
  decidedAtMs: number;
  reason?: string;
}

const GROUPS = ["human", "machine", "fax", "unknown"] as const;
type Group = (typeof GROUPS)[number];
const CLASSES: AmdClass[] = ["human", "machine", "fax", "silence"];

const groupOf = (answeredBy: string): Group => (answeredBy.startsWith("machine") ? "machine" : (GROUPS as readonly string[]).includes(answeredBy) ? (answeredBy as Group) : "unknown");

function percentiles(values: number[]): { p50: number; p95: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0);
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] ?? 0 };
}

export interface AmdMatrix {
  mode: "Enable" | "DetectMessageEnd";
  counts: Record<AmdClass, Record<Group, number>>;
  samples: number;
  accuracy: number;
  humans: number;
  humansCalledMachines: number;
  machinesCalledHumans: number;
  humanDecisionAfterGreetingMs: { p50: number; p95: number; max: number };
  machineDecisionMs: { p50: number; p95: number; max: number };
  misses: { id: string; text: string; expected: string; got: string; atMs: number; reason?: string }[];
}

export function confusionMatrix(results: AmdResult[], mode: "Enable" | "DetectMessageEnd"): AmdMatrix {
  const counts = Object.fromEntries(CLASSES.map((c) => [c, Object.fromEntries(GROUPS.map((g) => [g, 0]))])) as AmdMatrix["counts"];
  const misses: AmdMatrix["misses"] = [];
  for (const r of results) {
    counts[r.sample.kind][groupOf(r.answeredBy)]++;
    if (r.answeredBy !== r.sample.expected[mode]) misses.push({ id: r.sample.id, text: r.sample.text, expected: r.sample.expected[mode], got: r.answeredBy, atMs: r.decidedAtMs, reason: r.sample.beepHz ? `${r.reason ?? ""}; its beep: ${r.sample.beepHz} Hz` : r.reason });
  }
  const humans = results.filter((r) => r.sample.kind === "human");
  return {
    mode,
    counts,
    samples: results.length,
    accuracy: results.length ? (results.length - misses.length) / results.length : 0,
    humans: humans.length,
    humansCalledMachines: counts.human.machine,
    machinesCalledHumans: counts.machine.human,
    humanDecisionAfterGreetingMs: percentiles(humans.filter((r) => r.answeredBy === "human").map((r) => r.decidedAtMs - r.sample.greetingEndMs!)),
    machineDecisionMs: percentiles(results.filter((r) => r.sample.kind === "machine" && groupOf(r.answeredBy) === "machine").map((r) => r.decidedAtMs)),
    misses,
  };
}

export function formatMatrix(m: AmdMatrix): string {
  const pad = (v: string | number, n = 9) => String(v).padStart(n);
  const lines = [
    `${"truth \\ verdict".padEnd(16)}${GROUPS.map((g) => pad(g)).join("")}`,
    ...CLASSES.filter((c) => GROUPS.some((g) => m.counts[c][g] > 0)).map((c) => `${c.padEnd(16)}${GROUPS.map((g) => pad(m.counts[c][g])).join("")}`),
    `exact AnsweredBy: ${m.samples - m.misses.length}/${m.samples} (${(m.accuracy * 100).toFixed(1)} %); people called machines: ${m.humansCalledMachines}/${m.humans}; machines called people: ${m.machinesCalledHumans}`,
    ...(m.humans ? [`person decided after the greeting's end: p50 ${m.humanDecisionAfterGreetingMs.p50} ms, p95 ${m.humanDecisionAfterGreetingMs.p95} ms, max ${m.humanDecisionAfterGreetingMs.max} ms`] : []),
    `machine decided after answer: p50 ${m.machineDecisionMs.p50} ms, p95 ${m.machineDecisionMs.p95} ms, max ${m.machineDecisionMs.max} ms`,
    ...m.misses.map((x) => `  miss ${x.id} "${x.text.slice(0, 40)}": expected ${x.expected}, got ${x.got} at ${x.atMs} ms${x.reason ? ` (${x.reason})` : ""}`),
  ];
  return lines.join("\n");
}
