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
import { findAgentCallerIds } from "@/server/agents/find-agent-caller-ids";
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
  const callId = me.currentCallId;

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
  await callTransaction((tx) =>
    requestCallRedirect(tx, actor, callId, { document: parsed.document, dialect: "json" }, { transfer: { byAgentId: me.id, kind: described.kind, to: described.id ?? described.label } }),
  );
  return { callId, target: described };
}

/** The caller ID a transfer to a number shows: the one chosen (the account's), or the number the caller called. */
async function transferCallerId(tenantId: string, callId: string, chosen: string | undefined): Promise<string> {
  const allowed = await findAgentCallerIds(tenantId);
  if (chosen) {
    if (!allowed.some((c) => c.e164 === chosen)) throw fieldError("target.callerId", `${chosen} is not a number or verified caller ID of this account`);
    return chosen;
  }
  const call = await db.call.findFirst({ where: { id: callId, tenantId }, select: { to: true, from: true, direction: true } });
  const called = call?.direction === "INBOUND" ? call.to : call?.from;
  if (called && allowed.some((c) => c.e164 === called)) return called;
  const first = allowed[0];
  if (!first) throw fieldError("target.callerId", "the account has no number or verified caller ID to call out from");
  return first.e164;
}
