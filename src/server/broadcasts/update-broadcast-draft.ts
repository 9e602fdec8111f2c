import type { z } from "zod";
import { staffAuditActor, type StaffActor } from "@/server/admin/staff-actor";
import { recordAudit } from "@/server/audit/record-audit";
import { ZUpdateBroadcastDraftInput } from "@/server/broadcasts/broadcasts.schemas";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";

/** Changes a draft's subject, body or segment; once sent (or cancelled) a broadcast no longer changes. Audited. */
export async function updateBroadcastDraft(staff: StaffActor, input: z.input<typeof ZUpdateBroadcastDraftInput>) {
  const { broadcastId, ...content } = ZUpdateBroadcastDraftInput.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.broadcast.findUnique({ where: { id: broadcastId }, select: { status: true, subject: true, bodyMarkdown: true, segment: true } });
    if (!before) throw notFound("broadcast");
    // The status is checked again in the update itself: a send committed in between wins.
    const { count } = await tx.broadcast.updateMany({ where: { id: broadcastId, status: "DRAFT" }, data: content });
    if (count === 0) throw new AppError("CONFLICT", `only a draft can be changed; this broadcast is ${before.status.toLowerCase()}`);
    const { status: _status, ...previous } = before;
    await recordAudit(tx, staffAuditActor(staff, null), { action: "broadcast.updated", targetType: "broadcast", targetId: broadcastId, before: previous, after: content });
    return { id: broadcastId, status: "DRAFT" as const, subject: content.subject };
  });
}
