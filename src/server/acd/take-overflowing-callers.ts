// Callers who have waited their queue's maxWaitSeconds (and are not ringing an agent) go where the queue says:
//   queue      another queue of the tenant, by name (the caller joins it at the back: <Enqueue>)
//   voicemail  a voicemail box (irisx:voicemail/<box>)
//   number     a number, dialled with the caller's own number as caller ID (<Dial>)
//   flow       an IVR flow's published entry (irisx:flow/…)
// Each is taken once (its member row goes in the same transaction: SKIP LOCKED), its wait counted like any leaving,
// logged as `overflowed` with why, and its outcome kept for the queue's history. The worker then redirects the
// caller's session (the Enqueue's action hears QueueResult redirected, as on a live change). A queue without an
// overflow keeps its callers.
import { db } from "@/server/db";
import type { RedirectRequest } from "@/server/calls/redirect-call";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";
import { findFlowEntryById } from "@/server/ivr-flows/flow-entry-url";
import { newId } from "@/server/shared/ids";
import { ZVoiceDocument } from "@/server/voice-documents/voice-document.schemas";

export interface OverflowingCaller {
  callId: string;
  tenantId: string;
  queueId: string;
  request: RedirectRequest;
}

export async function takeOverflowingCallers(input: { callIds: string[]; now?: Date }): Promise<OverflowingCaller[]> {
  if (input.callIds.length === 0) return [];
  const now = input.now ?? new Date();
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT m.id FROM "QueueMember" m JOIN "CallQueue" q ON q.id = m."queueId"
    WHERE m."callId" = ANY(${input.callIds}::text[]) AND m."offeredAgentId" IS NULL
      AND q."maxWaitSeconds" IS NOT NULL AND q."overflowAction" IS NOT NULL AND q."overflowTarget" IS NOT NULL
      AND m."enqueuedAt" <= ${now}::timestamp - make_interval(secs => q."maxWaitSeconds")`;
  const taken: OverflowingCaller[] = [];
  for (const { id } of due) {
    const caller = await db.$transaction(async (tx) => {
      const [member] = await tx.$queryRaw<{ id: string; tenantId: string; queueId: string; callId: string; enqueuedAt: Date; action: string; target: string; maxWaitSeconds: number }[]>`
        SELECT m.id, m."tenantId", m."queueId", m."callId", m."enqueuedAt", q."overflowAction" AS action, q."overflowTarget" AS target, q."maxWaitSeconds"
        FROM "QueueMember" m JOIN "CallQueue" q ON q.id = m."queueId"
        WHERE m.id = ${id} AND m."offeredAgentId" IS NULL FOR UPDATE OF m SKIP LOCKED`;
      if (!member) return null;
      const request = await overflowRequest(member.tenantId, member.action, member.target);
      if (!request) return null;
      await tx.queueMember.delete({ where: { id: member.id } });
      const waitSeconds = Math.max(0, Math.round((now.getTime() - member.enqueuedAt.getTime()) / 1000));
      await tx.callQueue.update({ where: { id: member.queueId }, data: { waitSecondsTotal: { increment: waitSeconds }, membersLeft: { increment: 1 } } });
      await tx.queueOutcome.create({ data: { id: newId("qo"), tenantId: member.tenantId, queueId: member.queueId, itemKind: "call", itemId: member.callId, enqueuedAt: member.enqueuedAt, endedAt: now, result: "overflowed", waitSeconds } });
      await recordRoutingDecision(tx, { tenantId: member.tenantId, queueId: member.queueId, itemKind: "call", itemId: member.callId, agentId: null, outcome: "overflowed", reason: `waited ${waitSeconds} s (the queue's most is ${member.maxWaitSeconds} s): to ${member.action} ${member.target}` });
      return { callId: member.callId, tenantId: member.tenantId, queueId: member.queueId, request };
    });
    if (caller) taken.push(caller);
  }
  return taken;
}

async function overflowRequest(tenantId: string, action: string, target: string): Promise<RedirectRequest | null> {
  switch (action) {
    case "queue":
      return { document: ZVoiceDocument.parse([{ enqueue: target }]), dialect: "json" };
    case "voicemail":
      return { url: `irisx:voicemail/${target}`, method: "POST" };
    case "number":
      return { document: ZVoiceDocument.parse([{ dial: target }]), dialect: "json" };
    case "flow": {
      const entry = await findFlowEntryById({ tenantId, flowId: target });
      return entry ? { url: entry.url, method: "POST" } : null;
    }
    default:
      return null;
  }
}
