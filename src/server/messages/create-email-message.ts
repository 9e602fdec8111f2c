// An outbound email (channel "email" on POST /api/v1/messages and messages.sendEmail): from an address at one of the
// account's verified sending domains, to one address (cc/bcc optional), with a subject and a text and/or HTML body
// (or an EMAIL template rendered with its variables), attachments as base64 (stored encrypted, like recordings) or
// URLs Resend fetches. Queued like every message: the sender (run-message-sender.ts) hands it to Resend with its
// retries and exactly-once, charged per email (PricePlan.emailOutboundMicrosPerMessage, default 1000 micro-units).
// Each email gets our Message-ID header "<message id@sending domain>"; a reply (replyToMessageId) carries
// In-Reply-To/References and the thread key of the email it answers.
import { db, type Tx } from "@/server/db";
import { AppError, fieldError } from "@/server/errors";
import type { IdempotencyCompletion } from "@/server/api/idempotency";
import { deleteAttachmentBlobs, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_TOTAL_BYTES, storeAttachmentBlob, type StoredAttachmentBlob } from "@/server/messages/email-attachments";
import { MESSAGE_VIEW_SELECT, type MessageView } from "@/server/messages/message-view";
import { MESSAGE_WRITE_ROLE, ZCreateEmailInput, ZEmailAddress, type TCreateEmailInput } from "@/server/messages/messages.schemas";
import { renderTemplate } from "@/server/templates/render-template";
import { loadTenantTemplate, toRenderable, toTemplateView } from "@/server/templates/template-view";
import { newSid } from "@/server/shared/ids";
import { assertRole, assertTenantActive, type Actor } from "@/server/tenancy";

export const DEFAULT_EMAIL_OUTBOUND_MICROS = 1_000n;

/** "Ana <ana@x.com>" → { address: "ana@x.com", display: "Ana <ana@x.com>" }; a bare address as itself. */
function parseFrom(raw: string): { address: string; domain: string; display: string } {
  const m = /^(?:"?([^"<>\r\n]*)"?\s*)?<([^<>\s]+)>$/.exec(raw) ?? null;
  const address = (m ? m[2]! : raw).trim().toLowerCase();
  if (!ZEmailAddress.safeParse(address).success) throw fieldError("from", `${raw} is not an email address (ana@mail.example.com or Ana <ana@mail.example.com>)`);
  const name = m?.[1]?.trim();
  return { address, domain: address.slice(address.lastIndexOf("@") + 1), display: name ? `${name} <${address}>` : address };
}

function decodeBase64(field: string, content: string): Buffer {
  const clean = content.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw fieldError(field, "content is not base64");
  return Buffer.from(clean, "base64");
}

