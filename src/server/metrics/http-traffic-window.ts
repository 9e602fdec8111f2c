// Snapshots of this process's HTTP counts, kept in memory so that API traffic can be told "over the last N
// minutes" rather than since the process started. The health sampler (every minute) and each read of the health
// page leave a snapshot; those older than the longest window asked for are dropped. Every app process has its own
// counts: what one reports is the traffic that process served.
import { diffHttpTraffic, readHttpTraffic, summarizeHttpTraffic, type HttpTrafficSnapshot } from "@/server/metrics/http-traffic";
import { processState } from "@/server/shared/process-state";

/** At most one snapshot per this long is kept (the health page reads every 5 s). */
const SNAPSHOT_EVERY_MS = 10_000;
const KEEP_MS = 2 * 3_600_000;

const state = processState("metrics.httpTrafficWindow", () => ({ snapshots: [] as HttpTrafficSnapshot[], lastSample: null as HttpTrafficSnapshot | null }));

function keep(snapshot: HttpTrafficSnapshot): void {
  const last = state.snapshots.at(-1);
  if (!last || snapshot.at - last.at >= SNAPSHOT_EVERY_MS) state.snapshots.push(snapshot);
  while (state.snapshots.length > 0 && state.snapshots[0]!.at < snapshot.at - KEEP_MS) state.snapshots.shift();
}

const processStartedAt = (now: number) => now - Math.round(process.uptime() * 1000);

/** From a snapshot (or the process's start, with none) to now. */
function window(baseline: HttpTrafficSnapshot | null, current: HttpTrafficSnapshot) {
  const since = baseline?.at ?? processStartedAt(current.at);
  return { ...summarizeHttpTraffic(diffHttpTraffic(baseline, current)), since: new Date(since), windowSeconds: Math.max(0, Math.round((current.at - since) / 1000)), sinceProcessStart: baseline === null };
}

/**
 * Traffic over the last `windowMs`: from the newest snapshot at least that old; when this process has none that
 * old (it has not been watched that long), since the process started, and the answer says so.
 */
export async function httpTrafficOverWindow(windowMs: number, now = Date.now()) {
  const current = await readHttpTraffic(now);
  const baseline = state.snapshots.findLast((s) => s.at <= now - windowMs) ?? null;
  keep(current);
  return window(baseline, current);
}

/** Traffic since this process's previous health sample (or its start): what one HealthSample row records. */
export async function httpTrafficSinceLastSample(now = Date.now()) {
  const current = await readHttpTraffic(now);
  const baseline = state.lastSample;
  state.lastSample = current;
  keep(current);
  return window(baseline, current);
}
