// A conference and its participants as use-cases return them (camelCase views, for tRPC, the worker and the Twilio
// surface) and as the native REST API and webhook events show them (snake_case resources).
import type { Conference, ConferenceParticipant, ConferenceParticipantStatus, ConferenceStatus } from "@/generated/prisma/client";
import type { RoleRule } from "@/server/tenancy";

/** Reading rooms: every member; changing a live room (mute, hold, remove, end, add): supervisors and developers. */
export const CONFERENCE_READ_ROLE: RoleRule = { minRole: "AGENT" };
export const CONFERENCE_WRITE_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };

export interface ConferenceView {
  id: string;
  tenantId: string;
  friendlyName: string;
  status: ConferenceStatus;
  reasonEnded: string | null;
  callSidEndingConference: string | null;
  recordingId: string | null;
  participantCount: number;
  startedAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ParticipantView {
  id: string;
  tenantId: string;
  conferenceId: string;
  callId: string;
  label: string | null;
  status: ConferenceParticipantStatus;
  muted: boolean;
  hold: boolean;
  coaching: boolean;
  callSidToCoach: string | null;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  memberId: number | null;
  joinedAt: Date | null;
  leftAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Participants still in the room or on their way in. */
export const ACTIVE_PARTICIPANT_STATUSES: ConferenceParticipantStatus[] = ["QUEUED", "CONNECTING", "RINGING", "CONNECTED"];

export const CONFERENCE_VIEW_INCLUDE = { _count: { select: { participants: { where: { status: { in: ACTIVE_PARTICIPANT_STATUSES } } } } } } as const;

export function toConferenceView(row: Conference & { _count?: { participants: number } }): ConferenceView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    friendlyName: row.friendlyName,
    status: row.status,
    reasonEnded: row.reasonEnded,
    callSidEndingConference: row.callSidEndingConference,
    recordingId: row.recordingId,
    participantCount: row._count?.participants ?? 0,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toParticipantView(row: ConferenceParticipant): ParticipantView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    conferenceId: row.conferenceId,
    callId: row.callId,
    label: row.label,
    status: row.status,
    muted: row.muted,
    hold: row.hold,
    coaching: row.coaching,
    callSidToCoach: row.callSidToCoach,
    startConferenceOnEnter: row.startConferenceOnEnter,
    endConferenceOnExit: row.endConferenceOnExit,
    memberId: row.memberId,
    joinedAt: row.joinedAt,
    leftAt: row.leftAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Twilio's lower-case names: init, in-progress, completed; queued, connecting, ringing, connected, complete. */
const CONFERENCE_STATUS_NAMES = { INIT: "init", IN_PROGRESS: "in-progress", COMPLETED: "completed" } as const satisfies Record<ConferenceStatus, string>;
const PARTICIPANT_STATUS_NAMES = { QUEUED: "queued", CONNECTING: "connecting", RINGING: "ringing", CONNECTED: "connected", COMPLETED: "complete" } as const satisfies Record<ConferenceParticipantStatus, string>;

export function conferenceStatusName(status: ConferenceStatus) {
  return CONFERENCE_STATUS_NAMES[status];
}

export function participantStatusName(status: ConferenceParticipantStatus) {
  return PARTICIPANT_STATUS_NAMES[status];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toConferenceResource(c: ConferenceView) {
  return {
    id: c.id,
    friendly_name: c.friendlyName,
    status: conferenceStatusName(c.status),
    reason_ended: c.reasonEnded,
    call_sid_ending_conference: c.callSidEndingConference,
    recording_id: c.recordingId,
    participant_count: c.participantCount,
    started_at: iso(c.startedAt),
    ended_at: iso(c.endedAt),
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

export function toParticipantResource(p: ParticipantView) {
  return {
    conference_id: p.conferenceId,
    call_id: p.callId,
    label: p.label,
    status: participantStatusName(p.status),
    muted: p.muted,
    hold: p.hold,
    coaching: p.coaching,
    call_sid_to_coach: p.callSidToCoach,
    start_conference_on_enter: p.startConferenceOnEnter,
    end_conference_on_exit: p.endConferenceOnExit,
    joined_at: iso(p.joinedAt),
    left_at: iso(p.leftAt),
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}
