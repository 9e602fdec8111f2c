// What the sender hands an email adapter besides from/to/body: the subject, HTML, copies, our Message-ID and the
// thread's headers, and the attachments (stored ones decrypted to base64, URL ones as paths the provider fetches).
import { db } from "@/server/db";
import { readAttachmentBlob } from "@/server/messages/email-attachments";
import type { OutboundEmailParts } from "@/server/messages/providers/messaging-provider";

export async function loadOutboundEmail(messageId: string): Promise<OutboundEmailParts | undefined> {
  const m = await db.message.findUnique({
    where: { id: messageId },
    select: { tenantId: true, subject: true, html: true, cc: true, bcc: true, emailMessageId: true, emailInReplyTo: true, emailReferences: true, mediaUrls: true, attachments: { orderBy: { createdAt: "asc" } } },
  });
  if (!m) return undefined;
  const stored = await Promise.all(m.attachments.map(async (a) => ({ filename: a.filename, contentType: a.contentType, content: (await readAttachmentBlob(a)).toString("base64") })));
  const linked = m.mediaUrls.map((path) => ({ filename: decodeURIComponent(new URL(path).pathname.split("/").pop() || "attachment"), contentType: "application/octet-stream", path }));
  return {
    subject: m.subject ?? "",
    html: m.html,
    cc: m.cc,
    bcc: m.bcc,
    messageIdHeader: m.emailMessageId ?? `<${messageId}@irisx.invalid>`,
    inReplyTo: m.emailInReplyTo,
    references: m.emailReferences,
    attachments: [...stored, ...linked],
  };
}
