// /api/v1/phone-numbers: the numbers (DIDs) of the account, their voice/SMS handlers and carrier gateway.
// Bodies and answers are snake_case; the use-cases speak camelCase, so their field errors are renamed here.
import { z, ZodError } from "zod";
import { AppError } from "@/server/errors";
import { createPhoneNumber } from "@/server/numbers/create-phone-number";
import { findPhoneNumbers } from "@/server/numbers/find-phone-numbers";
import { getPhoneNumber } from "@/server/numbers/get-phone-number";
import { ZCarrierGateway, ZE164, ZHandlerUrl, ZHttpMethod, ZVoiceFlowId } from "@/server/numbers/numbers.schemas";
import type { PhoneNumberView } from "@/server/numbers/phone-number-view";
import { releasePhoneNumber } from "@/server/numbers/release-phone-number";
import { updatePhoneNumber } from "@/server/numbers/update-phone-number";
import { defineRoute } from "@/server/api/define-route";
import { validationError } from "@/server/api/http";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";

const ZCapabilitiesResource = z
  .object({ voice: z.boolean(), sms: z.boolean(), mms: z.boolean() })
  .meta({ id: "PhoneNumberCapabilities", description: "What the number may be used for" });

export const ZPhoneNumberResource = z
  .object({
    id: z.string().meta({ example: "PN3f9c0d1e2b3a4958677a6b5c4d3e2f10" }),
    phone_number: z.string().meta({ description: "E.164", example: "+14155550123" }),
    friendly_name: z.string().meta({ example: "Support line" }),
    capabilities: ZCapabilitiesResource,
    voice_url: z.string().nullable().meta({ description: "Fetched when a call to the number comes in; answers with instructions", example: "https://example.com/voice" }),
    voice_method: z.string().meta({ example: "POST" }),
    voice_flow_id: z.string().nullable().meta({ description: "A flow that answers calls instead of voice_url" }),
    status_callback_url: z.string().nullable().meta({ description: "Receives call status changes of calls to and from the number" }),
    status_callback_method: z.string(),
    sms_url: z.string().nullable(),
    sms_method: z.string(),
    carrier_gateway: z.string().nullable().meta({ description: "FreeSWITCH gateway outbound calls from the number leave through; null for the platform default", example: "twilio" }),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "PhoneNumber" });

const ZPhoneNumberParams = z.strictObject({ numberId: z.string().min(1).max(64).meta({ description: "Phone number id", example: "PN3f9c0d1e2b3a4958677a6b5c4d3e2f10" }) });

const handlerFields = {
  friendly_name: z.string().trim().max(64).meta({ example: "Support line" }),
  capabilities: z
    .strictObject({ voice: z.boolean(), sms: z.boolean(), mms: z.boolean() })
    .refine((c) => c.voice || c.sms || c.mms, { message: "enable at least one of voice, sms or mms" })
    .meta({ description: "JSON bodies only; defaults to voice only" }),
  voice_url: ZHandlerUrl.nullable().meta({ example: "https://example.com/voice" }),
  voice_method: ZHttpMethod,
  voice_flow_id: ZVoiceFlowId.nullable(),
  status_callback_url: ZHandlerUrl.nullable(),
  status_callback_method: ZHttpMethod,
  sms_url: ZHandlerUrl.nullable(),
  sms_method: ZHttpMethod,
  carrier_gateway: ZCarrierGateway.nullable().meta({ example: "twilio" }),
};
const optionalHandlerFields = Object.fromEntries(Object.entries(handlerFields).map(([k, v]) => [k, v.optional()])) as {
  [K in keyof typeof handlerFields]: z.ZodOptional<(typeof handlerFields)[K]>;
};
const ONE_VOICE_HANDLER = { message: "set either voice_url or voice_flow_id, not both", path: ["voice_flow_id"] };

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function toResource(n: PhoneNumberView): z.input<typeof ZPhoneNumberResource> {
  return {
    id: n.id,
    phone_number: n.phoneNumber,
    friendly_name: n.friendlyName,
    capabilities: n.capabilities,
    voice_url: n.voiceUrl,
    voice_method: n.voiceMethod,
    voice_flow_id: n.voiceFlowId,
    status_callback_url: n.statusCallbackUrl,
    status_callback_method: n.statusCallbackMethod,
    sms_url: n.smsUrl,
    sms_method: n.smsMethod,
    carrier_gateway: n.carrierGateway,
    created_at: n.createdAt.toISOString(),
    updated_at: n.updatedAt.toISOString(),
  };
}

