import { db } from "@/server/db";
import { notFound } from "@/server/errors";
import { INBOX_ADMIN_ROLE } from "@/server/inbox/conversation-view";
import { ZBulkResolveInput, type TBulkResolveInput } from "@/server/inbox/inbox.schemas";
import { applyConversationUpdate } from "@/server/inbox/update-conversation";
import { assertRole, type Actor } from "@/server/tenancy";

/** Resolves several conversations at once (supervisors): all or none; any id not of this tenant is NOT_FOUND. */
export async function bulkResolveConversations(actor: Actor, rawInput: TBulkResolveInput): Promise<{ resolved: number }> {
  assertRole(actor, INBOX_ADMIN_ROLE);
  const { conversationIds } = ZBulkResolveInput.parse(rawInput);
  const ids = [...new Set(conversationIds)];
  return db.$transaction(async (tx) => {
    const found = await tx.conversation.count({ where: { tenantId: actor.tenantId, id: { in: ids } } });
    if (found !== ids.length) throw notFound("conversation");
    for (const conversationId of ids) await applyConversationUpdate(tx, actor, { conversationId, status: "resolved" });
    return { resolved: ids.length };
  });
}
