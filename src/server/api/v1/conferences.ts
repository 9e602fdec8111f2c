// /api/v1/conferences: a tenant's conference rooms and their participants. Changes to a live room (end, mute, hold,
// coach, remove) are carried out by the worker driving the room's switch; the rows show them at once.
import { z } from "zod";
import { defineRoute } from "@/server/api/define-route";
import { listOf, toList, ZPageQuery } from "@/server/api/paging";
import { ZE164Shape, ZHttpMethod, ZHttpUrl } from "@/server/calls/calls.schemas";
import { toConferenceResource, toParticipantResource } from "@/server/conferences/conference-view";
import { CONFERENCE_STATUSES } from "@/server/conferences/conferences.schemas";
import { addConferenceParticipant } from "@/server/conferences/add-conference-participant";
import { endConference } from "@/server/conferences/end-conference";
import { findConferenceParticipants } from "@/server/conferences/find-conference-participants";
import { findConferences } from "@/server/conferences/find-conferences";
import { getConference } from "@/server/conferences/get-conference";
import { getConferenceParticipant } from "@/server/conferences/get-conference-participant";
import { removeConferenceParticipant } from "@/server/conferences/remove-conference-participant";
import { updateConferenceParticipant } from "@/server/conferences/update-conference-participant";

const STATUS_NAMES = ["init", "in-progress", "completed"] as const;
const statusOf = (name: (typeof STATUS_NAMES)[number]) => CONFERENCE_STATUSES[STATUS_NAMES.indexOf(name)];

export const ZConferenceResource = z
  .object({
    id: z.string().meta({ description: "Conference id: `CF` + 32 hex", example: "CF0f9e8d7c6b5a49382716051423344556" }),
    friendly_name: z.string().meta({ description: "The room's name, as <Conference> gave it", example: "standup" }),
    status: z.enum(STATUS_NAMES).meta({ description: "`init` until a participant with start_conference_on_enter joins, then `in-progress`, `completed` once the switch ended the room" }),
    reason_ended: z.string().nullable().meta({ description: "conference-ended-via-api, participant-with-end-conference-on-exit-left, last-participant-left or last-participant-kicked" }),
    call_sid_ending_conference: z.string().nullable(),
    recording_id: z.string().nullable().meta({ description: "The room's recording (record-from-start)" }),
    participant_count: z.number().int().meta({ description: "Participants in the room or on their way in" }),
    started_at: z.iso.datetime().nullable(),
    ended_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Conference" });

export const ZParticipantResource = z
  .object({
    conference_id: z.string(),
    call_id: z.string().meta({ description: "The participant's call (participants are named by their call)" }),
    label: z.string().nullable(),
    status: z.enum(["queued", "connecting", "ringing", "connected", "complete"]),
    muted: z.boolean(),
    hold: z.boolean(),
    coaching: z.boolean().meta({ description: "Heard only by call_sid_to_coach; hears everyone" }),
    call_sid_to_coach: z.string().nullable(),
    start_conference_on_enter: z.boolean(),
    end_conference_on_exit: z.boolean(),
    joined_at: z.iso.datetime().nullable(),
    left_at: z.iso.datetime().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "ConferenceParticipant" });

const ZConferenceParams = z.strictObject({
  conferenceId: z.string().min(1).max(64).meta({ description: "Conference id", example: "CF0f9e8d7c6b5a49382716051423344556" }),
});
const ZParticipantParams = ZConferenceParams.extend({
  callId: z.string().min(1).max(64).meta({ description: "The participant's call id", example: "CA8f2c1e0d9b7a65432109876543210fed" }),
});
const ZCallSid = z.string().regex(/^CA[0-9a-f]{32}$/, "must be a call id (CA…)");

export const listConferencesRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/conferences",
    operationId: "listConferences",
    tag: "Conferences",
    summary: "List conferences",
    description: "The account's conference rooms, newest first: one entry each time a named room runs.",
    scope: "calls:read",
    query: ZPageQuery.extend({
      status: z.enum(STATUS_NAMES).optional(),
      friendly_name: z.string().trim().min(1).max(128).optional(),
      created_after: z.iso.datetime().optional(),
      created_before: z.iso.datetime().optional(),
    }),
    response: listOf(ZConferenceResource, "ConferenceList"),
  },
  async ({ actor, query }) =>
    toList(
      await findConferences(actor, {
        limit: query.limit,
        cursor: query.starting_after,
        status: query.status ? statusOf(query.status) : undefined,
        friendlyName: query.friendly_name,
        createdAfter: query.created_after ? new Date(query.created_after) : undefined,
        createdBefore: query.created_before ? new Date(query.created_before) : undefined,
      }),
      toConferenceResource,
    ),
);

