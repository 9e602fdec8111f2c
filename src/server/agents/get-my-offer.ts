// What the signed-in agent's ringing phone is about, for the desktop's incoming-call modal: the customer's number, the
// contact it matches (by a phone identity), the queue the caller waited in and since when (the modal counts on from
// it), and who sent it: a colleague's transfer, a colleague's consultation, a queue callback. Null when the agent's
// phone is not ringing with a call of the account (a call straight to the line, outside the ACD, rings with its SIP
// caller ID only).
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { AGENT_ROLE } from "@/server/agents/agent-view";
import { assertRole, type Actor } from "@/server/tenancy";

export interface MyOfferView {
  /** queue: routed by the ACD; transfer: a colleague sent the caller; consult: a colleague consults about their caller. */
  kind: "queue" | "transfer" | "consult";
  callId: string;
  number: string;
  contact: { id: string; name: string; company: string | null; tags: string[] } | null;
  queueName: string | null;
  /** When the caller joined the queue (the time waited counts from here), or null outside a queue. */
  waitingSince: Date | null;
  /** The colleague who transferred or consults. */
  fromAgent: string | null;
}

export async function getMyOffer(actor: Actor): Promise<MyOfferView | null> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const tenantId = actor.tenantId;
  const me = await db.agent.findFirst({ where: { tenantId, userId: actor.userId }, select: { id: true, state: true, currentCallId: true, currentQueueId: true } });
  if (!me || me.state !== "RINGING" || !me.currentCallId) return null;

  const consult = await db.callConsult.findFirst({ where: { tenantId, targetCallId: me.currentCallId }, select: { customerCallId: true, byAgentId: true } });
  const customerCallId = consult?.customerCallId ?? me.currentCallId;
  const call = await db.call.findFirst({ where: { id: customerCallId, tenantId }, select: { id: true, direction: true, from: true, to: true } });
  if (!call) return null;
  const number = call.direction === "INBOUND" && !call.from.startsWith("client:") ? call.from : call.to;

  const [identity, queue, member] = await Promise.all([
    db.contactIdentity.findFirst({ where: { tenantId, kind: "PHONE", value: number }, select: { contact: { select: { id: true, displayName: true, company: true, tags: true } } } }),
    me.currentQueueId ? db.callQueue.findFirst({ where: { id: me.currentQueueId, tenantId }, select: { friendlyName: true } }) : null,
    db.queueMember.findFirst({ where: { tenantId, callId: call.id }, select: { enqueuedAt: true, targetAgentId: true } }),
  ]);
  let kind: MyOfferView["kind"] = consult ? "consult" : "queue";
  let fromAgentId = consult?.byAgentId ?? null;
  if (!consult && member?.targetAgentId === me.id) {
    kind = "transfer";
    // The transfer's redirect names the agent who sent the caller (transfer-agent-call.ts).
    const event = await db.callEvent.findFirst({ where: { callId: call.id, type: "redirect.requested" }, orderBy: { sequence: "desc" }, select: { data: true } });
    const by = (event?.data as { transfer?: { byAgentId?: unknown } } | null)?.transfer?.byAgentId;
    fromAgentId = typeof by === "string" ? by : null;
  }
  const from = fromAgentId ? await db.agent.findFirst({ where: { id: fromAgentId, tenantId }, select: { user: { select: { name: true, email: true } } } }) : null;
  const contact = identity?.contact ?? null;
  return {
    kind,
    callId: call.id,
    number,
    contact: contact ? { id: contact.id, name: contact.displayName, company: contact.company, tags: contact.tags } : null,
    queueName: queue?.friendlyName ?? null,
    waitingSince: member?.enqueuedAt ?? null,
    fromAgent: from ? from.user.name || from.user.email : null,
  };
}
