import { recordAudit } from "@/server/audit/record-audit";
import { db, type Tx } from "@/server/db";
import { fieldError } from "@/server/errors";
import { INBOX_ROLE, loadConversation, priorityEnum, statusEnum, type ConversationView } from "@/server/inbox/conversation-view";
import { ZUpdateConversationInput, type TUpdateConversationInput } from "@/server/inbox/inbox.schemas";
import { notifyInboxChanged } from "@/server/inbox/notify-inbox-changed";
import { recordConversationActivity } from "@/server/inbox/record-conversation-activity";
import { assertRole, type Actor } from "@/server/tenancy";

/**
 * Changes a conversation's status (snoozed until a time), assignee, team, priority or labels; each change is an
 * activity line in the thread, an audit entry, and a live update of every open inbox of the tenant.
 */
export async function updateConversation(actor: Actor, rawInput: TUpdateConversationInput): Promise<ConversationView> {
  assertRole(actor, INBOX_ROLE);
  const input = ZUpdateConversationInput.parse(rawInput);
  return db.$transaction((tx) => applyConversationUpdate(tx, actor, input));
}

export async function applyConversationUpdate(tx: Tx, actor: Actor, input: ReturnType<typeof ZUpdateConversationInput.parse>): Promise<ConversationView> {
  const { tenantId } = actor;
  const before = await loadConversation(tx, tenantId, input.conversationId);
  const conversationId = before.id;
  const activity = (kind: string, detail: Record<string, unknown>) => recordConversationActivity(tx, { tenantId, conversationId, actorUserId: actor.userId, kind, detail });
  const data: Parameters<Tx["conversation"]["update"]>[0]["data"] = {};

  if (input.status && input.status !== before.status) {
    data.status = statusEnum(input.status);
    data.resolvedAt = input.status === "resolved" ? new Date() : null;
    data.snoozedUntil = input.status === "snoozed" ? (input.snoozedUntil ?? null) : null;
    await activity("status_changed", { from: before.status, to: input.status });
  } else if (input.snoozedUntil !== undefined) {
    if (before.status !== "snoozed" && input.status !== "snoozed") throw fieldError("snoozedUntil", "only a snoozed conversation has a wake-up time");
    data.snoozedUntil = input.snoozedUntil;
  }
  if (input.assigneeUserId !== undefined && input.assigneeUserId !== before.assigneeUserId) {
    if (input.assigneeUserId) {
      const member = await tx.membership.findFirst({ where: { tenantId, userId: input.assigneeUserId }, select: { userId: true } });
      if (!member) throw fieldError("assigneeUserId", "is not a member of this account");
      await activity("assigned", { userId: input.assigneeUserId });
    } else {
      await activity("unassigned", { userId: before.assigneeUserId });
    }
    data.assigneeUserId = input.assigneeUserId;
  }
  if (input.teamId !== undefined && input.teamId !== before.teamId) {
    if (input.teamId) {
      const team = await tx.inboxTeam.findFirst({ where: { tenantId, id: input.teamId }, select: { name: true } });
      if (!team) throw fieldError("teamId", "is not a team of this account");
      await activity("team_assigned", { teamId: input.teamId, teamName: team.name });
    } else {
      await activity("team_unassigned", { teamId: before.teamId });
    }
    data.teamId = input.teamId;
  }
  if (input.priority && input.priority !== before.priority) {
    data.priority = priorityEnum(input.priority);
    await activity("priority_changed", { from: before.priority, to: input.priority });
  }
  if (input.labels) {
    const labels = [...new Set(input.labels)];
    for (const label of labels.filter((l) => !before.labels.includes(l))) await activity("label_added", { label });
    for (const label of before.labels.filter((l) => !labels.includes(l))) await activity("label_removed", { label });
    data.labels = labels;
  }
  if (Object.keys(data).length === 0) return before;
  await tx.conversation.update({ where: { id: conversationId }, data });
  const after = await loadConversation(tx, tenantId, conversationId);
  await recordAudit(tx, actor, { action: "conversation.updated", targetType: "conversation", targetId: conversationId, before, after });
  await notifyInboxChanged(tx, { tenantId, conversationId, kind: "updated" });
  return after;
}
