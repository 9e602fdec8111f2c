// An inbound email from SendGrid Inbound Parse or a Mailgun route (already verified by its webhook), processed once
// (MessagingWebhookReceipt, in the transaction that stores it): the recipient address at one of a tenant's verified
// sending domains names the tenant; the message is stored through storeInboundMessage (channel EMAIL, `received`),
// with its subject, HTML, copies and Message-ID; In-Reply-To/References link it to the earlier message of the thread
// (inReplyToId, the same threadKey). Attachments are stored encrypted (email-attachments.ts); beyond the limits
// they are dropped and named in the event's `dropped_attachments`.
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { deleteAttachmentBlobs, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, MAX_ATTACHMENTS_TOTAL_BYTES, storeAttachmentBlob, type StoredAttachmentBlob } from "@/server/messages/email-attachments";
import type { MessageView } from "@/server/messages/message-view";
import { storeInboundMessage } from "@/server/messages/store-inbound-message";
import { newId } from "@/server/shared/ids";

export interface InboundEmailInput {
  provider: "sendgrid" | "mailgun";
  /** Once per key: Mailgun's token, SendGrid's Message-ID (or a hash of the headers). */
  eventKey: string;
  /** The From header as sent ("Ana <ana@x.com>" or a bare address). */
  from: string;
  /** The envelope/To recipients; the first at a verified sending domain names the tenant. */
  recipients: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>;
  /** SendGrid: the domain whose Inbound Parse URL (its token) the request reached; the recipient must be at it. */
  domainId?: string;
}

export type InboundEmailResult = { outcome: "duplicate" } | { outcome: "unknown_recipient" } | { outcome: "received"; message: MessageView };

const MAX_TEXT = 1_000_000;

/** The bare, lower-case address of "Name <a@b>" or "a@b". */
export function bareAddress(raw: string): string {
  const m = /<([^<>\s]+)>/.exec(raw);
  return (m ? m[1]! : raw).trim().toLowerCase();
}

export async function receiveInboundEmail(input: InboundEmailInput): Promise<InboundEmailResult> {
  const addresses = [...new Set(input.recipients.flatMap((r) => r.split(",")).map(bareAddress).filter((a) => a.includes("@")))];
  const domains = [...new Set(addresses.map((a) => a.slice(a.lastIndexOf("@") + 1)))];
  const candidates = await db.sendingDomain.findMany({
    where: { domain: { in: domains }, verifiedAt: { not: null }, ...(input.domainId ? { id: input.domainId } : {}) },
    select: { id: true, tenantId: true, domain: true, tenant: { select: { currency: true, pricePlan: { select: { emailInboundMicrosPerMessage: true } } } } },
    orderBy: { verifiedAt: "asc" },
  });
  const to = addresses.find((a) => candidates.some((d) => d.domain === a.slice(a.lastIndexOf("@") + 1)));
  const domain = to ? candidates.find((d) => d.domain === to.slice(to.lastIndexOf("@") + 1)) : undefined;
  if (!to || !domain) return { outcome: "unknown_recipient" };

  // Limits: at most MAX_ATTACHMENTS files, each and all together within the byte limits; the rest dropped.
  const kept: InboundEmailInput["attachments"] = [];
  const dropped: string[] = [];
  let total = 0;
  for (const a of input.attachments) {
    if (kept.length >= MAX_ATTACHMENTS || a.content.length > MAX_ATTACHMENT_BYTES || total + a.content.length > MAX_ATTACHMENTS_TOTAL_BYTES) dropped.push(a.filename);
    else {
      kept.push(a);
      total += a.content.length;
    }
  }
  const blobs: StoredAttachmentBlob[] = [];
  for (const a of kept) blobs.push(await storeAttachmentBlob(domain.tenantId, a));

  let done: InboundEmailResult;
  try {
    done = await db.$transaction(async (tx) => {
      const inserted = await tx.$executeRaw`INSERT INTO "MessagingWebhookReceipt" (provider, "eventKey", "receivedAt") VALUES (${input.provider}, ${input.eventKey}, (now() AT TIME ZONE 'UTC')) ON CONFLICT DO NOTHING`;
      if (inserted === 0) return { outcome: "duplicate" as const };
      const linked = [input.inReplyTo, ...[...input.references].reverse()].filter((s): s is string => !!s);
      const parent = linked.length
        ? await tx.message.findFirst({ where: { tenantId: domain.tenantId, emailMessageId: { in: linked } }, orderBy: { createdAt: "desc" }, select: { id: true, threadKey: true, emailMessageId: true } })
        : null;
      const ownId = input.messageId ?? `<${newId("in")}@${domain.domain}>`;
      const priceMicros = domain.tenant.pricePlan?.emailInboundMicrosPerMessage ?? 0n;
      const message = await storeInboundMessage(
        tx,
        {
          tenantId: domain.tenantId, channel: "EMAIL", from: bareAddress(input.from), to, body: input.text.slice(0, MAX_TEXT), html: input.html?.slice(0, MAX_TEXT) ?? null,
          subject: input.subject.slice(0, 998), cc: input.cc.map(bareAddress), mediaUrls: [], provider: input.provider, numSegments: 1, priceMicros, currency: domain.tenant.currency,
          charged: true, emailMessageId: ownId, emailInReplyTo: input.inReplyTo, emailReferences: input.references.slice(-20),
          threadKey: parent ? (parent.threadKey ?? parent.emailMessageId ?? ownId) : (input.references[0] ?? ownId), inReplyToId: parent?.id ?? null,
        },
        { subject: input.subject.slice(0, 998), dropped_attachments: dropped },
      );
      if (blobs.length) await tx.messageAttachment.createMany({ data: blobs.map((b) => ({ ...b, messageId: message.id })) });
      if (priceMicros > 0n) {
        const [t] = await tx.$queryRaw<{ creditMicros: bigint }[]>`UPDATE "Tenant" SET "creditMicros" = "creditMicros" - ${priceMicros} WHERE id = ${domain.tenantId} RETURNING "creditMicros"`;
        await tx.creditLedgerEntry.create({ data: { id: newId("cle"), tenantId: domain.tenantId, amountMicros: -priceMicros, balanceAfter: t!.creditMicros, currency: domain.tenant.currency, reason: `message ${message.id} (inbound email)` } });
      }
      return { outcome: "received" as const, message };
    });
  } catch (e) {
    await deleteAttachmentBlobs(blobs);
    throw e;
  }
  if (done.outcome === "duplicate") await deleteAttachmentBlobs(blobs);
  if (dropped.length) logger.info({ dropped, eventKey: input.eventKey }, "inbound email attachments over the limits were dropped");
  return done;
}
