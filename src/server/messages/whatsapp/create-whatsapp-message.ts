// An outbound WhatsApp message (text, media by link, interactive or an approved template of the registry) from one
// of the account's connected WhatsApp numbers. Meta's customer-service window is enforced here: a free-form message
// to a user whose last message to that number is more than 24 hours old is refused (400 naming `to`, error_code
// 131047, as Meta would refuse it); a template may always be sent. Priced per message (the plan's
// whatsappOutboundMicrosPerMessage) and queued for the sender like SMS, which charges it when it sends.
import type { Prisma } from "@/generated/prisma/client";
import { db } from "@/server/db";
import { insertQueuedMessage } from "@/server/messages/insert-queued-message";
import { AppError, fieldError } from "@/server/errors";
import type { CreateMessageOptions } from "@/server/messages/create-message";
import type { MessageView } from "@/server/messages/message-view";
import { MAX_BODY_CHARS, type ZCreateMessageInput } from "@/server/messages/messages.schemas";
import type { WhatsAppMediaType, WhatsAppPayload } from "@/server/messages/providers/whatsapp-messaging-provider";
import { newSid } from "@/server/shared/ids";
import { assertTenantActive, type Actor } from "@/server/tenancy";
import { renderTemplate } from "@/server/templates/render-template";
import { loadTenantTemplate, toRenderable, toTemplateView } from "@/server/templates/template-view";
import type { z } from "zod";
import { DEFAULT_WHATSAPP_MICROS_PER_MESSAGE, WHATSAPP_REENGAGEMENT_CODE, WHATSAPP_WINDOW_MS } from "./whatsapp.schemas";

type Input = z.output<typeof ZCreateMessageInput>;

const MEDIA_BY_EXTENSION: Record<string, WhatsAppMediaType> = {
  jpg: "image", jpeg: "image", png: "image", webp: "image",
  mp4: "video", "3gp": "video",
  mp3: "audio", ogg: "audio", aac: "audio", amr: "audio", m4a: "audio", opus: "audio",
};

export function whatsappMediaType(url: string, given?: WhatsAppMediaType): WhatsAppMediaType {
  if (given) return given;
  const ext = new URL(url).pathname.split(".").pop()?.toLowerCase() ?? "";
  return MEDIA_BY_EXTENSION[ext] ?? "document";
}

async function templatePayload(tenantId: string, input: Input): Promise<{ body: string; payload: WhatsAppPayload }> {
  const row = await loadTenantTemplate(db, tenantId, input.templateId!).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") throw fieldError("template_id", `${input.templateId} is not a template of this account`);
    throw e;
  });
  const template = toTemplateView(row);
  if (template.channel !== "WHATSAPP") throw fieldError("template_id", `${input.templateId} is ${template.channel.toLowerCase()} template; a whatsapp message needs a WHATSAPP template`);
  if (row.approvalStatus !== "APPROVED") throw fieldError("template_id", `${template.name} (${template.language}) is not approved by Meta (status ${(row.approvalStatus ?? "PENDING").toLowerCase()})`);
  const rendered = renderTemplate(toRenderable(template), input.templateVariables);
  if (rendered.channel !== "WHATSAPP") throw fieldError("template_id", "not a WhatsApp template");
  return { body: rendered.body, payload: { type: "template", template: rendered.template } };
}

export async function createWhatsAppMessage(actor: Actor, input: Input, opts: CreateMessageOptions): Promise<MessageView> {
  const tenant = await db.tenant.findUnique({ where: { id: actor.tenantId }, select: { status: true, suspendedReason: true, creditMicros: true, currency: true, pricePlan: { select: { whatsappOutboundMicrosPerMessage: true } } } });
  if (!tenant) throw new AppError("NOT_FOUND", "account not found");
  assertTenantActive(tenant);
  const number = await db.whatsAppNumber.findUnique({ where: { tenantId_e164: { tenantId: actor.tenantId, e164: input.from } }, select: { id: true } });
  if (!number) throw fieldError("from", `${input.from} is not a WhatsApp number connected to this account (Settings → Channels)`);

  let body = input.body;
  let payload: WhatsAppPayload | null = null;
  if (input.templateId) ({ body, payload } = await templatePayload(actor.tenantId, input));
  else if (input.interactive) {
    payload = { type: "interactive", interactive: input.interactive };
    body = input.interactive.body.text;
  } else if (input.mediaUrls.length) payload = { type: "media", mediaType: whatsappMediaType(input.mediaUrls[0]!, input.mediaType) };
  if (body.length > MAX_BODY_CHARS) throw fieldError(input.templateId ? "template_variables" : "body", `the text is ${body.length} characters; at most ${MAX_BODY_CHARS}`);

  if (payload?.type !== "template") {
    const since = new Date(Date.now() - WHATSAPP_WINDOW_MS);
    const last = await db.message.findFirst({
      where: { tenantId: actor.tenantId, channel: "WHATSAPP", direction: "INBOUND", from: input.to, to: input.from, createdAt: { gte: since } },
      select: { id: true },
    });
    if (!last) {
      throw fieldError(
        "to",
        `${input.to} has not written to ${input.from} in the last 24 hours: outside WhatsApp's customer-service window only an approved template can be sent (template_id); error ${WHATSAPP_REENGAGEMENT_CODE}`,
        { error_code: WHATSAPP_REENGAGEMENT_CODE },
      );
    }
  }
  const suppressed = await db.messagingSuppression.findUnique({ where: { tenantId_address: { tenantId: actor.tenantId, address: input.to } }, select: { id: true } });
  if (suppressed && !opts.system) throw fieldError("to", `${input.to} has opted out of this account's messages; error 21610`, { error_code: 21610 });
  const priceMicros = tenant.pricePlan?.whatsappOutboundMicrosPerMessage ?? DEFAULT_WHATSAPP_MICROS_PER_MESSAGE;
  if (!opts.system && tenant.creditMicros < priceMicros) {
    throw new AppError("INSUFFICIENT_CREDIT", `insufficient credit: this message costs ${priceMicros} micro-${tenant.currency} and the balance is ${tenant.creditMicros}; add credit to send messages`, {
      details: { credit_balance_micros: tenant.creditMicros.toString(), price_micros: priceMicros.toString(), currency: tenant.currency },
    });
  }

  const now = new Date();
  const data: Prisma.MessageUncheckedCreateInput = {
    id: newSid("SM"), tenantId: actor.tenantId, channel: "WHATSAPP", direction: "OUTBOUND", status: "QUEUED", from: input.from, to: input.to, body,
    mediaUrls: input.mediaUrls, payload: (payload ?? undefined) as Prisma.InputJsonValue | undefined, numSegments: 1, priceMicros, currency: tenant.currency,
    statusCallbackUrl: input.statusCallback ?? null, statusCallbackMethod: input.statusCallbackMethod, apiSurface: opts.surface, dedupeKey: input.dedupeKey ?? null,
    apiKeyId: actor.apiKeyId, inReplyToId: opts.system?.inReplyToId ?? null, nextAttemptAt: now, createdAt: now,
  };
  return insertQueuedMessage(actor.tenantId, data, opts);
}
