// The one place that decides who may take a new conversation. The agent desktop's presence (issue: agent desktop)
// replaces the minimal InboxAgentState read here; nothing else reads it for routing.
import type { Tx } from "@/server/db";

/**
 * The tenant's members who are available for the inbox and below their capacity of open/pending conversations,
 * in round-robin order (longest since their last assignment first), optionally only a team's members. Each row
 * comes locked (FOR UPDATE SKIP LOCKED): two arrivals at once never both count the same spare slot.
 */
export async function findAvailableAgents(tx: Tx, tenantId: string, opts: { teamId?: string | null; limit?: number } = {}): Promise<string[]> {
  const rows = await tx.$queryRaw<{ userId: string }[]>`
    SELECT s."userId" FROM "InboxAgentState" s
      JOIN "Membership" m ON m."tenantId" = s."tenantId" AND m."userId" = s."userId"
    WHERE s."tenantId" = ${tenantId} AND s.availability = 'AVAILABLE'
      AND (${opts.teamId ?? null}::text IS NULL OR EXISTS (
        SELECT 1 FROM "InboxTeamMember" tm WHERE tm."teamId" = ${opts.teamId ?? null}::text AND tm."userId" = s."userId" AND tm."tenantId" = s."tenantId"))
      AND (SELECT count(*) FROM "Conversation" c
           WHERE c."tenantId" = s."tenantId" AND c."assigneeUserId" = s."userId" AND c.status IN ('OPEN', 'PENDING')) < s.capacity
    ORDER BY s."lastAssignedAt" ASC NULLS FIRST, s."userId"
    LIMIT ${opts.limit ?? 1}
    FOR UPDATE OF s SKIP LOCKED`;
  return rows.map((r) => r.userId);
}
