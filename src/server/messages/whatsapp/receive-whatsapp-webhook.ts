// Meta's WhatsApp webhooks (one app for the platform; WHATSAPP_APP_SECRET, WHATSAPP_VERIFY_TOKEN):
//  GET  the subscription check: hub.mode=subscribe and hub.verify_token equal to ours → hub.challenge echoed; else 403.
//  POST { object: "whatsapp_business_account", entry: [{ changes: [{ field: "messages", value: { metadata:
//       { phone_number_id }, messages: [...], statuses: [...] } }] }] }, signed with X-Hub-Signature-256 (HMAC-SHA256
//       of the raw body with the app secret). Unsigned or badly signed: 403, nothing read. Each inbound message is
//       stored through storeInboundMessage in the transaction that records its receipt (a replay stores nothing);
//       each status (sent, delivered, read, failed) moves the outbound message forward once.
import type { Prisma } from "@/generated/prisma/client";
import type { MessageStatus } from "@/generated/prisma/enums";
import { db } from "@/server/db";
import { logger } from "@/server/logger";
import { applyMessageStatus } from "@/server/messages/apply-message-status";
import { fetchInboundMedia } from "@/server/messages/inbound-media/fetch-inbound-media";
import { applyTemplateStatusUpdate } from "@/server/messages/whatsapp/sync-whatsapp-templates";
import { storeInboundMessage } from "@/server/messages/store-inbound-message";
import { verifyMetaSignature } from "@/server/messages/providers/verify-provider-signatures";
import { whatsappEnv } from "./whatsapp.schemas";

export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
}

const json = (status: number, body: unknown): WebhookAnswer => ({ status, contentType: "application/json", body: JSON.stringify(body) });
const refuse = (status: number, code: string, message: string) => json(status, { error: { code, message } });

/** The subscription check Meta makes when the webhook URL is saved in the app dashboard. */
export function verifyWhatsAppSubscription(url: URL): WebhookAnswer {
  const token = whatsappEnv().WHATSAPP_VERIFY_TOKEN;
  const mode = url.searchParams.get("hub.mode");
  const given = url.searchParams.get("hub.verify_token");
  const challenge = url.searchParams.get("hub.challenge");
  if (mode !== "subscribe") return refuse(400, "VALIDATION_FAILED", "hub.mode: must be subscribe");
  if (!challenge) return refuse(400, "VALIDATION_FAILED", "hub.challenge: required");
  if (!token || given !== token) return refuse(403, "FORBIDDEN", "hub.verify_token does not match");
  return { status: 200, contentType: "text/plain", body: challenge };
}

interface WaMessage {
  id?: string;
  from?: string;
  timestamp?: string;
  type?: string;
  text?: { body?: string };
  image?: WaMedia;
  video?: WaMedia;
  audio?: WaMedia;
  document?: WaMedia;
  sticker?: WaMedia;
  interactive?: { type?: string; button_reply?: { id?: string; title?: string }; list_reply?: { id?: string; title?: string; description?: string } };
  button?: { text?: string; payload?: string };
  location?: { latitude?: number; longitude?: number; name?: string; address?: string };
  context?: { id?: string };
}
interface WaMedia {
  id?: string;
  mime_type?: string;
  caption?: string;
  filename?: string;
}
interface WaStatus {
  id?: string;
  status?: string;
  timestamp?: string;
  recipient_id?: string;
  errors?: { code?: number; title?: string; message?: string; error_data?: { details?: string } }[];
}
interface WaPayload {
  object?: string;
  entry?: {
    id?: string;
    changes?: {
      field?: string;
      value?: {
        metadata?: { phone_number_id?: string; display_phone_number?: string };
        messages?: WaMessage[];
        statuses?: WaStatus[];
        /** field message_template_status_update */
        event?: string;
        message_template_name?: string;
        message_template_language?: string;
        reason?: string | null;
      };
    }[];
  }[];
}

const STATUS: Record<string, MessageStatus> = { sent: "SENT", delivered: "DELIVERED", read: "READ", failed: "FAILED" };
const MEDIA_TYPES = ["image", "video", "audio", "document", "sticker"] as const;

/** What an inbound message says, as text, media (Graph media URLs: GET them with the number's token) and the rest. */
export function describeWhatsAppMessage(m: WaMessage, graph: { baseUrl: string; version: string }): { body: string; mediaUrls: string[]; payload: Record<string, unknown> | null } {
  const type = m.type ?? "unknown";
  if (type === "text") return { body: m.text?.body ?? "", mediaUrls: [], payload: null };
  if ((MEDIA_TYPES as readonly string[]).includes(type)) {
    const media = m[type as (typeof MEDIA_TYPES)[number]] ?? {};
    const url = media.id ? `${graph.baseUrl.replace(/\/$/, "")}/${graph.version}/${media.id}` : null;
    return { body: media.caption ?? "", mediaUrls: url ? [url] : [], payload: { type, media: { id: media.id ?? null, mime_type: media.mime_type ?? null, filename: media.filename ?? null } } };
  }
  if (type === "interactive") {
    const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
    return { body: reply?.title ?? "", mediaUrls: [], payload: { type: "interactive_reply", kind: m.interactive?.type ?? null, reply: reply ?? null, context: m.context?.id ?? null } };
  }
  if (type === "button") return { body: m.button?.text ?? "", mediaUrls: [], payload: { type: "button", payload: m.button?.payload ?? null, context: m.context?.id ?? null } };
  if (type === "location") {
    const l = m.location ?? {};
    const text = [l.name, l.address].filter(Boolean).join(", ") || `${l.latitude},${l.longitude}`;
    return { body: text, mediaUrls: [], payload: { type: "location", location: { latitude: l.latitude ?? null, longitude: l.longitude ?? null, name: l.name ?? null, address: l.address ?? null } } };
  }
  return { body: "", mediaUrls: [], payload: { type } };
}

