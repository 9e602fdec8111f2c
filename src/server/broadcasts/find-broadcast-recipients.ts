import type { Prisma } from "@/generated/prisma/client";
import { ZFindBroadcastRecipientsInput, type TFindBroadcastRecipientsInput } from "@/server/broadcasts/broadcasts.schemas";
import { db } from "@/server/db";
import { notFound } from "@/server/errors";

/** A page of one broadcast's recipients with their delivery status, filtered by status and address or tenant name. */
export async function findBroadcastRecipients(input: TFindBroadcastRecipientsInput) {
  const { broadcastId, status, search, page, pageSize } = ZFindBroadcastRecipientsInput.parse(input);
  const exists = await db.broadcast.findUnique({ where: { id: broadcastId }, select: { id: true } });
  if (!exists) throw notFound("broadcast");
  const where: Prisma.BroadcastRecipientWhereInput = {
    broadcastId,
    ...(status ? { status } : {}),
    ...(search ? { OR: [{ email: { contains: search, mode: "insensitive" } }, { tenantName: { contains: search, mode: "insensitive" } }] } : {}),
  };
  const [rows, total] = await Promise.all([
    db.broadcastRecipient.findMany({
      where,
      orderBy: { email: "asc" },
      skip: page * pageSize,
      take: pageSize,
      select: { id: true, email: true, userName: true, tenantId: true, tenantName: true, status: true, attempts: true, providerMessageId: true, error: true, sentAt: true, deliveredAt: true, bouncedAt: true, complainedAt: true, failedAt: true, updatedAt: true },
    }),
    db.broadcastRecipient.count({ where }),
  ]);
  return { rows, total, page, pageSize };
}
