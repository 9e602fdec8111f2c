// The one place that decides who may take a new conversation by the inbox's round-robin. Presence is the server's
// agent state (src/server/agents, the one the desktop and the ACD use): a member is available for conversations while
// logged in (available, or ringing / on a call / in wrap-up: conversations blend with calls, as the ACD routes them,
// route-conversation.ts) and below their agent's conversation capacity. Away and offline members get nothing.
import type { Tx } from "@/server/db";

/**
 * The tenant's members available for conversations with spare capacity, in round-robin order (offered work the
 * longest ago first), optionally only a team's members. Each agent row comes locked (FOR UPDATE SKIP LOCKED): two
 * arrivals at once never both count the same spare slot.
 */
export async function findAvailableAgents(tx: Tx, tenantId: string, opts: { teamId?: string | null; limit?: number } = {}): Promise<{ agentId: string; userId: string }[]> {
  return tx.$queryRaw<{ agentId: string; userId: string }[]>`
    SELECT a.id AS "agentId", a."userId" FROM "Agent" a
      JOIN "Membership" m ON m."tenantId" = a."tenantId" AND m."userId" = a."userId"
    WHERE a."tenantId" = ${tenantId} AND a.state IN ('AVAILABLE', 'RINGING', 'ON_CALL', 'WRAP_UP')
      AND (${opts.teamId ?? null}::text IS NULL OR EXISTS (
        SELECT 1 FROM "InboxTeamMember" tm WHERE tm."teamId" = ${opts.teamId ?? null}::text AND tm."userId" = a."userId" AND tm."tenantId" = a."tenantId"))
      AND (SELECT count(*) FROM "Conversation" c
           WHERE c."tenantId" = a."tenantId" AND c."assigneeUserId" = a."userId" AND c.status IN ('OPEN', 'PENDING')) < a."conversationCapacity"
    ORDER BY a."lastOfferedAt" ASC NULLS FIRST, a."userId"
    LIMIT ${opts.limit ?? 1}
    FOR UPDATE OF a SKIP LOCKED`;
}
