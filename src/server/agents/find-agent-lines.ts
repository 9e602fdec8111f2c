// Every agent with a phone line (the enabled SIP users of the agent's member: a softphone, a desk phone), with what the
// database believes of their registration, a page at a time by agent id: the worker's reconciler asks the switch
// about each line (an agent is registered while any of their lines is).
import { db } from "@/server/db";

export interface AgentLine {
  agentId: string;
  lines: { username: string; domain: string }[];
  registered: boolean;
  registeredSwitchId: string | null;
}

export async function findAgentLines(input: { afterId: string | null; limit: number; tenantIds?: string[] }): Promise<AgentLine[]> {
  return db.$queryRaw<AgentLine[]>`
    SELECT a.id AS "agentId", a.registered, a."registeredSwitchId",
      json_agg(json_build_object('username', s.username, 'domain', s.domain) ORDER BY s."createdAt") AS lines
    FROM "Agent" a JOIN "SipUser" s ON s."tenantId" = a."tenantId" AND s."userId" = a."userId" AND s.enabled
    WHERE (${input.afterId}::text IS NULL OR a.id > ${input.afterId})
      AND (${input.tenantIds ?? null}::text[] IS NULL OR a."tenantId" = ANY(${input.tenantIds ?? null}::text[]))
    GROUP BY a.id
    ORDER BY a.id
    LIMIT ${input.limit}`;
}
