// The automation runner: claims queued inbound messages (a lease, FOR UPDATE SKIP LOCKED, so any number of runners
// share the queue), tries the tenant's enabled rules in order (evaluate-automation-rules.ts) and runs the actions of
// those that match. Each (rule, message) runs once: its AutomationRun row is written first and a second runner, or a
// retry after a crash, finds it there. An automatic reply goes through createMessage with a dedupe key of its own,
// so even a run repeated after its row was lost sends one reply. A message whose rules failed to run is retried
// with backoff and dropped from the queue after MAX_ATTEMPTS (its failure stays in the runs).
import type { MessageChannel } from "@/generated/prisma/enums";
import type { TAutomationAction } from "@/server/automation/automation.schemas";
import { toAutomationRuleView } from "@/server/automation/automation-rule-view";
import { matchingRules, type AutomationFacts } from "@/server/automation/evaluate-automation-rules";
import { findOrCreateContactByIdentity } from "@/server/contacts/find-or-create-contact-by-identity";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { applyConversationUpdate } from "@/server/inbox/update-conversation";
import { ZUpdateConversationInput, type TUpdateConversationInput } from "@/server/inbox/inbox.schemas";
import { createMessage } from "@/server/messages/create-message";
import { newId } from "@/server/shared/ids";
import { sqlUtc } from "@/server/shared/sql-utc";
import type { Actor } from "@/server/tenancy";

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;

type IdentityKind = "PHONE" | "EMAIL" | "WHATSAPP" | "SLACK" | "DISCORD" | "TEAMS" | "TELEGRAM";
const IDENTITY_OF: Record<MessageChannel, IdentityKind> = {
  SMS: "PHONE", MMS: "PHONE", EMAIL: "EMAIL", WHATSAPP: "WHATSAPP", SLACK: "SLACK", DISCORD: "DISCORD", TEAMS: "TEAMS", TELEGRAM: "TELEGRAM",
};

interface QueuedMessage {
  messageId: string;
  tenantId: string;
  attempts: number;
}

export interface AutomationPass {
  messages: number;
  actions: number;
  failed: number;
}

async function claim(limit: number, now: Date): Promise<QueuedMessage[]> {
  return db.$queryRaw<QueuedMessage[]>`
    WITH due AS (
      SELECT "messageId" FROM "AutomationQueue" WHERE "nextAttemptAt" <= ${sqlUtc(now)}
      ORDER BY "nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    UPDATE "AutomationQueue" q SET attempts = q.attempts + 1, "nextAttemptAt" = ${sqlUtc(new Date(now.getTime() + LEASE_MS))}
    FROM due WHERE q."messageId" = due."messageId"
    RETURNING q."messageId", q."tenantId", q.attempts`;
}

/** Runs the rules of up to `limit` queued messages; returns what it did. */
export async function runAutomation(opts: { limit?: number; now?: Date } = {}): Promise<AutomationPass> {
  const pass: AutomationPass = { messages: 0, actions: 0, failed: 0 };
  const claimed = await claim(opts.limit ?? 50, opts.now ?? new Date());
  for (const q of claimed) {
    try {
      pass.actions += await runRulesOn(q);
      await db.automationQueue.deleteMany({ where: { messageId: q.messageId } });
      pass.messages++;
    } catch (err) {
      pass.failed++;
      logger.warn({ err, messageId: q.messageId, attempts: q.attempts }, "automation rules could not run on a message");
      if (q.attempts >= MAX_ATTEMPTS) await db.automationQueue.deleteMany({ where: { messageId: q.messageId } });
      else await db.automationQueue.updateMany({ where: { messageId: q.messageId }, data: { nextAttemptAt: new Date(Date.now() + 2 ** q.attempts * 1_000) } });
    }
  }
  return pass;
}

