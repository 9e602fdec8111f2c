import { db } from "@/server/db";
import { notifyInboxChanged } from "@/server/inbox/notify-inbox-changed";
import { recordConversationActivity } from "@/server/inbox/record-conversation-activity";

/** Most conversations woken per run (a minute's cron); the rest wait for the next. */
const BATCH = 500;

/**
 * Snoozed conversations whose time has come are open again (an activity line and a live update each). Run every
 * minute by the job engine; each conversation is claimed by its own conditional update, so two runs never both wake it.
 */
export async function wakeSnoozedConversations(opts: { now?: Date } = {}): Promise<{ woken: number }> {
  const now = opts.now ?? new Date();
  const due = await db.conversation.findMany({ where: { status: "SNOOZED", snoozedUntil: { lte: now } }, select: { id: true, tenantId: true }, take: BATCH, orderBy: { snoozedUntil: "asc" } });
  let woken = 0;
  for (const c of due) {
    await db.$transaction(async (tx) => {
      const claimed = await tx.conversation.updateMany({ where: { id: c.id, status: "SNOOZED", snoozedUntil: { lte: now } }, data: { status: "OPEN", snoozedUntil: null } });
      if (claimed.count === 0) return;
      woken++;
      await recordConversationActivity(tx, { tenantId: c.tenantId, conversationId: c.id, actorUserId: null, kind: "status_changed", detail: { from: "snoozed", to: "open", by: "snooze_ended" } });
      await notifyInboxChanged(tx, { tenantId: c.tenantId, conversationId: c.id, kind: "updated" });
    });
  }
  return { woken };
}