export async function createEmailMessage(
  actor: Actor,
  rawInput: TCreateEmailInput,
  opts: {
    idempotency?: (message: MessageView) => IdempotencyCompletion;
    conversationId?: string;
    /**
     * The inbox's new-email composer: opens the email's conversation in the message's transaction (so a refused email
     * leaves no conversation behind) and returns its id. Authorized by the inbox, like conversationId.
     */
    openConversation?: (tx: Tx, email: { fromAddress: string; to: string; at: Date }) => Promise<string>;
  } = {},
): Promise<MessageView> {
  // An inbox reply (conversationId) or new inbox email (openConversation) was authorized by the inbox, as in createMessage.
  if (!opts.conversationId && !opts.openConversation) assertRole(actor, MESSAGE_WRITE_ROLE);
  const input = ZCreateEmailInput.parse(rawInput);
  const from = parseFrom(input.from);
  let { subject, body: text } = input;
  let html = input.html ?? null;
  if (input.templateId) {
    if (text.trim() || html) throw fieldError("body", "give a body (text/html) or a template, not both");
    const row = await loadTenantTemplate(db, actor.tenantId, input.templateId).catch((e: unknown) => {
      if (e instanceof AppError && e.code === "NOT_FOUND") throw fieldError("template_id", `${input.templateId} is not a template of this account`);
      throw e;
    });
    const template = toTemplateView(row);
    if (template.channel !== "EMAIL") throw fieldError("template_id", `${input.templateId} is ${template.channel.toLowerCase()} template; an email needs an EMAIL template`);
    const rendered = renderTemplate(toRenderable(template), input.templateVariables);
    if (rendered.channel !== "EMAIL") throw fieldError("template_id", "not an email template");
    subject = subject || rendered.subject;
    html = rendered.html;
    text = rendered.text;
  }
  if (!subject.trim()) throw fieldError("subject", "an email needs a subject");
  if (/[\r\n]/.test(subject)) throw fieldError("subject", "a subject is one line");
  if (!text.trim() && !html?.trim()) throw fieldError("body", "give a text body, an html body, or both");

  const tenant = await db.tenant.findUnique({ where: { id: actor.tenantId }, select: { status: true, suspendedReason: true, creditMicros: true, currency: true, pricePlan: { select: { emailOutboundMicrosPerMessage: true } } } });
  if (!tenant) throw new AppError("NOT_FOUND", "account not found");
  assertTenantActive(tenant);
  const domain = await db.sendingDomain.findFirst({ where: { tenantId: actor.tenantId, domain: from.domain }, select: { verifiedAt: true } });
  if (!domain) throw fieldError("from", `${from.domain} is not a sending domain of this account (add it under Sending domains)`);
  if (!domain.verifiedAt) throw fieldError("from", `${from.domain} is not verified yet: publish its SPF, DKIM and DMARC records and check it`);
  const suppressed = await db.messagingSuppression.findFirst({ where: { tenantId: actor.tenantId, address: input.to.toLowerCase() }, select: { id: true } });
  if (suppressed) throw fieldError("to", `${input.to} is on this account's suppression list`);
  const price = tenant.pricePlan?.emailOutboundMicrosPerMessage ?? DEFAULT_EMAIL_OUTBOUND_MICROS;
  if (tenant.creditMicros < price) {
    throw new AppError("INSUFFICIENT_CREDIT", `insufficient credit: this email costs ${price} micro-${tenant.currency} and the balance is ${tenant.creditMicros}; add credit to send messages`, {
      details: { credit_balance_micros: tenant.creditMicros.toString(), price_micros: price.toString(), currency: tenant.currency },
    });
  }

  let parent: { id: string; emailMessageId: string | null; emailReferences: string[]; threadKey: string | null; conversationId: string | null } | null = null;
  if (input.replyToMessageId) {
    parent = await db.message.findFirst({ where: { id: input.replyToMessageId, tenantId: actor.tenantId, channel: "EMAIL" }, select: { id: true, emailMessageId: true, emailReferences: true, threadKey: true, conversationId: true } });
    if (!parent) throw fieldError("reply_to_message_id", `${input.replyToMessageId} is not an email message of this account`);
  }

  // Attachments: sizes first (nothing stored for a request that is refused), then the blobs.
  const decoded = input.attachments.map((a, i) => ({ a, i, bytes: a.content !== undefined ? decodeBase64(`attachments[${i}].content`, a.content) : null }));
  let total = 0;
  for (const { i, bytes } of decoded) {
    if (!bytes) continue;
    if (bytes.length > MAX_ATTACHMENT_BYTES) throw fieldError(`attachments[${i}].content`, `the file is ${bytes.length} bytes; at most ${MAX_ATTACHMENT_BYTES}`);
    total += bytes.length;
  }
  if (total > MAX_ATTACHMENTS_TOTAL_BYTES) throw fieldError("attachments", `the files add up to ${total} bytes; at most ${MAX_ATTACHMENTS_TOTAL_BYTES} an email`);
  const blobs: StoredAttachmentBlob[] = [];
  for (const { a, bytes } of decoded) {
    if (bytes) blobs.push(await storeAttachmentBlob(actor.tenantId, { filename: a.filename, contentType: a.contentType ?? "application/octet-stream", content: bytes }));
  }

  const id = newSid("SM");
  const emailMessageId = `<${id}@${from.domain}>`;
  const references = parent?.emailMessageId ? [...parent.emailReferences, parent.emailMessageId].slice(-20) : [];
  try {
    return await db.$transaction(async (tx) => {
      const now = new Date();
      // The inbox conversation it joins: the one of the email it answers, else the latest between these addresses.
      const opened = opts.openConversation ? await opts.openConversation(tx, { fromAddress: from.address, to: input.to.toLowerCase(), at: now }) : undefined;
      const conversationId =
        opened ??
        opts.conversationId ??
        parent?.conversationId ??
        (await tx.conversation.findFirst({ where: { tenantId: actor.tenantId, channel: "EMAIL", inboxAddress: from.address, contactAddress: input.to.toLowerCase() }, orderBy: { lastMessageAt: "desc" }, select: { id: true } }))?.id ??
        null;
      const message = await tx.message.create({
        data: {
          id, tenantId: actor.tenantId, channel: "EMAIL", direction: "OUTBOUND", status: "QUEUED", from: from.display, to: input.to.toLowerCase(), body: text,
          mediaUrls: input.attachments.flatMap((a) => (a.path ? [a.path] : [])), numSegments: 1, priceMicros: price, currency: tenant.currency,
          statusCallbackUrl: input.statusCallback ?? null, statusCallbackMethod: input.statusCallbackMethod, apiSurface: "native", dedupeKey: input.dedupeKey ?? null,
          apiKeyId: actor.apiKeyId, inReplyToId: parent?.id ?? null, subject, html, cc: input.cc.map((c) => c.toLowerCase()), bcc: input.bcc.map((c) => c.toLowerCase()),
          emailMessageId, emailInReplyTo: parent?.emailMessageId ?? null, emailReferences: references, threadKey: parent ? (parent.threadKey ?? parent.emailMessageId ?? emailMessageId) : emailMessageId,
          nextAttemptAt: now, createdAt: now, updatedAt: now, conversationId,
        },
        select: MESSAGE_VIEW_SELECT,
      });
      if (blobs.length) await tx.messageAttachment.createMany({ data: blobs.map((b) => ({ ...b, messageId: id })) });
      if (opts.idempotency) {
        const answer = opts.idempotency(message);
        await tx.idempotencyRecord.updateMany({ where: { id: answer.recordId, tenantId: actor.tenantId }, data: { state: "COMPLETED", responseStatus: answer.status, responseBody: answer.body } });
      }
      return message;
    });
  } catch (e) {
    await deleteAttachmentBlobs(blobs);
    if ((e as { code?: string }).code === "P2002") throw new AppError("CONFLICT", `a message with Idempotency-Key "${input.dedupeKey}" was already created; fetch it from the messages list`);
    throw e;
  }
}
