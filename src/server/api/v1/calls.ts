import { checkMachineDetection, MACHINE_DETECTION_MODES } from "@/server/calls/machine-detection";
import { z } from "zod";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { CALL_DIRECTION_NAMES, CALL_STATUS_NAMES, callStatusName, toCallResource, ZCallResource, type CallEventView } from "@/server/calls/call-view";
import {
  type CALL_DIRECTIONS,
  type CALL_STATUSES,
  checkOneCallHandler,
  STATUS_CALLBACK_EVENTS,
  ZCallInstructions,
  ZE164Shape,
  ZHttpMethod,
  ZHttpUrl,
  MAX_CALL_TIME_LIMIT_SECONDS,
  ZQueueSeconds,
} from "@/server/calls/calls.schemas";
import { fieldError } from "@/server/errors";
import { createCall } from "@/server/calls/create-call";
import { findCallEvents } from "@/server/calls/find-call-events";
import { findCalls } from "@/server/calls/find-calls";
import { getCall } from "@/server/calls/get-call";
import { redirectCall } from "@/server/calls/redirect-call";
import { updateCall } from "@/server/calls/update-call";

const ZCallParams = z.strictObject({
  callId: z.string().regex(/^CA[0-9a-f]{32}$/).meta({ description: "Call id", example: "CA8f2c1e0d9b7a65432109876543210fed" }),
});

const ZCreateCallBody = z
  .strictObject({
    // Shape only here: createCall checks the numbering plan (once per request; its 400 names `to` the same way).
    to: ZE164Shape.meta({ description: "The number to call, in E.164, valid in its country's numbering plan", example: "+14155550123" }),
    from: ZE164Shape.meta({ description: "Caller id: one of the account's phone numbers, in E.164", example: "+14155550100" }),
    url: ZHttpUrl.optional().meta({ description: "Fetched when the call is answered, and again for every verb's action; answers a voice document: JSON verbs (an array, or `{ \"instructions\": [...] }`) or TwiML. Give exactly one of `url`, `flow_id`, `instructions`." }),
    flow_id: z.string().trim().min(1).max(64).optional().meta({ description: "A call flow to run when answered" }),
    instructions: ZCallInstructions.optional().meta({
      description:
        "The voice document run when answered (the `VoiceDocument` schema): verbs in order, each an object with one verb key, " +
        "e.g. `{ say }`, `{ play }`, `{ pause }`, `{ gather: [...], numDigits, action }`, `{ dial: [{ number }] }`, `{ record: true }`, `{ redirect }`, `{ hangup: true }`; 1 to 100 verbs.",
      example: [{ say: "Hello from IRISX" }, { pause: 1 }, { hangup: true }],
    }),
    method: ZHttpMethod.optional().meta({ description: "HTTP method for `url` (default POST)" }),
    status_callback: ZHttpUrl.optional().meta({ description: "Receives the call's progress (JSON, signed with `IRISX-Signature`)", example: "https://example.com/irisx/call-status" }),
    status_callback_method: ZHttpMethod.optional().meta({ description: "Ignored for the JSON callbacks of this API (always POST); kept for parity with Twilio" }),
    status_callback_events: z
      .array(z.enum(STATUS_CALLBACK_EVENTS))
      .min(1)
      .max(16)
      .optional()
      .meta({ description: "Which progress events to send (default `[\"completed\"]`)", example: ["initiated", "ringing", "answered", "completed"] }),
    timeout: z.number().int().min(1).max(600).optional().meta({ description: "Seconds to ring before giving up with `no-answer` (default 60)", example: 30 }),
    time_limit: z.number().int().min(1).max(MAX_CALL_TIME_LIMIT_SECONDS).optional().meta({ description: "Longest the call may last, in seconds (default and maximum 14400)" }),
    record: z.boolean().optional().meta({ description: "Record both sides (two channels) from answer" }),
    queue_timeout: ZQueueSeconds.optional().meta({
      description:
        "Longest the call may wait `queued` (no switch connected, or held back by the account's calls-per-second and concurrent-call limits), " +
        "in seconds, 1 to 3600. A call still queued then is never dialled: it ends `failed` with hangup cause `QUEUE_TIMEOUT`. Default: the account's maximum queue time (60 s unless changed in Settings).",
      example: 30,
    }),
    send_digits: z.string().optional().meta({ description: "DTMF sent once the called party answers, before the document runs: 0-9, A-D, *, #, w for a half-second pause, W for a second (Twilio's SendDigits)", example: "ww1234#" }),
    fallback_url: ZHttpUrl.optional().meta({ description: "Asked once, with ErrorCode and ErrorUrl, when `url` or an action's URL fails (Twilio's FallbackUrl)" }),
    fallback_method: ZHttpMethod.optional().meta({ description: "HTTP method for `fallback_url` (default POST)" }),
    machine_detection: z.enum(MACHINE_DETECTION_MODES).optional().meta({
      description:
        "Answering-machine detection on answer (Twilio's MachineDetection). `Enable`: answered_by is decided as soon as possible (human, machine_start, fax, unknown); " +
        "`DetectMessageEnd`: for a machine, waits for its beep or silence (machine_end_beep, machine_end_silence, machine_end_other). The document runs after the verdict, with `AnsweredBy`, unless `async_amd`.",
    }),
    machine_detection_timeout: z.number().int().min(3).max(59).optional().meta({ description: "Seconds to decide before answered_by is `unknown` (3-59, default 30)" }),
    machine_detection_speech_threshold: z.number().int().min(1000).max(6000).optional().meta({ description: "ms of greeting beyond which it is a machine's (1000-6000, default 2400)" }),
    machine_detection_speech_end_threshold: z.number().int().min(500).max(5000).optional().meta({ description: "ms of silence that ends the greeting (500-5000, default 1200)" }),
    machine_detection_silence_timeout: z.number().int().min(2000).max(10000).optional().meta({ description: "ms of silence before any speech that gives `unknown` (2000-10000, default 5000)" }),
    async_amd: z.boolean().optional().meta({ description: "Run the document at once and post the verdict to `async_amd_status_callback` (default false)" }),
    async_amd_status_callback: ZHttpUrl.optional().meta({ description: "Receives `call.machine_detected` (JSON, signed with `IRISX-Signature`): answered_by and machine_detection_duration_ms" }),
    async_amd_status_callback_method: ZHttpMethod.optional().meta({ description: "Ignored for the JSON callbacks of this API (always POST); kept for parity with Twilio" }),
  })
  .superRefine((body, ctx) => {
    checkOneCallHandler(body, ["url", "flow_id", "instructions"], ctx);
    checkMachineDetection(body, ctx, { mode: "machine_detection", async: "async_amd", callback: "async_amd_status_callback" });
  });

