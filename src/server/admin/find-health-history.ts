// The status history of /admin/health: the last 24 hours in 5-minute buckets or the last 7 days in 30-minute
// buckets, from the minute samples (record-health-sample.ts). A bucket's band is the worst of its minutes'
// (health-band.ts); a bucket with no sample is "none" (the app or its database was down, or nothing sampled).
// Figures per bucket: the worst of the minutes for levels (latency, backlog, p95: max; workers and links: min; live
// calls: max), and ratios of the summed counts for rates.
import { z } from "zod";
import { db } from "@/server/db";
import { HEALTH_THRESHOLDS, healthBand, worseBand, type HealthBand } from "@/server/admin/health-band";
import type { HealthSample } from "@/generated/prisma/client";

const MINUTE_MS = 60_000;
const RANGES = { "24h": { spanMs: 24 * 3_600_000, bucketMs: 5 * MINUTE_MS }, "7d": { spanMs: 7 * 86_400_000, bucketMs: 30 * MINUTE_MS } } as const;

export const ZHealthHistoryInput = z.strictObject({ range: z.enum(["24h", "7d"], { error: "24h or 7d" }).default("24h") });

export interface HealthBucket {
  start: Date;
  samples: number;
  band: HealthBand | "none";
  /** Why the bucket is not ok (distinct, as its minutes gave them). */
  reasons: string[];
  databaseLatencyMs: number | null;
  liveCalls: number | null;
  workersFresh: number | null;
  switchLinksUp: number | null;
  outboxBacklog: number | null;
  webhookFailureRate: number | null;
  apiRequests: number;
  apiErrorRate: number | null;
  apiP95Ms: number | null;
}

const maxOf = (values: (number | null)[]) => values.reduce<number | null>((m, v) => (v === null ? m : m === null ? v : Math.max(m, v)), null);
const minOf = (values: number[]) => (values.length === 0 ? null : Math.min(...values));
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function bucketOf(start: Date, samples: HealthSample[]): HealthBucket {
  let band: HealthBand | "none" = "none";
  const reasons = new Set<string>();
  for (const s of samples) {
    const b = healthBand(s);
    band = band === "none" ? b.band : worseBand(band, b.band);
    for (const r of b.reasons) reasons.add(r);
  }
  const sum = (pick: (s: HealthSample) => number) => samples.reduce((n, s) => n + pick(s), 0);
  const delivered = sum((s) => s.webhooksDelivered);
  const failed = sum((s) => s.webhooksFailed);
  const apiRequests = sum((s) => s.apiRequests);
  return {
    start,
    samples: samples.length,
    band,
    reasons: [...reasons],
    databaseLatencyMs: maxOf(samples.map((s) => s.databaseLatencyMs)),
    liveCalls: maxOf(samples.map((s) => s.liveCalls)),
    workersFresh: minOf(samples.map((s) => s.workersFresh)),
    switchLinksUp: minOf(samples.map((s) => s.switchLinksUp)),
    outboxBacklog: maxOf(samples.map((s) => s.outboxBacklog)),
    webhookFailureRate: ratio(failed, delivered + failed),
    apiRequests,
    apiErrorRate: ratio(sum((s) => s.apiErrors), apiRequests),
    apiP95Ms: maxOf(samples.map((s) => s.apiP95Ms)),
  };
}

export async function findHealthHistory(input: z.input<typeof ZHealthHistoryInput> = {}, now = new Date()) {
  const { range } = ZHealthHistoryInput.parse(input);
  const { spanMs, bucketMs } = RANGES[range];
  // Whole buckets, the last one holding now.
  const to = Math.floor(now.getTime() / bucketMs) * bucketMs + bucketMs;
  const from = to - spanMs;
  const samples = await db.healthSample.findMany({ where: { minute: { gte: new Date(from), lt: new Date(to) } }, orderBy: { minute: "asc" } });
  const grouped = new Map<number, HealthSample[]>();
  for (const s of samples) {
    const start = Math.floor(s.minute.getTime() / bucketMs) * bucketMs;
    const group = grouped.get(start);
    if (group) group.push(s);
    else grouped.set(start, [s]);
  }
  const buckets = Array.from({ length: spanMs / bucketMs }, (_, i) => from + i * bucketMs).map((start) => bucketOf(new Date(start), grouped.get(start) ?? []));
  // Minutes by band; minutes up to now that have no sample are "none".
  const minutes = { ok: 0, degraded: 0, down: 0, none: 0 };
  for (const s of samples) minutes[healthBand(s).band] += 1;
  minutes.none = Math.max(0, Math.floor((Math.min(now.getTime(), to) - from) / MINUTE_MS) - samples.length);
  return { range, from: new Date(from), to: new Date(to), bucketSeconds: bucketMs / 1000, buckets, minutes, thresholds: HEALTH_THRESHOLDS };
}
