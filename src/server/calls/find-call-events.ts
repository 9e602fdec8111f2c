import { db } from "@/server/db";
import { assertRole, type Actor } from "@/server/tenancy";
import { CALL_READ_ROLE, type CallEventView } from "@/server/calls/call-view";
import { ZCallIdInput, type TCallIdInput } from "@/server/calls/calls.schemas";
import { loadTenantCall } from "@/server/calls/get-call";

/** A call's timeline in sequence order. A leg has a handful of events, so the whole list comes at once. */
export async function findCallEvents(actor: Actor, input: TCallIdInput): Promise<CallEventView[]> {
  assertRole(actor, CALL_READ_ROLE);
  const { callId } = ZCallIdInput.parse(input);
  await loadTenantCall(db, actor.tenantId, callId);
  const rows = await db.callEvent.findMany({ where: { callId, tenantId: actor.tenantId }, orderBy: { sequence: "asc" }, take: 1000 });
  return rows.map((e) => ({
    id: e.id,
    callId: e.callId,
    sequence: e.sequence,
    type: e.type,
    status: e.status,
    occurredAt: e.occurredAt,
    data: (e.data ?? {}) as Record<string, unknown>,
  }));
}
