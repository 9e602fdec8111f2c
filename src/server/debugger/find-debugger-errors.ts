import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { debuggerErrorsSql } from "@/server/debugger/debugger-error-sql";
import { DEBUGGER_READ_ROLE, toDebuggerError, type DebuggerError, type DebuggerErrorRow } from "@/server/debugger/debugger-error-view";
import { DEBUGGER_EVENT_TYPES, ZFindDebuggerErrorsInput, type TFindDebuggerErrorsInput } from "@/server/debugger/debugger.schemas";
import type { Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";

/** A tenant's call errors, newest first, filtered by code, call, source and time; the cursor is an error's id. */
export async function findDebuggerErrors(actor: Actor, rawInput: TFindDebuggerErrorsInput = {}): Promise<Page<DebuggerError>> {
  assertRole(actor, DEBUGGER_READ_ROLE);
  const input = ZFindDebuggerErrorsInput.parse(rawInput);
  let after: { occurredAt: Date; id: string } | undefined;
  if (input.cursor) {
    const cursor = await db.callEvent.findFirst({
      where: { id: input.cursor, tenantId: actor.tenantId, type: { in: [...DEBUGGER_EVENT_TYPES] } },
      select: { id: true, occurredAt: true },
    });
    if (!cursor) throw new AppError("BAD_REQUEST", "starting_after does not name an error of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
    after = cursor;
  }
  const take = input.limit + 1;
  const rows = await db.$queryRaw<DebuggerErrorRow[]>(Prisma.sql`
    SELECT p.* FROM (${debuggerErrorsSql(actor.tenantId, input, { after, limit: take })}) p
    ORDER BY p."occurredAt" DESC, p.id DESC
    LIMIT ${take}`);
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map(toDebuggerError);
  return { items, hasMore, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}
