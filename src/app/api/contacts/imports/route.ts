// The import wizard's upload: the file is the request body (text/csv), streamed to storage as it arrives, with the
// column mapping in the query (`?fileName=…&mapping=<JSON>`); answers the queued import (create-contact-import.ts).
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { NextRequest } from "next/server";
import { resolveRequestId } from "@/lib/request-id";
import { errorResponse, jsonResponse } from "@/server/api/http";
import { createContactImport } from "@/server/contacts/create-contact-import";
import { fieldError } from "@/server/errors";
import { requestLogger } from "@/server/logger";
import { portalActor } from "@/app/_lib/portal-actor";

export const dynamic = "force-dynamic";

export async function POST(req: NextRequest): Promise<Response> {
  const requestId = resolveRequestId(req.headers.get("x-request-id"));
  try {
    const actor = await portalActor(req, requestId, "contacts.import");
    const url = new URL(req.url);
    let mapping: unknown;
    try {
      mapping = JSON.parse(url.searchParams.get("mapping") ?? "");
    } catch {
      throw fieldError("mapping", "must be a JSON object of column to target");
    }
    if (!req.body) throw fieldError("file", "is empty");
    const csv = Readable.fromWeb(req.body as unknown as NodeReadableStream<Uint8Array>);
    const created = await createContactImport(actor, { fileName: url.searchParams.get("fileName") ?? "contacts.csv", mapping: mapping as never, csv });
    return jsonResponse(201, created, { "x-request-id": requestId });
  } catch (err) {
    const res = errorResponse(err, { "x-request-id": requestId }, () => requestLogger(requestId));
    res.headers.delete("www-authenticate");
    return res;
  }
}
