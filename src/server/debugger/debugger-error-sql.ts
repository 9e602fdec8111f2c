// The one query behind the debugger: a tenant's error CallEvents as rows of one shape (code and source derived
// here, so the filters, the paging and the hourly counts agree), narrowed by the filters. One branch per event
// type, each served by the index CallEvent(tenantId, type, occurredAt, id) in time order: with a page, each branch
// stops after its first `limit` matches (newest first) and only those few rows are merged and sorted, however many
// errors the tenant has.
import { Prisma } from "@/generated/prisma/client";
import { DEBUGGER_EVENT_TYPES, type DebuggerFilters } from "@/server/debugger/debugger.schemas";
import { sqlUtc } from "@/server/shared/sql-utc";

/** Twilio reports a <Play> whose audio cannot be fetched as an HTTP retrieval failure. */
export const PLAYBACK_FAILED_CODE = 11200;
/** An error entry without a code (it should not happen): Twilio's "Internal failure". */
const UNKNOWN_CODE = 12400;

const CODE = Prisma.sql`COALESCE(
  CASE WHEN jsonb_typeof(data->'code') = 'number' THEN (data->>'code')::numeric::int END,
  CASE WHEN type = 'playback.failed' THEN ${PLAYBACK_FAILED_CODE}::int END,
  ${UNKNOWN_CODE}::int)`;

const SOURCE = Prisma.sql`CASE
  WHEN type = 'debugger.error' AND data->>'source' IN ('fetch', 'document', 'verb', 'provider', 'timeout') THEN data->>'source'
  WHEN type = 'playback.failed' THEN 'verb'
  WHEN ${CODE} BETWEEN 12000 AND 12999 THEN 'document'
  ELSE 'fetch'
END`;

export interface DebuggerPage {
  /** The last row of the previous page: rows strictly older than it. */
  after?: { occurredAt: Date; id: string };
  limit: number;
}

/** Rows id, callId, occurredAt, data, code, source; with a page, at most `limit` per type (sort and cut them after). */
export function debuggerErrorsSql(tenantId: string, filters: DebuggerFilters, page?: DebuggerPage): Prisma.Sql {
  const branch = (type: string) => {
    const where = [
      Prisma.sql`"tenantId" = ${tenantId}`,
      Prisma.sql`type = ${type}`,
      filters.from ? Prisma.sql`"occurredAt" >= ${sqlUtc(filters.from)}` : null,
      filters.to ? Prisma.sql`"occurredAt" < ${sqlUtc(filters.to)}` : null,
      filters.callId ? Prisma.sql`"callId" = ${filters.callId}` : null,
      filters.code !== undefined ? Prisma.sql`${CODE} = ${filters.code}` : null,
      filters.source ? Prisma.sql`${SOURCE} = ${filters.source}` : null,
      page?.after ? Prisma.sql`("occurredAt", id) < (${sqlUtc(page.after.occurredAt)}, ${page.after.id})` : null,
    ].filter((w): w is Prisma.Sql => w !== null);
    return Prisma.sql`(
      SELECT id, "callId", "occurredAt", data, ${CODE} AS code, ${SOURCE} AS source
      FROM "CallEvent"
      WHERE ${Prisma.join(where, " AND ")}
      ${page ? Prisma.sql`ORDER BY "occurredAt" DESC, id DESC LIMIT ${page.limit}` : Prisma.empty}
    )`;
  };
  return Prisma.join(
    DEBUGGER_EVENT_TYPES.map((t) => branch(t)),
    " UNION ALL ",
  );
}
