import { db } from "@/server/db";
import { recordAudit } from "@/server/audit/record-audit";
import type { ActiveImpersonation } from "@/server/impersonation/active-impersonation";

/** Every request made while impersonating, in the tenant's audit log under both identities. */
export async function recordImpersonatedRequest(
  impersonation: Pick<ActiveImpersonation, "sessionId" | "tenantId" | "staff" | "target" | "actingSince">,
  request: { procedure: string; kind: "query" | "mutation" | "subscription" | "download"; ok: boolean; requestId: string; ip: string | null },
): Promise<void> {
  await recordAudit(db, { tenantId: impersonation.tenantId, userId: impersonation.target.id, apiKeyId: null, impersonatorId: impersonation.staff.id, requestId: request.requestId, ip: request.ip }, {
    action: "support.request",
    targetType: "request",
    targetId: request.procedure,
    after: { kind: request.kind, ok: request.ok, mode: impersonation.actingSince ? "acting" : "read-only", session: impersonation.sessionId },
  });
}
