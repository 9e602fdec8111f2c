// Phone numbers (DIDs) a tenant owns: inputs of the use-cases in this folder. The REST layer has its own
// snake_case body schemas (src/server/api/v1/phone-numbers.ts) that map onto these.
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";

/** Any way of writing an international number ("+1 (415) 555-0123") normalised to E.164 ("+14155550123"). */
export const ZE164 = z
  .string()
  .trim()
  .min(1, "phone number is required")
  .max(32, "too long for a phone number")
  .transform((value, ctx) => {
    const parsed = parsePhoneNumberFromString(value);
    if (!parsed?.isValid()) {
      ctx.addIssue({ code: "custom", message: "must be a valid phone number in international form, e.g. +14155550123" });
      return z.NEVER;
    }
    return parsed.number as string;
  });

export const ZHttpMethod = z.enum(["GET", "POST"], { message: "must be GET or POST" });

/** Where IRISX sends requests for the number (voice instructions, status callbacks, incoming SMS). */
export const ZHandlerUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2048);

/** A FreeSWITCH gateway name (sofia/gateway/<name>/...): no spaces, slashes or upper case. */
export const ZCarrierGateway = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9_-]+$/, "use lower-case letters, digits, - and _ only (the FreeSWITCH gateway name)");

export const ZVoiceFlowId = z.string().trim().min(1).max(64);

export const ZCapabilities = z
  .object({ voice: z.boolean(), sms: z.boolean(), mms: z.boolean() })
  .refine((c) => c.voice || c.sms || c.mms, { message: "enable at least one of voice, SMS or MMS" });

const handlerFields = {
  friendlyName: z.string().trim().max(64, "at most 64 characters"),
  voiceUrl: ZHandlerUrl.nullable(),
  voiceMethod: ZHttpMethod,
  voiceFlowId: ZVoiceFlowId.nullable(),
  statusCallbackUrl: ZHandlerUrl.nullable(),
  statusCallbackMethod: ZHttpMethod,
  smsUrl: ZHandlerUrl.nullable(),
  smsMethod: ZHttpMethod,
  carrierGateway: ZCarrierGateway.nullable(),
};

/** A number answers voice with a URL or a flow, not both. */
const ONE_VOICE_HANDLER = {
  message: "set either a voice URL or a voice flow, not both",
  path: ["voiceFlowId"],
};

export const ZCreatePhoneNumberInput = z
  .object({
    phoneNumber: ZE164,
    capabilities: ZCapabilities.default({ voice: true, sms: false, mms: false }),
    friendlyName: handlerFields.friendlyName.default(""),
    voiceUrl: handlerFields.voiceUrl.default(null),
    voiceMethod: handlerFields.voiceMethod.default("POST"),
    voiceFlowId: handlerFields.voiceFlowId.default(null),
    statusCallbackUrl: handlerFields.statusCallbackUrl.default(null),
    statusCallbackMethod: handlerFields.statusCallbackMethod.default("POST"),
    smsUrl: handlerFields.smsUrl.default(null),
    smsMethod: handlerFields.smsMethod.default("POST"),
    carrierGateway: handlerFields.carrierGateway.default(null),
  })
  .refine((n) => !(n.voiceUrl && n.voiceFlowId), ONE_VOICE_HANDLER);
export type TCreatePhoneNumberInput = z.input<typeof ZCreatePhoneNumberInput>;

/** Omitted fields stay as they are; null clears. Setting a voice URL clears the flow and the other way round. */
export const ZUpdatePhoneNumberInput = z
  .object({
    id: z.string().min(1).max(64),
    capabilities: ZCapabilities.optional(),
    friendlyName: handlerFields.friendlyName.optional(),
    voiceUrl: handlerFields.voiceUrl.optional(),
    voiceMethod: handlerFields.voiceMethod.optional(),
    voiceFlowId: handlerFields.voiceFlowId.optional(),
    statusCallbackUrl: handlerFields.statusCallbackUrl.optional(),
    statusCallbackMethod: handlerFields.statusCallbackMethod.optional(),
    smsUrl: handlerFields.smsUrl.optional(),
    smsMethod: handlerFields.smsMethod.optional(),
    carrierGateway: handlerFields.carrierGateway.optional(),
  })
  .refine((n) => !(n.voiceUrl && n.voiceFlowId), ONE_VOICE_HANDLER);
export type TUpdatePhoneNumberInput = z.input<typeof ZUpdatePhoneNumberInput>;

export const ZPhoneNumberIdInput = z.object({ id: z.string().min(1).max(64) });
export type TPhoneNumberIdInput = z.input<typeof ZPhoneNumberIdInput>;

export const ZFindPhoneNumbersInput = ZPageInput.extend({
  /** Digits of the number (any punctuation ignored) or part of its friendly name. */
  search: z.string().trim().max(64).optional(),
  /** Only numbers with this capability (the test-call form lists voice numbers). */
  capability: z.enum(["voice", "sms", "mms"]).optional(),
});
export type TFindPhoneNumbersInput = z.input<typeof ZFindPhoneNumbersInput>;

export const ZSearchAvailableNumbersInput = z.object({
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, "must be a two-letter country code, e.g. US")
    .transform((c) => c.toUpperCase())
    .default("US"),
  type: z.enum(["local", "toll_free", "mobile"], { message: "must be local, toll_free or mobile" }).default("local"),
  areaCode: z.string().trim().regex(/^\d{2,5}$/, "2 to 5 digits").optional(),
  contains: z.string().trim().regex(/^[\d*]{1,10}$/, "up to 10 digits (* for any digit)").optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type TSearchAvailableNumbersInput = z.input<typeof ZSearchAvailableNumbersInput>;
