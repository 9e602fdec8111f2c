// Inputs of the calls use-cases. The REST routes (src/server/api/v1/calls.ts) and the Twilio-compatible surface
// map their own field names onto these; the rules (E.164, exactly one handler, ranges) live here once.
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { z } from "zod";
import { parsePlaySource } from "@/server/calls/play-source";
import { ZHttpMethod, ZHttpUrl } from "@/server/calls/http-fields";
import { checkMachineDetection, ZMachineDetectionFields } from "@/server/calls/machine-detection";
import { ZPageInput } from "@/server/shared/paging";
import { ZVoiceDocument, type TVoiceVerb } from "@/server/voice-documents/voice-document.schemas";

export const STATUS_CALLBACK_EVENTS = ["initiated", "ringing", "answered", "completed"] as const;
export type StatusCallbackEvent = (typeof STATUS_CALLBACK_EVENTS)[number];

/** Default and maximum of `timeLimit`: four hours. */
export const MAX_CALL_TIME_LIMIT_SECONDS = 4 * 60 * 60;
export const DEFAULT_RING_TIMEOUT_SECONDS = 60;
/** Bounds of how long a call may wait queued: a call's `queueTimeout` and the tenant's `maxQueueSeconds` (default 60). */
export const MIN_QUEUE_SECONDS = 1;
export const MAX_QUEUE_SECONDS = 60 * 60;
export const ZQueueSeconds = z.number().int().min(MIN_QUEUE_SECONDS).max(MAX_QUEUE_SECONDS);

const E164_SHAPE = /^\+[1-9]\d{1,14}$/;

/** `+` then 2 to 15 digits, without checking that the number plan knows it (caller ids, owned DIDs). */
export const ZE164Shape = z.string().trim().regex(E164_SHAPE, { message: "must be a phone number in E.164 form, e.g. +14155550123", abort: true });

/** A dialable number: E.164 and valid in its country's numbering plan (libphonenumber). */
export const ZE164Number = ZE164Shape.refine((value) => parsePhoneNumberFromString(value)?.isValid() === true, {
  message: "is not a valid phone number (E.164, e.g. +14155550123)",
});

export { ZHttpMethod, ZHttpUrl };

/**
 * What a call runs when answered: a voice document (src/server/voice-documents: say, play, gather, dial, record,
 * redirect and the rest), the same model TwiML parses to. A `play` source is checked when the call runs (a bad one
 * is reported and skipped, as Twilio does).
 */
export const ZCallInstructions = ZVoiceDocument.min(1, "give at least one verb").superRefine((document, ctx) => {
  // A play source given to the API is checked here, so a bad one is a 400 naming it (a URL's answer is checked at run
  // time, where one bad source is reported and skipped).
  document.forEach((verb, i) => {
    const check = (source: string, path: (string | number)[]) => {
      const parsed = parsePlaySource(source);
      if (!parsed.ok) ctx.addIssue({ code: "custom", path, message: `play ${parsed.reason}` });
    };
    if ("play" in verb) check(verb.play, [i, "play"]);
    if ("gather" in verb) verb.gather.forEach((prompt, j) => "play" in prompt && check(prompt.play, [i, "gather", j, "play"]));
  });
});
export type TCallInstruction = TVoiceVerb;

export const ZStatusCallbackEvents = z
  .array(z.enum(STATUS_CALLBACK_EVENTS))
  .min(1)
  .max(STATUS_CALLBACK_EVENTS.length * 4)
  .transform((events) => [...new Set(events)]);

/**
 * Exactly one of the handler fields must be present. The issue is reported on each field given (or on the first
 * name when none is), so a 400 names the field; `names` maps to the caller's spelling (`flowId` or `flow_id`).
 */
export function checkOneCallHandler(value: Record<string, unknown>, names: readonly [string, string, string], ctx: z.RefinementCtx): void {
  const given = names.filter((n) => value[n] !== undefined);
  if (given.length === 1) return;
  const message = `give exactly one of ${names.join(", ")}`;
  for (const path of given.length === 0 ? [names[0]] : given) ctx.addIssue({ code: "custom", path: [path], message });
}

