// Many mails in one request: Resend's batch endpoint (POST /emails/batch, at most 100 mails, all accepted or none:
// its default "strict" validation), with an Idempotency-Key so that repeating a request (after a timeout, a crash
// before its answer was recorded) returns the first answer instead of sending again; Resend keeps keys 24 hours.
// Without RESEND_API_KEY the mails land in the dev mailbox, each under an id made from its own key, so a repeat
// records nothing twice there either. The caller paces the requests (Resend's rate limit) and retries.
import { env } from "@/env";
import { db } from "@/server/db";
import { resendClient } from "@/server/email/resend-client";
import type { OutgoingEmail } from "@/server/email/send-email";

/** Resend's largest batch. */
export const MAX_EMAIL_BATCH = 100;
const REQUEST_TIMEOUT_MS = 30_000;

export interface BatchEmail extends OutgoingEmail {
  /** Stable for this mail across repeats (a recipient id): names its dev-mailbox row. */
  key: string;
}

export type EmailBatchOutcome =
  /** Every mail accepted; the provider's message ids in the order of the mails. */
  | { kind: "accepted"; provider: "resend" | "console"; messageIds: string[] }
  /** Refused as it is (a bad address): repeating it would be refused again. */
  | { kind: "refused"; status: number | null; message: string }
  /** Not taken now (rate limit, provider error, unreachable, the key refused): the same request may be repeated later. */
  | { kind: "retry"; status: number | null; message: string; retryAfterMs: number | null };

const mailboxId = (key: string) => `eml_${key}`;

function retryAfterMs(headers: Record<string, string> | null): number | null {
  const value = headers?.["retry-after"];
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

export async function sendEmailBatch(emails: BatchEmail[], opts: { idempotencyKey: string }): Promise<EmailBatchOutcome> {
  if (emails.length === 0 || emails.length > MAX_EMAIL_BATCH) throw new Error(`a batch holds 1 to ${MAX_EMAIL_BATCH} mails, not ${emails.length}`);
  const resend = resendClient();
  if (!resend) {
    await db.emailMessage.createMany({
      data: emails.map((m) => ({ id: mailboxId(m.key), to: m.to, subject: m.subject, html: m.html, text: m.text, provider: "console" })),
      skipDuplicates: true,
    });
    return { kind: "accepted", provider: "console", messageIds: emails.map((m) => mailboxId(m.key)) };
  }

  const result = await resend.batch.send(
    emails.map((m) => ({ from: env.EMAIL_FROM, to: m.to, subject: m.subject, html: m.html, text: m.text })),
    { idempotencyKey: opts.idempotencyKey, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) },
  );
  if (!result.error) {
    const ids = result.data.data.map((d) => d.id);
    if (ids.length !== emails.length) return { kind: "retry", status: null, message: `the provider answered ${ids.length} ids for ${emails.length} mails`, retryAfterMs: null };
    return { kind: "accepted", provider: "resend", messageIds: ids };
  }
  const { statusCode: status, message, name } = result.error;
  // No answer, throttled, the provider's own failure, the first request with this key still running, or the account
  // refused (a wrong or revoked key: someone fixes RESEND_API_KEY, the mail is no worse for waiting).
  if (status === null || status === 429 || status >= 500 || status === 401 || status === 403 || name === "concurrent_idempotent_requests") {
    return { kind: "retry", status, message: `${name}: ${message}`, retryAfterMs: retryAfterMs(result.headers) };
  }
  return { kind: "refused", status, message: `${name}: ${message}` };
}
