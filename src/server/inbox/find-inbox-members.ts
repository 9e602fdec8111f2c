import { db } from "@/server/db";
import { LOGGED_IN_STATES } from "@/server/agents/agent-states";
import { INBOX_ROLE } from "@/server/inbox/conversation-view";
import { assertRole, type Actor } from "@/server/tenancy";

export interface InboxMemberView {
  userId: string;
  name: string;
  email: string;
  role: string;
  availability: "available" | "away";
  capacity: number;
  openConversations: number;
}

/** The members conversations can be assigned to (and @mentioned), with their availability (their agent state) and load. */
export async function findInboxMembers(actor: Actor): Promise<InboxMemberView[]> {
  assertRole(actor, INBOX_ROLE);
  const [members, states, loads] = await Promise.all([
    db.membership.findMany({ where: { tenantId: actor.tenantId }, select: { userId: true, role: true, user: { select: { name: true, email: true } } }, orderBy: { createdAt: "asc" } }),
    db.agent.findMany({ where: { tenantId: actor.tenantId }, select: { userId: true, state: true, conversationCapacity: true } }),
    db.conversation.groupBy({ by: ["assigneeUserId"], where: { tenantId: actor.tenantId, status: { in: ["OPEN", "PENDING"] }, assigneeUserId: { not: null } }, _count: { _all: true } }),
  ]);
  const state = new Map(states.map((s) => [s.userId, s]));
  const load = new Map(loads.map((l) => [l.assigneeUserId, l._count._all]));
  return members.map((m) => ({
    userId: m.userId,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    availability: LOGGED_IN_STATES.includes(state.get(m.userId)?.state ?? "OFFLINE") ? "available" : "away",
    capacity: state.get(m.userId)?.conversationCapacity ?? 3,
    openConversations: load.get(m.userId) ?? 0,
  }));
}