export const getConferenceRoute = defineRoute(
  { method: "GET", path: "/api/v1/conferences/{conferenceId}", operationId: "getConference", tag: "Conferences", summary: "Retrieve a conference", scope: "calls:read", params: ZConferenceParams, response: ZConferenceResource },
  async ({ actor, params }) => toConferenceResource(await getConference(actor, { conferenceId: params.conferenceId })),
);

export const updateConferenceRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conferences/{conferenceId}",
    operationId: "updateConference",
    tag: "Conferences",
    summary: "End a conference",
    description: "`status: completed` ends the room: every participant leaves it and goes on with the document after their <Dial>. An ended room is returned unchanged.",
    scope: "calls:write",
    params: ZConferenceParams,
    body: z.strictObject({ status: z.literal("completed").meta({ description: "End the room" }) }),
    response: ZConferenceResource,
    example: { status: "completed" },
  },
  async ({ actor, params }) => toConferenceResource(await endConference(actor, { conferenceId: params.conferenceId })),
);

export const listConferenceParticipantsRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/conferences/{conferenceId}/participants",
    operationId: "listConferenceParticipants",
    tag: "Conferences",
    summary: "List a conference's participants",
    description: "In the order they were added, including those who left (status `complete`).",
    scope: "calls:read",
    params: ZConferenceParams,
    query: ZPageQuery.extend({ muted: z.enum(["true", "false"]).optional(), hold: z.enum(["true", "false"]).optional(), coaching: z.enum(["true", "false"]).optional() }),
    response: listOf(ZParticipantResource, "ConferenceParticipantList"),
  },
  async ({ actor, params, query }) => {
    const flag = (v: "true" | "false" | undefined) => (v === undefined ? undefined : v === "true");
    return toList(
      await findConferenceParticipants(actor, { conferenceId: params.conferenceId, limit: query.limit, cursor: query.starting_after, muted: flag(query.muted), hold: flag(query.hold), coaching: flag(query.coaching) }),
      toParticipantResource,
    );
  },
);

