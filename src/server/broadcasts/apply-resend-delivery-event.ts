// A delivery event from Resend applied to the broadcast recipient it names (by Resend's email id). Events arrive out
// of order and more than once, so a status only moves forward (sent → delayed → delivered → bounced, complained or
// failed), and each event's own time is kept once even when its status no longer applies.
import type { BroadcastRecipientStatus, Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db";

const RANK: Record<BroadcastRecipientStatus, number> = { QUEUED: 0, SENDING: 0, SENT: 1, DELAYED: 2, DELIVERED: 3, BOUNCED: 4, COMPLAINED: 4, FAILED: 4, CANCELLED: 5 };

type TimeField = "deliveredAt" | "bouncedAt" | "complainedAt" | "failedAt" | "lastEventAt";

const EVENTS: Record<string, { status: BroadcastRecipientStatus; at: TimeField; error?: (data: Record<string, unknown>) => string | undefined }> = {
  "email.delivered": { status: "DELIVERED", at: "deliveredAt" },
  "email.delivery_delayed": { status: "DELAYED", at: "lastEventAt" },
  "email.bounced": { status: "BOUNCED", at: "bouncedAt", error: (d) => text((d.bounce as Record<string, unknown> | undefined)?.message) },
  "email.complained": { status: "COMPLAINED", at: "complainedAt", error: () => "the recipient marked it as spam" },
  "email.failed": { status: "FAILED", at: "failedAt", error: (d) => text((d.failed as Record<string, unknown> | undefined)?.reason) },
  "email.suppressed": { status: "FAILED", at: "failedAt", error: (d) => `suppressed: ${text((d.suppressed as Record<string, unknown> | undefined)?.message) ?? "the address is on the suppression list"}` },
};

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.slice(0, 500) : undefined);

export interface ResendEvent {
  type: string;
  created_at?: string;
  data?: Record<string, unknown>;
}

/** What the event changed: "applied", "stale" (a later status is already recorded), or why it was ignored. */
export async function applyResendDeliveryEvent(tx: Tx, event: ResendEvent, now = new Date()): Promise<"applied" | "stale" | "unknown_type" | "unknown_email"> {
  const rule = EVENTS[event.type];
  if (!rule) return "unknown_type";
  const emailId = text(event.data?.email_id);
  if (!emailId) return "unknown_email";
  const occurredAt = event.created_at && !Number.isNaN(Date.parse(event.created_at)) ? new Date(event.created_at) : now;
  const recipient = await tx.broadcastRecipient.findUnique({ where: { providerMessageId: emailId }, select: { id: true } });
  if (!recipient) return "unknown_email";
  // Only from a lower rank (a delay only after "sent"): the conditional update settles two events racing.
  const from = (Object.keys(RANK) as BroadcastRecipientStatus[]).filter((s) => RANK[s] > 0 && (rule.status === "DELAYED" ? s === "SENT" : RANK[s] < RANK[rule.status]));
  const error = rule.error?.(event.data ?? {});
  const moved = await tx.broadcastRecipient.updateMany({
    where: { id: recipient.id, status: { in: from } },
    data: { status: rule.status, lastEventAt: occurredAt, ...(error ? { error } : {}) },
  });
  const stamp: Prisma.BroadcastRecipientUpdateManyMutationInput = { [rule.at]: occurredAt };
  await tx.broadcastRecipient.updateMany({ where: { id: recipient.id, [rule.at]: null }, data: stamp });
  return moved.count > 0 ? "applied" : "stale";
}
