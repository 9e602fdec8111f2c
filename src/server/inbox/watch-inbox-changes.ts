import { z } from "zod";
import { db } from "@/server/db";
import { inboxChangeFeed } from "@/server/inbox/inbox-change-feed";
import { INBOX_ROLE, loadConversation } from "@/server/inbox/conversation-view";
import { ZConversationId } from "@/server/inbox/inbox.schemas";
import type { InboxChangeKind } from "@/server/inbox/notify-inbox-changed";
import { assertRole, type Actor } from "@/server/tenancy";

export const ZWatchInboxChangesInput = z.object({ conversationId: ZConversationId.optional() }).default({});
export type TWatchInboxChangesInput = z.input<typeof ZWatchInboxChangesInput>;

/** `changed`: re-read this conversation (and the list); `mentioned`: the actor was @mentioned; `resync`: re-read all. */
export type InboxChangeEvent = { kind: "changed"; conversationId: string; change: InboxChangeKind; mentioned: boolean } | { kind: "resync" };

/**
 * Live changes of the actor's tenant's inbox (or of one conversation) until `signal` aborts. The conversation's
 * tenant is checked before the stream starts, so another tenant's id fails as NOT_FOUND up front.
 */
export async function watchInboxChanges(actor: Actor, input: TWatchInboxChangesInput, signal: AbortSignal): Promise<AsyncIterable<InboxChangeEvent>> {
  assertRole(actor, INBOX_ROLE);
  const { conversationId } = ZWatchInboxChangesInput.parse(input);
  if (conversationId) await loadConversation(db, actor.tenantId, conversationId);
  const feed = inboxChangeFeed();
  return (async function* () {
    for await (const event of feed.subscribe(actor.tenantId, signal)) {
      if (event.kind === "resync") yield { kind: "resync" } as const;
      else if (!conversationId || event.change.conversationId === conversationId) {
        const { change } = event;
        yield { kind: "changed", conversationId: change.conversationId, change: change.kind, mentioned: !!actor.userId && (change.mentionUserIds ?? []).includes(actor.userId) } as const;
      }
    }
  })();
}
