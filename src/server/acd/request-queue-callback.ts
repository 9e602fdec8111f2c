// A caller waiting in a queue that offers callbacks pressed 1: in one transaction the caller leaves the line (the
// member row, only while no agent is offered it) and a callback takes their place: the same queue, their first
// enqueue time as its position, the number to call back (the caller's) and the caller ID it shows (the number they
// called). The router treats it as one more waiting item of the queue (load-routing-snapshot.ts). The call itself
// then ends (the session says goodbye); it is not counted as abandoned, its wait goes on as the callback's.
import { db } from "@/server/db";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";
import { newId } from "@/server/shared/ids";

export type RequestQueueCallbackResult = { ok: true; callbackId: string; number: string } | { ok: false; why: string };

export async function requestQueueCallback(input: { tenantId: string; callId: string }): Promise<RequestQueueCallbackResult> {
  return db.$transaction(async (tx) => {
    const [member] = await tx.$queryRaw<{ id: string; queueId: string; enqueuedAt: Date; priority: number; callbackOffer: boolean }[]>`
      SELECT m.id, m."queueId", m."enqueuedAt", m.priority, q."callbackOffer" FROM "QueueMember" m JOIN "CallQueue" q ON q.id = m."queueId"
      WHERE m."callId" = ${input.callId} AND m."tenantId" = ${input.tenantId} AND m."offeredAgentId" IS NULL
      FOR UPDATE OF m SKIP LOCKED`;
    if (!member) return { ok: false as const, why: "the caller is not waiting" };
    if (!member.callbackOffer) return { ok: false as const, why: "the queue offers no callback" };
    const call = await tx.call.findFirst({ where: { id: input.callId, tenantId: input.tenantId }, select: { from: true, to: true, direction: true } });
    if (!call) return { ok: false as const, why: "no such call" };
    // An inbound caller is called back at their number, from the number they called; a call the account placed the
    // other way round.
    const inbound = call.direction === "INBOUND";
    const number = inbound ? call.from : call.to;
    const callerId = inbound ? call.to : call.from;
    if (!/^\+[1-9][0-9]{6,14}$/.test(number)) return { ok: false as const, why: `${number} is not a number to call back` };
    await tx.queueMember.delete({ where: { id: member.id } });
    const callbackId = newId("qcb");
    await tx.queueCallback.create({
      data: { id: callbackId, tenantId: input.tenantId, queueId: member.queueId, callId: input.callId, number, callerId, enqueuedAt: member.enqueuedAt, priority: member.priority },
    });
    await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: member.queueId, itemKind: "call", itemId: input.callId, agentId: null, outcome: "callback-requested", reason: `the caller pressed 1: called back at ${number}, keeping their place (callback ${callbackId})` });
    return { ok: true as const, callbackId, number };
  });
}
