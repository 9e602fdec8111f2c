// The ACD's offer of a caller to an agent is over (the caller's session says so: acd-offer-runner.ts).
// - Answered: the call with the agent ended. The agent goes to wrap-up for the queue's wrapUpSeconds (or straight
//   back to available), and the queue's outcome row gets its handle time.
// - Not answered (rang out, declined, the softphone unreachable): the caller waits again for anyone else (this agent
//   again only once nobody else can take it and 15 s have passed: route-work.ts),
//   and the agent counts a missed offer; at the queue's maxNoAnswer in a row they are set away (mod_callcenter's
//   max-no-answer), so the next caller does not ring an empty desk. Ring-all: each agent rung ends on its own (the
//   member row names the first of them; the others are RINGING with this call), and each one is a miss, as in
//   mod_callcenter's ring-all.
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";

export async function endCallOffer(input: { tenantId: string; callId: string; agentId: string; answered: boolean; callerLeft: boolean }): Promise<void> {
  await db.$transaction(async (tx) => {
    if (input.answered) {
      const outcome = await tx.queueOutcome.findFirst({ where: { tenantId: input.tenantId, itemId: input.callId, agentId: input.agentId, result: "answered" }, orderBy: { answeredAt: "desc" } });
      const now = new Date();
      if (outcome?.answeredAt) {
        await tx.queueOutcome.update({ where: { id: outcome.id }, data: { endedAt: now, handleSeconds: Math.max(0, Math.round((now.getTime() - outcome.answeredAt.getTime()) / 1000)) } });
      }
      const queue = outcome ? await tx.callQueue.findUnique({ where: { id: outcome.queueId }, select: { wrapUpSeconds: true } }) : null;
      const wrapUpSeconds = queue?.wrapUpSeconds ?? 0;
      await setAgentState(tx, { tenantId: input.tenantId, agentId: input.agentId, to: wrapUpSeconds > 0 ? "WRAP_UP" : "AVAILABLE", cause: "ended", wrapUpSeconds, onlyFromCallId: input.callId });
      return;
    }
    const member = await tx.queueMember.findFirst({ where: { callId: input.callId, tenantId: input.tenantId }, include: { queue: { select: { maxNoAnswer: true } } } });
    const ringingThis = await tx.agent.count({ where: { id: input.agentId, tenantId: input.tenantId, state: "RINGING", currentCallId: input.callId } });
    if (member && (member.offeredAgentId === input.agentId || ringingThis > 0)) {
      // The offer is over once the agent the row names is done; another agent of a ring-all only joins the excluded.
      const over = member.offeredAgentId === input.agentId ? { offeredAgentId: null, offeredAt: null } : {};
      // A caller transferred to this agent who did not take it goes to the queue's agents.
      const untarget = member.targetAgentId === input.agentId ? { targetAgentId: null } : {};
      await tx.queueMember.update({ where: { id: member.id }, data: { ...over, excludedAgentIds: { push: input.agentId }, ...untarget } });
    }
    if (input.callerLeft) {
      // The caller hung up (or was redirected) while the agent's phone rang: the agent is free again, no miss counted.
      await setAgentState(tx, { tenantId: input.tenantId, agentId: input.agentId, to: "AVAILABLE", cause: "ended", onlyFromCallId: input.callId });
      if (member) await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: member.queueId, itemKind: "call", itemId: input.callId, agentId: input.agentId, outcome: "released", reason: "the caller left while the agent's phone rang" });
      return;
    }
    const agent = await tx.agent.findFirst({ where: { id: input.agentId, tenantId: input.tenantId }, select: { missedOffers: true } });
    const limit = member?.queue.maxNoAnswer ?? 0;
    const away = limit > 0 && (agent?.missedOffers ?? 0) + 1 >= limit;
    const moved = await setAgentState(tx, { tenantId: input.tenantId, agentId: input.agentId, to: away ? "AWAY" : "AVAILABLE", cause: "missed", onlyFromCallId: input.callId });
    if (member) {
      const reason = `not answered${moved.changed && away ? `: ${limit} missed in a row, the agent is set away` : ""}`;
      await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: member.queueId, itemKind: "call", itemId: input.callId, agentId: input.agentId, outcome: "missed", reason });
    }
  });
}
