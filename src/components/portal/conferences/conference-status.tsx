import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { ConferenceRow, ParticipantRow } from "@/components/portal/conferences/types";

const CONFERENCE: Record<ConferenceRow["status"], { label: string; variant: NonNullable<BadgeProps["variant"]> }> = {
  INIT: { label: "Waiting", variant: "info" },
  IN_PROGRESS: { label: "Live", variant: "default" },
  COMPLETED: { label: "Ended", variant: "secondary" },
};

const PARTICIPANT: Record<ParticipantRow["status"], { label: string; variant: NonNullable<BadgeProps["variant"]> }> = {
  QUEUED: { label: "Dialling", variant: "secondary" },
  CONNECTING: { label: "Joining", variant: "info" },
  RINGING: { label: "Ringing", variant: "info" },
  CONNECTED: { label: "In the room", variant: "success" },
  COMPLETED: { label: "Left", variant: "outline" },
};

/** Why a room ended, in words (Twilio's ReasonConferenceEnded). */
export const REASON_ENDED: Record<string, string> = {
  "conference-ended-via-api": "Ended from the portal or the API",
  "participant-with-end-conference-on-exit-left": "The host left",
  "last-participant-left": "Everyone left",
  "last-participant-kicked": "The last participant was removed",
};

export function ConferenceStatusBadge({ status }: { status: ConferenceRow["status"] }) {
  const s = CONFERENCE[status];
  return (
    <Badge variant={s.variant}>
      {status === "IN_PROGRESS" && <span aria-hidden="true" className="size-1.5 animate-pulse rounded-full bg-current" />}
      {s.label}
    </Badge>
  );
}

export function ParticipantStatusBadge({ status }: { status: ParticipantRow["status"] }) {
  const s = PARTICIPANT[status];
  return <Badge variant={s.variant}>{s.label}</Badge>;
}
