// The ACD's decision, pure: given the queues, the waiting items (calls and conversations alike) and the agents, who
// gets what now. No database, no clock of its own: the same input gives the same assignments (ties broken by id).
//   eligibility  the agent serves the item's queue, has every required skill at its level, has room for the item's
//                kind (a call and conversations are counted apart: an agent on a call may take chats), and did not
//                miss or decline this item before
//   order        highest effective priority first: queue priority + item priority + one per agingSeconds waited
//                (nothing starves), then the longest waiting
//   choice       longest-idle (free the longest), round-robin (offered the longest ago), skills-weighted (highest sum of
//                levels on the queue's skills, then longest idle), ring-all (every eligible agent, for calls; a
//                callback goes to the longest idle)
// Cost: agents are grouped per queue once and kept sorted by the queue's strategy key; an item looks only at its
// queue's list and stops at the first eligible agent, so a pass is about O(items + agents·log agents) when agents are
// free, and items of a queue with nobody free are skipped at once.
export type WorkKind = "call" | "conversation";
export type RoutingStrategy = "longest-idle" | "round-robin" | "skills-weighted" | "ring-all";

export interface RouterQueue {
  id: string;
  strategy: RoutingStrategy;
  /** 0..10, higher first. */
  priority: number;
  requiredSkills: { skillId: string; minLevel: number }[];
  /** Every agingSeconds waited adds 1 to an item's effective priority; 0 = off. */
  agingSeconds: number;
}

export interface WaitingItem {
  id: string;
  kind: WorkKind;
  queueId: string;
  priority: number;
  enqueuedAtMs: number;
  /** Agents that missed or declined this item. */
  excludedAgentIds: string[];
  /** Offered to one agent even in a ring-all queue (a callback: one agent calls the customer back). */
  oneAgent?: boolean;
  /** Only this agent may take it (a transfer to an agent): no strategy, no skills asked. */
  targetAgentId?: string | null;
}

export interface RouterAgent {
  id: string;
  /** Queues the agent serves. */
  queueIds: string[];
  /** skillId → level 1..10 */
  skills: Record<string, number>;
  capacity: { call: number; conversation: number };
  load: { call: number; conversation: number };
  /** When the agent last became free. */
  idleSinceMs: number;
  lastOfferedMs: number;
}

export interface Assignment {
  itemId: string;
  queueId: string;
  kind: WorkKind;
  /** One agent, or every eligible one for ring-all. */
  agentIds: string[];
  /** Why, for the decision log: the strategy and what made this agent the one. */
  reason: string;
}

export interface RouteWorkInput {
  queues: RouterQueue[];
  items: WaitingItem[];
  agents: RouterAgent[];
  nowMs: number;
}

interface Candidate {
  agent: RouterAgent;
  /** Room left per kind in this pass. */
  room: { call: number; conversation: number };
  /** Sum of levels on the queue's required skills (skills-weighted). */
  weight: number;
}

function qualifies(agent: RouterAgent, queue: RouterQueue): number | null {
  let weight = 0;
  for (const need of queue.requiredSkills) {
    const level = agent.skills[need.skillId];
    if (level === undefined || level < need.minLevel) return null;
    weight += level;
  }
  return weight;
}

const byId = (a: Candidate, b: Candidate) => (a.agent.id < b.agent.id ? -1 : a.agent.id > b.agent.id ? 1 : 0);

function strategyOrder(strategy: RoutingStrategy): (a: Candidate, b: Candidate) => number {
  switch (strategy) {
    case "round-robin":
      return (a, b) => a.agent.lastOfferedMs - b.agent.lastOfferedMs || a.agent.idleSinceMs - b.agent.idleSinceMs || byId(a, b);
    case "skills-weighted":
      return (a, b) => b.weight - a.weight || a.agent.idleSinceMs - b.agent.idleSinceMs || byId(a, b);
    default:
      return (a, b) => a.agent.idleSinceMs - b.agent.idleSinceMs || byId(a, b);
  }
}

function why(strategy: RoutingStrategy, c: Candidate, queue: RouterQueue, nowMs: number): string {
  const skills = queue.requiredSkills.length ? `, skills ${queue.requiredSkills.map((s) => `${s.skillId}≥${s.minLevel}`).join(" ")}` : "";
  if (strategy === "round-robin") return `round-robin: last offered ${c.agent.lastOfferedMs ? `${Math.round((nowMs - c.agent.lastOfferedMs) / 1000)} s ago` : "never"}${skills}`;
  if (strategy === "skills-weighted") return `skills-weighted: level sum ${c.weight}${skills}`;
  return `longest-idle: idle ${Math.max(0, Math.round((nowMs - c.agent.idleSinceMs) / 1000))} s${skills}`;
}

/** An agent who missed an item may be offered it again after this long, when nobody else can take it. */
export const MISSED_RETRY_AFTER_MS = 15_000;

