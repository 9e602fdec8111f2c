// The worker of a switch takes what its monitors still need done (start, mode, stop), each once: the pending mark is
// cleared in the same statement, with what the switch needs (the caller's channel, the supervisor's SIP line), never
// tenant text.
import { db } from "@/server/db";
import type { MonitorMode } from "@/server/supervision/supervision.schemas";

export interface TakenMonitorRequest {
  id: string;
  tenantId: string;
  action: "start" | "mode" | "stop";
  mode: MonitorMode;
  /** The caller's channel (eavesdropped); null when the call has ended. */
  targetUuid: string | null;
  /** The supervisor's channel once started. */
  channelUuid: string | null;
  /** The supervisor's softphone line. */
  line: { username: string; domain: string } | null;
  callerId: string;
}

export async function takeMonitorRequests(input: { switchId: string; limit: number }): Promise<TakenMonitorRequest[]> {
  return db.$queryRaw<TakenMonitorRequest[]>`
    WITH picked AS (
      SELECT id, pending FROM "SupervisorMonitor" WHERE "switchId" = ${input.switchId} AND pending IS NOT NULL ORDER BY "createdAt" LIMIT ${input.limit} FOR UPDATE SKIP LOCKED
    ), taken AS (
      UPDATE "SupervisorMonitor" m SET pending = NULL FROM picked WHERE m.id = picked.id
      RETURNING m.id, m."tenantId", picked.pending AS action, m.mode, m."callId", m."channelUuid", m."supervisorUserId"
    )
    SELECT t.id, t."tenantId", t.action, t.mode, t."channelUuid",
      (SELECT c."channelUuid" FROM "Call" c WHERE c.id = t."callId" AND c."endedAt" IS NULL) AS "targetUuid",
      (SELECT json_build_object('username', s.username, 'domain', s.domain) FROM "SipUser" s
        WHERE s."tenantId" = t."tenantId" AND s."userId" = t."supervisorUserId" AND s.enabled ORDER BY s."createdAt" LIMIT 1) AS line,
      COALESCE((SELECT c."from" FROM "Call" c WHERE c.id = t."callId"), '') AS "callerId"
    FROM taken t ORDER BY t.id`;
}
