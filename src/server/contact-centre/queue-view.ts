// A queue as the contact centre's settings show it: its ACD settings, required skills and the agents serving it.
import type { Prisma } from "@/generated/prisma/client";

export const QUEUE_VIEW_INCLUDE = {
  skills: { select: { skillId: true, minLevel: true, skill: { select: { name: true } } } },
  agents: { select: { agentId: true } },
  _count: { select: { members: true, callbacks: { where: { status: { in: ["pending", "offered", "dialing", "connected"] } } } } },
} satisfies Prisma.CallQueueInclude;

type QueueRow = Prisma.CallQueueGetPayload<{ include: typeof QUEUE_VIEW_INCLUDE }>;

export interface QueueView {
  id: string;
  friendlyName: string;
  maxSize: number;
  strategy: string;
  priority: number;
  agingSeconds: number;
  serviceLevelSeconds: number;
  maxWaitSeconds: number | null;
  overflowAction: string | null;
  overflowTarget: string | null;
  ringTimeoutSeconds: number;
  maxNoAnswer: number;
  wrapUpSeconds: number;
  dispositionRequired: boolean;
  announceEverySeconds: number | null;
  callbackOffer: boolean;
  callbackMaxAttempts: number;
  callbackRetrySeconds: number;
  conversationChannels: string[];
  skills: { skillId: string; name: string; minLevel: number }[];
  agentIds: string[];
  waiting: number;
  /** Callbacks not over yet (callers who pressed 1 keep their place). */
  callbacksOpen: number;
  /** Seconds the callers who left waited on average (Twilio's average_wait_time). */
  averageWaitSeconds: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toQueueView(row: QueueRow): QueueView {
  return {
    id: row.id,
    friendlyName: row.friendlyName,
    maxSize: row.maxSize,
    strategy: row.strategy,
    priority: row.priority,
    agingSeconds: row.agingSeconds,
    serviceLevelSeconds: row.serviceLevelSeconds,
    maxWaitSeconds: row.maxWaitSeconds,
    overflowAction: row.overflowAction,
    overflowTarget: row.overflowTarget,
    ringTimeoutSeconds: row.ringTimeoutSeconds,
    maxNoAnswer: row.maxNoAnswer,
    wrapUpSeconds: row.wrapUpSeconds,
    dispositionRequired: row.dispositionRequired,
    announceEverySeconds: row.announceEverySeconds,
    callbackOffer: row.callbackOffer,
    callbackMaxAttempts: row.callbackMaxAttempts,
    callbackRetrySeconds: row.callbackRetrySeconds,
    conversationChannels: row.conversationChannels,
    skills: row.skills.map((s) => ({ skillId: s.skillId, name: s.skill.name, minLevel: s.minLevel })).sort((a, b) => a.name.localeCompare(b.name)),
    agentIds: row.agents.map((a) => a.agentId).sort(),
    waiting: row._count.members,
    callbacksOpen: row._count.callbacks,
    averageWaitSeconds: row.membersLeft > 0 ? Math.round(row.waitSecondsTotal / row.membersLeft) : 0,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