export const ZCallEventResource = z
  .object({
    id: z.string(),
    call_id: z.string(),
    sequence: z.number().int().meta({ description: "Orders the call's events (and its status callbacks)" }),
    type: z.string().meta({ description: "queued, initiated, ringing, answered, completed, end_requested, …", example: "answered" }),
    status: z.enum(CALL_STATUS_NAMES).nullable().meta({ description: "The status the call moved to, for status changes" }),
    occurred_at: z.iso.datetime(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "CallEvent" });

function toCallEventResource(e: CallEventView): z.input<typeof ZCallEventResource> {
  return {
    id: e.id,
    call_id: e.callId,
    sequence: e.sequence,
    type: e.type,
    status: e.status ? callStatusName(e.status) : null,
    occurred_at: e.occurredAt.toISOString(),
    data: e.data,
  };
}

/** `in-progress` → `IN_PROGRESS`, `outbound-api` → `OUTBOUND_API`. */
const enumName = <T extends string>(name: string) => name.toUpperCase().replace("-", "_") as T;

export const listCallsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/calls",
    operationId: "listCalls",
    tag: "Calls",
    summary: "List calls",
    description: "The account's calls (every leg, inbound and outbound), newest first.",
    scope: "calls:read",
    query: ZPageQuery.extend({
      status: z.enum(CALL_STATUS_NAMES).optional().meta({ description: "Only calls in this status" }),
      direction: z.enum(CALL_DIRECTION_NAMES).optional(),
      number: z.string().trim().min(1).max(32).optional().meta({ description: "Only calls from or to this number (E.164)", example: "+14155550123" }),
      started_after: z.iso.datetime().optional().meta({ description: "Only calls created at or after this instant" }),
      started_before: z.iso.datetime().optional().meta({ description: "Only calls created before this instant" }),
    }),
    response: listOf(ZCallResource, "CallList"),
  },
  async ({ actor, query }) =>
    toList(
      await findCalls(actor, {
        limit: query.limit,
        cursor: query.starting_after,
        status: query.status ? enumName<(typeof CALL_STATUSES)[number]>(query.status) : undefined,
        direction: query.direction ? enumName<(typeof CALL_DIRECTIONS)[number]>(query.direction) : undefined,
        number: query.number,
        startedAfter: query.started_after ? new Date(query.started_after) : undefined,
        startedBefore: query.started_before ? new Date(query.started_before) : undefined,
      }),
      toCallResource,
    ),
);

