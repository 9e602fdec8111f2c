import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { CONVERSATION_SELECT, INBOX_ROLE, channelEnumOf, priorityEnum, statusEnum, toConversationView, type ConversationView } from "@/server/inbox/conversation-view";
import { ZFindConversationsInput, type TFindConversationsInput } from "@/server/inbox/inbox.schemas";
import type { Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * The inbox list, most recently active first, cursor on id: by tab (mine, unassigned, all), status, assignee,
 * team, label, channel, priority, and full text over the conversation's messages and internal notes (the GIN
 * indexes on to_tsvector('simple', body) of the unified_inbox migration).
 */
export async function findConversations(actor: Actor, rawInput: TFindConversationsInput): Promise<Page<ConversationView>> {
  assertRole(actor, INBOX_ROLE);
  const input = ZFindConversationsInput.parse(rawInput);
  const where: Prisma.ConversationWhereInput = { tenantId: actor.tenantId };
  if (input.status !== "any") where.status = statusEnum(input.status);
  if (input.tab === "mine") where.assigneeUserId = actor.userId ?? "-";
  else if (input.tab === "unassigned") where.assigneeUserId = null;
  if (input.assigneeUserId) where.assigneeUserId = input.assigneeUserId;
  if (input.teamId) where.teamId = input.teamId;
  if (input.label) where.labels = { has: input.label };
  if (input.channel) where.channel = channelEnumOf(input.channel);
  if (input.priority) where.priority = priorityEnum(input.priority);
  if (input.search) {
    const matching = await db.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT "conversationId" AS id FROM (
        SELECT m."conversationId" FROM "Message" m
        WHERE m."tenantId" = ${actor.tenantId} AND m."conversationId" IS NOT NULL
          AND to_tsvector('simple', m.body) @@ websearch_to_tsquery('simple', ${input.search})
        UNION ALL
        SELECT n."conversationId" FROM "ConversationNote" n
        WHERE n."tenantId" = ${actor.tenantId} AND to_tsvector('simple', n.body) @@ websearch_to_tsquery('simple', ${input.search})
      ) hits LIMIT 5000`;
    where.id = { in: matching.map((r) => r.id) };
  }
  if (input.cursor) {
    const after = await db.conversation.findFirst({ where: { id: input.cursor, tenantId: actor.tenantId }, select: { id: true, lastMessageAt: true } });
    if (!after) throw fieldError("cursor", "is not a conversation of this list");
    where.AND = [{ OR: [{ lastMessageAt: { lt: after.lastMessageAt } }, { lastMessageAt: after.lastMessageAt, id: { lt: after.id } }] }];
  }
  const rows = await db.conversation.findMany({ where, orderBy: [{ lastMessageAt: "desc" }, { id: "desc" }], take: input.limit + 1, select: CONVERSATION_SELECT });
  const hasMore = rows.length > input.limit;
  const items = (hasMore ? rows.slice(0, input.limit) : rows).map(toConversationView);
  return { items, hasMore, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}
