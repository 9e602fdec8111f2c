// The numbers an agent may show when their call goes out (a transfer to a number, a click-to-call): the account's
// numbers with voice that are caller IDs (provisioned and confirmed, assigned by staff, or claimed and verified), and
// the caller IDs it verified. The same rule create-call.ts applies to `from`.
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { AGENT_ROLE } from "@/server/agents/agent-view";
import { assertRole, type Actor } from "@/server/tenancy";

export interface AgentCallerId {
  e164: string;
  label: string;
}

export async function findAgentCallerIds(tenantId: string): Promise<AgentCallerId[]> {
  const rows = await db.$queryRaw<AgentCallerId[]>`
    SELECT n.e164, n."friendlyName" AS label FROM "PhoneNumber" n
      LEFT JOIN "CallerId" v ON v."tenantId" = n."tenantId" AND v.e164 = n.e164 AND v."verifiedAt" IS NOT NULL
    WHERE n."tenantId" = ${tenantId} AND n."voiceEnabled"
      AND (n.origin = 'ASSIGNED' OR (n.origin = 'PROVISIONED' AND n."providerNumberId" IS NOT NULL) OR v.id IS NOT NULL)
    UNION
    SELECT v.e164, v."friendlyName" AS label FROM "CallerId" v
    WHERE v."tenantId" = ${tenantId} AND v."verifiedAt" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "PhoneNumber" n WHERE n."tenantId" = v."tenantId" AND n.e164 = v.e164)
    ORDER BY e164
    LIMIT 500`;
  return rows;
}

/** The same list for a signed-in member (the desktop's dial form). */
export async function findCallerIdsForAgent(actor: Actor): Promise<AgentCallerId[]> {
  assertRole(actor, AGENT_ROLE);
  return findAgentCallerIds(actor.tenantId);
}

/**
 * The caller ID a transfer or a consultation to a number shows: the one chosen (the account's), or the number the
 * caller called, or else the account's first.
 */
export async function transferCallerId(tenantId: string, callId: string, chosen: string | undefined): Promise<string> {
  const allowed = await findAgentCallerIds(tenantId);
  if (chosen) {
    if (!allowed.some((c) => c.e164 === chosen)) throw fieldError("target.callerId", `${chosen} is not a number or verified caller ID of this account`);
    return chosen;
  }
  const call = await db.call.findFirst({ where: { id: callId, tenantId }, select: { to: true, from: true, direction: true } });
  const called = call?.direction === "INBOUND" ? call.to : call?.from;
  if (called && allowed.some((c) => c.e164 === called)) return called;
  const first = allowed[0];
  if (!first) throw fieldError("target.callerId", "the account has no number or verified caller ID to call out from");
  return first.e164;
}
