// /2010-04-01/Accounts/{AccountSid}/Calls.json: create (POST, form-encoded, Twilio's names) and list (GET, Twilio's
// filters and paging envelope). Both map onto the calls domain's use-cases; nothing here decides call behaviour.
import type { CallStatus } from "@/generated/prisma/client";
import { createCall } from "@/server/calls/create-call";
import { findCalls } from "@/server/calls/find-calls";
import type { TCreateCallInput, TFindCallsInput } from "@/server/calls/calls.schemas";
import { parsePlaySource } from "@/server/calls/play-source";
import { AppError } from "@/server/errors";
import { defineTwilioRoute } from "@/server/twilio/define-twilio-route";
import { parseTwimlDocument } from "@/server/voice-documents/twiml/parse-twiml";
import { TwimlError } from "@/server/voice-documents/twiml/twiml-error";
import { isVerb, type TVoiceDocument } from "@/server/voice-documents/voice-document.schemas";
import { toTwilioCall, twilioCallsPath, type TwilioCallPage } from "@/server/twilio/twilio-call-view";
import { UNSUPPORTED_CREATE_PARAMS, ZTwilioCreateCallForm, ZTwilioListCallsQuery, type TTwilioListCallsQuery } from "@/server/twilio/twilio-calls.schemas";
import { TwilioApiError, twilioBadRequest } from "@/server/twilio/twilio-errors";

const PATH = "/2010-04-01/Accounts/{AccountSid}/Calls.json";
/** Twilio's default page size; pages are capped at the calls domain's 100 (next_page_uri carries on). */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

/** Twiml given to the API is checked whole: a <Play> of something IRISX does not play is a 400 (12100) here. */
export function twimlInstructions(twiml: string): TVoiceDocument {
  let document: TVoiceDocument;
  try {
    document = parseTwimlDocument(twiml).document;
  } catch (e) {
    if (e instanceof TwimlError) throw twilioBadRequest(e.code, `Twiml: ${e.message}`);
    throw e;
  }
  for (const verb of document) {
    if (!isVerb(verb, "play")) continue;
    const source = parsePlaySource(verb.play);
    if (!source.ok) throw twilioBadRequest(12100, `Twiml: <Play> ${source.reason}`);
  }
  return document;
}

/** Twilio's booleans in a form: "true" or "false". */
function twilioBoolean(value: string, name: string): boolean {
  if (value === "true" || value === "false") return value === "true";
  throw twilioBadRequest(20001, `Invalid parameter ${name}: must be true or false`);
}

const create = defineTwilioRoute({ method: "POST", path: PATH, scope: "calls:write", form: ZTwilioCreateCallForm, idempotent: true }, async ({ actor, principal, form, idempotency }) => {
  const formValues = form as Record<string, unknown>;
  for (const name of UNSUPPORTED_CREATE_PARAMS) {
    if (formValues[name] === undefined) continue;
    if (name === "ApplicationSid") throw twilioBadRequest(21218, "ApplicationSid is not supported by IRISX; pass Url or Twiml");
    throw twilioBadRequest(20001, `${name} is not supported by IRISX yet`);
  }
  if (form.To === undefined) throw twilioBadRequest(21201, "No 'To' number is specified");
  if (form.From === undefined) throw twilioBadRequest(21213, "No 'From' number is specified");
  if ((form.Url === undefined) === (form.Twiml === undefined)) {
    throw twilioBadRequest(21205, form.Url === undefined ? "Either Url or Twiml is required" : "Give only one of Url and Twiml");
  }
  const call = await createCall(
    actor,
    {
      to: form.To,
      from: form.From,
      url: form.Url,
      instructions: form.Twiml === undefined ? undefined : twimlInstructions(form.Twiml),
      method: form.Method,
      statusCallback: form.StatusCallback,
      statusCallbackMethod: form.StatusCallbackMethod,
      statusCallbackEvents: form.StatusCallbackEvent as TCreateCallInput["statusCallbackEvents"],
      timeout: form.Timeout,
      timeLimit: form.TimeLimit,
      record: form.Record,
      sendDigits: form.SendDigits,
      fallbackUrl: form.FallbackUrl,
      fallbackMethod: form.FallbackMethod,
      machineDetection: form.MachineDetection as TCreateCallInput["machineDetection"],
      machineDetectionTimeout: form.MachineDetectionTimeout,
      machineDetectionSpeechThreshold: form.MachineDetectionSpeechThreshold,
      machineDetectionSpeechEndThreshold: form.MachineDetectionSpeechEndThreshold,
      machineDetectionSilenceTimeout: form.MachineDetectionSilenceTimeout,
      asyncAmd: form.AsyncAmd === undefined ? undefined : twilioBoolean(form.AsyncAmd, "AsyncAmd"),
      asyncAmdStatusCallback: form.AsyncAmdStatusCallback,
      asyncAmdStatusCallbackMethod: form.AsyncAmdStatusCallbackMethod,
    },
    {
      surface: "twilio",
      idempotency: idempotency ? (created) => idempotency.completion({ status: 201, body: toTwilioCall(created, principal.accountSid) }) : undefined,
    },
  );
  return { status: 201, body: toTwilioCall(call, principal.accountSid) };
});

