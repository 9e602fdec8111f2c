// The HTTP answer of an inbound-email webhook (SendGrid Inbound Parse, Mailgun routes): the form parsed (at most
// MAX_INBOUND_EMAIL_BYTES), the receiver run, its outcome as JSON. 200 for received, duplicate and unknown recipient
// (the provider must not retry those); a refused signature 403, an unknown inbound URL 404, too large 413.
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import type { InboundEmailResult } from "@/server/messages/receive-inbound-email";

export const MAX_INBOUND_EMAIL_BYTES = 30 * 1024 * 1024;

export async function answerEmailWebhook(req: Request, receive: (form: FormData) => Promise<InboundEmailResult>): Promise<Response> {
  try {
    if (Number(req.headers.get("content-length") ?? "0") > MAX_INBOUND_EMAIL_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `an inbound email is at most ${MAX_INBOUND_EMAIL_BYTES} bytes`);
    let form: FormData;
    try {
      form = await req.formData();
    } catch {
      throw new AppError("VALIDATION_FAILED", "body: expected multipart/form-data or application/x-www-form-urlencoded", { details: { fieldErrors: { body: ["not a form"] } } });
    }
    const result = await receive(form);
    return Response.json({ ok: true, result: result.outcome, message_id: result.outcome === "received" ? result.message.id : null });
  } catch (e) {
    if (e instanceof AppError) {
      if (e.httpStatus === 403) logger.warn({ reason: e.message }, "inbound email webhook refused");
      return Response.json({ error: { code: e.code, message: e.message } }, { status: e.httpStatus });
    }
    throw e;
  }
}
