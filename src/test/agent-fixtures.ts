// An agent ready for the ACD: a member (role AGENT) with a softphone line (a SIP user of theirs), serving the given
// queues with the given skills, in the given state, registered or not (as the worker records the switch's events).
import type { AgentState } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { ensureAgent } from "@/server/agents/ensure-agent";
import { newId } from "@/server/shared/ids";
import { createSipUser } from "@/server/sip/create-sip-user";
import type { Actor } from "@/server/tenancy";

export async function createTestAgent(
  owner: Actor,
  opts: { username: string; name?: string; queueIds?: string[]; skills?: Record<string, number>; state?: AgentState; registered?: boolean; idleSince?: Date },
) {
  const userId = newId("usr");
  await db.user.create({ data: { id: userId, email: `${userId}@example.test`, name: opts.name ?? opts.username, passwordHash: "x", emailVerifiedAt: new Date() } });
  await db.membership.create({ data: { id: newId("mem"), tenantId: owner.tenantId, userId, role: "AGENT" } });
  const { sipUser, password } = await createSipUser(owner, { username: opts.username, displayName: opts.name ?? opts.username, userId });
  const { id } = await ensureAgent(db, owner.tenantId, userId);
  await db.agent.update({ where: { id }, data: { state: opts.state ?? "AVAILABLE", registered: opts.registered ?? true, idleSince: opts.idleSince ?? new Date() } });
  for (const queueId of opts.queueIds ?? []) await db.queueAgent.create({ data: { tenantId: owner.tenantId, queueId, agentId: id } });
  for (const [skillId, level] of Object.entries(opts.skills ?? {})) await db.agentSkill.create({ data: { tenantId: owner.tenantId, agentId: id, skillId, level } });
  const actor: Actor = { tenantId: owner.tenantId, userId, role: "AGENT", apiKeyId: null, impersonatorId: null, requestId: "test" };
  return { agentId: id, userId, actor, sipUser, password };
}

/** The tenant's queue of that name with the ACD settings given (created as <Enqueue> would, first use). */
export async function createTestQueue(tenantId: string, friendlyName: string, settings: Partial<{ strategy: string; ringTimeoutSeconds: number; maxNoAnswer: number; wrapUpSeconds: number; priority: number; dispositionRequired: boolean; maxWaitSeconds: number; overflowAction: string; overflowTarget: string; announceEverySeconds: number; callbackOffer: boolean; callbackMaxAttempts: number; callbackRetrySeconds: number }> = {}) {
  const { newSid } = await import("@/server/shared/ids");
  return db.callQueue.create({ data: { id: newSid("QU"), tenantId, friendlyName, ...settings } });
}
