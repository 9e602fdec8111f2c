import type { AgentState } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { AppError, fieldError } from "@/server/errors";
import { AGENT_ROLE, AGENT_VIEW_INCLUDE, toAgentView, type AgentView } from "@/server/agents/agent-view";
import { ZChangeMyAgentStateInput, type TChangeMyAgentStateInput } from "@/server/agents/agents.schemas";
import { ensureAgent } from "@/server/agents/ensure-agent";
import { setAgentState } from "@/server/agents/set-agent-state";
import { assertRole, type Actor } from "@/server/tenancy";

export const MANUAL_STATES: Record<"available" | "away" | "offline", AgentState> = { available: "AVAILABLE", away: "AWAY", offline: "OFFLINE" };

/** An away reason of the tenant's list, or a 400 naming the field. */
export async function assertAwayReason(tenantId: string, awayReasonId: string | null | undefined): Promise<string | null> {
  if (!awayReasonId) return null;
  const reason = await db.awayReason.findFirst({ where: { id: awayReasonId, tenantId, archived: false }, select: { id: true } });
  if (!reason) throw fieldError("awayReasonId", "not one of the account's away reasons");
  return reason.id;
}

/**
 * The agent sets their own state: available, away (with a reason of the tenant's list) or offline. Refused while the
 * phone rings or a call is on (the call decides those), with a 409 that says so.
 */
export async function changeMyAgentState(actor: Actor, rawInput: TChangeMyAgentStateInput): Promise<AgentView> {
  assertRole(actor, AGENT_ROLE);
  if (!actor.userId) throw new AppError("FORBIDDEN", "only a signed-in member is an agent");
  const input = ZChangeMyAgentStateInput.parse(rawInput);
  const awayReasonId = input.state === "away" ? await assertAwayReason(actor.tenantId, input.awayReasonId) : null;
  const { id } = await ensureAgent(db, actor.tenantId, actor.userId);
  const result = await db.$transaction((tx) => setAgentState(tx, { tenantId: actor.tenantId, agentId: id, to: MANUAL_STATES[input.state], cause: "manual", awayReasonId, byUserId: actor.userId }));
  if (!result.changed && result.agent && !["AVAILABLE", "AWAY", "OFFLINE"].includes(result.agent.state)) {
    throw new AppError("CONFLICT", `you are ${result.agent.state.toLowerCase().replace("_", " ")}: the call decides your state until it ends`);
  }
  return toAgentView(await db.agent.findUniqueOrThrow({ where: { id }, include: AGENT_VIEW_INCLUDE }));
}
