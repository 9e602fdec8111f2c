// Twilio-compatible Conferences and Participants on the conferences use-cases:
//   /Accounts/{AccountSid}/Conferences.json                                   list (FriendlyName, Status, DateCreated…)
//   /Accounts/{AccountSid}/Conferences/{ConferenceSid}.json                   fetch, update (Status=completed)
//   /Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants.json      list (Muted, Hold, Coaching), create (dial out)
//   /Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants/{CallSid}.json   fetch, update (Muted, Hold,
//                                                                             Coaching, CallSidToCoach), DELETE (kick)
// As on Twilio, Participants create takes a conference sid or a friendly name (a room not running yet starts).
import { z } from "zod";
import { rfc2822, TWILIO_API_VERSION } from "@/server/calls/call-transitions";
import { addConferenceParticipant } from "@/server/conferences/add-conference-participant";
import { conferenceStatusName, participantStatusName, type ConferenceView, type ParticipantView } from "@/server/conferences/conference-view";
import { endConference } from "@/server/conferences/end-conference";
import { findConferenceParticipants } from "@/server/conferences/find-conference-participants";
import { findConferences } from "@/server/conferences/find-conferences";
import { getConference } from "@/server/conferences/get-conference";
import { getConferenceParticipant } from "@/server/conferences/get-conference-participant";
import { removeConferenceParticipant } from "@/server/conferences/remove-conference-participant";
import { updateConferenceParticipant } from "@/server/conferences/update-conference-participant";
import { defineTwilioRoute } from "@/server/twilio/define-twilio-route";
import { method, text } from "@/server/twilio/twilio-calls.schemas";
import { twilioBadRequest } from "@/server/twilio/twilio-errors";
import { readPageQuery, twilioPage, ZTwilioPageQuery } from "@/server/twilio/twilio-page";

const STATUS_BY_NAME = { init: "INIT", "in-progress": "IN_PROGRESS", completed: "COMPLETED" } as const;

const sidOf = (segment: string | undefined) => (segment ?? "").replace(/\.json$/, "");
const accountPath = (accountSid: string) => `/${TWILIO_API_VERSION}/Accounts/${accountSid}`;

export function toTwilioConference(c: ConferenceView, accountSid: string) {
  const base = `${accountPath(accountSid)}/Conferences/${c.id}`;
  return {
    sid: c.id,
    account_sid: accountSid,
    friendly_name: c.friendlyName,
    status: conferenceStatusName(c.status),
    region: "us1",
    api_version: TWILIO_API_VERSION,
    date_created: rfc2822(c.createdAt),
    date_updated: rfc2822(c.updatedAt),
    reason_conference_ended: c.reasonEnded,
    call_sid_ending_conference: c.callSidEndingConference,
    uri: `${base}.json`,
    subresource_uris: { participants: `${base}/Participants.json`, recordings: `${base}/Recordings.json` },
  };
}

export function toTwilioParticipant(p: ParticipantView, accountSid: string) {
  return {
    account_sid: accountSid,
    call_sid: p.callId,
    conference_sid: p.conferenceId,
    label: p.label,
    call_sid_to_coach: p.callSidToCoach,
    coaching: p.coaching,
    muted: p.muted,
    hold: p.hold,
    start_conference_on_enter: p.startConferenceOnEnter,
    end_conference_on_exit: p.endConferenceOnExit,
    status: participantStatusName(p.status),
    queue_time: null,
    date_created: rfc2822(p.createdAt),
    date_updated: rfc2822(p.updatedAt),
    uri: `${accountPath(accountSid)}/Conferences/${p.conferenceId}/Participants/${p.callId}.json`,
  };
}

/** "2026-12-04" → that UTC day's [start, end). */
function day(value: string | undefined, field: string): { start: Date; end: Date } | undefined {
  if (value === undefined) return undefined;
  const start = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(NaN);
  if (Number.isNaN(start.getTime())) throw twilioBadRequest(20001, `Invalid ${field}: use YYYY-MM-DD`);
  return { start, end: new Date(start.getTime() + 86_400_000) };
}

