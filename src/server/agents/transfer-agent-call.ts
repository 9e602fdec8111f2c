// A blind transfer by the agent on the call: the caller's call is redirected (a live change, redirect-call.ts) to a
// document made here, and the agent's leg ends with it (their wrap-up follows, end-call-offer.ts):
//   an agent   → the caller waits in a queue the agent serves (the agent's current one when the target serves it),
//                meant for that agent alone (QueueMember.targetAgentId); if they let it ring out, the queue's agents
//                take it, as Amazon Connect's agent queues do;
//   a queue    → the caller waits in that queue, at its back;
//   a number   → the caller is dialled through to it, showing a caller ID of the account (the number the caller called,
//                unless the agent chose another).
// The redirect's call event names the transfer, its target and the agent.
import { db } from "@/server/db";
import { AppError, fieldError } from "@/server/errors";
import { AGENT_ROLE } from "@/server/agents/agent-view";
import { ZTransferCallInput, type TTransferCallInput } from "@/server/agents/agents.schemas";
import { agentCallOf, endAgentPart, OPEN_CONSULT_STATUSES } from "@/server/agents/consult-room-events";
import { transferCallerId } from "@/server/agents/find-agent-caller-ids";
import { callTransaction } from "@/server/calls/call-transitions";
import { requestCallRedirect } from "@/server/calls/redirect-call";
import { parseVoiceDocument } from "@/server/voice-documents/parse-voice-document";
import { assertRole, type Actor } from "@/server/tenancy";

export interface TransferResult {
  callId: string;
  target: { kind: "agent" | "queue" | "number"; id: string | null; label: string };
}

export async function transferAgentCall(actor: Actor, rawInput: TTransferCallInput): Promise<TransferResult> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const { target } = ZTransferCallInput.parse(rawInput);
  const me = await db.agent.findFirst({ where: { tenantId: actor.tenantId, userId: actor.userId }, select: { id: true, state: true, currentCallId: true, currentQueueId: true } });
  if (!me || me.state !== "ON_CALL" || !me.currentCallId) throw new AppError("CONFLICT", "you are not on a call: there is nothing to transfer");
  // An agent who took the call over from a consultation moves the consulted call (the caller's) out of its room.
  const { callId, handedOver } = await agentCallOf(db, actor.tenantId, me.currentCallId);
  if (handedOver && handedOver.customerCallId !== handedOver.callId) throw new AppError("CONFLICT", "this caller's leg is transferred by consulting: Consult, then Complete");
  const placed = await db.call.findFirst({ where: { id: callId, tenantId: actor.tenantId }, select: { from: true } });
  // The agent's own call out: its session is the agent's leg, so a redirect would move the agent, not the customer.
  if (placed?.from.startsWith("client:")) throw new AppError("CONFLICT", "a call you placed is transferred by consulting: Consult, then Complete");
  const consult = await db.callConsult.findFirst({ where: { tenantId: actor.tenantId, callId }, orderBy: { createdAt: "desc" }, select: { status: true } });
  if (consult && OPEN_CONSULT_STATUSES.includes(consult.status)) throw new AppError("CONFLICT", "a consultation is going on: complete or cancel it first");

  let verbs: unknown[];
  let described: TransferResult["target"];
  if (target.kind === "agent") {
    const other = await db.agent.findFirst({
      where: { id: target.agentId, tenantId: actor.tenantId },
      select: { id: true, state: true, registered: true, user: { select: { name: true, email: true } }, queues: { select: { queueId: true, queue: { select: { friendlyName: true } } }, orderBy: { queueId: "asc" } } },
    });
    if (!other) throw new AppError("NOT_FOUND", "agent not found");
    const name = other.user.name || other.user.email;
    if (other.id === me.id) throw fieldError("target.agentId", "that is you: choose another agent");
    if (other.state === "OFFLINE" || !other.registered) throw new AppError("CONFLICT", `${name} is offline: their phone cannot take the call`);
    const queue = other.queues.find((q) => q.queueId === me.currentQueueId) ?? other.queues[0];
    if (!queue) throw fieldError("target.agentId", `${name} serves no queue: add them to one first`);
    verbs = [{ enqueue: queue.queue.friendlyName, agent: other.id }];
    described = { kind: "agent", id: other.id, label: name };
  } else if (target.kind === "queue") {
    const queue = await db.callQueue.findFirst({ where: { id: target.queueId, tenantId: actor.tenantId }, select: { id: true, friendlyName: true } });
    if (!queue) throw new AppError("NOT_FOUND", "queue not found");
    verbs = [{ enqueue: queue.friendlyName }];
    described = { kind: "queue", id: queue.id, label: queue.friendlyName };
  } else {
    const callerId = await transferCallerId(actor.tenantId, callId, target.callerId);
    verbs = [{ dial: target.number, callerId }];
    described = { kind: "number", id: null, label: target.number };
  }

  const parsed = parseVoiceDocument(verbs);
  if (!parsed.ok) throw new Error(`a transfer made an invalid document: ${parsed.issues[0]?.message}`);
  await callTransaction(async (tx) => {
    await requestCallRedirect(tx, actor, callId, { document: parsed.document, dialect: "json" }, { transfer: { byAgentId: me.id, kind: described.kind, to: described.id ?? described.label } });
    // A call in its consultation room (a consultation was cancelled): the caller leaves the room, which ends it (the
    // agent's leg with it), and no ACD offer ends for the agent: their part ends here.
    if (consult) await endAgentPart(tx, actor.tenantId, me.id, [callId, me.currentCallId!]);
  });
  return { callId, target: described };
}
