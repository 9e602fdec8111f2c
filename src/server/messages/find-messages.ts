import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { MESSAGE_VIEW_SELECT, type MessageView } from "@/server/messages/message-view";
import { channelEnum, MESSAGE_READ_ROLE, statusEnum, ZFindMessagesInput, type TFindMessagesInput } from "@/server/messages/messages.schemas";
import { NEWEST_FIRST, olderThan, toPage, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";

/** A tenant's messages, newest first, filtered, paged by cursor (the id of the last message seen). */
export async function findMessages(actor: Actor, rawInput: TFindMessagesInput = {}): Promise<Page<MessageView>> {
  assertRole(actor, MESSAGE_READ_ROLE);
  const input = ZFindMessagesInput.parse(rawInput);
  let after: { createdAt: Date; id: string } | null = null;
  if (input.cursor) {
    after = await db.message.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { createdAt: true, id: true } });
    if (!after) throw new AppError("BAD_REQUEST", "starting_after does not name a message of this account", { details: [{ field: "starting_after", message: "unknown cursor" }] });
  }
  const where: Prisma.MessageWhereInput = {
    tenantId: actor.tenantId,
    ...(input.status ? { status: statusEnum(input.status) } : {}),
    ...(input.direction ? { direction: input.direction === "inbound" ? "INBOUND" : "OUTBOUND" } : {}),
    ...(input.channel ? { channel: channelEnum(input.channel) } : {}),
    ...(input.address ? { OR: [{ from: input.address }, { to: input.address }] } : {}),
    ...(input.to ? { to: input.to } : {}),
    ...(input.threadKey ? { threadKey: input.threadKey } : {}),
    ...(input.from ? { from: input.from } : {}),
    ...(input.createdAfter || input.createdBefore
      ? { createdAt: { ...(input.createdAfter ? { gte: input.createdAfter } : {}), ...(input.createdBefore ? { lt: input.createdBefore } : {}) } }
      : {}),
  };
  const rows = await db.message.findMany({ where: after ? { AND: [where, olderThan(after)] } : where, orderBy: NEWEST_FIRST, take: input.limit + 1, select: MESSAGE_VIEW_SELECT });
  return toPage(rows, input.limit);
}
