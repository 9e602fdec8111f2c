// /api/v1/phone-numbers: the numbers (DIDs) of the account, their voice/SMS handlers and carrier gateway.
// Bodies and answers are snake_case; the use-cases speak camelCase, so their field errors are renamed here.
import { z } from "zod";
import { findPhoneNumbers } from "@/server/numbers/find-phone-numbers";
import { getPhoneNumber } from "@/server/numbers/get-phone-number";
import { ZCarrierGateway, ZE164, ZHandlerUrl, ZHttpMethod, ZVoiceFlowId } from "@/server/numbers/numbers.schemas";
import type { PhoneNumberView } from "@/server/numbers/phone-number-view";
import { purchasePhoneNumber } from "@/server/numbers/purchase-phone-number";
import { releasePhoneNumber } from "@/server/numbers/release-phone-number";
import { searchAvailableNumbers } from "@/server/numbers/search-available-numbers";
import { updatePhoneNumber } from "@/server/numbers/update-phone-number";
import { defineRoute } from "@/server/api/define-route";
import { withApiFieldNames } from "@/server/api/api-field-names";
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
    origin: z.enum(["provisioned", "assigned", "claimed"]).meta({ description: "provisioned: bought through the number provider; assigned: given by platform staff; claimed: typed in before numbers were provisioned, a caller ID only once verified" }),
    provider: z.string().nullable().meta({ description: "The carrier it was bought from", example: "twilio" }),
    caller_id_allowed: z.boolean().meta({ description: "Calls may show it as their `from`" }),
    purchase_pending: z.boolean().meta({ description: "The provider's confirmation of the purchase was never stored" }),
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
    origin: n.origin.toLowerCase() as "provisioned" | "assigned" | "claimed",
    provider: n.provider,
    caller_id_allowed: n.callerIdAllowed,
    purchase_pending: n.purchasePending,
    created_at: n.createdAt.toISOString(),
    updated_at: n.updatedAt.toISOString(),
  };
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
    summary: "Buy a phone number",
    description:
      "Buys a number through the platform's number provider (find one with `GET /api/v1/available-phone-numbers`). A number that cannot be had answers 409 `number_unavailable` naming `phone_number`, whoever holds it; an installation without a number provider answers 422 (platform staff assign numbers there); a provider that cannot be reached answers 503 and nothing is bought.",
    scope: "numbers:write",
    body: z
      .strictObject({ phone_number: ZE164.meta({ description: "In international form; normalised to E.164", example: "+14155550123" }), ...optionalHandlerFields })
      .refine((b) => !(b.voice_url && b.voice_flow_id), ONE_VOICE_HANDLER),
    response: ZPhoneNumberResource,
    status: 201,
    example: { phone_number: "+14155550123", friendly_name: "Support line", voice_url: "https://example.com/voice", carrier_gateway: "twilio" },
  },
  async ({ actor, body }) => toResource(await withApiFieldNames(() => purchasePhoneNumber(actor, { phoneNumber: body.phone_number, ...handlersFromBody(body) }))),
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

const ZAvailableNumberResource = z
  .object({
    phone_number: z.string().meta({ example: "+14155550123" }),
    locality: z.string().nullable().meta({ example: "San Francisco" }),
    region: z.string().nullable().meta({ example: "CA" }),
    country: z.string().meta({ example: "US" }),
    capabilities: ZCapabilitiesResource,
  })
  .meta({ id: "AvailablePhoneNumber" });

export const searchAvailablePhoneNumbersRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/available-phone-numbers",
    operationId: "searchAvailablePhoneNumbers",
    tag: "Phone numbers",
    summary: "Search numbers to buy",
    description: "Numbers the platform's number provider sells now. `provider` is null, and `data` empty, when the installation has none.",
    scope: "numbers:write",
    query: z.strictObject({
      country: z.string().optional().meta({ description: "ISO country code", example: "US" }),
      type: z.enum(["local", "toll_free", "mobile"]).optional(),
      area_code: z.string().optional().meta({ example: "415" }),
      contains: z.string().optional().meta({ description: "Digits the number contains; * for any digit", example: "555" }),
      limit: z.coerce.number().int().min(1).max(50).optional(),
    }),
    response: z.object({ provider: z.string().nullable(), data: z.array(ZAvailableNumberResource) }).meta({ id: "AvailablePhoneNumberList" }),
  },
  async ({ actor, query }) => {
    const found = await withApiFieldNames(() => searchAvailableNumbers(actor, { country: query.country, type: query.type, areaCode: query.area_code, contains: query.contains, limit: query.limit }));
    return {
      provider: found.provider,
      data: found.numbers.map((n) => ({ phone_number: n.phoneNumber, locality: n.locality, region: n.region, country: n.country, capabilities: n.capabilities })),
    };
  },
);