export const ZCreateCallInput = z
  .object({
    to: ZE164Number,
    /** One of the tenant's phone numbers (checked by createCall). */
    from: ZE164Shape,
    url: ZHttpUrl.optional(),
    flowId: z.string().trim().min(1).max(64).optional(),
    instructions: ZCallInstructions.optional(),
    method: ZHttpMethod.default("POST"),
    statusCallback: ZHttpUrl.optional(),
    statusCallbackMethod: ZHttpMethod.default("POST"),
    statusCallbackEvents: ZStatusCallbackEvents.default(["completed"]),
    /** Seconds to ring before giving up (no-answer). */
    timeout: z.number().int().min(1).max(600).default(DEFAULT_RING_TIMEOUT_SECONDS),
    /** Longest the call may last once answered, in seconds. */
    timeLimit: z.number().int().min(1).max(MAX_CALL_TIME_LIMIT_SECONDS).default(MAX_CALL_TIME_LIMIT_SECONDS),
    record: z.boolean().default(false),
    /** Longest the call may wait queued before it fails with QUEUE_TIMEOUT; the tenant's maxQueueSeconds when absent. */
    queueTimeout: ZQueueSeconds.optional(),
    /** DTMF sent once the called party answers, before the document (Twilio's SendDigits: 0-9, A-D, *, #, w/W for a half/whole second's pause). */
    sendDigits: z.string().regex(/^[0-9A-D*#wW]{1,32}$/, "may hold 0-9, A-D, *, #, w (half a second's pause) and W (a second's), at most 32").optional(),
    /** Asked once when the call's URL or an action's cannot be fetched, with ErrorCode and ErrorUrl (Twilio's FallbackUrl). */
    fallbackUrl: ZHttpUrl.optional(),
    fallbackMethod: ZHttpMethod.default("POST"),
    ...ZMachineDetectionFields,
  })
  .superRefine((value, ctx) => {
    checkOneCallHandler(value, ["url", "flowId", "instructions"], ctx);
    checkMachineDetection(value, ctx);
  });
export type TCreateCallInput = z.input<typeof ZCreateCallInput>;
export type TCreateCallParsed = z.output<typeof ZCreateCallInput>;

export const CALL_STATUSES = ["QUEUED", "INITIATED", "RINGING", "IN_PROGRESS", "COMPLETED", "BUSY", "FAILED", "NO_ANSWER", "CANCELED"] as const;
export const CALL_DIRECTIONS = ["INBOUND", "OUTBOUND_API", "OUTBOUND_DIAL"] as const;

export const ZFindCallsInput = ZPageInput.extend({
  status: z.enum(CALL_STATUSES).optional(),
  /** Any of these statuses (Twilio's `queued` covers QUEUED and INITIATED). */
  statusIn: z.array(z.enum(CALL_STATUSES)).min(1).max(CALL_STATUSES.length).optional(),
  direction: z.enum(CALL_DIRECTIONS).optional(),
  /** Calls from or to this number. */
  number: z.string().trim().min(1).max(32).optional(),
  /** Calls to / from exactly this number (Twilio's `To` and `From` filters). */
  to: z.string().trim().min(1).max(256).optional(),
  from: z.string().trim().min(1).max(256).optional(),
  /** Child legs of this call (Twilio's `ParentCallSid`). */
  parentCallId: z.string().trim().min(1).max(64).optional(),
  /** Calls created at or after / before this instant. */
  startedAfter: z.date().optional(),
  startedBefore: z.date().optional(),
  /** Calls that ended in [endedAfter, endedBefore) (Twilio's EndTime filters); a call still live has not ended. */
  endedAfter: z.date().optional(),
  endedBefore: z.date().optional(),
});
export type TFindCallsInput = z.input<typeof ZFindCallsInput>;

export const ZCallId = z.string().regex(/^CA[0-9a-f]{32}$/, "not a call id");

/** Any string: a malformed id reads as NOT_FOUND (loadTenantCall), exactly like another tenant's. */
const ZCallIdLookup = z.string().min(1).max(64);

export const ZCallIdInput = z.object({ callId: ZCallIdLookup });
export type TCallIdInput = z.input<typeof ZCallIdInput>;

/** Ending a call: `canceled` before it is answered, `completed` (hang up) at any live stage. */
export const ZUpdateCallInput = z.object({
  callId: ZCallIdLookup,
  status: z.enum(["canceled", "completed"]),
});
export type TUpdateCallInput = z.input<typeof ZUpdateCallInput>;

/** The tenant's call settings (portal: Settings). */
export const ZSetMaxQueueSecondsInput = z.object({ maxQueueSeconds: ZQueueSeconds });
export type TSetMaxQueueSecondsInput = z.input<typeof ZSetMaxQueueSecondsInput>;
