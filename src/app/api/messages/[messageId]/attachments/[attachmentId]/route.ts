// The portal's attachment links on /messages: `<a href="/api/messages/SM…/attachments/ma_…">`. Authorized by the
// signed-in session and the member's current tenant (as the recording player is); another tenant's is not found.
import type { NextRequest } from "next/server";
import { portalActor } from "@/app/_lib/portal-actor";
import { resolveRequestId } from "@/lib/request-id";
import { errorResponse } from "@/server/api/http";
import { streamResponse } from "@/server/api/stream-response";
import { requestLogger } from "@/server/logger";
import { readMessageAttachment } from "@/server/messages/read-message-attachment";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, ctx: { params: Promise<{ messageId: string; attachmentId: string }> }): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get("x-request-id"));
  const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "private, no-store" };
  try {
    const { messageId, attachmentId } = await ctx.params;
    const actor = await portalActor(req, requestId, `message.attachment:${attachmentId}`, "sign in to download attachments");
    const file = await readMessageAttachment(actor, { messageId, attachmentId });
    return streamResponse({ ...file, headers: { ...headers, ...file.headers } });
  } catch (err) {
    const res = errorResponse(err, headers, () => requestLogger(requestId));
    res.headers.delete("www-authenticate");
    return res;
  }
}
