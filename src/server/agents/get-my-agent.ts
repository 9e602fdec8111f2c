import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { AGENT_ROLE, AGENT_VIEW_INCLUDE, toAgentView, type AgentView } from "@/server/agents/agent-view";
import { ensureAgent } from "@/server/agents/ensure-agent";
import { assertRole, type Actor } from "@/server/tenancy";

/** The call the agent rings with, is on or wraps up, as their desktop names it after a reload (the page's own SIP
 * session is gone then; this is the server's word). `remote` is the customer's number: the caller of an inbound call,
 * the called number of an outbound one (an agent's own leg is read through its parent). */
export interface MyCurrentCall {
  id: string;
  direction: "inbound" | "outbound";
  remote: string;
  queueName: string | null;
  startedAt: Date;
}

export type MyAgentView = AgentView & { currentCall: MyCurrentCall | null };

/** The signed-in member's agent (made on first ask), as their desktop shows it. */
export async function getMyAgent(actor: Actor): Promise<MyAgentView> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const { id } = await ensureAgent(db, actor.tenantId, actor.userId);
  const view = toAgentView(await db.agent.findUniqueOrThrow({ where: { id }, include: AGENT_VIEW_INCLUDE }));
  return { ...view, currentCall: await findCurrentCall(actor.tenantId, view) };
}

async function findCurrentCall(tenantId: string, view: AgentView): Promise<MyCurrentCall | null> {
  if (!view.currentCallId || !["ringing", "on-call", "wrap-up"].includes(view.state)) return null;
  const select = { id: true, direction: true, from: true, to: true, createdAt: true, parentCallId: true } as const;
  let call = await db.call.findFirst({ where: { id: view.currentCallId, tenantId }, select });
  if (call?.parentCallId) call = (await db.call.findFirst({ where: { id: call.parentCallId, tenantId }, select })) ?? call;
  if (!call) return null;
  const queue = view.currentQueueId ? await db.callQueue.findFirst({ where: { id: view.currentQueueId, tenantId }, select: { friendlyName: true } }) : null;
  // A call the agent placed from their phone is stored as Twilio stores a client's call: inbound from client:<line>.
  const inbound = call.direction === "INBOUND" && !call.from.startsWith("client:");
  return { id: call.id, direction: inbound ? "inbound" : "outbound", remote: inbound ? call.from : call.to, queueName: queue?.friendlyName ?? null, startedAt: call.createdAt };
}
