// The consulting agent ends their consultation (consult-agent-call.ts):
//   complete   → the agent leaves the room and goes to wrap-up; the customer, off hold, stays with the third party
//                (who must have answered: completing to a ringing phone is a blind transfer, and would leave the
//                customer alone if nobody answers)
//   cancel     → the third party is hung up (or their phone stops ringing); the customer, off hold, is back with the agent
//   conference → the customer comes off hold and the three talk
// The room's events (consult-room-events.ts) follow what the switch then does; doing it here as well makes the state
// right at once, and the events find it done.
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { AGENT_ROLE } from "@/server/agents/agent-view";
import { ZFinishConsultInput, type TFinishConsultInput } from "@/server/agents/agents.schemas";
import { endAgentPart, OPEN_CONSULT_STATUSES, releaseCustomer } from "@/server/agents/consult-room-events";
import { requestConferenceAction } from "@/server/conferences/request-conference-action";
import { assertRole, type Actor } from "@/server/tenancy";

export interface FinishConsultResult {
  consultId: string;
  status: "completed" | "cancelled" | "conference";
}

export async function finishConsult(actor: Actor, rawInput: TFinishConsultInput): Promise<FinishConsultResult> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const { action } = ZFinishConsultInput.parse(rawInput);
  return db.$transaction(async (tx) => {
    const me = await tx.agent.findFirst({ where: { tenantId: actor.tenantId, userId: actor.userId! }, select: { id: true, currentCallId: true } });
    const found = me ? await tx.callConsult.findFirst({ where: { tenantId: actor.tenantId, byAgentId: me.id, status: { in: OPEN_CONSULT_STATUSES } }, select: { id: true } }) : null;
    if (!me || !found) throw new AppError("CONFLICT", "you have no consultation going on");
    // The room first, then the consultation: the order the switch's events lock them in (apply-conference-event.ts).
    const [consultRow] = await tx.$queryRaw<{ conferenceId: string }[]>`SELECT "conferenceId" FROM "CallConsult" WHERE id = ${found.id}`;
    await tx.$queryRaw`SELECT id FROM "Conference" WHERE id = ${consultRow!.conferenceId} FOR UPDATE`;
    const consult = await tx.callConsult.findUniqueOrThrow({ where: { id: found.id } });
    if (!OPEN_CONSULT_STATUSES.includes(consult.status)) throw new AppError("CONFLICT", "the consultation has just ended");
    const conference = await tx.conference.findUniqueOrThrow({ where: { id: consult.conferenceId } });
    const switchId = conference.switchId;
    if (!switchId) throw new AppError("CONFLICT", "the consultation's room has not started yet: try again in a moment");
    const target = await tx.conferenceParticipant.findFirst({ where: { conferenceId: conference.id, callId: consult.targetCallId } });
    const ask = (callId: string | null, what: "kick" | "unhold") => requestConferenceAction(tx, { tenantId: actor.tenantId, conferenceId: conference.id, switchId, callId, action: what });

    if (action === "conference") {
      if (consult.status === "conference") return { consultId: consult.id, status: "conference" as const };
      await tx.callConsult.update({ where: { id: consult.id }, data: { status: "conference" } });
      await releaseCustomer(tx, conference, consult.customerCallId, "consulting");
      return { consultId: consult.id, status: "conference" as const };
    }
    const now = new Date();
    if (action === "complete") {
      if (target?.status !== "CONNECTED") throw new AppError("CONFLICT", `${consult.targetLabel} has not answered yet: wait, or cancel`);
      await tx.callConsult.update({ where: { id: consult.id }, data: { status: "completed", endedAt: now } });
      await releaseCustomer(tx, conference, consult.customerCallId, consult.status);
      await ask(consult.agentCallId, "kick");
      await endAgentPart(tx, actor.tenantId, me.id, [consult.callId, consult.agentCallId]);
      return { consultId: consult.id, status: "completed" as const };
    }
    await tx.callConsult.update({ where: { id: consult.id }, data: { status: "cancelled", endedAt: now } });
    await releaseCustomer(tx, conference, consult.customerCallId, consult.status);
    if (target && target.status !== "COMPLETED") await ask(consult.targetCallId, "kick");
    return { consultId: consult.id, status: "cancelled" as const };
  });
}
