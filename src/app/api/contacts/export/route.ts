// The portal's "Export CSV": every contact of the member's tenant, streamed (stream-contacts-csv.ts).
import type { NextRequest } from "next/server";
import { resolveRequestId } from "@/lib/request-id";
import { errorResponse } from "@/server/api/http";
import { streamResponse } from "@/server/api/stream-response";
import { streamContactsCsv } from "@/server/contacts/stream-contacts-csv";
import { requestLogger } from "@/server/logger";
import { csvHeaders, portalActor } from "@/app/_lib/portal-actor";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get("x-request-id"));
  try {
    const actor = await portalActor(req, requestId, "contacts.export");
    return streamResponse({ status: 200, headers: csvHeaders("contacts.csv", requestId), body: await streamContactsCsv(actor) });
  } catch (err) {
    const res = errorResponse(err, { "x-request-id": requestId }, () => requestLogger(requestId));
    res.headers.delete("www-authenticate");
    return res;
  }
}
