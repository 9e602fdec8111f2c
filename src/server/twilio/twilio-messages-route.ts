// /2010-04-01/Accounts/{AccountSid}/Messages.json: create (POST: To, From, Body, MediaUrl repeated, StatusCallback)
// and list (To, From, DateSent filters, Twilio's paging); /Messages/{Sid}.json: fetch. All on the messages domain's
// use-cases; a message created here reports its status to StatusCallback in Twilio's form (X-Twilio-Signature).
import { z } from "zod";
import { rfc2822, TWILIO_API_VERSION } from "@/server/calls/call-transitions";
import { AppError } from "@/server/errors";
import { createMessage, UNSUBSCRIBED_RECIPIENT_CODE } from "@/server/messages/create-message";
import { findMessages } from "@/server/messages/find-messages";
import { getMessage } from "@/server/messages/get-message";
import type { MessageView } from "@/server/messages/message-view";
import { MAX_MEDIA, statusName } from "@/server/messages/messages.schemas";
import { WHATSAPP_REENGAGEMENT_CODE } from "@/server/messages/whatsapp/whatsapp.schemas";
import { defineTwilioRoute } from "@/server/twilio/define-twilio-route";
import { formatTwilioPrice } from "@/server/twilio/twilio-call-view";
import { TwilioApiError, twilioBadRequest } from "@/server/twilio/twilio-errors";
import { readPageQuery, twilioPage, ZTwilioPageQuery } from "@/server/twilio/twilio-page";

const LIST_PATH = "/2010-04-01/Accounts/{AccountSid}/Messages.json";
const ONE_PATH = "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json";
const SID = /^SM[0-9a-f]{32}$/;

const messagesPath = (accountSid: string) => `/${TWILIO_API_VERSION}/Accounts/${accountSid}/Messages.json`;

export function toTwilioMessage(m: MessageView, accountSid: string) {
  const uri = `/${TWILIO_API_VERSION}/Accounts/${accountSid}/Messages/${m.id}.json`;
  return {
    sid: m.id,
    account_sid: accountSid,
    api_version: TWILIO_API_VERSION,
    body: m.body,
    date_created: rfc2822(m.createdAt),
    date_sent: m.sentAt ? rfc2822(m.sentAt) : null,
    date_updated: rfc2822(m.updatedAt),
    direction: m.direction === "INBOUND" ? "inbound" : "outbound-api",
    error_code: m.errorCode,
    error_message: m.errorMessage,
    // Twilio names WhatsApp addresses `whatsapp:+1…`.
    from: m.channel === "WHATSAPP" ? `whatsapp:${m.from}` : m.from,
    to: m.channel === "WHATSAPP" ? `whatsapp:${m.to}` : m.to,
    messaging_service_sid: null,
    num_media: String(m.mediaUrls.length),
    num_segments: String(m.numSegments),
    price: m.status === "QUEUED" || m.status === "SENDING" ? null : formatTwilioPrice(m.priceMicros),
    price_unit: m.currency,
    status: statusName(m.status),
    subresource_uris: { media: uri.replace(/\.json$/, "/Media.json") },
    uri,
  };
}

const ZCreateForm = z.object({
  To: z.string().max(64).optional(),
  From: z.string().max(64).optional(),
  Body: z.string().max(1600).optional(),
  MediaUrl: z.array(z.string().max(2048)).max(MAX_MEDIA).optional(),
  StatusCallback: z.string().max(2048).optional(),
  MessagingServiceSid: z.string().max(64).optional(),
  ContentSid: z.string().max(64).optional(),
});

/** The messages domain's refusals in Twilio's codes: 21606 a From that cannot send, 21610 an unsubscribed To. */
function asTwilio(e: unknown): unknown {
  if (!(e instanceof AppError)) return e;
  if (e.message.startsWith("from: ")) return new TwilioApiError(400, 21606, `The From phone number ${e.message.slice(6)}`);
  // Twilio's code for a WhatsApp freeform message outside the 24-hour window (Meta's 131047).
  if (e.message.includes(`error ${WHATSAPP_REENGAGEMENT_CODE}`)) return new TwilioApiError(400, 63016, `Failed to send freeform message because you are outside the allowed window. ${e.message.slice(4)}`);
  if (e.message.includes(`error ${UNSUBSCRIBED_RECIPIENT_CODE}`)) return new TwilioApiError(400, 21610, "Attempt to send to unsubscribed recipient");
  if (e.code === "INSUFFICIENT_CREDIT") return new TwilioApiError(400, 30002, e.message);
  return e;
}

