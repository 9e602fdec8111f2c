// A recording as tenants see it: no storage keys, data key ids or switch paths.
import type { Prisma, Recording } from "@/generated/prisma/client";
import type { RecordingStatus } from "@/generated/prisma/enums";
import type { RoleRule } from "@/server/tenancy";

/** Listening to and listing recordings: supervisors and up, and developers (API keys act as DEVELOPER). */
export const RECORDING_READ_ROLE: RoleRule = { minRole: "SUPERVISOR", alsoAllow: ["DEVELOPER"] };
/** Deleting recordings and setting their retention: admins and owners (API keys: the recordings:write scope). */
export const RECORDING_ADMIN_ROLE: RoleRule = { minRole: "ADMIN" };

export interface RecordingView {
  id: string;
  callId: string;
  status: RecordingStatus;
  channels: number;
  durationSeconds: number | null;
  /** Size of the WAV in bytes (what the media route serves). */
  sizeBytes: number | null;
  contentType: string;
  errorMessage: string | null;
  startedAt: Date;
  completedAt: Date | null;
  deletedAt: Date | null;
  createdAt: Date;
}

export const RECORDING_VIEW_SELECT = {
  id: true,
  callId: true,
  status: true,
  channels: true,
  durationSeconds: true,
  sizeBytes: true,
  contentType: true,
  errorMessage: true,
  startedAt: true,
  completedAt: true,
  deletedAt: true,
  createdAt: true,
} satisfies Prisma.RecordingSelect;

export function toRecordingView(r: Pick<Recording, keyof typeof RECORDING_VIEW_SELECT>): RecordingView {
  return { ...r, sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes) };
}

/** One entry of Recording.events. */
export interface RecordingEvent {
  status: Lowercase<RecordingStatus>;
  at: string;
  detail?: string;
}