/** Runs a use-case and reports the fields it names (`phoneNumber`) as the API spells them (`phone_number`). */
async function withApiFieldNames<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ZodError) throw validationError(e.issues.map((i) => ({ ...i, path: i.path.map((p) => (typeof p === "string" ? snake(p) : p)) })), "body");
    const fieldErrors = e instanceof AppError ? (e.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors : undefined;
    if (e instanceof AppError && fieldErrors) {
      throw new AppError(e.code, e.message, { details: { fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [snake(k), v])) }, cause: e });
    }
    throw e;
  }
}

function handlersFromBody(body: Partial<{ [K in keyof typeof handlerFields]: z.output<(typeof handlerFields)[K]> }>) {
  return {
    friendlyName: body.friendly_name,
    capabilities: body.capabilities,
    voiceUrl: body.voice_url,
    voiceMethod: body.voice_method,
    voiceFlowId: body.voice_flow_id,
    statusCallbackUrl: body.status_callback_url,
    statusCallbackMethod: body.status_callback_method,
    smsUrl: body.sms_url,
    smsMethod: body.sms_method,
    carrierGateway: body.carrier_gateway,
  };
}

export const listPhoneNumbersRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/phone-numbers",
    operationId: "listPhoneNumbers",
    tag: "Phone numbers",
    summary: "List phone numbers",
    description: "The account's numbers, newest first.",
    scope: "numbers:read",
    query: ZPageQuery.extend({
      search: z.string().trim().max(64).optional().meta({ description: "Digits of the number or part of its friendly name", example: "415555" }),
      capability: z.enum(["voice", "sms", "mms"]).optional().meta({ description: "Only numbers with this capability" }),
    }),
    response: listOf(ZPhoneNumberResource, "PhoneNumberList"),
  },
  async ({ actor, query }) =>
    toList(await findPhoneNumbers(actor, { limit: query.limit, cursor: query.starting_after, search: query.search, capability: query.capability }), toResource),
);

export const createPhoneNumberRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/phone-numbers",
    operationId: "createPhoneNumber",
    tag: "Phone numbers",
    summary: "Add a phone number",
    description:
      "Adds a number the account holds at its carrier. A number belongs to one account at a time: one already in use answers 409 with `number_taken` naming `phone_number`.",
    scope: "numbers:write",
    body: z
      .strictObject({ phone_number: ZE164.meta({ description: "In international form; normalised to E.164", example: "+14155550123" }), ...optionalHandlerFields })
      .refine((b) => !(b.voice_url && b.voice_flow_id), ONE_VOICE_HANDLER),
    response: ZPhoneNumberResource,
    status: 201,
    example: { phone_number: "+14155550123", friendly_name: "Support line", voice_url: "https://example.com/voice", carrier_gateway: "twilio" },
  },
  async ({ actor, body }) => toResource(await withApiFieldNames(() => createPhoneNumber(actor, { phoneNumber: body.phone_number, ...handlersFromBody(body) }))),
);

export const getPhoneNumberRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/phone-numbers/{numberId}",
    operationId: "getPhoneNumber",
    tag: "Phone numbers",
    summary: "Retrieve a phone number",
    scope: "numbers:read",
    params: ZPhoneNumberParams,
    response: ZPhoneNumberResource,
  },
  async ({ actor, params }) => toResource(await getPhoneNumber(actor, { id: params.numberId })),
);

export const updatePhoneNumberRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/phone-numbers/{numberId}",
    operationId: "updatePhoneNumber",
    tag: "Phone numbers",
    summary: "Update a phone number",
    description: "Changes the given fields only; `null` clears a URL, flow or gateway. Setting voice_url clears voice_flow_id and the other way round.",
    scope: "numbers:write",
    params: ZPhoneNumberParams,
    body: z.strictObject(optionalHandlerFields).refine((b) => !(b.voice_url && b.voice_flow_id), ONE_VOICE_HANDLER),
    response: ZPhoneNumberResource,
    example: { voice_url: "https://example.com/voice-v2", status_callback_url: "https://example.com/status" },
  },
  async ({ actor, params, body }) => toResource(await withApiFieldNames(() => updatePhoneNumber(actor, { id: params.numberId, ...handlersFromBody(body) }))),
);

export const releasePhoneNumberRoute = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/phone-numbers/{numberId}",
    operationId: "releasePhoneNumber",
    tag: "Phone numbers",
    summary: "Release a phone number",
    description: "Removes the number from the account; calls to it are refused from then on. Past calls keep their history.",
    scope: "numbers:write",
    params: ZPhoneNumberParams,
    response: z.object({ id: z.string(), phone_number: z.string(), deleted: z.literal(true) }).meta({ id: "ReleasedPhoneNumber" }),
  },
  async ({ actor, params }) => {
    const released = await releasePhoneNumber(actor, { id: params.numberId });
    return { id: released.id, phone_number: released.phoneNumber, deleted: true as const };
  },
);
