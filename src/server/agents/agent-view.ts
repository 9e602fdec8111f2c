// What a desktop, the grid and the wallboard see of an agent, and the roles that may see and steer agents.
import type { Prisma } from "@/generated/prisma/client";
import { AGENT_STATE_NAMES, type AgentStateName } from "@/server/agents/agents.schemas";
import type { RoleRule } from "@/server/tenancy";

/** Every member may be an agent and steer their own state. */
export const AGENT_ROLE: RoleRule = { minRole: "AGENT" };
/** Supervisors see every agent, force states, monitor calls. */
export const SUPERVISOR_ROLE: RoleRule = { minRole: "SUPERVISOR" };

export const AGENT_VIEW_INCLUDE = {
  user: { select: { name: true, email: true } },
  skills: { select: { skillId: true, level: true, skill: { select: { name: true } } } },
  queues: { select: { queueId: true } },
} satisfies Prisma.AgentInclude;

export type AgentRow = Prisma.AgentGetPayload<{ include: typeof AGENT_VIEW_INCLUDE }>;

export interface AgentView {
  id: string;
  userId: string;
  name: string;
  email: string;
  state: AgentStateName;
  stateSince: Date;
  awayReasonId: string | null;
  currentCallId: string | null;
  currentQueueId: string | null;
  wrapUpUntil: Date | null;
  registered: boolean;
  callCapacity: number;
  conversationCapacity: number;
  missedOffers: number;
  skills: { skillId: string; name: string; level: number }[];
  queueIds: string[];
}

export function toAgentView(row: AgentRow): AgentView {
  return {
    id: row.id,
    userId: row.userId,
    name: row.user.name || row.user.email,
    email: row.user.email,
    state: AGENT_STATE_NAMES[row.state],
    stateSince: row.stateSince,
    awayReasonId: row.awayReasonId,
    currentCallId: row.currentCallId,
    currentQueueId: row.currentQueueId,
    wrapUpUntil: row.wrapUpUntil,
    registered: row.registered,
    callCapacity: row.callCapacity,
    conversationCapacity: row.conversationCapacity,
    missedOffers: row.missedOffers,
    skills: row.skills.map((s) => ({ skillId: s.skillId, name: s.skill.name, level: s.level })).sort((a, b) => a.name.localeCompare(b.name)),
    queueIds: row.queues.map((q) => q.queueId).sort(),
  };
}