export const createCallRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/calls",
    operationId: "createCall",
    tag: "Calls",
    summary: "Place a call",
    description:
      "Places an outbound call from one of the account's numbers. The call is created `queued` and placed as the account's " +
      "calls-per-second and concurrent-call limits allow; one still queued after `queue_timeout` seconds fails with `QUEUE_TIMEOUT` instead of being dialled late. Fails with 402 `INSUFFICIENT_CREDIT` when the prepaid balance is not positive. " +
      "With `Idempotency-Key`, a retry returns the same call and never places a second one.",
    scope: "calls:write",
    body: ZCreateCallBody,
    response: ZCallResource,
    status: 201,
    errors: [402],
    example: { to: "+14155550123", from: "+14155550100", instructions: [{ say: "Hello from IRISX" }, { hangup: true }], status_callback: "https://example.com/irisx/call-status", status_callback_events: ["initiated", "answered", "completed"] },
  },
  async ({ actor, body, idempotency }) => {
    const call = await createCall(
      actor,
      {
        to: body.to,
        from: body.from,
        url: body.url,
        flowId: body.flow_id,
        instructions: body.instructions,
        method: body.method,
        statusCallback: body.status_callback,
        statusCallbackMethod: body.status_callback_method,
        statusCallbackEvents: body.status_callback_events,
        timeout: body.timeout,
        timeLimit: body.time_limit,
        record: body.record,
        queueTimeout: body.queue_timeout,
        sendDigits: body.send_digits,
        fallbackUrl: body.fallback_url,
        fallbackMethod: body.fallback_method,
        machineDetection: body.machine_detection,
        machineDetectionTimeout: body.machine_detection_timeout,
        machineDetectionSpeechThreshold: body.machine_detection_speech_threshold,
        machineDetectionSpeechEndThreshold: body.machine_detection_speech_end_threshold,
        machineDetectionSilenceTimeout: body.machine_detection_silence_timeout,
        asyncAmd: body.async_amd,
        asyncAmdStatusCallback: body.async_amd_status_callback,
        asyncAmdStatusCallbackMethod: body.async_amd_status_callback_method,
      },
      { surface: "native", idempotency: idempotency ? (created) => idempotency.completion(toCallResource(created)) : undefined },
    );
    return toCallResource(call);
  },
);

export const getCallRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/calls/{callId}",
    operationId: "getCall",
    tag: "Calls",
    summary: "Retrieve a call",
    scope: "calls:read",
    params: ZCallParams,
    response: ZCallResource,
  },
  async ({ actor, params }) => toCallResource(await getCall(actor, { callId: params.callId })),
);

export const updateCallRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/calls/{callId}",
    operationId: "updateCall",
    tag: "Calls",
    summary: "End or redirect a call",
    description:
      "`status`: `canceled` ends a call that has not been answered (a queued call at once; a ringing one as soon as the switch acts, " +
      "with `end_requested: true` meanwhile); on an answered call it has no effect. `completed` hangs up the call whatever its stage. " +
      "A call that already ended is returned unchanged. `url`, `twiml` or `instructions` (a `VoiceDocument`) change what the call runs: " +
      "a live call stops the verb it is in and runs the new document at once; a call not answered yet runs it when answered; an ended call is a 409.",
    scope: "calls:write",
    params: ZCallParams,
    body: z.strictObject({
      status: z.enum(["canceled", "completed"]).optional().meta({ description: "`canceled` (if not answered yet) or `completed` (hang up)" }),
      url: ZHttpUrl.optional().meta({ description: "Fetched at once for the call's next document (JSON or TwiML)" }),
      method: ZHttpMethod.optional().meta({ description: "HTTP method for `url` (default POST)" }),
      twiml: z.string().min(1).max(64 * 1024).optional().meta({ description: "A TwiML <Response> to run at once" }),
      instructions: z.array(z.record(z.string(), z.unknown())).optional().meta({ description: "A voice document (`VoiceDocument`) to run at once" }),
    }),
    response: ZCallResource,
    example: { status: "completed" },
  },
  async ({ actor, params, body }) => {
    const redirect = body.url !== undefined || body.twiml !== undefined || body.instructions !== undefined;
    if (body.status !== undefined && redirect) throw fieldError("status", "give either status or one of url, twiml, instructions");
    if (body.status !== undefined) return toCallResource(await updateCall(actor, { callId: params.callId, status: body.status }));
    if (!redirect) throw fieldError("status", "give status, or one of url, twiml, instructions");
    return toCallResource(await redirectCall(actor, { callId: params.callId, url: body.url, method: body.method, twiml: body.twiml, instructions: body.instructions }));
  },
);

export const listCallEventsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/calls/{callId}/events",
    operationId: "listCallEvents",
    tag: "Calls",
    summary: "List a call's events",
    description: "The call's timeline in sequence order: status changes and notable switch events. All of them, in one page.",
    scope: "calls:read",
    params: ZCallParams,
    response: listOf(ZCallEventResource, "CallEventList"),
  },
  async ({ actor, params }) => {
    const events = await findCallEvents(actor, { callId: params.callId });
    return { data: events.map(toCallEventResource), has_more: false, next_starting_after: null };
  },
);
