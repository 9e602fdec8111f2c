// An agent's line answered a call that did not come through the ACD (a flow's or a document's <Dial><Client>, a
// colleague's call): the agent is on that call (the leg's), so the router offers them nothing while it lasts and the
// grid shows it. When the leg ends, settle-agents.ts frees them at once (no queue: no wrap-up). An agent who is
// offline, or already ringing or on a call, is left as they are.
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";

export interface MarkDirectAgentCallInput {
  tenantId: string;
  /** The <Client> identity: the line's SIP user name. */
  identity: string;
  /** The leg's call (a child of the caller's). */
  legCallId: string;
}

export async function markDirectAgentCall(input: MarkDirectAgentCallInput): Promise<void> {
  const line = await db.sipUser.findFirst({ where: { tenantId: input.tenantId, username: input.identity, userId: { not: null } }, select: { userId: true } });
  if (!line?.userId) return;
  const agent = await db.agent.findUnique({ where: { tenantId_userId: { tenantId: input.tenantId, userId: line.userId } }, select: { id: true, state: true } });
  if (!agent || !["AVAILABLE", "AWAY", "WRAP_UP"].includes(agent.state)) return;
  await db.$transaction((tx) => setAgentState(tx, { tenantId: input.tenantId, agentId: agent.id, to: "ON_CALL", cause: "answered", callId: input.legCallId, queueId: null }));
}
