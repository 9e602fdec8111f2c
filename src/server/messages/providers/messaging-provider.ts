// The contract every messaging channel's adapter meets: send one message, and say how it went in terms the sender
// acts on (accepted, retry later, refused for good, or unknown after the request left). SMS/MMS have Twilio and
// Telnyx; WhatsApp, email and the chat channels add adapters here and a `channel` value, nothing else changes.
import type { MessageChannel } from "@/generated/prisma/enums";

export type MessagingProviderName = "twilio" | "telnyx" | "resend" | "sendgrid" | "mailgun" | "whatsapp" | "slack" | "telegram" | "discord" | "teams";

export interface OutboundMessage {
  id: string;
  channel: MessageChannel;
  from: string;
  to: string;
  body: string;
  mediaUrls: string[];
  /** Channel content beyond text and media (WhatsApp templates, interactive messages, the media's type). */
  payload?: unknown;
  /** Where the provider reports the message's status (our webhook for that provider). */
  statusCallbackUrl: string;
  /** Email only: what an email carries besides from/to/body (body is the text part). */
  email?: OutboundEmailParts;
}

export interface OutboundEmailParts {
  subject: string;
  html: string | null;
  cc: string[];
  bcc: string[];
  /** Our Message-ID header ("<id@domain>"), and the thread's In-Reply-To / References. */
  messageIdHeader: string;
  inReplyTo: string | null;
  references: string[];
  /** Stored attachments as base64, and URL attachments the provider fetches. */
  attachments: Array<{ filename: string; contentType: string; content?: string; path?: string }>;
}

export type SendOutcome =
  | { outcome: "accepted"; providerMessageId: string }
  /** The provider did not take it (429, 5xx, connection refused): safe to send again later. */
  | { outcome: "retry"; error: string; retryAfterMs: number | null }
  /** The provider refused it for good (a 4xx with its error code). */
  | { outcome: "rejected"; errorCode: number | null; error: string }
  /** The request may have reached the provider but no answer came: sending again could duplicate it. */
  | { outcome: "unknown"; error: string };

export interface MessagingProvider {
  name: MessagingProviderName;
  send(message: OutboundMessage): Promise<SendOutcome>;
}

const SEND_TIMEOUT_MS = 15_000;

/** Seconds or an HTTP date, as Retry-After carries them. */
export function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** A wait the provider gave in (possibly fractional) seconds, as milliseconds; null when it gave none. */
export function secondsToMs(seconds: unknown): number | null {
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : null;
}

/**
 * One provider request with the outcome classified: connection failures before anything was sent are retryable,
 * a timeout or a reset after the request left is unknown (the provider may have queued it). A 429's wait comes from
 * Retry-After, or from the body where the provider puts it there (`retryAfterFromBody`, in milliseconds).
 */
export async function providerSend(
  url: string,
  init: RequestInit,
  parse: (status: number, body: unknown) => SendOutcome,
  opts: { retryAfterFromBody?: (body: unknown) => number | null } = {},
): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    const code = cause?.code ?? (e as Error).name;
    if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN") return { outcome: "retry", error: `provider unreachable (${code})`, retryAfterMs: null };
    return { outcome: "unknown", error: `no answer from the provider (${code})` };
  }
  const text = await res.text().catch(() => "");
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.status === 429 || res.status >= 500) {
    const wait = (res.status === 429 ? opts.retryAfterFromBody?.(body) : null) ?? retryAfterMs(res.headers.get("retry-after"));
    return { outcome: "retry", error: `provider answered ${res.status}`, retryAfterMs: wait };
  }
  return parse(res.status, body);
}
