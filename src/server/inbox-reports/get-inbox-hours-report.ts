import { db } from "@/server/db";
import { INBOX_REPORT_ROLE, ZInboxReportInput, type TInboxReportInput } from "@/server/inbox-reports/inbox-reports.schemas";
import { rangeCte } from "@/server/inbox-reports/report-range";
import { assertRole, type Actor } from "@/server/tenancy";

export interface InboxHoursReport {
  /** counts[weekday][hour]: inbound messages; weekday 0 = Monday … 6 = Sunday, hours 0–23, in the report's zone. */
  counts: number[][];
  total: number;
}

/** When contacts write: inbound messages of every channel in the range by weekday and hour (the busiest-hours heatmap). */
export async function getInboxHoursReport(actor: Actor, rawInput: TInboxReportInput, opts: { now?: Date } = {}): Promise<InboxHoursReport> {
  assertRole(actor, INBOX_REPORT_ROLE);
  const input = ZInboxReportInput.parse(rawInput);
  const w = { tenantId: actor.tenantId, days: input.days, timeZone: input.timeZone, now: opts.now ?? new Date() };
  const rows = await db.$queryRaw<{ weekday: number; hour: number; n: number }[]>`
    WITH ${rangeCte(w)},
    local AS (
      SELECT (m."createdAt" AT TIME ZONE 'UTC') AT TIME ZONE r.tz AS at
      FROM "Message" m, range r
      WHERE m."tenantId" = ${w.tenantId} AND m.direction = 'INBOUND' AND m."createdAt" >= r.start_utc AND m."createdAt" <= r.end_utc
    )
    SELECT (EXTRACT(ISODOW FROM at)::int - 1) AS weekday, EXTRACT(HOUR FROM at)::int AS hour, count(*)::int AS n
    FROM local GROUP BY 1, 2`;
  const counts = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  let total = 0;
  for (const r of rows) {
    counts[r.weekday]![r.hour] = r.n;
    total += r.n;
  }
  return { counts, total };
}
