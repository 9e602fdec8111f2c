import { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";
import { CALL_VIEW_INCLUDE, CALL_WRITE_ROLE, isFinalCallStatus, toCallView, type CallView } from "@/server/calls/call-view";
import { loadLockedCall, lockCall } from "@/server/calls/close-call";
import { loadTenantCall } from "@/server/calls/get-call";
import { ZRedirectCallInput, type TRedirectCallInput } from "@/server/twilio/twilio-calls.schemas";

/**
 * Gives a live call a new handler, as Twilio's update with `Url` or `Twiml` does: the URL (and method) or the
 * instructions replace the call's current ones, and a `redirected` event is written. Only a call still queued is
 * placed with them: the worker takes a call's handler when it claims it and does not act on a change mid-call yet
 * (live call control is a later issue). A final call, or one being ended, is CONFLICT.
 */
export async function redirectCall(actor: Actor, input: TRedirectCallInput): Promise<CallView> {
  assertRole(actor, CALL_WRITE_ROLE);
  const { callId, url, method, instructions } = ZRedirectCallInput.parse(input);
  return db.$transaction(async (tx) => {
    await loadTenantCall(tx, actor.tenantId, callId);
    await lockCall(tx, { callId, tenantId: actor.tenantId });
    const row = await loadLockedCall(tx, callId);
    if (isFinalCallStatus(row.status) || row.endRequestedAt !== null) {
      throw new AppError("CONFLICT", `call ${callId} is ${row.status.toLowerCase()}${row.endRequestedAt ? " and being ended" : ""}; only a live call can be redirected`, {
        details: { status: row.status },
      });
    }
    const updated = await tx.call.update({
      where: { id: callId },
      data: {
        url: url ?? null,
        method,
        flowId: null,
        instructions: instructions ? (JSON.parse(JSON.stringify(instructions)) as Prisma.InputJsonValue) : Prisma.DbNull,
        eventSequence: { increment: 1 },
      },
      include: CALL_VIEW_INCLUDE,
    });
    await tx.callEvent.create({
      data: {
        id: newId("cev"),
        callId,
        tenantId: actor.tenantId,
        sequence: updated.eventSequence,
        type: "redirected",
        occurredAt: new Date(),
        data: { handler: url ? "url" : "instructions", ...(url ? { url, method } : { instructions: instructions!.length }), apiKeyId: actor.apiKeyId, userId: actor.userId },
      },
    });
    return toCallView(updated);
  });
}
