// A consultation's room as the switch reports it (apply-conference-event.ts calls these in its transaction, with the
// room locked):
//   the third party joined     → an agent third party is on the call (their leg's); the customer is held while the
//                                consultation lasts (held on joining, if they join after the hold was asked)
//   the consulting agent left  → the transfer completes (the agent hung up instead of pressing Complete, as on a desk
//                                phone): the customer is taken off hold and the agent goes to wrap-up
//   the third party left       → the consultation is cancelled: the customer is taken off hold
//   the customer left          → the consultation ended with the call
//   an agent's own leg left    → (a leg they took over, or got back after a reload) their part of the call is over
// and, after anyone left, a room with only the customer left in it (nobody on the way) is ended: the call goes on with
// its document (it ends). A consultation's third party that never answered is settled with the room's other
// unfinished business (settleConsultations, from settle-conferences.ts).
import type { CallConsult, Conference } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";
import { requestConferenceAction } from "@/server/conferences/request-conference-action";

/** A consultation still going on (the customer held, or all three talking). */
export const OPEN_CONSULT_STATUSES = ["consulting", "conference"];

/** A member joined a room; true when the worker should hold them at once (a customer of a consultation). */
export async function consultMemberJoined(tx: Tx, conference: Conference, callId: string): Promise<{ hold: boolean }> {
  const consult = await tx.callConsult.findFirst({ where: { conferenceId: conference.id, status: { in: OPEN_CONSULT_STATUSES } } });
  if (!consult) return { hold: false };
  if (callId === consult.targetCallId && consult.targetAgentId) {
    await setAgentState(tx, { tenantId: consult.tenantId, agentId: consult.targetAgentId, to: "ON_CALL", cause: "answered", callId, queueId: null, onlyFromCallId: callId });
  }
  if (callId === consult.customerCallId && consult.status === "consulting") {
    await tx.conferenceParticipant.updateMany({ where: { conferenceId: conference.id, callId }, data: { hold: true } });
    return { hold: true };
  }
  return { hold: false };
}

/** A member left a room (del-member). */
export async function consultMemberLeft(tx: Tx, conference: Conference, callId: string, at: Date): Promise<void> {
  const consults = await tx.callConsult.findMany({ where: { conferenceId: conference.id }, orderBy: { createdAt: "desc" } });
  if (consults.length === 0) return;
  const consult = consults.find((c) => OPEN_CONSULT_STATUSES.includes(c.status));
  if (consult) {
    if (callId === consult.agentCallId) {
      await tx.callConsult.update({ where: { id: consult.id }, data: { status: "completed", endedAt: at } });
      await releaseCustomer(tx, conference, consult.customerCallId, consult.status);
      await endAgentPart(tx, consult.tenantId, consult.byAgentId, [consult.callId, consult.agentCallId]);
    } else if (callId === consult.targetCallId) {
      await tx.callConsult.update({ where: { id: consult.id }, data: { status: "cancelled", endedAt: at } });
      await releaseCustomer(tx, conference, consult.customerCallId, consult.status);
    } else if (callId === consult.customerCallId) {
      await tx.callConsult.update({ where: { id: consult.id }, data: { status: "ended", endedAt: at } });
    }
  }
  // An agent's own leg in the room (after a consultation they took over, or a re-attach) left: their part is over.
  for (const k of consults) {
    if (k !== consult && k.agentCallId === callId) await endAgentPart(tx, k.tenantId, k.byAgentId, [k.callId, k.agentCallId]);
  }
  await endLonelyRoom(tx, conference, consults[0]!.customerCallId);
}

/** The customer off hold (a consultation's hold; a three-way had none). */
export async function releaseCustomer(tx: Tx, conference: Conference, customerCallId: string, status: string): Promise<void> {
  if (status !== "consulting" || !conference.switchId) return;
  const customer = await tx.conferenceParticipant.findFirst({ where: { conferenceId: conference.id, callId: customerCallId, status: { not: "COMPLETED" } } });
  if (!customer) return;
  await tx.conferenceParticipant.update({ where: { id: customer.id }, data: { hold: false } });
  if (customer.status === "CONNECTED") await requestConferenceAction(tx, { tenantId: conference.tenantId, conferenceId: conference.id, switchId: conference.switchId, callId: customerCallId, action: "unhold" });
}

