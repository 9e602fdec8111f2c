import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { debuggerErrorsSql } from "@/server/debugger/debugger-error-sql";
import { DEBUGGER_READ_ROLE } from "@/server/debugger/debugger-error-view";
import { ZCountDebuggerErrorsInput, type TCountDebuggerErrorsInput } from "@/server/debugger/debugger.schemas";
import { assertRole, type Actor } from "@/server/tenancy";

const HOUR_MS = 3_600_000;
/** At most a week of hours in one chart. */
const MAX_HOURS = 24 * 7;

export interface DebuggerErrorsPerHour {
  /** The start of the hour (UTC). */
  hour: Date;
  errors: number;
}

/**
 * Errors per hour for the debugger's chart, with the list's filters; every hour of the range is present (zeros
 * included). The range defaults to the 24 hours up to now and is cut to the last week of it.
 */
export async function countDebuggerErrorsByHour(actor: Actor, rawInput: TCountDebuggerErrorsInput = {}, opts: { now?: Date } = {}): Promise<DebuggerErrorsPerHour[]> {
  assertRole(actor, DEBUGGER_READ_ROLE);
  const input = ZCountDebuggerErrorsInput.parse(rawInput);
  const to = input.to ?? opts.now ?? new Date();
  const lastHour = Math.floor((to.getTime() - 1) / HOUR_MS) * HOUR_MS;
  const requestedFirst = input.from ? Math.floor(input.from.getTime() / HOUR_MS) * HOUR_MS : lastHour - 23 * HOUR_MS;
  const firstHour = Math.max(requestedFirst, lastHour - (MAX_HOURS - 1) * HOUR_MS);
  const from = new Date(Math.max(firstHour, input.from?.getTime() ?? firstHour));
  const rows = await db.$queryRaw<{ hour: Date; errors: number }[]>(Prisma.sql`
    SELECT date_trunc('hour', e."occurredAt") AS hour, count(*)::int AS errors
    FROM (${debuggerErrorsSql(actor.tenantId, { ...input, from, to })}) e
    GROUP BY 1`);
  const byHour = new Map(rows.map((r) => [r.hour.getTime(), r.errors]));
  const hours: DebuggerErrorsPerHour[] = [];
  for (let h = firstHour; h <= lastHour; h += HOUR_MS) hours.push({ hour: new Date(h), errors: byHour.get(h) ?? 0 });
  return hours;
}
