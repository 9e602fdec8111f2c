// A Resend webhook event (already verified) about an email message: email.sent → sent, email.delivered → delivered,
// email.bounced / email.complained → undelivered, email.failed → failed, email.opened → read; applied once per
// svix-id (MessagingWebhookReceipt) and only forward. Null: not about one of our messages (a broadcast's, say).
import type { MessageStatus } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { applyMessageStatus, type ApplyStatusResult } from "@/server/messages/apply-message-status";

const STATUS: Record<string, { status: MessageStatus; error?: (d: Record<string, unknown>) => string }> = {
  "email.sent": { status: "SENT" },
  "email.delivered": { status: "DELIVERED" },
  "email.bounced": { status: "UNDELIVERED", error: (d) => `bounced: ${str((d.bounce as Record<string, unknown> | undefined)?.message) ?? "the recipient's server refused it"}` },
  "email.complained": { status: "UNDELIVERED", error: () => "the recipient marked it as spam" },
  "email.failed": { status: "FAILED", error: (d) => str((d.failed as Record<string, unknown> | undefined)?.reason) ?? "Resend could not send it" },
  "email.opened": { status: "READ" },
};

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.slice(0, 500) : undefined);

export async function applyResendMessageEvent(svixId: string, event: { type: string; data?: Record<string, unknown> }): Promise<ApplyStatusResult | null> {
  const emailId = str(event.data?.email_id);
  if (!emailId) return null;
  const message = await db.message.findUnique({ where: { provider_providerMessageId: { provider: "resend", providerMessageId: emailId } }, select: { id: true } });
  if (!message) return null;
  const rule = STATUS[event.type];
  if (!rule) return "unchanged";
  const error = rule.error?.(event.data ?? {});
  return applyMessageStatus({ provider: "resend", eventKey: `svix:${svixId}`, providerMessageId: emailId, status: rule.status, errorMessage: error ?? null });
}
