import type { z } from "zod";
import { staffAuditActor, type StaffActor } from "@/server/admin/staff-actor";
import { recordAudit } from "@/server/audit/record-audit";
import { ZBroadcastIdInput } from "@/server/broadcasts/broadcasts.schemas";
import { db } from "@/server/db";
import { AppError, notFound } from "@/server/errors";

/**
 * Stops a broadcast: recipients not yet handed to the provider are CANCELLED and never mailed; a request already on
 * its way finishes and is recorded. A draft can be cancelled too (it is then never sent). Audited.
 */
export async function cancelBroadcast(staff: StaffActor, input: z.input<typeof ZBroadcastIdInput>) {
  const { broadcastId } = ZBroadcastIdInput.parse(input);
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM "Broadcast" WHERE id = ${broadcastId} FOR UPDATE`;
    if (!row) throw notFound("broadcast");
    if (row.status !== "DRAFT" && row.status !== "SENDING") throw new AppError("CONFLICT", `this broadcast is already ${row.status.toLowerCase()}`);
    const { count: recipientsCancelled } = await tx.broadcastRecipient.updateMany({ where: { broadcastId, status: "QUEUED" }, data: { status: "CANCELLED" } });
    await tx.broadcast.update({ where: { id: broadcastId }, data: { status: "CANCELLED", cancelledById: staff.userId, completedAt: new Date() } });
    await recordAudit(tx, staffAuditActor(staff, null), { action: "broadcast.cancelled", targetType: "broadcast", targetId: broadcastId, before: { status: row.status }, after: { status: "CANCELLED", recipientsCancelled } });
    return { id: broadcastId, status: "CANCELLED" as const, recipientsCancelled };
  });
}
