// The portal's audio player: `<audio src="/api/recordings/RE…/media">`. Authorized by the signed-in session and
// the member's current tenant (the tenant cookie, as tRPC resolves it); another tenant's recording is not found.
// Same streaming and Range handling as GET /api/v1/recordings/{id}/media.
import type { NextRequest } from "next/server";
import { resolveRequestId } from "@/lib/request-id";
import { errorResponse } from "@/server/api/http";
import { streamResponse } from "@/server/api/stream-response";
import { getSessionUser } from "@/server/auth/session";
import { AppError } from "@/server/errors";
import { requestLogger } from "@/server/logger";
import { readRecordingRange } from "@/server/recordings/read-recording-range";
import { ZRecordingId } from "@/server/recordings/recordings.schemas";
import { clientIp } from "@/server/shared/client-ip";
import { resolveMemberActor } from "@/server/tenancy";
import { recordImpersonatedRequest } from "@/server/impersonation/record-impersonated-request";
import { TENANT_COOKIE } from "@/trpc/init";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, ctx: { params: Promise<{ recordingId: string }> }): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get("x-request-id"));
  const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "private, no-store" };
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("UNAUTHORIZED", "sign in to listen to recordings");
    const ip = clientIp(req.headers.get("x-forwarded-for"));
    const actor = await resolveMemberActor({
      userId: user.id,
      tenantIdHint: user.impersonation?.tenantId ?? req.cookies.get(TENANT_COOKIE)?.value ?? null,
      onlyTenantId: user.impersonation?.tenantId,
      impersonatorId: user.impersonatorId ?? null,
      requestId,
      ip,
    });
    const { recordingId } = await ctx.params;
    if (user.impersonation) await recordImpersonatedRequest(user.impersonation, { procedure: `recording.media:${recordingId}`, kind: "download", ok: true, requestId, ip });
    if (!ZRecordingId.safeParse(recordingId).success) throw new AppError("NOT_FOUND", "recording not found");
    const media = await readRecordingRange(actor, recordingId, req.headers.get("range"));
    return streamResponse({ ...media, headers: { ...headers, ...media.headers } });
  } catch (err) {
    const res = errorResponse(err, headers, () => requestLogger(requestId));
    // A browser fetching audio should not be asked for API-key credentials.
    res.headers.delete("www-authenticate");
    return res;
  }
}
