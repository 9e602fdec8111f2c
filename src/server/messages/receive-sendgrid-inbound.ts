// SendGrid Inbound Parse (POST multipart/form-data: from, to, cc, subject, text, html, headers (the raw header
// block), attachments (a count), attachment-info (JSON: attachmentN → { filename, type }) and files attachment1…).
// SendGrid does not sign it, so each verified sending domain has its own URL with a secret token
// (/api/webhooks/sendgrid/inbound/<token>); an unknown token is 404 and stores nothing, as is a recipient not at that
// domain. Processed once per Message-ID (or, without one, a hash of the headers).
import { createHash, timingSafeEqual } from "node:crypto";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { receiveInboundEmail, type InboundEmailResult } from "@/server/messages/receive-inbound-email";

/** Header name (lower case) → value, unfolded; the first occurrence wins. */
export function parseHeaderBlock(raw: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of raw.replace(/\r\n/g, "\n").replace(/\n[ \t]+/g, " ").split("\n")) {
    const i = line.indexOf(":");
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    if (!out.has(name)) out.set(name, line.slice(i + 1).trim());
  }
  return out;
}

export const messageIds = (v: string | null | undefined) => (v ? (v.match(/<[^<>\s]+>/g) ?? []) : []);

export async function receiveSendgridInbound(token: string, form: FormData): Promise<InboundEmailResult> {
  const domain = /^sdi_[0-9a-f]{32}$/.test(token) ? await db.sendingDomain.findUnique({ where: { inboundToken: token }, select: { id: true, inboundToken: true } }) : null;
  if (!domain?.inboundToken || !timingSafeEqual(Buffer.from(domain.inboundToken), Buffer.from(token))) throw new AppError("NOT_FOUND", "no inbound parse URL here");
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const rawHeaders = field("headers");
  const headers = parseHeaderBlock(rawHeaders);
  const info = (() => {
    try {
      return JSON.parse(field("attachment-info") || "{}") as Record<string, { filename?: string; name?: string; type?: string }>;
    } catch {
      throw new AppError("VALIDATION_FAILED", "attachment-info: not JSON", { details: { fieldErrors: { "attachment-info": ["not JSON"] } } });
    }
  })();
  const count = Math.min(Number(field("attachments")) || 0, 100);
  const attachments = [];
  for (let i = 1; i <= count; i++) {
    const file = form.get(`attachment${i}`);
    if (!file || typeof file === "string") continue;
    const meta = info[`attachment${i}`] ?? {};
    attachments.push({ filename: meta.filename ?? meta.name ?? file.name ?? `attachment${i}`, contentType: meta.type ?? (file.type || "application/octet-stream"), content: Buffer.from(await file.arrayBuffer()) });
  }
  const messageId = messageIds(headers.get("message-id"))[0] ?? null;
  return receiveInboundEmail({
    provider: "sendgrid",
    eventKey: `in:${messageId ?? createHash("sha256").update(rawHeaders).update(field("to")).digest("hex")}`,
    from: field("from"),
    recipients: [field("to")],
    cc: field("cc") ? field("cc").split(",").filter((s) => s.includes("@")) : [],
    subject: field("subject"),
    text: field("text"),
    html: field("html") || null,
    messageId,
    inReplyTo: messageIds(headers.get("in-reply-to"))[0] ?? null,
    references: messageIds(headers.get("references")),
    attachments,
    domainId: domain.id,
  });
}