export function routeWork(input: RouteWorkInput): Assignment[] {
  const queues = new Map(input.queues.map((q) => [q.id, q]));
  const roomFor = (agent: RouterAgent) => ({ call: Math.max(0, agent.capacity.call - agent.load.call), conversation: Math.max(0, agent.capacity.conversation - agent.load.conversation) });
  // Per queue, its eligible agents sorted by its strategy's key.
  const perQueue = new Map<string, Candidate[]>();
  // Every free agent's one room object, for items meant for one agent.
  const roomOf = new Map<string, Candidate["room"]>();
  for (const agent of input.agents) {
    const room = roomFor(agent);
    if (room.call === 0 && room.conversation === 0) continue;
    roomOf.set(agent.id, room);
    for (const queueId of agent.queueIds) {
      const queue = queues.get(queueId);
      if (!queue) continue;
      const weight = qualifies(agent, queue);
      if (weight === null) continue;
      const list = perQueue.get(queueId) ?? [];
      // Each queue sees the agent's one room object (shared across its queues) with its own skill weight.
      list.push({ agent, room, weight });
      perQueue.set(queueId, list);
    }
  }
  for (const [queueId, list] of perQueue) list.sort(strategyOrder(queues.get(queueId)!.strategy));

  const effective = (item: WaitingItem): number => {
    const queue = queues.get(item.queueId)!;
    const aged = queue.agingSeconds > 0 ? Math.floor(Math.max(0, input.nowMs - item.enqueuedAtMs) / 1000 / queue.agingSeconds) : 0;
    return queue.priority + item.priority + aged;
  };
  const items = input.items.filter((item) => queues.has(item.queueId) && (perQueue.has(item.queueId) || item.targetAgentId));
  const keyed = items.map((item) => ({ item, key: effective(item) }));
  keyed.sort((a, b) => b.key - a.key || a.item.enqueuedAtMs - b.item.enqueuedAtMs || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0));

  const assignments: Assignment[] = [];
  // Kinds of a queue no agent has room for any more: its remaining items of that kind are skipped at once.
  const full = new Set<string>();
  const heads = new Map<string, number>();
  for (const { item } of keyed) {
    if (item.targetAgentId) {
      const room = roomOf.get(item.targetAgentId);
      if (!room || room[item.kind] <= 0) continue;
      room[item.kind]--;
      assignments.push({ itemId: item.id, queueId: item.queueId, kind: item.kind, agentIds: [item.targetAgentId], reason: `transfer: meant for agent ${item.targetAgentId}` });
      continue;
    }
    const fullKey = `${item.queueId}:${item.kind}`;
    if (full.has(fullKey)) continue;
    const queue = queues.get(item.queueId)!;
    const list = perQueue.get(item.queueId)!;
    const excluded = item.excludedAgentIds.length ? new Set(item.excludedAgentIds) : null;
    const ringAll = queue.strategy === "ring-all" && item.kind === "call" && !item.oneAgent;
    const chosen: Candidate[] = [];
    let anyRoom = false;
    // Room only shrinks during a pass, so agents at the head of the list with none left for this kind are skipped
    // for good: the scan starts after them.
    let start = heads.get(fullKey) ?? 0;
    while (start < list.length && list[start]!.room[item.kind] <= 0) start++;
    heads.set(fullKey, start);
    // Agents who missed this item, free again and not offered anything for a while: asked again only when nobody
    // else can take it (mod_callcenter's no-answer delay), so a caller of a small team is not left waiting for good.
    const again: Candidate[] = [];
    for (let i = start; i < list.length; i++) {
      const c = list[i]!;
      if (c.room[item.kind] <= 0) continue;
      anyRoom = true;
      if (excluded?.has(c.agent.id)) {
        if (c.agent.lastOfferedMs <= input.nowMs - MISSED_RETRY_AFTER_MS) again.push(c);
        continue;
      }
      chosen.push(c);
      if (!ringAll) break;
    }
    if (!anyRoom) full.add(fullKey);
    const retried = chosen.length === 0 && again.length > 0;
    if (retried) chosen.push(...(ringAll ? again : again.slice(0, 1)));
    if (chosen.length === 0) continue;
    for (const c of chosen) c.room[item.kind]--;
    const first = chosen[0]!;
    assignments.push({
      itemId: item.id,
      queueId: item.queueId,
      kind: item.kind,
      agentIds: chosen.map((c) => c.agent.id),
      reason:
        (ringAll ? `ring-all: ${chosen.length} agent${chosen.length === 1 ? "" : "s"} free` : why(queue.strategy === "ring-all" ? "longest-idle" : queue.strategy, first, queue, input.nowMs)) +
        (retried ? `; asked again after a miss (nobody else free, ${MISSED_RETRY_AFTER_MS / 1000} s since the last offer)` : ""),
    });
  }
  return assignments;
}