const MAX_WEBHOOK_BYTES = 1024 * 1024;

export async function receiveWhatsAppWebhook(req: Request): Promise<WebhookAnswer> {
  const raw = await req.text();
  if (raw.length > MAX_WEBHOOK_BYTES) return refuse(413, "PAYLOAD_TOO_LARGE", "webhook body too large");
  const e = whatsappEnv();
  if (!e.WHATSAPP_APP_SECRET) return refuse(503, "UNAVAILABLE", "WhatsApp webhooks are not configured (WHATSAPP_APP_SECRET)");
  const verdict = verifyMetaSignature(e.WHATSAPP_APP_SECRET, raw, req.headers.get("x-hub-signature-256"));
  if (!verdict.ok) return refuse(403, "FORBIDDEN", verdict.reason === "unsigned" ? "unsigned request: X-Hub-Signature-256 is missing" : "X-Hub-Signature-256 does not match");
  let payload: WaPayload;
  try {
    payload = JSON.parse(raw) as WaPayload;
  } catch {
    return refuse(400, "VALIDATION_FAILED", "body: not JSON");
  }
  if (payload.object !== "whatsapp_business_account") return json(200, { ignored: true });
  let unknown = 0;
  const mediaTenants = new Set<string>();
  for (const entry of payload.entry ?? []) {
    for (const change of entry.changes ?? []) {
      const value = change.value;
      // A template's review moved (entry.id is the Business Account): the registry of every account with a number there.
      if (change.field === "message_template_status_update" && value && entry.id) {
        for (const n of await db.whatsAppNumber.findMany({ where: { wabaId: entry.id }, distinct: ["tenantId"], select: { tenantId: true } })) await applyTemplateStatusUpdate(n.tenantId, value);
        continue;
      }
      if (change.field !== "messages" || !value) continue;
      const phoneNumberId = value.metadata?.phone_number_id;
      const number = phoneNumberId ? await db.whatsAppNumber.findUnique({ where: { phoneNumberId }, select: { id: true, tenantId: true, e164: true, tenant: { select: { currency: true } } } }) : null;
      for (const m of value.messages ?? []) {
        if (!m.id || !m.from) return refuse(400, "VALIDATION_FAILED", "messages[].id and messages[].from: required");
        if (!number) continue; // a number no account connected: acknowledged, nothing stored
        const described = describeWhatsAppMessage(m, { baseUrl: e.WHATSAPP_GRAPH_BASE_URL, version: e.WHATSAPP_GRAPH_VERSION });
        if (described.mediaUrls.length > 0 && number) mediaTenants.add(number.tenantId);
        await db.$transaction(async (tx) => {
          const inserted = await tx.$executeRaw`INSERT INTO "MessagingWebhookReceipt" (provider, "eventKey", "receivedAt") VALUES ('whatsapp', ${`in:${m.id}`}, (now() AT TIME ZONE 'UTC')) ON CONFLICT DO NOTHING`;
          if (inserted === 0) return;
          await storeInboundMessage(
            tx,
            {
              tenantId: number.tenantId, channel: "WHATSAPP", from: `+${m.from!.replace(/^\+/, "")}`, to: number.e164, body: described.body, mediaUrls: described.mediaUrls,
              payload: (described.payload ?? undefined) as Prisma.InputJsonValue | undefined, provider: "whatsapp", providerMessageId: m.id!, numSegments: 1, priceMicros: 0n, currency: number.tenant.currency, charged: true,
            },
            { whatsapp_type: m.type ?? null },
          );
        });
      }
      for (const s of value.statuses ?? []) {
        const status = s.status ? STATUS[s.status] : undefined;
        if (!s.id || !status) continue;
        const err = s.errors?.[0];
        const result = await applyMessageStatus({
          provider: "whatsapp",
          eventKey: `st:${s.id}:${s.status}`,
          providerMessageId: s.id,
          status,
          errorCode: err?.code ?? null,
          errorMessage: err ? [err.title ?? err.message, err.error_data?.details].filter(Boolean).join(": ") : null,
        });
        if (result === "unknown_message") unknown++;
      }
    }
  }
  // Meta retries what is not acknowledged: by then the sender has stored the message's id.
  if (unknown) return refuse(503, "UNAVAILABLE", "unknown message; retry");
  // The media is fetched off the webhook's answer (inbound-media/fetch-inbound-media.ts); the job engine retries what fails.
  if (mediaTenants.size > 0) void fetchInboundMedia({ tenantIds: [...mediaTenants] }).catch((err: unknown) => logger.warn({ err }, "WhatsApp media fetch failed; the job engine retries"));
  return json(200, { ok: true });
}
