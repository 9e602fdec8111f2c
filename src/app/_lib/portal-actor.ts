// Portal file routes (recording media, contact export, import upload, error report) act as the signed-in member in
// their current tenant, as tRPC resolves it; a request under impersonation is recorded as a download.
import type { NextRequest } from "next/server";
import { getSessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { recordImpersonatedRequest } from "@/server/impersonation/record-impersonated-request";
import { clientIp } from "@/server/shared/client-ip";
import { resolveMemberActor, type Actor } from "@/server/tenancy";
import { TENANT_COOKIE } from "@/trpc/init";

export async function portalActor(req: NextRequest, requestId: string, procedure: string, signIn = "sign in first"): Promise<Actor> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHORIZED", signIn);
  const ip = clientIp(req.headers.get("x-forwarded-for"));
  const actor = await resolveMemberActor({
    userId: user.id,
    tenantIdHint: user.impersonation?.tenantId ?? req.cookies.get(TENANT_COOKIE)?.value ?? null,
    onlyTenantId: user.impersonation?.tenantId,
    impersonatorId: user.impersonatorId ?? null,
    requestId,
    ip,
  });
  if (user.impersonation) await recordImpersonatedRequest(user.impersonation, { procedure, kind: "download", ok: true, requestId, ip });
  return actor;
}

/** A CSV download's headers. */
export function csvHeaders(fileName: string, requestId: string): Record<string, string> {
  return { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName.replace(/[^\w.-]/g, "_")}"`, "cache-control": "private, no-store", "x-request-id": requestId };
}
