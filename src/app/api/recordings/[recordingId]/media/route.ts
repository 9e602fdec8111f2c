// The portal's audio player: `<audio src="/api/recordings/RE…/media">`. Authorized by the signed-in session and
// the member's current tenant (the tenant cookie, as tRPC resolves it); another tenant's recording is not found.
// Same streaming and Range handling as GET /api/v1/recordings/{id}/media.
import type { NextRequest } from "next/server";
import { portalActor } from "@/app/_lib/portal-actor";
import { resolveRequestId } from "@/lib/request-id";
import { errorResponse } from "@/server/api/http";
import { streamResponse } from "@/server/api/stream-response";
import { AppError } from "@/server/errors";
import { requestLogger } from "@/server/logger";
import { readRecordingRange } from "@/server/recordings/read-recording-range";
import { ZRecordingId } from "@/server/recordings/recordings.schemas";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, ctx: { params: Promise<{ recordingId: string }> }): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get("x-request-id"));
  const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "private, no-store" };
  try {
    const { recordingId } = await ctx.params;
    const actor = await portalActor(req, requestId, `recording.media:${recordingId}`, "sign in to listen to recordings");
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
