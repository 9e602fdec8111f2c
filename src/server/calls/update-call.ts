import type { CallStatus } from "@/generated/prisma/client";
import { assertRole, type Actor } from "@/server/tenancy";
import { callTransaction, writeCallTransitions } from "@/server/calls/call-transitions";
import { CALL_WRITE_ROLE, isFinalCallStatus, toCallView, type CallView } from "@/server/calls/call-view";
import { ZUpdateCallInput, type TUpdateCallInput } from "@/server/calls/calls.schemas";
import { closeCall, loadLockedCall, lockCall } from "@/server/calls/close-call";
import { loadTenantCall } from "@/server/calls/get-call";

/** NOTIFY channel the workers LISTEN on; the payload is `<switchId>:<callId>`. Workers also poll (findLiveCallsOnSwitch). */
export const CALL_END_REQUESTED_CHANNEL = "irisx_call_end_requested";

export function parseCallEndRequestedPayload(payload: string): { switchId: string; callId: string } | null {
  const at = payload.lastIndexOf(":");
  if (at <= 0 || at === payload.length - 1) return null;
  return { switchId: payload.slice(0, at), callId: payload.slice(at + 1) };
}

/**
 * Ends a call the way Twilio's `Status=canceled|completed` update does:
 * - queued: canceled at once, final (CallRecord with billsec 0, nothing on the switch);
 * - initiated or ringing: the end is requested with final status `canceled`; the owning worker kills the channel
 *   (NOTIFY for speed, polling as the fallback) and finalizes;
 * - in progress: `completed` requests the hang-up; `canceled` has no effect (only unanswered calls can be canceled);
 * - already final, or an end already requested: returned as it is (no error, like Twilio).
 * The call row is locked for the decision, so a worker claiming the queued call at the same moment either wins
 * (and the call is then end-requested) or skips it (SKIP LOCKED) and never sees it queued again.
 */
export async function updateCall(actor: Actor, input: TUpdateCallInput): Promise<CallView> {
  assertRole(actor, CALL_WRITE_ROLE);
  const { callId, status: wanted } = ZUpdateCallInput.parse(input);
  return callTransaction(async (tx) => {
    await loadTenantCall(tx, actor.tenantId, callId);
    await lockCall(tx, { callId, tenantId: actor.tenantId });
    const row = await loadLockedCall(tx, callId);
    if (isFinalCallStatus(row.status) || row.endRequestedAt !== null) return toCallView(row);

    const now = new Date();
    const by = { apiKeyId: actor.apiKeyId, userId: actor.userId, requested: wanted };
    if (row.status === "QUEUED") {
      const marked = await tx.call.update({ where: { id: callId }, data: { endRequestedAt: now, endRequestedStatus: "CANCELED" } });
      const { call } = await closeCall(tx, marked, { endedAt: now, hangupCause: null, sipStatus: null, durationSeconds: 0, billsec: 0, answeredAt: null, answeredBy: null, data: by });
      return call;
    }

    let endStatus: CallStatus;
    if (row.status === "IN_PROGRESS") {
      if (wanted === "canceled") return toCallView(row);
      endStatus = "COMPLETED";
    } else {
      endStatus = "CANCELED";
    }
    const updated = await tx.call.update({
      where: { id: callId },
      data: { endRequestedAt: now, endRequestedStatus: endStatus, eventSequence: { increment: 1 } },
      include: { recordings: { select: { id: true }, orderBy: { createdAt: "asc" } }, tenant: { select: { accountSid: true } } },
    });
    const call = toCallView(updated);
    await writeCallTransitions(tx, [{ call, accountSid: updated.tenant.accountSid, type: "end_requested", status: null, at: now, sequence: updated.eventSequence, data: { ...by, endStatus } }]);
    if (updated.switchId) await tx.$executeRaw`SELECT pg_notify(${CALL_END_REQUESTED_CHANNEL}, ${`${updated.switchId}:${callId}`})`;
    return call;
  });
}