export const addConferenceParticipantRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conferences/{conferenceId}/participants",
    operationId: "addConferenceParticipant",
    tag: "Conferences",
    summary: "Add a participant by dialling out",
    description:
      "Places an outbound call whose answer joins the room. `{conferenceId}` is a conference id, or a room name: a room of that name that is not running yet starts (`init`). " +
      "The participant is `queued` until the call is answered.",
    scope: "calls:write",
    params: z.strictObject({ conferenceId: z.string().min(1).max(128).meta({ description: "Conference id or room name", example: "standup" }) }),
    body: z.strictObject({
      to: ZE164Shape.meta({ example: "+14155550123" }),
      from: ZE164Shape.meta({ description: "One of the account's numbers", example: "+14155550100" }),
      label: z.string().trim().min(1).max(128).optional(),
      muted: z.boolean().optional(),
      beep: z.enum(["true", "false", "onEnter", "onExit"]).optional(),
      start_conference_on_enter: z.boolean().optional(),
      end_conference_on_exit: z.boolean().optional(),
      coaching: z.boolean().optional(),
      call_sid_to_coach: ZCallSid.optional(),
      timeout: z.number().int().min(5).max(600).optional().meta({ description: "Seconds to ring (default 30)" }),
      max_participants: z.number().int().min(2).max(250).optional(),
      record: z.boolean().optional().meta({ description: "Record the room from the start" }),
      wait_url: ZHttpUrl.optional().meta({ description: "Audio (or a document whose first <Play> is) played while the room waits" }),
      conference_status_callback: ZHttpUrl.optional().meta({ description: "Receives the room's events (Twilio's form and names, X-Twilio-Signature)" }),
      conference_status_callback_method: ZHttpMethod.optional(),
      conference_status_callback_event: z.array(z.enum(["start", "end", "join", "leave", "mute", "hold", "modify", "speaker", "announcement"])).max(9).optional(),
      status_callback: ZHttpUrl.optional().meta({ description: "The participant's call progress" }),
    }),
    response: z.object({ conference: ZConferenceResource, participant: ZParticipantResource }).meta({ id: "AddedConferenceParticipant" }),
    status: 201,
    errors: [402, 409],
    example: { to: "+14155550123", from: "+14155550100", label: "expert", muted: false },
  },
  async ({ actor, params, body }) => {
    const added = await addConferenceParticipant(
      actor,
      {
        conference: params.conferenceId,
        to: body.to,
        from: body.from,
        label: body.label,
        muted: body.muted,
        beep: body.beep,
        startConferenceOnEnter: body.start_conference_on_enter,
        endConferenceOnExit: body.end_conference_on_exit,
        coaching: body.coaching,
        callSidToCoach: body.call_sid_to_coach,
        timeout: body.timeout,
        maxParticipants: body.max_participants,
        record: body.record,
        waitUrl: body.wait_url,
        conferenceStatusCallback: body.conference_status_callback,
        conferenceStatusCallbackMethod: body.conference_status_callback_method,
        conferenceStatusCallbackEvent: body.conference_status_callback_event,
        statusCallback: body.status_callback,
      },
      { surface: "native" },
    );
    return { conference: toConferenceResource(added.conference), participant: toParticipantResource(added.participant) };
  },
);

export const getConferenceParticipantRoute = defineRoute(
  {
    method: "GET",
    path: "/api/v1/conferences/{conferenceId}/participants/{callId}",
    operationId: "getConferenceParticipant",
    tag: "Conferences",
    summary: "Retrieve a participant",
    scope: "calls:read",
    params: ZParticipantParams,
    response: ZParticipantResource,
  },
  async ({ actor, params }) => toParticipantResource(await getConferenceParticipant(actor, params)),
);

export const updateConferenceParticipantRoute = defineRoute(
  {
    method: "POST",
    path: "/api/v1/conferences/{conferenceId}/participants/{callId}",
    operationId: "updateConferenceParticipant",
    tag: "Conferences",
    summary: "Mute, hold or coach a participant",
    description: "Give at least one of `muted`, `hold`, `coaching` (with `call_sid_to_coach`: the participant to coach, who alone hears the coach). A participant who left is a 409.",
    scope: "calls:write",
    params: ZParticipantParams,
    body: z.strictObject({ muted: z.boolean().optional(), hold: z.boolean().optional(), coaching: z.boolean().optional(), call_sid_to_coach: ZCallSid.optional() }),
    response: ZParticipantResource,
    errors: [409],
    example: { muted: true },
  },
  async ({ actor, params, body }) =>
    toParticipantResource(await updateConferenceParticipant(actor, { ...params, muted: body.muted, hold: body.hold, coaching: body.coaching, callSidToCoach: body.call_sid_to_coach })),
);

export const removeConferenceParticipantRoute = defineRoute(
  {
    method: "DELETE",
    path: "/api/v1/conferences/{conferenceId}/participants/{callId}",
    operationId: "removeConferenceParticipant",
    tag: "Conferences",
    summary: "Remove a participant",
    description: "The participant leaves the room; their call goes on with the document after its <Dial>. One still being dialled is canceled.",
    scope: "calls:write",
    params: ZParticipantParams,
    response: ZParticipantResource,
  },
  async ({ actor, params }) => toParticipantResource(await removeConferenceParticipant(actor, params)),
);
