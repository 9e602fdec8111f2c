// A Mailgun route's forwarded message (POST, multipart/form-data or urlencoded: recipient, sender, from, subject,
// body-plain, body-html, Message-Id, In-Reply-To, References, message-headers (JSON [name, value] pairs),
// attachment-count and files attachment-1…), signed with timestamp, token and signature = hex HMAC-SHA256 of
// timestamp+token keyed with the webhook signing key (MAILGUN_WEBHOOK_SIGNING_KEY). Unsigned, badly signed or stale
// (more than 5 minutes off) requests are refused (403) and store nothing; a token is processed once.
import { AppError } from "@/server/errors";
import { receiveInboundEmail, type InboundEmailResult } from "@/server/messages/receive-inbound-email";
import { messageIds } from "@/server/messages/receive-sendgrid-inbound";
import { verifyMailgunSignature } from "@/server/messages/providers/verify-provider-signatures";

export async function receiveMailgunInbound(form: FormData, opts: { signingKey?: string; nowSeconds?: number } = {}): Promise<InboundEmailResult> {
  const signingKey = opts.signingKey ?? process.env.MAILGUN_WEBHOOK_SIGNING_KEY;
  if (!signingKey) throw new AppError("UNAVAILABLE", "MAILGUN_WEBHOOK_SIGNING_KEY is not set: Mailgun routes are refused");
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : "";
  };
  const verdict = verifyMailgunSignature({ signingKey, timestamp: field("timestamp") || null, token: field("token") || null, signature: field("signature") || null, nowSeconds: opts.nowSeconds });
  if (!verdict.ok) throw new AppError("FORBIDDEN", verdict.reason === "unsigned" ? "unsigned request: timestamp, token and signature are required" : verdict.reason === "stale" ? "timestamp is more than 5 minutes away" : "signature does not match");
  const headers = new Map<string, string>();
  try {
    for (const [k, v] of JSON.parse(field("message-headers") || "[]") as [string, string][]) if (!headers.has(k.toLowerCase())) headers.set(k.toLowerCase(), v);
  } catch {
    // A route forwarding without message-headers: the named fields below still carry them.
  }
  const header = (name: string) => field(name) || headers.get(name.toLowerCase()) || "";
  const count = Math.min(Number(field("attachment-count")) || 0, 100);
  const attachments = [];
  for (let i = 1; i <= count; i++) {
    const file = form.get(`attachment-${i}`);
    if (!file || typeof file === "string") continue;
    attachments.push({ filename: file.name || `attachment-${i}`, contentType: file.type || "application/octet-stream", content: Buffer.from(await file.arrayBuffer()) });
  }
  return receiveInboundEmail({
    provider: "mailgun",
    eventKey: `in:${field("token")}`,
    from: field("from") || field("sender"),
    recipients: [field("recipient") || header("To")],
    cc: header("Cc") ? header("Cc").split(",").filter((s) => s.includes("@")) : [],
    subject: field("subject") || header("Subject"),
    text: field("body-plain"),
    html: field("body-html") || null,
    messageId: messageIds(header("Message-Id"))[0] ?? null,
    inReplyTo: messageIds(header("In-Reply-To"))[0] ?? null,
    references: messageIds(header("References")),
    attachments,
  });
}
