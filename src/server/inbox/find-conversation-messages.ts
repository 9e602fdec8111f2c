import type { z } from "zod";
import { db } from "@/server/db";
import { fieldError } from "@/server/errors";
import { INBOX_ROLE, loadConversation } from "@/server/inbox/conversation-view";
import { ZConversationId } from "@/server/inbox/inbox.schemas";
import { MESSAGE_VIEW_SELECT, type MessageView } from "@/server/messages/message-view";
import { NEWEST_FIRST, olderThan, toPage, ZPageInput, type Page } from "@/server/shared/paging";
import { assertRole, type Actor } from "@/server/tenancy";

export const ZFindConversationMessagesInput = ZPageInput.extend({ conversationId: ZConversationId });
export type TFindConversationMessagesInput = z.input<typeof ZFindConversationMessagesInput>;

/** A conversation's messages, in and out, newest first, cursor on id (the REST API's view of the thread). */
export async function findConversationMessages(actor: Actor, rawInput: TFindConversationMessagesInput): Promise<Page<MessageView>> {
  assertRole(actor, INBOX_ROLE);
  const input = ZFindConversationMessagesInput.parse(rawInput);
  await loadConversation(db, actor.tenantId, input.conversationId);
  const where = { tenantId: actor.tenantId, conversationId: input.conversationId };
  let after = {};
  if (input.cursor) {
    const cursor = await db.message.findFirst({ where: { ...where, id: input.cursor }, select: { id: true, createdAt: true } });
    if (!cursor) throw fieldError("starting_after", "is not a message of this conversation");
    after = olderThan(cursor);
  }
  const rows = await db.message.findMany({ where: { ...where, ...after }, orderBy: NEWEST_FIRST, take: input.limit + 1, select: MESSAGE_VIEW_SELECT });
  return toPage(rows, input.limit);
}