/** Twilio's status names; `queued` is also a call being dialled, as the Call resource shows it (twilio-call-view). */
const STATUS_BY_NAME: Record<string, CallStatus[]> = {
  queued: ["QUEUED", "INITIATED"],
  initiated: ["INITIATED"],
  ringing: ["RINGING"],
  "in-progress": ["IN_PROGRESS"],
  completed: ["COMPLETED"],
  busy: ["BUSY"],
  failed: ["FAILED"],
  "no-answer": ["NO_ANSWER"],
  canceled: ["CANCELED"],
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const dayStart = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * Twilio's StartTime and EndTime filters as a range on when the call was created, respectively ended: the exact form
 * is a UTC day (given as YYYY-MM-DD or as any time of it), `<` and `>` a day or an instant, inclusive.
 */
function timeRange(q: TTwilioListCallsQuery, name: "StartTime" | "EndTime"): { after?: Date; before?: Date } {
  const exact = q[name];
  const later = q[`${name}>`];
  const earlier = q[`${name}<`];
  const lower: Date[] = [];
  const upper: Date[] = [];
  for (const value of [exact, later, earlier]) {
    if (value !== undefined && Number.isNaN(new Date(DAY.test(value) ? `${value}T00:00:00Z` : value).getTime())) throw twilioBadRequest(20001, `Invalid ${name}: a YYYY-MM-DD day or an ISO 8601 time`);
  }
  if (exact) {
    // "On this date" (UTC), as Twilio reads it; twilio-node sends a full ISO time here, and its day is meant.
    const day = DAY.test(exact) ? exact : new Date(exact).toISOString().slice(0, 10);
    lower.push(dayStart(day));
    upper.push(new Date(dayStart(day).getTime() + DAY_MS));
  }
  if (later) lower.push(DAY.test(later) ? dayStart(later) : new Date(later));
  if (earlier) upper.push(DAY.test(earlier) ? new Date(dayStart(earlier).getTime() + DAY_MS) : new Date(new Date(earlier).getTime() + 1));
  return {
    ...(lower.length ? { after: new Date(Math.max(...lower.map(Number))) } : {}),
    ...(upper.length ? { before: new Date(Math.min(...upper.map(Number))) } : {}),
  };
}

function startTimeRange(q: TTwilioListCallsQuery): { startedAfter?: Date; startedBefore?: Date; endedAfter?: Date; endedBefore?: Date } {
  const started = timeRange(q, "StartTime");
  const ended = timeRange(q, "EndTime");
  return { startedAfter: started.after, startedBefore: started.before, endedAfter: ended.after, endedBefore: ended.before };
}

/** The filters of a list request, in Twilio's names, for the page URIs. */
const FILTER_NAMES = ["To", "From", "Status", "ParentCallSid", "StartTime", "StartTime<", "StartTime>", "EndTime", "EndTime<", "EndTime>"] as const;

function pageUri(accountSid: string, q: TTwilioListCallsQuery, pageSize: number, page: number, pageToken: string | null): string {
  const search = new URLSearchParams();
  for (const name of FILTER_NAMES) if (q[name] !== undefined) search.set(name, String(q[name]));
  search.set("PageSize", String(pageSize));
  search.set("Page", String(page));
  if (pageToken) search.set("PageToken", pageToken);
  return `${twilioCallsPath(accountSid)}?${search.toString()}`;
}

const PAGE_TOKEN = /^PA(CA[0-9a-f]{32})$/;

const list = defineTwilioRoute({ method: "GET", path: PATH, scope: "calls:read", query: ZTwilioListCallsQuery }, async ({ actor, principal, query: q }) => {
  let statusIn: CallStatus[] | undefined;
  if (q.Status !== undefined) {
    statusIn = STATUS_BY_NAME[q.Status];
    if (!statusIn) throw twilioBadRequest(20001, `Invalid Status "${q.Status}": one of ${Object.keys(STATUS_BY_NAME).join(", ")}`);
  }
  const page = q.Page ?? 0;
  const pageSize = Math.min(q.PageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  let cursor: string | undefined;
  if (q.PageToken !== undefined) {
    const match = PAGE_TOKEN.exec(q.PageToken);
    if (!match) throw twilioBadRequest(20001, "Invalid PageToken; follow next_page_uri");
    cursor = match[1];
  } else if (page > 0) {
    throw twilioBadRequest(20001, "Page greater than 0 needs its PageToken; follow next_page_uri");
  }

  const input: TFindCallsInput = { cursor, limit: pageSize, statusIn, to: q.To, from: q.From, parentCallId: q.ParentCallSid, ...startTimeRange(q) };
  const found = await findCalls(actor, input).catch((e: unknown) => {
    // A token naming no call of this account (another account's, or deleted).
    if (e instanceof AppError && e.code === "BAD_REQUEST") throw new TwilioApiError(400, 20001, "Invalid PageToken; follow next_page_uri");
    throw e;
  });
  const start = page * pageSize;
  const body: TwilioCallPage = {
    calls: found.items.map((call) => toTwilioCall(call, principal.accountSid)),
    uri: pageUri(principal.accountSid, q, pageSize, page, q.PageToken ?? null),
    first_page_uri: pageUri(principal.accountSid, q, pageSize, 0, null),
    next_page_uri: found.nextCursor ? pageUri(principal.accountSid, q, pageSize, page + 1, `PA${found.nextCursor}`) : null,
    // Pages are keyed forwards only (PageToken "PA…"): there is no token for going back.
    previous_page_uri: null,
    page,
    page_size: pageSize,
    start,
    end: start + Math.max(found.items.length - 1, 0),
  };
  return { status: 200, body };
});

export const twilioCallsRoute = { GET: list, POST: create };
