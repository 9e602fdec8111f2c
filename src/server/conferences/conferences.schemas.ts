// Input of the conference use-cases (REST, Twilio surface, tRPC). Ids that do not parse read as NOT_FOUND
// (like another tenant's), so the lookups take any short string.
import { z } from "zod";
import { ZPageInput } from "@/server/shared/paging";
import { ZE164Number, ZE164Shape, ZHttpUrl } from "@/server/calls/calls.schemas";

export const CONFERENCE_STATUSES = ["INIT", "IN_PROGRESS", "COMPLETED"] as const;
export const PARTICIPANT_STATUSES = ["QUEUED", "CONNECTING", "RINGING", "CONNECTED", "COMPLETED"] as const;

const ZIdLookup = z.string().min(1).max(64);

export const ZFindConferencesInput = ZPageInput.extend({
  status: z.enum(CONFERENCE_STATUSES).optional(),
  /** Live rooms only (init or in progress): the portal's "live" tab. */
  live: z.boolean().optional(),
  friendlyName: z.string().trim().min(1).max(128).optional(),
  createdAfter: z.date().optional(),
  createdBefore: z.date().optional(),
  updatedAfter: z.date().optional(),
  updatedBefore: z.date().optional(),
});
export type TFindConferencesInput = z.input<typeof ZFindConferencesInput>;

export const ZConferenceIdInput = z.object({ conferenceId: ZIdLookup });
export type TConferenceIdInput = z.input<typeof ZConferenceIdInput>;

export const ZParticipantIdInput = z.object({ conferenceId: ZIdLookup, callId: ZIdLookup });
export type TParticipantIdInput = z.input<typeof ZParticipantIdInput>;

export const ZFindParticipantsInput = ZPageInput.extend({
  conferenceId: ZIdLookup,
  muted: z.boolean().optional(),
  hold: z.boolean().optional(),
  coaching: z.boolean().optional(),
  /** Include participants who left (default: only those still in the room or on their way). */
  includeCompleted: z.boolean().default(true),
});
export type TFindParticipantsInput = z.input<typeof ZFindParticipantsInput>;

export const ZUpdateParticipantInput = z
  .object({
    conferenceId: ZIdLookup,
    callId: ZIdLookup,
    muted: z.boolean().optional(),
    hold: z.boolean().optional(),
    coaching: z.boolean().optional(),
    /** The participant to coach when coaching is turned on. */
    callSidToCoach: z.string().regex(/^CA[0-9a-f]{32}$/, "must be a call id (CA…)").optional(),
  })
  .refine((v) => v.muted !== undefined || v.hold !== undefined || v.coaching !== undefined, { message: "give muted, hold or coaching", path: ["muted"] })
  .refine((v) => v.coaching !== true || v.callSidToCoach !== undefined, { message: "coaching needs call_sid_to_coach", path: ["callSidToCoach"] });
export type TUpdateParticipantInput = z.input<typeof ZUpdateParticipantInput>;

export const ZConferenceBeep = z.enum(["true", "false", "onEnter", "onExit"]);

/** A participant added by dialling out: an outbound call whose answer joins the room. */
export const ZAddParticipantInput = z.object({
  /** A conference id (CF…) or, to start one, a room name. */
  conference: z.string().trim().min(1).max(128),
  to: ZE164Number,
  from: ZE164Shape,
  label: z.string().trim().min(1).max(128).optional(),
  muted: z.boolean().default(false),
  beep: ZConferenceBeep.default("true"),
  startConferenceOnEnter: z.boolean().default(true),
  endConferenceOnExit: z.boolean().default(false),
  coaching: z.boolean().default(false),
  callSidToCoach: z.string().regex(/^CA[0-9a-f]{32}$/, "must be a call id (CA…)").optional(),
  timeout: z.number().int().min(5).max(600).default(30),
  maxParticipants: z.number().int().min(2).max(250).optional(),
  record: z.boolean().default(false),
  waitUrl: ZHttpUrl.optional(),
  conferenceStatusCallback: ZHttpUrl.optional(),
  conferenceStatusCallbackMethod: z.enum(["GET", "POST"]).default("POST"),
  conferenceStatusCallbackEvent: z.array(z.enum(["start", "end", "join", "leave", "mute", "hold", "modify", "speaker", "announcement"])).max(9).optional(),
  statusCallback: ZHttpUrl.optional(),
  statusCallbackMethod: z.enum(["GET", "POST"]).default("POST"),
});
export type TAddParticipantInput = z.input<typeof ZAddParticipantInput>;
