import { z } from "zod";
import { staffAuditActor, type StaffActor } from "@/server/admin/staff-actor";
import { recordAudit } from "@/server/audit/record-audit";
import { ZBroadcastContent, ZBroadcastIdInput } from "@/server/broadcasts/broadcasts.schemas";
import { segmentRecipientsQuery } from "@/server/broadcasts/segment-recipients";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";
import { sqlUtc } from "@/server/shared/sql-utc";

/**
 * Sends a draft: in one transaction the segment's recipients as they are now become the broadcast's recipient list
 * (each address once, with the names its mail will carry), and the broadcast turns SENDING. The job engine mails
 * them from there (run-broadcast-sender.ts); later sign-ups or plan changes do not change who gets it. Audited.
 */
export async function sendBroadcast(staff: StaffActor, input: z.input<typeof ZBroadcastIdInput>, opts: { now?: Date } = {}) {
  const { broadcastId } = ZBroadcastIdInput.parse(input);
  const now = opts.now ?? new Date();
  return db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<{ status: string; subject: string; bodyMarkdown: string; segment: unknown }[]>`
        SELECT status::text AS status, subject, "bodyMarkdown", segment FROM "Broadcast" WHERE id = ${broadcastId} FOR UPDATE`;
      if (!row) throw notFound("broadcast");
      if (row.status !== "DRAFT") throw new AppError("CONFLICT", `this broadcast is already ${row.status.toLowerCase()}`);
      // Checked again: a draft saved under older rules must not go out broken.
      const content = ZBroadcastContent.safeParse({ subject: row.subject, bodyMarkdown: row.bodyMarkdown, segment: row.segment });
      if (!content.success) {
        const fieldErrors = z.flattenError(content.error).fieldErrors;
        throw new AppError("VALIDATION_FAILED", `fix the draft first: ${Object.entries(fieldErrors).map(([f, m]) => `${f}: ${m?.[0]}`).join("; ")}`, { details: { fieldErrors } });
      }
      const recipientCount = await tx.$executeRaw`
        INSERT INTO "BroadcastRecipient" (id, "broadcastId", "tenantId", "userId", email, "tenantName", "userName", status, "createdAt", "updatedAt")
        SELECT 'bcr_' || replace(gen_random_uuid()::text, '-', ''), ${broadcastId}, s."tenantId", s."userId", s.email, s."tenantName", s."userName",
               'QUEUED', ${sqlUtc(now)}, ${sqlUtc(now)}
        FROM (${segmentRecipientsQuery(content.data.segment, now)}) s
        ON CONFLICT ("broadcastId", email) DO NOTHING`;
      if (recipientCount === 0) {
        throw new AppError("VALIDATION_FAILED", "segment: nobody matches this segment now", { details: { fieldErrors: { segment: ["nobody matches this segment now"] } } });
      }
      await tx.broadcast.update({ where: { id: broadcastId }, data: { status: "SENDING", recipientCount, sendStartedAt: now, sentById: staff.userId } });
      await recordAudit(tx, staffAuditActor(staff, null), {
        action: "broadcast.sent",
        targetType: "broadcast",
        targetId: broadcastId,
        before: { status: "DRAFT" },
        after: { status: "SENDING", recipientCount, subject: content.data.subject, segment: content.data.segment },
      });
      return { id: broadcastId, status: "SENDING" as const, recipientCount };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
