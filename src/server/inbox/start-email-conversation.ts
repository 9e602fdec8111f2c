// The inbox's new outbound email: a new conversation with a contact (picked, or found or made from a typed address),
// assigned to the member who writes, opened in the same transaction as the email itself (createEmailMessage's
// openConversation), so a refused email (unverified domain, suppressed address, no credit) leaves nothing behind.
// The email is queued like every other: the sender hands it to Resend.
import { db, type Tx } from "@/server/db";
import { AppError, fieldError, isAppError, notFound } from "@/server/errors";
import { INBOX_ROLE, loadConversation, type ConversationView } from "@/server/inbox/conversation-view";
import { htmlText, ZStartEmailConversationInput, type TStartEmailConversationInput } from "@/server/inbox/inbox.schemas";
import { notifyInboxChanged } from "@/server/inbox/notify-inbox-changed";
import { recordConversationActivity } from "@/server/inbox/record-conversation-activity";
import { createEmailMessage } from "@/server/messages/create-email-message";
import type { MessageView } from "@/server/messages/message-view";
import { newId } from "@/server/shared/ids";
import { assertRole, type Actor } from "@/server/tenancy";

/** createEmailMessage's field names → the composer's. */
const FIELD_OF: Record<string, string> = { template_id: "templateId", variables: "templateVariables" };

function renameFields(e: unknown): unknown {
  const fieldErrors = isAppError(e) && e.code === "VALIDATION_FAILED" ? (e.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors : undefined;
  const field = fieldErrors && Object.keys(fieldErrors).find((k) => FIELD_OF[k]);
  if (!field) return e;
  return fieldError(FIELD_OF[field]!, fieldErrors[field]![0] ?? "is not valid", { ...(e as AppError & { details: object }).details, fieldErrors: { [FIELD_OF[field]!]: fieldErrors[field] } });
}

/** The contact of an email address, created (named after it) when there is none; a concurrent creator wins. */
async function contactOfEmail(tx: Tx, tenantId: string, address: string): Promise<string> {
  const find = () => tx.contactIdentity.findFirst({ where: { tenantId, kind: "EMAIL", value: address }, select: { contactId: true } });
  const found = await find();
  if (found) return found.contactId;
  const contactId = newId("ct");
  await tx.contact.create({ data: { id: contactId, tenantId, displayName: address, tags: [] } });
  const inserted = await tx.$executeRaw`
    INSERT INTO "ContactIdentity" (id, "tenantId", "contactId", kind, value, "createdAt")
    VALUES (${newId("cti")}, ${tenantId}, ${contactId}, 'EMAIL'::"ContactIdentityKind", ${address}, now() AT TIME ZONE 'UTC')
    ON CONFLICT ("tenantId", kind, value) DO NOTHING`;
  if (inserted === 1) return contactId;
  await tx.contact.delete({ where: { id: contactId } });
  return (await find())!.contactId;
}

export async function startEmailConversation(actor: Actor, rawInput: TStartEmailConversationInput): Promise<{ conversation: ConversationView; message: MessageView }> {
  assertRole(actor, INBOX_ROLE);
  const input = ZStartEmailConversationInput.parse(rawInput);
  const { tenantId } = actor;
  let to = input.to?.toLowerCase();
  let contactId: string | undefined;
  if (input.contactId) {
    const contact = await db.contact.findFirst({
      where: { id: input.contactId, tenantId },
      select: { id: true, identities: { where: { kind: "EMAIL" }, orderBy: { createdAt: "asc" }, select: { value: true } } },
    });
    if (!contact) throw notFound("contact");
    const addresses = contact.identities.map((i) => i.value);
    if (to && !addresses.includes(to)) throw fieldError("to", `is not an email address of this contact (${addresses.join(", ") || "it has none"})`);
    to ??= addresses[0];
    if (!to) throw fieldError("contactId", "this contact has no email address: type one instead");
    contactId = contact.id;
  }
  const html = input.templateId ? undefined : input.html;
  let conversationId: string | undefined;
  const message = await createEmailMessage(
    actor,
    { channel: "email", from: input.from, to: to!, subject: input.subject, body: html ? htmlText(html) : "", ...(html ? { html } : {}), ...(input.templateId ? { templateId: input.templateId, templateVariables: input.templateVariables } : {}) },
    {
      openConversation: async (tx, email) => {
        const id = newId("cv");
        await tx.conversation.create({
          data: {
            id, tenantId, contactId: contactId ?? (await contactOfEmail(tx, tenantId, email.to)), channel: "EMAIL", inboxAddress: email.fromAddress, contactAddress: email.to,
            status: "OPEN", assigneeUserId: actor.userId, labels: [], lastMessageAt: email.at, unreadCount: 0, firstResponseAt: email.at, createdAt: email.at,
          },
        });
        if (actor.userId) await recordConversationActivity(tx, { tenantId, conversationId: id, actorUserId: actor.userId, kind: "assigned", detail: { userId: actor.userId } });
        await notifyInboxChanged(tx, { tenantId, conversationId: id, kind: "created" });
        conversationId = id;
        return id;
      },
    },
  ).catch((e: unknown) => {
    throw renameFields(e);
  });
  if (!conversationId) throw new AppError("INTERNAL", "the email was queued without its conversation");
  return { conversation: await loadConversation(db, tenantId, conversationId), message };
}
