import type { Call } from "@/generated/prisma/client";
import { db, type DbOrTx } from "@/server/db";
import { notFound } from "@/server/errors";
import { assertRole, type Actor } from "@/server/tenancy";
import { CALL_READ_ROLE, CALL_VIEW_INCLUDE, toCallView, type CallView } from "@/server/calls/call-view";
import { ZCallId, ZCallIdInput, type TCallIdInput } from "@/server/calls/calls.schemas";

/** The call row of a tenant; another tenant's id, or anything that is not a call id, is NOT_FOUND. */
export async function loadTenantCall(client: DbOrTx, tenantId: string, callId: string): Promise<Call & { recordings: { id: string }[] }> {
  if (!ZCallId.safeParse(callId).success) throw notFound("call");
  const row = await client.call.findFirst({ where: { id: callId, tenantId }, include: CALL_VIEW_INCLUDE });
  if (!row) throw notFound("call");
  return row;
}

export async function getCall(actor: Actor, input: TCallIdInput): Promise<CallView> {
  assertRole(actor, CALL_READ_ROLE);
  const { callId } = ZCallIdInput.parse(input);
  return toCallView(await loadTenantCall(db, actor.tenantId, callId));
}
