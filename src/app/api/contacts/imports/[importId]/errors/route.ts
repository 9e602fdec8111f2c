// The import wizard's "Download errors": the import's bad rows (row, field, message) as CSV, streamed.
import type { NextRequest } from "next/server";
import { resolveRequestId } from "@/lib/request-id";
import { errorResponse } from "@/server/api/http";
import { streamResponse } from "@/server/api/stream-response";
import { streamContactImportErrors } from "@/server/contacts/stream-contact-import-errors";
import { ZContactImportId } from "@/server/contacts/contacts.schemas";
import { AppError } from "@/server/errors";
import { requestLogger } from "@/server/logger";
import { csvHeaders, portalActor } from "@/app/_lib/portal-actor";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest, ctx: { params: Promise<{ importId: string }> }): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get("x-request-id"));
  try {
    const actor = await portalActor(req, requestId, "contacts.importErrors");
    const { importId } = await ctx.params;
    if (!ZContactImportId.safeParse(importId).success) throw new AppError("NOT_FOUND", "import not found");
    const report = await streamContactImportErrors(actor, { id: importId });
    return streamResponse({ status: 200, headers: csvHeaders(report.fileName, requestId), body: report.body });
  } catch (err) {
    const res = errorResponse(err, { "x-request-id": requestId }, () => requestLogger(requestId));
    res.headers.delete("www-authenticate");
    return res;
  }
}