const create = defineTwilioRoute({ method: "POST", path: LIST_PATH, scope: "messages:write", form: ZCreateForm, idempotent: true }, async ({ actor, principal, form, idempotency }) => {
  if (form.MessagingServiceSid !== undefined) throw twilioBadRequest(21701, "MessagingServiceSid is not supported by IRISX yet; pass From");
  if (form.ContentSid !== undefined) throw twilioBadRequest(20001, "ContentSid is not supported by IRISX yet; pass Body");
  if (!form.To) throw twilioBadRequest(21604, "A 'To' phone number is required.");
  if (!form.From) throw twilioBadRequest(21603, "A 'From' phone number is required.");
  const media = form.MediaUrl ?? [];
  if (!form.Body && media.length === 0) throw twilioBadRequest(21602, "Message body is required.");
  // WhatsApp as Twilio addresses it: both To and From prefixed `whatsapp:`.
  const whatsapp = form.To.startsWith("whatsapp:");
  if (whatsapp !== form.From.startsWith("whatsapp:")) throw twilioBadRequest(63007, "To and From must both be whatsapp: addresses, or neither");
  const to = form.To.replace(/^whatsapp:/, "");
  const from = form.From.replace(/^whatsapp:/, "");
  if (!/^\+[1-9]\d{6,14}$/.test(to)) throw twilioBadRequest(21211, `The 'To' number ${form.To} is not a valid phone number.`);
  const message = await createMessage(
    actor,
    { channel: whatsapp ? "whatsapp" : media.length ? "mms" : "sms", to, from, body: form.Body ?? "", mediaUrls: media, statusCallback: form.StatusCallback },
    { surface: "twilio", idempotency: idempotency ? (created) => idempotency.completion({ status: 201, body: toTwilioMessage(created, principal.accountSid) }) : undefined },
  ).catch((e: unknown) => {
    throw asTwilio(e);
  });
  return { status: 201, body: toTwilioMessage(message, principal.accountSid) };
});

const ZListQuery = ZTwilioPageQuery.extend({
  To: z.string().max(64).optional(),
  From: z.string().max(64).optional(),
  DateSent: z.string().max(40).optional(),
  "DateSent<": z.string().max(40).optional(),
  "DateSent>": z.string().max(40).optional(),
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;
function dateRange(q: z.infer<typeof ZListQuery>): { createdAfter?: Date; createdBefore?: Date } {
  const parse = (v: string) => {
    const d = new Date(DAY.test(v) ? `${v}T00:00:00Z` : v);
    if (Number.isNaN(d.getTime())) throw twilioBadRequest(20001, "Invalid DateSent: a YYYY-MM-DD day or an ISO 8601 time");
    return d;
  };
  if (q.DateSent) {
    const day = parse(q.DateSent.slice(0, 10));
    return { createdAfter: day, createdBefore: new Date(day.getTime() + 86_400_000) };
  }
  return { ...(q["DateSent>"] ? { createdAfter: parse(q["DateSent>"]) } : {}), ...(q["DateSent<"] ? { createdBefore: parse(q["DateSent<"]) } : {}) };
}

const list = defineTwilioRoute({ method: "GET", path: LIST_PATH, scope: "messages:read", query: ZListQuery }, async ({ actor, principal, query }) => {
  const { cursor, page, pageSize } = readPageQuery(query, SID);
  const found = await findMessages(actor, { cursor, limit: pageSize, to: query.To, from: query.From, ...dateRange(query) }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "BAD_REQUEST") throw twilioBadRequest(20001, "Invalid PageToken; follow next_page_uri");
    throw e;
  });
  return {
    status: 200,
    body: twilioPage("messages", found.items.map((m) => toTwilioMessage(m, principal.accountSid)), {
      path: messagesPath(principal.accountSid),
      filters: { To: query.To, From: query.From, DateSent: query.DateSent, "DateSent<": query["DateSent<"], "DateSent>": query["DateSent>"] },
      page,
      pageSize,
      pageToken: query.PageToken ?? null,
      nextCursor: found.nextCursor,
    }),
  };
});

const fetchOne = defineTwilioRoute({ method: "GET", path: ONE_PATH, scope: "messages:read" }, async ({ actor, principal, params }) => {
  const sid = (params.messageSid ?? "").replace(/\.json$/, "");
  if (!SID.test(sid)) throw new AppError("NOT_FOUND", "message not found");
  return { status: 200, body: toTwilioMessage(await getMessage(actor, { messageId: sid }), principal.accountSid) };
});

export const twilioMessagesRoute = { GET: list, POST: create };
export const twilioMessageRoute = { GET: fetchOne };