const listConferences = defineTwilioRoute(
  {
    method: "GET",
    path: "/2010-04-01/Accounts/{AccountSid}/Conferences.json",
    scope: "calls:read",
    query: ZTwilioPageQuery.extend({ FriendlyName: text.optional(), Status: text.optional(), DateCreated: text.optional(), "DateCreated<": text.optional(), "DateCreated>": text.optional(), DateUpdated: text.optional(), "DateUpdated<": text.optional(), "DateUpdated>": text.optional() }),
  },
  async ({ actor, principal, query }) => {
    const { cursor, page, pageSize } = readPageQuery(query, /^CF[0-9a-f]{32}$/);
    if (query.Status !== undefined && !(query.Status in STATUS_BY_NAME)) throw twilioBadRequest(20001, `Invalid Status "${query.Status}": init, in-progress or completed`);
    const on = day(query.DateCreated, "DateCreated");
    const before = day(query["DateCreated<"], "DateCreated<");
    const after = day(query["DateCreated>"], "DateCreated>");
    const updatedOn = day(query.DateUpdated, "DateUpdated");
    const updatedBefore = day(query["DateUpdated<"], "DateUpdated<");
    const updatedAfter = day(query["DateUpdated>"], "DateUpdated>");
    const found = await findConferences(actor, {
      cursor,
      limit: pageSize,
      friendlyName: query.FriendlyName,
      status: query.Status ? STATUS_BY_NAME[query.Status as keyof typeof STATUS_BY_NAME] : undefined,
      createdAfter: on?.start ?? after?.end,
      createdBefore: on?.end ?? before?.start,
      updatedAfter: updatedOn?.start ?? updatedAfter?.end,
      updatedBefore: updatedOn?.end ?? updatedBefore?.start,
    });
    const filters = { FriendlyName: query.FriendlyName, Status: query.Status, DateCreated: query.DateCreated };
    return {
      status: 200,
      body: twilioPage("conferences", found.items.map((c) => toTwilioConference(c, principal.accountSid)), { path: `${accountPath(principal.accountSid)}/Conferences.json`, filters, page, pageSize, pageToken: query.PageToken ?? null, nextCursor: found.nextCursor }),
    };
  },
);

const CONFERENCE_PATH = "/2010-04-01/Accounts/{AccountSid}/Conferences/{ConferenceSid}.json";

const fetchConference = defineTwilioRoute({ method: "GET", path: CONFERENCE_PATH, scope: "calls:read" }, async ({ actor, principal, params }) => ({
  status: 200,
  body: toTwilioConference(await getConference(actor, { conferenceId: sidOf(params.conferenceSid) }), principal.accountSid),
}));

const updateConference = defineTwilioRoute(
  { method: "POST", path: CONFERENCE_PATH, scope: "calls:write", form: z.object({ Status: text.optional(), AnnounceUrl: text.optional(), AnnounceMethod: text.optional() }) },
  async ({ actor, principal, params, form }) => {
    const conferenceId = sidOf(params.conferenceSid);
    if (form.AnnounceUrl !== undefined) throw twilioBadRequest(20001, "AnnounceUrl is not supported yet; IRISX updates Status");
    if (form.Status === undefined) {
      await getConference(actor, { conferenceId });
      throw twilioBadRequest(20001, "Nothing to update: give Status=completed");
    }
    if (form.Status !== "completed") throw twilioBadRequest(20001, `Invalid Status "${form.Status}": completed`);
    return { status: 200, body: toTwilioConference(await endConference(actor, { conferenceId }), principal.accountSid) };
  },
);

const PARTICIPANTS_PATH = "/2010-04-01/Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants.json";

const bool = z.boolean().optional();

const listParticipants = defineTwilioRoute(
  { method: "GET", path: PARTICIPANTS_PATH, scope: "calls:read", query: ZTwilioPageQuery.extend({ Muted: text.optional(), Hold: text.optional(), Coaching: text.optional() }) },
  async ({ actor, principal, params, query }) => {
    const conferenceId = sidOf(params.conferenceSid);
    const { cursor, page, pageSize } = readPageQuery(query, /^cfp_[0-9a-z]{26}$/);
    const flag = (v: string | undefined) => (v === undefined ? undefined : v.toLowerCase() === "true");
    // Twilio lists the participants in the room: those who left are not shown.
    const found = await findConferenceParticipants(actor, { conferenceId, cursor, limit: pageSize, muted: flag(query.Muted), hold: flag(query.Hold), coaching: flag(query.Coaching), includeCompleted: false });
    const last = found.items.at(-1);
    return {
      status: 200,
      body: twilioPage("participants", found.items.map((p) => toTwilioParticipant(p, principal.accountSid)), {
        path: `${accountPath(principal.accountSid)}/Conferences/${conferenceId}/Participants.json`,
        filters: { Muted: query.Muted, Hold: query.Hold, Coaching: query.Coaching },
        page,
        pageSize,
        pageToken: query.PageToken ?? null,
        nextCursor: found.hasMore && last ? last.id : null,
      }),
    };
  },
);

const ZCreateParticipantForm = z.object({
  From: text.optional(),
  To: text.optional(),
  Label: text.optional(),
  Muted: bool,
  Beep: text.optional(),
  StartConferenceOnEnter: bool,
  EndConferenceOnExit: bool,
  Coaching: bool,
  CallSidToCoach: text.optional(),
  Timeout: z.number().optional(),
  MaxParticipants: z.number().optional(),
  ConferenceRecord: text.optional(),
  WaitUrl: text.optional(),
  WaitMethod: method.optional(),
  StatusCallback: text.optional(),
  StatusCallbackMethod: method.optional(),
  StatusCallbackEvent: z.array(z.string()).optional(),
  ConferenceStatusCallback: text.optional(),
  ConferenceStatusCallbackMethod: method.optional(),
  ConferenceStatusCallbackEvent: z.array(z.string()).optional(),
  EarlyMedia: bool,
});