/**
 * The consulting agent's part is over: wrap-up as their queue says (none: available), when they are still on one of
 * `callIds` (the call, or their own leg: an agent who took the call over from a consultation is on that leg).
 */
export async function endAgentPart(tx: Tx, tenantId: string, agentId: string, callIds: string[]): Promise<void> {
  const agent = await tx.agent.findFirst({ where: { id: agentId, tenantId }, select: { currentQueueId: true, currentCallId: true } });
  if (!agent?.currentCallId || !callIds.includes(agent.currentCallId)) return;
  const queue = agent.currentQueueId ? await tx.callQueue.findUnique({ where: { id: agent.currentQueueId }, select: { wrapUpSeconds: true } }) : null;
  const wrapUpSeconds = queue?.wrapUpSeconds ?? 0;
  await setAgentState(tx, { tenantId, agentId, to: wrapUpSeconds > 0 ? "WRAP_UP" : "AVAILABLE", cause: "ended", wrapUpSeconds, onlyFromCallId: agent.currentCallId });
}

/**
 * The call an agent is on, as transfers and consultations see it. Usually the agent's current call. An agent who
 * took a call over from a consultation (completed) is on the consultation's leg: their call is the consulted one, in
 * its room, and `handedOver` names that consultation.
 */
export async function agentCallOf(tx: Tx, tenantId: string, currentCallId: string): Promise<{ callId: string; handedOver: CallConsult | null }> {
  const handedOver = await tx.callConsult.findFirst({ where: { tenantId, targetCallId: currentCallId, status: "completed" }, orderBy: { createdAt: "desc" } });
  return { callId: handedOver?.callId ?? currentCallId, handedOver };
}

/** The customer alone in the room, nobody on the way: the room ends (their call goes on with its document). */
async function endLonelyRoom(tx: Tx, conference: Conference, customerCallId: string): Promise<void> {
  if (!conference.switchId || conference.status === "COMPLETED") return;
  const left = await tx.conferenceParticipant.findMany({ where: { conferenceId: conference.id, status: { not: "COMPLETED" } }, select: { callId: true } });
  if (left.length === 1 && left[0]!.callId === customerCallId) {
    await requestConferenceAction(tx, { tenantId: conference.tenantId, conferenceId: conference.id, switchId: conference.switchId, callId: null, action: "end" });
  }
}

/**
 * What no switch event settles: a third party that never joined (not answered, declined, unreachable) cancels an
 * open consultation once their call is final, and a room left with only its customer ends. Idempotent.
 */
export async function settleConsultations(tx: Tx): Promise<number> {
  const stale = await tx.$queryRaw<{ id: string }[]>`
    SELECT k.id FROM "CallConsult" k JOIN "Call" c ON c.id = k."targetCallId"
    WHERE k.status IN ('consulting', 'conference') AND c."endedAt" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "ConferenceParticipant" p WHERE p."conferenceId" = k."conferenceId" AND p."callId" = k."targetCallId" AND p."joinedAt" IS NOT NULL)
    LIMIT 100 FOR UPDATE OF k SKIP LOCKED`;
  for (const { id } of stale) {
    const consult = await tx.callConsult.update({ where: { id }, data: { status: "cancelled", endedAt: new Date() } });
    const conference = await tx.conference.findUnique({ where: { id: consult.conferenceId } });
    if (!conference) continue;
    // The status before this update decides the hold: only a consultation held the customer.
    const wasConsulting = (await tx.conferenceParticipant.count({ where: { conferenceId: conference.id, callId: consult.customerCallId, hold: true } })) > 0;
    await releaseCustomer(tx, conference, consult.customerCallId, wasConsulting ? "consulting" : "conference");
    await endLonelyRoom(tx, conference, consult.customerCallId);
  }
  return stale.length;
}
