import type { z } from "zod";
import { staffAuditActor, type StaffActor } from "@/server/admin/staff-actor";
import { recordAudit } from "@/server/audit/record-audit";
import { ZCreateBroadcastDraftInput } from "@/server/broadcasts/broadcasts.schemas";
import { db } from "@/server/db";
import { newId } from "@/server/shared/ids";

/** A new broadcast, not sent: staff change it, preview it, and send it when ready. Audited on the platform's log. */
export async function createBroadcastDraft(staff: StaffActor, input: z.input<typeof ZCreateBroadcastDraftInput>) {
  const content = ZCreateBroadcastDraftInput.parse(input);
  return db.$transaction(async (tx) => {
    const broadcast = await tx.broadcast.create({
      data: { id: newId("bc"), subject: content.subject, bodyMarkdown: content.bodyMarkdown, segment: content.segment, createdById: staff.userId },
      select: { id: true, status: true, subject: true },
    });
    await recordAudit(tx, staffAuditActor(staff, null), { action: "broadcast.created", targetType: "broadcast", targetId: broadcast.id, after: content });
    return broadcast;
  });
}
