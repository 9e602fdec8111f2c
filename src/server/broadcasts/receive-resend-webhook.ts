// POST /api/webhooks/resend: a delivery report from Resend. Verified (Svix signature, 5-minute window), applied once
// per svix-id (a replay within the window is acknowledged and changes nothing), in one transaction with the record of
// its id, so a failure part way leaves it to Resend's retry.
import { env } from "@/env";
import { applyResendDeliveryEvent, type ResendEvent } from "@/server/broadcasts/apply-resend-delivery-event";
import { db } from "@/server/db";
import { SIGNATURE_TOLERANCE_MS, verifyResendSignature, type SvixHeaders } from "@/server/email/verify-resend-signature";
import { logger } from "@/server/logger";
import { applyResendMessageEvent } from "@/server/messages/apply-resend-message-event";

export interface WebhookAnswer {
  status: number;
  body: { ok: boolean; result?: string; error?: string };
}

export async function receiveResendWebhook(req: { payload: string; headers: SvixHeaders; now?: Date }): Promise<WebhookAnswer> {
  const now = req.now ?? new Date();
  if (!env.RESEND_WEBHOOK_SECRET) return { status: 503, body: { ok: false, error: "RESEND_WEBHOOK_SECRET is not set: delivery reports are refused" } };
  const check = verifyResendSignature({ payload: req.payload, headers: req.headers, secret: env.RESEND_WEBHOOK_SECRET, now });
  if (!check.ok) {
    logger.warn({ svixId: req.headers.id, reason: check.reason }, "resend webhook refused");
    return { status: 401, body: { ok: false, error: check.reason } };
  }
  let event: ResendEvent;
  try {
    event = JSON.parse(req.payload) as ResendEvent;
    if (typeof event?.type !== "string") throw new Error("no type");
  } catch {
    return { status: 400, body: { ok: false, error: "body: not a Resend event (JSON with a type)" } };
  }
  const svixId = req.headers.id!;
  // An email message (channel email, sent through Resend): its status, once per svix-id.
  const emailResult = await applyResendMessageEvent(svixId, event);
  if (emailResult) return { status: emailResult === "unknown_message" ? 503 : 200, body: { ok: emailResult !== "unknown_message", result: emailResult } };
  const result = await db.$transaction(async (tx) => {
    const fresh = await tx.resendWebhookEvent.createMany({ data: [{ id: svixId, type: event.type.slice(0, 100), receivedAt: now }], skipDuplicates: true });
    if (fresh.count === 0) return "duplicate";
    return applyResendDeliveryEvent(tx, event, now);
  });
  // Ids older than the window protect nothing: a delivery that old is refused by its timestamp.
  await db.resendWebhookEvent.deleteMany({ where: { receivedAt: { lt: new Date(now.getTime() - 2 * SIGNATURE_TOLERANCE_MS) } } });
  return { status: 200, body: { ok: true, result } };
}
