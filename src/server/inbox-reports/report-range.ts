// The SQL every inbox report shares. `range`: the report's days in the viewer's zone (today and the days before it)
// as UTC bounds, since timestamps are stored as UTC without a zone. `figures`: the conversations opened in the range
// with their first-response and resolution times in seconds. A first response counts only when the contact wrote
// first (an inbound message before it): a conversation an agent started with an outbound email has no response time.
import { Prisma } from "@/generated/prisma/client";

export interface ReportWindow {
  tenantId: string;
  days: number;
  timeZone: string;
  /** The report's "now" (tests pin it). */
  now: Date;
}

export function rangeCte(w: ReportWindow): Prisma.Sql {
  return Prisma.sql`range AS (
    SELECT ((d.today - (${w.days}::int - 1))::timestamp AT TIME ZONE ${w.timeZone}) AT TIME ZONE 'UTC' AS start_utc,
           (${w.now.toISOString()}::timestamptz AT TIME ZONE 'UTC') AS end_utc,
           d.today AS today,
           ${w.timeZone}::text AS tz
    FROM (SELECT (${w.now.toISOString()}::timestamptz AT TIME ZONE ${w.timeZone})::date AS today) d
  )`;
}

/** Needs `range` before it. */
export function figuresCte(w: ReportWindow): Prisma.Sql {
  return Prisma.sql`figures AS (
    SELECT c.id, c.channel, c."assigneeUserId", c.status,
      CASE WHEN c."firstResponseAt" IS NOT NULL AND EXISTS (
        SELECT 1 FROM "Message" m
        WHERE m."tenantId" = c."tenantId" AND m."conversationId" = c.id AND m.direction = 'INBOUND' AND m."createdAt" <= c."firstResponseAt"
      ) THEN EXTRACT(EPOCH FROM c."firstResponseAt" - c."createdAt")::float8 END AS first_response_s,
      CASE WHEN c.status = 'RESOLVED' AND c."resolvedAt" IS NOT NULL THEN EXTRACT(EPOCH FROM c."resolvedAt" - c."createdAt")::float8 END AS resolution_s
    FROM "Conversation" c, range r
    WHERE c."tenantId" = ${w.tenantId} AND c."createdAt" >= r.start_utc AND c."createdAt" <= r.end_utc
  )`;
}

/** Median and 90th percentile of first response and resolution, and counts, over `figures` rows (per group). */
export const FIGURE_COLUMNS = Prisma.sql`
  count(*)::int AS handled,
  count(*) FILTER (WHERE status = 'RESOLVED')::int AS resolved,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_s) AS first_response_median_s,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response_s) AS first_response_p90_s,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_s) AS resolution_median_s,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution_s) AS resolution_p90_s`;

export interface Figures {
  /** Conversations opened in the range. */
  handled: number;
  /** Of them, resolved now. */
  resolved: number;
  /** Seconds; null when none had one. */
  firstResponseMedianS: number | null;
  firstResponseP90S: number | null;
  resolutionMedianS: number | null;
  resolutionP90S: number | null;
}

export interface FigureRow {
  handled: number;
  resolved: number;
  first_response_median_s: number | null;
  first_response_p90_s: number | null;
  resolution_median_s: number | null;
  resolution_p90_s: number | null;
}

export function toFigures(row: FigureRow): Figures {
  return {
    handled: row.handled,
    resolved: row.resolved,
    firstResponseMedianS: row.first_response_median_s,
    firstResponseP90S: row.first_response_p90_s,
    resolutionMedianS: row.resolution_median_s,
    resolutionP90S: row.resolution_p90_s,
  };
}
