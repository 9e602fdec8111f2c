// The one query behind the debugger: a tenant's error CallEvents as rows of one shape (code and source derived
// here, so the filters, the paging and the hourly counts agree), narrowed by the filters. Served by the index
// CallEvent(tenantId, type, occurredAt).
import { Prisma } from "@/generated/prisma/client";
import { DEBUGGER_EVENT_TYPES, type DebuggerFilters } from "@/server/debugger/debugger.schemas";
import { sqlUtc } from "@/server/shared/sql-utc";

/** Twilio reports a <Play> whose audio cannot be fetched as an HTTP retrieval failure. */
export const PLAYBACK_FAILED_CODE = 11200;
/** An error entry without a code (it should not happen): Twilio's "Internal failure". */
const UNKNOWN_CODE = 12400;

/** `SELECT … FROM (<errors>) e WHERE <filters>`: the rows have id, callId, occurredAt, data, code, source. */
export function debuggerErrorsSql(tenantId: string, filters: DebuggerFilters): Prisma.Sql {
  const inner = Prisma.sql`
    SELECT id, "callId", "occurredAt", data, type,
      COALESCE(
        CASE WHEN jsonb_typeof(data->'code') = 'number' THEN (data->>'code')::numeric::int END,
        CASE WHEN type = 'playback.failed' THEN ${PLAYBACK_FAILED_CODE}::int END,
        ${UNKNOWN_CODE}::int
      ) AS code
    FROM "CallEvent"
    WHERE "tenantId" = ${tenantId}
      AND type IN (${Prisma.join([...DEBUGGER_EVENT_TYPES])})
      ${filters.from ? Prisma.sql`AND "occurredAt" >= ${sqlUtc(filters.from)}` : Prisma.empty}
      ${filters.to ? Prisma.sql`AND "occurredAt" < ${sqlUtc(filters.to)}` : Prisma.empty}
      ${filters.callId ? Prisma.sql`AND "callId" = ${filters.callId}` : Prisma.empty}`;
  const withSource = Prisma.sql`
    SELECT id, "callId", "occurredAt", data, code,
      CASE
        WHEN type = 'debugger.error' AND data->>'source' IN ('fetch', 'document', 'verb', 'provider', 'timeout') THEN data->>'source'
        WHEN type = 'playback.failed' THEN 'verb'
        WHEN code BETWEEN 12000 AND 12999 THEN 'document'
        ELSE 'fetch'
      END AS source
    FROM (${inner}) i`;
  const where = [
    filters.code !== undefined ? Prisma.sql`e.code = ${filters.code}` : null,
    filters.source ? Prisma.sql`e.source = ${filters.source}` : null,
  ].filter((w): w is Prisma.Sql => w !== null);
  return Prisma.sql`SELECT e.* FROM (${withSource}) e ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}`;
}
