// The write side of live presence: a NOTIFY on irisx_agent_changed inside the changing transaction (delivered only
// if the change commits), fanned out to every desktop and dashboard of the tenant in every app instance by
// agent-change-feed.ts. The payload carries the new state so a dashboard can paint it without a read.
import type { AgentState } from "@/generated/prisma/enums";
import type { DbOrTx } from "@/server/db";

export const AGENT_CHANGED_CHANNEL = "irisx_agent_changed";

export interface AgentChange {
  tenantId: string;
  agentId: string;
  userId: string;
  state: AgentState;
  /** When the state began (ms since the epoch). */
  sinceMs: number;
}

const STATES = new Set<string>(["OFFLINE", "AVAILABLE", "RINGING", "ON_CALL", "WRAP_UP", "AWAY"]);

export function encodeAgentChange(change: AgentChange): string {
  return JSON.stringify({ t: change.tenantId, a: change.agentId, u: change.userId, s: change.state, at: change.sinceMs });
}

export function decodeAgentChange(payload: string): AgentChange | null {
  try {
    const v = JSON.parse(payload) as { t?: unknown; a?: unknown; u?: unknown; s?: unknown; at?: unknown };
    if (typeof v.t !== "string" || typeof v.a !== "string" || typeof v.u !== "string" || typeof v.s !== "string" || !STATES.has(v.s) || typeof v.at !== "number") return null;
    return { tenantId: v.t, agentId: v.a, userId: v.u, state: v.s as AgentState, sinceMs: v.at };
  } catch {
    return null;
  }
}

export async function notifyAgentChanged(tx: DbOrTx, change: AgentChange): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${AGENT_CHANGED_CHANNEL}, ${encodeAgentChange(change)})`;
}
