// The signed-in agent's consultation going on (consult-agent-call.ts), as the desktop's consult bar shows it: whom,
// whether their phone still rings, has answered or has gone (not answered, hung up), and whether the customer is held.
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { AGENT_ROLE } from "@/server/agents/agent-view";
import { OPEN_CONSULT_STATUSES } from "@/server/agents/consult-room-events";
import { assertRole, type Actor } from "@/server/tenancy";

export interface MyConsultView {
  id: string;
  status: "consulting" | "conference";
  target: { kind: "agent" | "number"; label: string };
  targetState: "ringing" | "connected" | "gone";
  customerHeld: boolean;
}

export async function getMyConsult(actor: Actor): Promise<MyConsultView | null> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const me = await db.agent.findFirst({ where: { tenantId: actor.tenantId, userId: actor.userId }, select: { id: true, currentCallId: true } });
  if (!me?.currentCallId) return null;
  const consult = await db.callConsult.findFirst({ where: { tenantId: actor.tenantId, byAgentId: me.id, status: { in: OPEN_CONSULT_STATUSES } }, orderBy: { createdAt: "desc" } });
  if (!consult) return null;
  const parts = await db.conferenceParticipant.findMany({ where: { tenantId: actor.tenantId, conferenceId: consult.conferenceId, callId: { in: [consult.targetCallId, consult.customerCallId] } }, select: { callId: true, status: true, hold: true } });
  const target = parts.find((p) => p.callId === consult.targetCallId);
  const customer = parts.find((p) => p.callId === consult.customerCallId);
  const targetCall = await db.call.findFirst({ where: { id: consult.targetCallId, tenantId: actor.tenantId }, select: { endedAt: true } });
  const targetState = target?.status === "CONNECTED" ? "connected" : target?.status === "COMPLETED" || targetCall?.endedAt ? "gone" : "ringing";
  return {
    id: consult.id,
    status: consult.status as MyConsultView["status"],
    target: { kind: consult.targetKind as "agent" | "number", label: consult.targetLabel },
    targetState,
    customerHeld: consult.status === "consulting" && (customer?.hold ?? true),
  };
}