async function runRulesOn(q: QueuedMessage): Promise<number> {
  const message = await db.message.findFirst({ where: { id: q.messageId, tenantId: q.tenantId, direction: "INBOUND" } });
  if (!message) return 0;
  const kind = IDENTITY_OF[message.channel];
  const contact = await db.contact.findFirst({ where: { tenantId: q.tenantId, identities: { some: { kind, value: message.from } } }, select: { id: true, tags: true, customFields: true } });
  const facts: AutomationFacts = {
    channel: message.channel.toLowerCase(),
    body: message.body,
    from: message.from,
    to: message.to,
    at: message.createdAt,
    contact: contact ? { tags: contact.tags, fields: (contact.customFields ?? {}) as Record<string, unknown> } : null,
  };
  const rules = (await db.automationRule.findMany({ where: { tenantId: q.tenantId, enabled: true }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] })).map(toAutomationRuleView);
  let done = 0;
  for (const rule of matchingRules(rules, facts)) {
    // Claimed once per rule and message: a repeat (another runner, a retry) finds the row and skips the rule.
    const runId = newId("arr");
    const inserted = await db.$executeRaw`
      INSERT INTO "AutomationRun" (id, "tenantId", "ruleId", "messageId", results, "createdAt")
      VALUES (${runId}, ${q.tenantId}, ${rule.id}, ${message.id}, '[]'::jsonb, (now() AT TIME ZONE 'UTC')) ON CONFLICT DO NOTHING`;
    if (inserted === 0) continue;
    const results: { kind: string; outcome: "done" | "failed"; detail: string | null }[] = [];
    for (const action of rule.actions) {
      const result = await runAction(action, { rule: rule.id, message, kind, contactId: contact?.id ?? null, conversationId: message.conversationId }).then(
        (detail) => ({ kind: action.kind, outcome: "done" as const, detail }),
        (err: unknown) => ({ kind: action.kind, outcome: "failed" as const, detail: err instanceof Error ? err.message : String(err) }),
      );
      results.push(result);
      if (result.outcome === "done") done++;
    }
    const failed = results.filter((r) => r.outcome === "failed");
    await db.automationRun.update({ where: { id: runId }, data: { results, error: failed.length ? failed.map((f) => `${f.kind}: ${f.detail}`).join("; ") : null } });
    await db.automationRule.updateMany({ where: { id: rule.id }, data: { runCount: { increment: 1 }, lastRunAt: new Date() } });
  }
  return done;
}

interface ActionContext {
  rule: string;
  message: { id: string; tenantId: string; channel: MessageChannel; from: string; to: string };
  kind: IdentityKind;
  contactId: string | null;
  conversationId: string | null;
}

/** A change to the message's conversation, as the inbox makes it (activity line, audit, live update), by the rule. */
async function updateMessageConversation(c: ActionContext, change: (labels: string[]) => Omit<TUpdateConversationInput, "conversationId">): Promise<string> {
  if (!c.conversationId) throw new Error("the message is in no conversation");
  const conversationId = c.conversationId;
  const system: Actor = { tenantId: c.message.tenantId, role: "ADMIN", userId: null, apiKeyId: null, impersonatorId: null, requestId: `automation:${c.rule}:${c.message.id}` };
  await db.$transaction(async (tx) => {
    const current = await tx.conversation.findFirst({ where: { id: conversationId, tenantId: c.message.tenantId }, select: { labels: true } });
    if (!current) throw new Error("the message's conversation is gone");
    await applyConversationUpdate(tx, system, ZUpdateConversationInput.parse({ conversationId, ...change(current.labels) }));
  });
  return conversationId;
}

async function runAction(action: TAutomationAction, c: ActionContext): Promise<string | null> {
  switch (action.kind) {
    case "auto_reply": {
      const system: Actor = { tenantId: c.message.tenantId, role: "DEVELOPER", userId: null, apiKeyId: null, impersonatorId: null, requestId: `automation:${c.rule}:${c.message.id}` };
      const reply = await createMessage(
        system,
        { channel: c.message.channel.toLowerCase() as "sms", from: c.message.to, to: c.message.from, body: action.body, dedupeKey: `automation:${c.rule}:${c.message.id}` },
        { surface: "native" },
      );
      return reply.id;
    }
    case "assign":
      return updateMessageConversation(c, () => ({ ...(action.userId ? { assigneeUserId: action.userId } : {}), ...(action.teamId ? { teamId: action.teamId } : {}) }));
    case "label":
      return updateMessageConversation(c, (labels) => ({ labels: labels.includes(action.label) ? labels : [...labels, action.label] }));
    case "priority":
      return updateMessageConversation(c, () => ({ priority: action.priority }));
    case "resolve":
      return updateMessageConversation(c, () => ({ status: "resolved" }));
    case "tag_contact": {
      const contactId = c.contactId ?? (await findOrCreateContactByIdentity(c.message.tenantId, { identity: { kind: c.kind, value: c.message.from } })).contact.id;
      await db.$executeRaw`
        UPDATE "Contact" SET tags = array_append(tags, ${action.tag}), "updatedAt" = (now() AT TIME ZONE 'UTC')
        WHERE id = ${contactId} AND "tenantId" = ${c.message.tenantId} AND NOT (${action.tag} = ANY(tags))`;
      return contactId;
    }
  }
}
