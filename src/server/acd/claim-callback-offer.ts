// The router chose an agent for a waiting callback (claim-call-offer.ts's twin): in one transaction the callback is
// marked offered (only if still pending: SKIP LOCKED), the agent moves AVAILABLE → RINGING with the callback as the
// item they ring with, and the decision is logged. The worker then rings the agent's softphone showing "Callback" and
// the customer's number (worker/acd/callback-dialer.ts).
import { db } from "@/server/db";
import { setAgentState } from "@/server/agents/set-agent-state";
import { recordRoutingDecision } from "@/server/acd/record-routing-decision";
import { sipDomainFor } from "@/server/sip/sip-user-view";

export interface CallbackOffer {
  callbackId: string;
  /** The call the customer waited on: the call back is its child call (direction outbound-dial), billed as any. */
  callId: string;
  tenantId: string;
  agentId: string;
  /** The agent's softphone line. */
  line: { username: string; domain: string };
  number: string;
  callerId: string;
  ringTimeoutSeconds: number;
}

export type ClaimCallbackOfferResult = { ok: true; offer: CallbackOffer } | { ok: false; why: string };

export async function claimCallbackOffer(input: { tenantId: string; callbackId: string; agentId: string; reason: string }): Promise<ClaimCallbackOfferResult> {
  return db.$transaction(async (tx) => {
    const [callback] = await tx.$queryRaw<{ id: string; callId: string; queueId: string; number: string; callerId: string; ringTimeoutSeconds: number }[]>`
      SELECT c.id, c."callId", c."queueId", c.number, c."callerId", q."ringTimeoutSeconds" FROM "QueueCallback" c JOIN "CallQueue" q ON q.id = c."queueId"
      WHERE c.id = ${input.callbackId} AND c."tenantId" = ${input.tenantId} AND c.status = 'pending'
      FOR UPDATE OF c SKIP LOCKED`;
    if (!callback) return { ok: false as const, why: "the callback is no longer waiting" };
    const [sip] = await tx.$queryRaw<{ username: string; slug: string }[]>`
      SELECT s.username, t.slug FROM "SipUser" s JOIN "Agent" a ON a."userId" = s."userId" AND a."tenantId" = s."tenantId" JOIN "Tenant" t ON t.id = s."tenantId"
      WHERE a.id = ${input.agentId} AND s."tenantId" = ${input.tenantId} AND s.enabled ORDER BY s."createdAt" LIMIT 1`;
    if (!sip) return { ok: false as const, why: "the agent has no softphone line" };
    const moved = await setAgentState(tx, { tenantId: input.tenantId, agentId: input.agentId, to: "RINGING", cause: "offer", callId: callback.id, queueId: callback.queueId });
    if (!moved.changed) return { ok: false as const, why: `the agent is not available (${moved.why})` };
    await tx.queueCallback.update({ where: { id: callback.id }, data: { status: "offered", offeredAgentId: input.agentId, offeredAt: new Date() } });
    await recordRoutingDecision(tx, { tenantId: input.tenantId, queueId: callback.queueId, itemKind: "callback", itemId: callback.id, agentId: input.agentId, outcome: "offered", reason: input.reason });
    return {
      ok: true as const,
      offer: { callbackId: callback.id, callId: callback.callId, tenantId: input.tenantId, agentId: input.agentId, line: { username: sip.username, domain: sipDomainFor(sip.slug) }, number: callback.number, callerId: callback.callerId, ringTimeoutSeconds: callback.ringTimeoutSeconds },
    };
  });
}
