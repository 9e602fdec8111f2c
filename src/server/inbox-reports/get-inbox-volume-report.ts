import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { INBOX_REPORT_ROLE, ZInboxReportInput, type TInboxReportInput } from "@/server/inbox-reports/inbox-reports.schemas";
import { FIGURE_COLUMNS, figuresCte, rangeCte, toFigures, type FigureRow, type Figures } from "@/server/inbox-reports/report-range";
import { assertRole, type Actor } from "@/server/tenancy";

export interface InboxVolumeDay {
  /** "2026-12-04", in the report's zone. */
  day: string;
  /** Conversations created that day. */
  opened: number;
  /** Conversations resolved that day (and still resolved). */
  resolved: number;
}

export interface InboxVolumeReport {
  days: InboxVolumeDay[];
  /** Over the conversations opened in the range. */
  totals: Figures;
}

/** Conversations opened and resolved per day, and the range's median and p90 first-response and resolution times. */
export async function getInboxVolumeReport(actor: Actor, rawInput: TInboxReportInput, opts: { now?: Date } = {}): Promise<InboxVolumeReport> {
  assertRole(actor, INBOX_REPORT_ROLE);
  const input = ZInboxReportInput.parse(rawInput);
  const w = { tenantId: actor.tenantId, days: input.days, timeZone: input.timeZone, now: opts.now ?? new Date() };
  const local = (column: Prisma.Sql) => Prisma.sql`((${column} AT TIME ZONE 'UTC') AT TIME ZONE r.tz)::date`;
  const [days, totals] = await Promise.all([
    db.$queryRaw<InboxVolumeDay[]>`
      WITH ${rangeCte(w)},
      days AS (SELECT generate_series(r.today - (${w.days}::int - 1), r.today, interval '1 day')::date AS day FROM range r),
      opened AS (
        SELECT ${local(Prisma.sql`c."createdAt"`)} AS day, count(*)::int AS n
        FROM "Conversation" c, range r
        WHERE c."tenantId" = ${w.tenantId} AND c."createdAt" >= r.start_utc AND c."createdAt" <= r.end_utc
        GROUP BY 1
      ),
      resolved AS (
        SELECT ${local(Prisma.sql`c."resolvedAt"`)} AS day, count(*)::int AS n
        FROM "Conversation" c, range r
        WHERE c."tenantId" = ${w.tenantId} AND c.status = 'RESOLVED' AND c."resolvedAt" >= r.start_utc AND c."resolvedAt" <= r.end_utc
        GROUP BY 1
      )
      SELECT to_char(d.day, 'YYYY-MM-DD') AS day, COALESCE(o.n, 0) AS opened, COALESCE(x.n, 0) AS resolved
      FROM days d LEFT JOIN opened o ON o.day = d.day LEFT JOIN resolved x ON x.day = d.day
      ORDER BY d.day`,
    db.$queryRaw<FigureRow[]>`WITH ${rangeCte(w)}, ${figuresCte(w)} SELECT ${FIGURE_COLUMNS} FROM figures`,
  ]);
  return { days, totals: toFigures(totals[0]!) };
}
