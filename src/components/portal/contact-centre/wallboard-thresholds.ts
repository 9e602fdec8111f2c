// When a wallboard tile turns amber or red. Defaults: longest wait over the queue's service-level target is amber,
// over twice it red; service level under 80 % amber, under 60 % red; abandon rate over 5 % amber, 10 % red.
// A queue's own thresholds, set on the wallboard, are kept in this browser (the TV it runs on).
export interface Thresholds {
  waitAmberSeconds: number;
  waitRedSeconds: number;
  serviceLevelAmber: number;
  serviceLevelRed: number;
  abandonAmber: number;
  abandonRed: number;
}

export type Level = "ok" | "amber" | "red";

export function defaultThresholds(serviceLevelSeconds: number): Thresholds {
  return { waitAmberSeconds: serviceLevelSeconds, waitRedSeconds: serviceLevelSeconds * 2, serviceLevelAmber: 80, serviceLevelRed: 60, abandonAmber: 5, abandonRed: 10 };
}

export function levelOf(t: Thresholds, m: { longestWaitSeconds: number; serviceLevelPercent: number | null; abandonRatePercent: number | null }) {
  const wait: Level = m.longestWaitSeconds > t.waitRedSeconds ? "red" : m.longestWaitSeconds > t.waitAmberSeconds ? "amber" : "ok";
  const sl: Level = m.serviceLevelPercent === null ? "ok" : m.serviceLevelPercent < t.serviceLevelRed ? "red" : m.serviceLevelPercent < t.serviceLevelAmber ? "amber" : "ok";
  const abandon: Level = m.abandonRatePercent === null ? "ok" : m.abandonRatePercent > t.abandonRed ? "red" : m.abandonRatePercent > t.abandonAmber ? "amber" : "ok";
  const all = [wait, sl, abandon];
  const tile: Level = all.includes("red") ? "red" : all.includes("amber") ? "amber" : "ok";
  return { wait, sl, abandon, tile };
}

const KEY = "irisx.wallboard.thresholds";

export function loadThresholds(): Record<string, Partial<Thresholds>> {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? "{}") as Record<string, Partial<Thresholds>>;
  } catch {
    return {};
  }
}

export function saveThresholds(all: Record<string, Partial<Thresholds>>) {
  localStorage.setItem(KEY, JSON.stringify(all));
}