const CONFERENCE_EVENT_WORDS = new Set(["start", "end", "join", "leave", "mute", "hold", "modify", "speaker", "announcement"]);

const createParticipant = defineTwilioRoute({ method: "POST", path: PARTICIPANTS_PATH, scope: "calls:write", form: ZCreateParticipantForm }, async ({ actor, principal, params, form }) => {
  if (!form.To) throw twilioBadRequest(21604, "A 'To' phone number is required.");
  if (!form.From) throw twilioBadRequest(21603, "A 'From' phone number is required.");
  if (form.Beep !== undefined && !["true", "false", "onEnter", "onExit"].includes(form.Beep)) throw twilioBadRequest(20001, `Invalid Beep "${form.Beep}": true, false, onEnter or onExit`);
  const events = (form.ConferenceStatusCallbackEvent ?? []).flatMap((e) => e.split(/[\s,]+/)).filter(Boolean);
  const unknown = events.find((e) => !CONFERENCE_EVENT_WORDS.has(e));
  if (unknown) throw twilioBadRequest(20001, `Invalid ConferenceStatusCallbackEvent "${unknown}"`);
  const added = await addConferenceParticipant(
    actor,
    {
      conference: sidOf(params.conferenceSid),
      to: form.To,
      from: form.From,
      label: form.Label,
      muted: form.Muted,
      beep: form.Beep as "true" | "false" | "onEnter" | "onExit" | undefined,
      startConferenceOnEnter: form.StartConferenceOnEnter,
      endConferenceOnExit: form.EndConferenceOnExit,
      coaching: form.Coaching,
      callSidToCoach: form.CallSidToCoach,
      timeout: form.Timeout,
      maxParticipants: form.MaxParticipants,
      record: form.ConferenceRecord === "true" || form.ConferenceRecord === "record-from-start",
      waitUrl: form.WaitUrl,
      conferenceStatusCallback: form.ConferenceStatusCallback,
      conferenceStatusCallbackMethod: form.ConferenceStatusCallbackMethod,
      conferenceStatusCallbackEvent: events.length > 0 ? (events as never) : undefined,
      statusCallback: form.StatusCallback,
      statusCallbackMethod: form.StatusCallbackMethod,
    },
    { surface: "twilio" },
  );
  return { status: 201, body: toTwilioParticipant(added.participant, principal.accountSid) };
});

const PARTICIPANT_PATH = "/2010-04-01/Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants/{CallSid}.json";
const participantIds = (params: Record<string, string>) => ({ conferenceId: sidOf(params.conferenceSid), callId: sidOf(params.callSid) });

const fetchParticipant = defineTwilioRoute({ method: "GET", path: PARTICIPANT_PATH, scope: "calls:read" }, async ({ actor, principal, params }) => ({
  status: 200,
  body: toTwilioParticipant(await getConferenceParticipant(actor, participantIds(params)), principal.accountSid),
}));

const UNSUPPORTED_PARTICIPANT_UPDATES = ["HoldUrl", "AnnounceUrl", "WaitUrl", "BeepOnExit"] as const;

const updateParticipant = defineTwilioRoute(
  {
    method: "POST",
    path: PARTICIPANT_PATH,
    scope: "calls:write",
    form: z.object({ Muted: bool, Hold: bool, Coaching: bool, CallSidToCoach: text.optional(), EndConferenceOnExit: bool, HoldUrl: text.optional(), AnnounceUrl: text.optional(), WaitUrl: text.optional(), BeepOnExit: text.optional() }),
  },
  async ({ actor, principal, params, form }) => {
    for (const name of UNSUPPORTED_PARTICIPANT_UPDATES) if (form[name] !== undefined) throw twilioBadRequest(20001, `updating ${name} is not supported yet; IRISX updates Muted, Hold, Coaching`);
    if (form.EndConferenceOnExit !== undefined) throw twilioBadRequest(20001, "updating EndConferenceOnExit is not supported yet; IRISX updates Muted, Hold, Coaching");
    const updated = await updateConferenceParticipant(actor, { ...participantIds(params), muted: form.Muted, hold: form.Hold, coaching: form.Coaching, callSidToCoach: form.CallSidToCoach });
    return { status: 200, body: toTwilioParticipant(updated, principal.accountSid) };
  },
);

const deleteParticipant = defineTwilioRoute({ method: "DELETE", path: PARTICIPANT_PATH, scope: "calls:write" }, async ({ actor, params }) => {
  await removeConferenceParticipant(actor, participantIds(params));
  return { status: 204 };
});

export const twilioConferencesRoute = { GET: listConferences };
export const twilioConferenceRoute = { GET: fetchConference, POST: updateConference };
export const twilioParticipantsRoute = { GET: listParticipants, POST: createParticipant };
export const twilioParticipantRoute = { GET: fetchParticipant, POST: updateParticipant, DELETE: deleteParticipant };
